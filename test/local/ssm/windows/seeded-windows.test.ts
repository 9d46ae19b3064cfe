// The seeded Patch Tuesday window does nothing until the fleet clock reaches it, then scans and installs its prod
// patch groups in Priority order through Run Command.
import {
  DescribeMaintenanceWindowExecutionsCommand,
  DescribeMaintenanceWindowExecutionTaskInvocationsCommand,
  DescribeMaintenanceWindowExecutionTasksCommand,
  DescribeMaintenanceWindowsCommand,
} from '@aws-sdk/client-ssm';
import {expect, it} from 'vitest';
import {fleetControlClient} from '../../../../src/local/control-client.js';
import {windowStore} from '../../../../src/local/ssm/windows/index.js';
import {useLocalFleet} from '../../../helpers/local-fleet.js';
import {fleetClients} from '../../../helpers/fleet-clients.js';
import {waitFor} from '../../../helpers/run-command.js';

const local = useLocalFleet({nodes: 40, seed: 'windows-seeded'});
const ENDED = new Set(['SUCCESS', 'FAILED', 'TIMED_OUT', 'CANCELLED']);

it('patch-tuesday-prod opens two days after the second Tuesday (New York time) and runs Scan, then Install, on the prod patch groups', async () => {
  const c = fleetClients(local.fleet);
  const [w] = (await c.ssm.send(new DescribeMaintenanceWindowsCommand({Filters: [{Key: 'Name', Values: ['patch-tuesday-prod']}]}))).WindowIdentities ?? [];
  const next = Date.parse(w?.NextExecutionTime ?? '');
  // A Thursday, 02:00 in New York.
  const local2am = new Intl.DateTimeFormat('en-US', {timeZone: 'America/New_York', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}).format(next);
  expect(local2am).toBe('Thu 02:00');
  const runs = async () => (await c.ssm.send(new DescribeMaintenanceWindowExecutionsCommand({WindowId: w?.WindowId}))).WindowExecutions ?? [];
  expect(await runs()).toEqual([]);

  await fleetControlClient(local.fleet).advanceClock(next - windowStore(local.fleet.model).now() + 1000);
  const [ex] = await waitFor(runs, (l) => ENDED.has(l[0]?.Status ?? ''), 30_000);
  const tasks = (await c.ssm.send(new DescribeMaintenanceWindowExecutionTasksCommand({WindowExecutionId: ex?.WindowExecutionId}))).WindowExecutionTaskIdentities ?? [];
  expect(tasks.map((t) => t.TaskArn)).toEqual(['AWS-RunPatchBaseline', 'AWS-RunPatchBaseline']);
  const [scan, install] = tasks;
  expect(ENDED.has(scan?.Status ?? '')).toBe(true);
  const prod = new Set(local.fleet.model.managed().filter((n) => ['linux-prod', 'windows-prod'].includes(n.tags['PatchGroup'] ?? '')).map((n) => n.instanceId));
  const invs = (await c.ssm.send(new DescribeMaintenanceWindowExecutionTaskInvocationsCommand({WindowExecutionId: ex?.WindowExecutionId, TaskId: scan?.TaskExecutionId})))
    .WindowExecutionTaskInvocationIdentities ?? [];
  expect(invs.length).toBeGreaterThan(0);
  for (const inv of invs) {
    const params = JSON.parse(inv.Parameters ?? '{}') as {instanceIds: string[]; parameters: {Operation: string[]}};
    expect(prod.has(params.instanceIds[0] ?? '')).toBe(true);
    expect(params.parameters.Operation).toEqual(['Scan']);
  }
  if (install?.StartTime !== undefined) expect(install.StartTime.getTime()).toBeGreaterThanOrEqual(scan?.EndTime?.getTime() ?? Infinity);
});
