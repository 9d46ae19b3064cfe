// `fleetdeck windows` of the built CLI against a local fleet: the seeded windows listed with their next run (table and
// JSON); a window created through the SDK on a tag expression with a shell task, shown with its next 3 runs, targets
// and tasks; the fleet clock moved to its opening, its run listed and each task's per-instance invocations read.
import {CreateMaintenanceWindowCommand, RegisterTargetWithMaintenanceWindowCommand, RegisterTaskWithMaintenanceWindowCommand, SSMClient} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {fleetCli, useLocalFleet} from '../helpers/local-fleet.js';
import {fleetControlClient} from '../../src/local/control-client.js';
import {windowStore} from '../../src/local/ssm/windows/index.js';
import {linuxNodes, waitFor} from '../helpers/run-command.js';

const t = useLocalFleet({nodes: 8, seed: 'windows-headless'});

const cli = fleetCli(t);

const sdk = () => new SSMClient({region: t.fleet.region, endpoint: t.fleet.endpoint, credentials: t.fleet.credentials});
const json = <T>(out: {stdout: string}) => JSON.parse(out.stdout) as T;

interface Identity {WindowId: string; Name: string; Enabled: boolean; Schedule: string; ScheduleTimezone?: string; Duration: number; Cutoff: number; NextExecutionTime?: string}

describe('fleetdeck windows', () => {
  it('lists the windows with their schedule and next run, as a table and as JSON', async () => {
    const table = await cli('windows', 'ls');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+ENABLED\s+SCHEDULE\s+TIME ZONE\s+DURATION\s+NEXT RUN$/m);
    expect(table.stdout).toMatch(/^mw-[0-9a-f]{17}\s+patch-tuesday-prod\s+yes\s+cron\(0 2 \? \* TUE#2 \*\)\s+America\/New_York\s+4h, cutoff 1h\s+\d{4}-\d\d-\d\dT/m);
    const rows = json<Identity[]>(await cli('windows', 'ls', '--output', 'json'));
    expect(rows.find((w) => w.Name === 'nightly-scan-staging')).toMatchObject({Enabled: false, Schedule: 'cron(30 1 ? * MON-FRI *)'});
    expect(rows.find((w) => w.Name === 'patch-tuesday-prod')?.NextExecutionTime).toMatch(/^\d{4}-/);
  });

  it('shows a window with its targets and tasks, runs it on the fleet clock and reads each invocation', async () => {
    const ssm = sdk();
    const nodes = linuxNodes(t.fleet).slice(0, 2).map((n) => n.instanceId);
    for (const id of nodes) t.fleet.model.setTag(id, 'Maint', 'headless');
    const {WindowId: id = ''} = await ssm.send(new CreateMaintenanceWindowCommand({Name: 'headless-window', Schedule: 'rate(3 hours)', ScheduleTimezone: 'Europe/Paris',
      Duration: 2, Cutoff: 1, AllowUnassociatedTargets: false}));
    const {WindowTargetId: target = ''} = await ssm.send(new RegisterTargetWithMaintenanceWindowCommand({WindowId: id, ResourceType: 'INSTANCE',
      Targets: [{Key: 'tag:Maint', Values: ['headless']}]}));
    await ssm.send(new RegisterTaskWithMaintenanceWindowCommand({WindowId: id, TaskArn: 'AWS-RunShellScript', TaskType: 'RUN_COMMAND', Priority: 1,
      Targets: [{Key: 'WindowTargetIds', Values: [target]}], MaxConcurrency: '2', MaxErrors: '0',
      TaskInvocationParameters: {RunCommand: {Parameters: {commands: ['echo headless-window-ok']}}}}));
    const shown = await cli('windows', 'show', id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^Schedule\s+rate\(3 hours\) Europe\/Paris$/m);
    for (const n of [1, 2, 3]) expect(shown.stdout).toMatch(new RegExp(`^Next run ${n}\\s+\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z$`, 'm'));
    expect(shown.stdout).toMatch(new RegExp(`^${target}\\s+tag:Maint=headless$`, 'm'));
    expect(shown.stdout).toMatch(/\s1\s+RUN_COMMAND\s+AWS-RunShellScript\s+WindowTargetIds=\S+\s+2\s+0\s+commands=echo headless-window-ok$/m);
    const full = json<{NextRuns: string[]; Targets: unknown[]; Tasks: {TaskArn: string; Priority: number}[]}>(await cli('windows', 'show', id, '--output', 'json'));
    expect(full.NextRuns).toHaveLength(3);
    expect(full.Tasks).toEqual([expect.objectContaining({TaskArn: 'AWS-RunShellScript', Priority: 1, Parameters: {commands: ['echo headless-window-ok']}})]);
    expect((await cli('windows', 'executions', id)).stdout).toBe('RUN  STATUS  STARTED  ENDED  DETAILS\n');

    const next = Date.parse(json<Identity[]>(await cli('windows', 'ls', '--output', 'json')).find((w) => w.WindowId === id)?.NextExecutionTime ?? '');
    await fleetControlClient(t.fleet).advanceClock(next - windowStore(t.fleet.model).now() + 1_000);
    const runs = await waitFor(async () => json<{WindowExecutionId: string; Status: string}[]>(await cli('windows', 'executions', id, '--output', 'json')),
      (r) => r[0]?.Status === 'SUCCESS', 30_000);
    const run = runs[0]?.WindowExecutionId ?? '';
    const tasks = json<{TaskArn: string; Status: string; Invocations: {InstanceId: string; Status: string; ExecutionId: string}[]}[]>(
      await cli('windows', 'executions', id, '--execution', run, '--output', 'json'));
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({TaskArn: 'AWS-RunShellScript', Status: 'SUCCESS'});
    expect(tasks[0]?.Invocations.map((i) => i.InstanceId).sort()).toEqual([...nodes].sort());
    expect(tasks[0]?.Invocations.every((i) => i.Status === 'SUCCESS' && /^[0-9a-f-]{36}$/.test(i.ExecutionId))).toBe(true);
    const table = await cli('windows', 'executions', id, '--execution', run);
    expect(table.code).toBe(0);
    for (const n of nodes) expect(table.stdout).toMatch(new RegExp(`^\\s+${n}\\s+SUCCESS\\s+[0-9a-f-]{36}\\s+\\d{4}-`, 'm'));
  }, 60_000);

  it('says what is wrong: an unknown window (exit 1) and a missing id (exit 2)', async () => {
    const missing = await cli('windows', 'show', 'mw-0123456789abcdef0');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/mw-0123456789abcdef0/);
    const usage = await cli('windows', 'show');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: fleetdeck windows show WINDOW-ID/);
  });
});
