// "Install in the next window" in the real App (Ink), over the local fleet through the real adapters: from marked
// instances and from the non-compliant Patch instances, a picker of the enabled windows by next run, a confirmation
// that says when the window opens, then the instances registered as the window's target with an
// AWS-RunPatchBaseline Install task (read back through the SDK) and both registrations audited; read-only refuses.
import {describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {complianceApi} from '../../../src/aws/compliance/compliance-api.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import {windowsApi} from '../../../src/aws/windows/window-api.js';
import {readAudit} from '../../../src/audit.js';
import {usePrivateStateDir} from '../../helpers/state-dir.js';

const local = useFleetClients({nodes: 24, seed: 'patch-next-window'});
const renderApp = useAppRenderer();

usePrivateStateDir('fd-patch-window-');

async function setup(readOnly = false) {
  const store: AppStore = createAppStore({size: {cols: 200, rows: 45}});
  const loader = new FleetLoader(local.aws);
  const services: Services = {loadFleet: (o) => loader.load(o), runCommand: runCommandApi(local.aws), windows: windowsApi(local.aws),
    compliance: complianceApi(local.aws), identity: 'local'};
  const app = renderApp({store, services, readOnly, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  const frame = (pred: (s: string) => boolean, what: string) => app.frame(pred, what, 10_000);
  await frame((s) => /Managed instances [1-9]\d*\//.test(s) && !s.includes('loading the fleet'), 'instances loaded');
  return {store, press: app.press, frame};
}

const LOCAL_TIME = /(Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d+ [A-Z][a-z]{2}( \d{4})? \d\d:\d\d/;
const WINDOW = 'patch-tuesday-prod';

/** The window's targets and tasks as SSM has them, for these instances. */
async function registeredFor(ids: readonly string[]) {
  const api = windowsApi(local.aws);
  const w = (await api.list()).find((x) => x.name === WINDOW);
  const targets = await api.targets(w?.windowId ?? '');
  const target = targets.find((t) => t.targets.some((s) => s.Key === 'InstanceIds' && [...s.Values].sort().join() === [...ids].sort().join()));
  const tasks = await api.tasks(w?.windowId ?? '');
  const task = tasks.find((t) => t.targets.some((s) => s.Key === 'WindowTargetIds' && s.Values.includes(target?.windowTargetId ?? '-')));
  const parameters = task ? await api.taskParameters(w?.windowId ?? '', task.windowTaskId) : undefined;
  return {windowId: w?.windowId, target, task, parameters};
}

describe('install in the next window', () => {
  it('from marked instances: picks an enabled window by its next run, confirms with that time, registers target and Install task, audited', async () => {
    const {store, press, frame} = await setup();
    await press(' ', ' ');
    const marked = [...(store.getState().tables.instances?.marks ?? [])];
    expect(marked).toHaveLength(2);
    await press('N');
    const picker = await frame((s) => s.includes('install in which window?') && s.includes(WINDOW), 'the picker');
    expect(picker).toMatch(new RegExp(`1 \\S+ \\(${LOCAL_TIME.source} \\(in \\d+`));
    expect(picker).not.toContain('nightly-scan-staging'); // disabled: never opens
    await press(...WINDOW, '\r');
    await frame((s) => new RegExp(`Install patches \\(AWS-RunPatchBaseline Install, RebootIfNeeded\\) on 2 instances in ${WINDOW}, next run ${LOCAL_TIME.source}`).test(s),
      'the question with the next run');
    await press('y');
    await frame((s) => s.includes(`2 instances will install patches in ${WINDOW}`), 'registered');
    const got = await registeredFor(marked);
    expect(got.target?.resourceType).toBe('INSTANCE');
    expect(got.task?.taskArn).toBe('AWS-RunPatchBaseline');
    expect(got.task?.taskType).toBe('RUN_COMMAND');
    expect(got.parameters).toEqual({Operation: ['Install'], RebootOption: ['RebootIfNeeded']});
    const audit = readAudit();
    expect(audit.find((e) => e['action'] === 'RegisterTargetWithMaintenanceWindow')).toMatchObject({windowId: got.windowId,
      windowTargetId: got.target?.windowTargetId, via: 'dashboard'});
    expect(audit.find((e) => e['action'] === 'RegisterTaskWithMaintenanceWindow')).toMatchObject({windowId: got.windowId,
      windowTaskId: got.task?.windowTaskId, document: 'AWS-RunPatchBaseline'});
  });

  it('from the non-compliant Patch instances, the one under the cursor, by number in the picker', async () => {
    const {store, press, frame} = await setup();
    await press(':', ...'compliance', '\r');
    await frame((s) => s.includes('Patch'), 'summary');
    await press('/', ...'Patch', '\r', '\r');
    await frame((s) => /Non-compliant Patch \d+\/\d+/.test(s), 'non-compliant instances');
    const st = store.getState().tables['compliance-instances'];
    const first = (st?.visible[st.cursor] as {instanceId: string}).instanceId;
    await press('N');
    const picker = await frame((s) => s.includes('install in which window?'), 'the picker');
    const n = (new RegExp(`(\\d) ${WINDOW} \\(`).exec(picker) ?? [])[1] ?? '';
    expect(n).not.toBe('');
    await press(n, '\r');
    await frame((s) => s.includes(`on 1 instance in ${WINDOW}, next run`), 'the question');
    await press('y');
    await frame((s) => s.includes(`1 instance will install patches in ${WINDOW}`), 'registered');
    expect((await registeredFor([first])).parameters).toEqual({Operation: ['Install'], RebootOption: ['RebootIfNeeded']});
  });

  it('read-only refuses, from the instances and from compliance, and registers nothing', async () => {
    const before = (await windowsApi(local.aws).list()).length;
    const {store, press, frame} = await setup(true);
    await press(' ', 'N');
    await frame((s) => s.includes('read-only mode: registering tasks is off'), 'refused in instances');
    expect(store.getState().prompt).toBeUndefined();
    await press(':', ...'compliance', '\r', '/', ...'Patch', '\r', '\r');
    await frame((s) => /Non-compliant Patch \d+\/\d+/.test(s), 'non-compliant instances');
    await press('N');
    expect(store.getState().prompt).toBeUndefined();
    expect((await windowsApi(local.aws).list()).length).toBe(before);
    expect(readAudit().filter((e) => e['action'] === 'RegisterTaskWithMaintenanceWindow')).toHaveLength(2);
  });
});
