// The Maintenance Windows adapter through the real SDK against the local fleet: windows with their next openings,
// targets and tasks, a run on the fleet clock down to per-instance invocations, and error mapping.
import {describe, expect, it} from 'vitest';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {windowsApi} from '../../../src/aws/windows/window-api.js';
import {fleetControlClient} from '../../../src/local/control-client.js';
import {windowStore} from '../../../src/local/ssm/windows/index.js';
import {WindowError, type WindowsApi} from '../../../src/fleet/windows/port.js';
import {previewWindowSchedule, type WindowExecutionInfo} from '../../../src/fleet/windows/window.js';
import {linuxNodes, waitFor} from '../../helpers/run-command.js';

const f = useFleetClients({nodes: 20, seed: 'windows-adapter'});
const api = (): WindowsApi => windowsApi(f.aws);

async function failure(call: Promise<unknown>): Promise<WindowError> {
  try {
    await call;
  } catch (err) {
    expect(err).toBeInstanceOf(WindowError);
    return err as WindowError;
  }
  throw new Error('expected a WindowError');
}

describe('windows adapter', () => {
  it('lists the windows with their next opening, as the schedule preview computes it', async () => {
    const list = await api().list();
    expect(list.map((w) => w.name)).toEqual(expect.arrayContaining(['patch-tuesday-prod', 'weekly-reboot-dev', 'nightly-scan-staging']));
    const patch = list.find((w) => w.name === 'patch-tuesday-prod');
    const now = windowStore(f.fleet.model).now();
    const preview = previewWindowSchedule({schedule: patch?.schedule ?? '', timeZone: patch?.timeZone, offsetDays: patch?.offsetDays}, now, 3);
    expect(preview.ok && preview.runs[0]).toBe(patch?.nextExecutionAt);
    expect(await api().schedule(patch?.windowId ?? '', 3)).toEqual(preview.ok ? preview.runs.map((t) => Math.floor(t / 60_000) * 60_000) : []);
    const tasks = await api().tasks(patch?.windowId ?? '');
    expect(tasks.map((t) => [t.priority, t.taskArn, t.taskType])).toEqual([[1, 'AWS-RunPatchBaseline', 'RUN_COMMAND'], [2, 'AWS-RunPatchBaseline', 'RUN_COMMAND']]);
  });

  it('creates a window with a target and a Run Command task, sees it run on the fleet clock, and reads every invocation', async () => {
    const node = linuxNodes(f.fleet)[0]?.instanceId ?? '';
    f.fleet.model.setTag(node, 'Tier', 'adapter');
    const windowId = await api().create({
      name: 'adapter-window', description: 'nightly \u001b]52;c;cGF5bG9hZA==\u0007\u001b[2Jrun', schedule: 'rate(1 hour)', durationHours: 2, cutoffHours: 1,
      allowUnassociatedTargets: false,
    });
    const targetId = await api().registerTarget(windowId, {targets: [{Key: 'tag:Tier', Values: ['adapter']}], ownerInformation: 'ops'});
    await api().registerRunCommandTask(windowId, {
      documentName: 'AWS-RunShellScript', targets: [{Key: 'WindowTargetIds', Values: [targetId]}], parameters: {commands: ['echo adapter-ok']},
      maxConcurrency: '1', maxErrors: '0',
    });
    const detail = await api().get(windowId);
    expect(detail).toMatchObject({name: 'adapter-window', enabled: true, allowUnassociatedTargets: false, durationHours: 2, cutoffHours: 1});
    expect(detail.description).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/); // what the endpoint sent is shown, never obeyed
    expect(detail.description).toContain('nightly');
    expect((await api().targets(windowId)).map((t) => [t.windowTargetId, t.ownerInformation])).toEqual([[targetId, 'ops']]);

    await fleetControlClient(f.fleet).advanceClock((detail.nextExecutionAt ?? 0) - windowStore(f.fleet.model).now() + 1000);
    const [run] = await waitFor(() => api().executions(windowId), (l: WindowExecutionInfo[]) => l[0]?.status === 'SUCCESS');
    const [task] = await api().executionTasks(run?.windowExecutionId ?? '');
    expect(task).toMatchObject({status: 'SUCCESS', taskArn: 'AWS-RunShellScript', taskType: 'RUN_COMMAND'});
    const invs = await api().invocations(run?.windowExecutionId ?? '', task?.taskExecutionId ?? '');
    expect(invs).toMatchObject([{instanceId: node, status: 'SUCCESS', windowTargetId: targetId, ownerInformation: 'ops'}]);
    expect(invs[0]?.executionId).toMatch(/^[0-9a-f-]{36}$/);

    await api().setEnabled(windowId, false);
    expect((await api().get(windowId)).nextExecutionAt).toBeUndefined();
    await api().delete(windowId);
  });

  it('maps errors: not-found, invalid, in-use', async () => {
    expect((await failure(api().get('mw-0123456789abcdef0'))).kind).toBe('not-found');
    const invalid = await failure(api().create({name: 'bad', schedule: 'cron(0 2 ? * SUN *)', durationHours: 2, cutoffHours: 2, allowUnassociatedTargets: false}));
    expect(invalid.kind).toBe('invalid');
    expect(invalid.message).toMatch(/must be less than the duration/);
    const patch = (await api().list()).find((w) => w.name === 'patch-tuesday-prod');
    const [target] = await api().targets(patch?.windowId ?? '');
    expect((await failure(api().deregisterTarget(patch?.windowId ?? '', target?.windowTargetId ?? ''))).kind).toBe('in-use');
  });
});
