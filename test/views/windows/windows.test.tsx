// The Maintenance Windows views in the real App (Ink), with the real adapter over the local fleet: the live list with
// each window's next run in local time counting down and its last run; the detail with targets resolved to instances
// and tasks; the form (a schedule refused then previewed as it is typed), confirmed and audited; editing a window; targets on a tag
// expression and a Run Command task registered; a run on the fleet clock down to each instance's output; enable and
// disable; read-only refusals.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import {windowsApi} from '../../../src/aws/windows/window-api.js';
import {fleetControlClient} from '../../../src/local/control-client.js';
import {windowStore} from '../../../src/local/ssm/windows/index.js';
import {readAudit} from '../../../src/audit.js';
import {linuxNodes} from '../../helpers/run-command.js';

const local = useFleetClients({nodes: 16, seed: 'window-views'});
const renderApp = useAppRenderer();

let tagged: string[] = [];
let stateDir = '';
let savedState: string | undefined;
beforeAll(() => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-windows-'));
  savedState = process.env['XDG_STATE_HOME'];
  process.env['XDG_STATE_HOME'] = stateDir;
  tagged = linuxNodes(local.fleet).slice(0, 2).map((n) => n.instanceId);
  for (const id of tagged) local.fleet.model.setTag(id, 'Maint', 'views');
});
afterAll(() => {
  if (savedState === undefined) delete process.env['XDG_STATE_HOME'];
  else process.env['XDG_STATE_HOME'] = savedState;
});

async function setup(readOnly = false) {
  const store: AppStore = createAppStore({size: {cols: 180, rows: 45}});
  const loader = new FleetLoader(local.aws);
  const services: Services = {loadFleet: (o) => loader.load(o), runCommand: runCommandApi(local.aws), windows: windowsApi(local.aws), identity: 'local'};
  const app = renderApp({store, services, readOnly, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  const frame = (pred: (s: string) => boolean, what: string, ms = 10_000) => app.frame(pred, what, ms);
  await frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
  return {store, press: app.press, frame};
}

const LOCAL_TIME = /(Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d+ [A-Z][a-z]{2}( \d{4})? \d\d:\d\d/;

describe('maintenance windows views', () => {
  it('lists the windows with the next run counting down; / filters; the detail resolves targets to instances and lists tasks', async () => {
    const {press, frame} = await setup();
    await press(':', ...'mw', '\r');
    const list = await frame((s) => /Maintenance windows \d+\/\d+/.test(s) && s.includes('patch-tuesday-prod') && s.includes('nightly-scan-staging'), 'the windows');
    expect(list).toMatch(new RegExp(`patch-tuesday-prod\\s+yes\\s+cron\\(.*\\) \\S+.*\\dh, cutoff 1h\\s+${LOCAL_TIME.source} \\(in \\d+[dhms]`));
    expect(list).toMatch(/nightly-scan-staging\s+no\s.*—/);
    await press('/', ...'patch-tuesday', '\r');
    await frame((s) => /Maintenance windows 1\/\d+/.test(s), 'filtered');
    await press('\r');
    const detail = await frame((s) => s.includes('Window id') && s.includes('Tasks (2, in priority order)'), 'the detail');
    expect(detail).toMatch(new RegExp(`Next runs\\s+${LOCAL_TIME.source} · ${LOCAL_TIME.source} · ${LOCAL_TIME.source} \\(local time\\)`));
    expect(detail).toMatch(/→ \d+ instances?: /);
    expect(detail).toMatch(/ 1\s+RUN_COMMAND\s+AWS-RunPatchBaseline/);
    expect(detail).toMatch(/max concurrency \S+ · max errors \S+/);
    expect(detail).toMatch(/parameters: Operation=(Scan|Install)/);
  });

  it('creates a window (schedule checked as typed), registers a tag target and a shell task, runs it on the fleet clock, shows each invocation and its output', async () => {
    const {press, frame} = await setup();
    await press(':', ...'maintenance-windows', '\r');
    await frame((s) => s.includes('patch-tuesday-prod'), 'the windows');
    await press('c');
    await frame((s) => s.includes('Create a maintenance window') && s.includes('name: 3 to 128'), 'the form');
    await press('n', ...'views-window', '\r', 's', '\x15', ...'cron(0 2 * * *)');
    await frame((s) => s.includes('✗ Invalid schedule: cron(0 2 * * *) is not valid: it needs 6 fields'), 'the schedule refused while typed');
    await press('\x15', ...'rate(2 hours)');
    await frame((s) => new RegExp(`next: ${LOCAL_TIME.source} · ${LOCAL_TIME.source} · ${LOCAL_TIME.source} \\(local time\\)`).test(s), 'the next 3 runs while typed');
    await press('\r', 'z', ...'Europe/Paris', '\r', 'c', '\x15', ...'3', '\r');
    await frame((s) => s.includes('✗ The cutoff (3 hours) must be less than the duration (3 hours)'), 'SSM refuses the cutoff');
    await press('c', '\x15', ...'1', '\r');
    await frame((s) => s.includes('enter creates it'), 'the form is valid');
    await press('\r');
    await frame((s) => s.includes('Create the maintenance window views-window, rate(2 hours) Europe/Paris, 3h?'), 'the question');
    await press('y');
    const created = await frame((s) => s.includes('Window id') && s.includes('views-window') && s.includes('Targets (0)'), 'the new window');
    const windowId = (/Window id\s+(mw-[0-9a-f]+)/.exec(created) ?? [])[1] ?? '';
    expect(readAudit().find((e) => e['action'] === 'CreateMaintenanceWindow')).toMatchObject({windowId, name: 'views-window', via: 'dashboard'});
    await press('t', ...'tag:Maint=views', '\r');
    await frame((s) => s.includes('Register tag:Maint=views with views-window?'), 'the targets question');
    await press('y');
    await frame((s) => s.includes('Targets (1)') && s.includes('→ 2 instances: '), 'the target resolved to instances');
    await press('a', ...'AWS-RunShellScript commands=echo window-views-ok concurrency=2 errors=0', '\r');
    await frame((s) => s.includes('Register AWS-RunShellScript on the 1 target of views-window?'), 'the task question');
    await press('y');
    await frame((s) => s.includes('Tasks (1, in priority order)') && s.includes('max concurrency 2 · max errors 0') && s.includes('parameters: commands=echo window-views-ok'), 'the task registered');
    const audit = readAudit();
    expect(audit.find((e) => e['action'] === 'RegisterTargetWithMaintenanceWindow')).toMatchObject({windowId});
    expect(audit.find((e) => e['action'] === 'RegisterTaskWithMaintenanceWindow')).toMatchObject({windowId, document: 'AWS-RunShellScript'});
    // The fleet clock moves to the window's opening: it runs its task on both instances.
    const next = (await windowsApi(local.aws).get(windowId)).nextExecutionAt ?? 0;
    await fleetControlClient(local.fleet).advanceClock(next - windowStore(local.fleet.model).now() + 1_000);
    await press('e');
    await frame((s) => /Window runs \S+ 1\/1/.test(s) && s.includes('SUCCESS'), 'the run succeeded', 30_000);
    await press('\r');
    await frame((s) => s.includes('AWS-RunShellScript') && s.includes('SUCCESS') && s.includes('1 task'), 'the run\'s task');
    await press('\r');
    const invocations = await frame((s) => s.includes('2 success · 0 failed'), 'per-instance invocations');
    for (const id of tagged) expect(invocations).toContain(id);
    await press('\r');
    await frame((s) => s.includes('window-views-ok') && s.includes('exit code 0'), 'the output');
  }, 90_000);

  it('disables, enables and edits a window (asked, audited); read-only refuses every change', async () => {
    const {press, frame} = await setup();
    await press(':', ...'windows', '\r');
    await frame((s) => s.includes('weekly-reboot-dev'), 'the windows');
    await press('/', ...'weekly-reboot', '\r', 'x');
    await frame((s) => s.includes('Disable the maintenance window weekly-reboot-dev?'), 'the question');
    await press('y');
    await frame((s) => /weekly-reboot-dev\s+no\s/.test(s) && s.includes('disabled weekly-reboot-dev'), 'disabled');
    expect((await windowsApi(local.aws).list()).find((w) => w.name === 'weekly-reboot-dev')?.enabled).toBe(false);
    expect(readAudit().find((e) => e['action'] === 'UpdateMaintenanceWindow')).toMatchObject({enabled: false});
    await press('x', 'y');
    await frame((s) => /weekly-reboot-dev\s+yes\s/.test(s) && s.includes('enabled weekly-reboot-dev'), 'enabled again');
    // Edit: the form opens with what SSM has; a new duration is saved (asked, audited) and the window shown.
    await press('E');
    await frame((s) => s.includes('Edit the maintenance window') && /Schedule\s+cron\(0 4 \? \* SUN \*\)/.test(s) && /Time zone\s+Europe\/Berlin/.test(s), 'the edit form');
    await press('d', '\x15', ...'5', '\r', '\r');
    await frame((s) => s.includes('Save the maintenance window weekly-reboot-dev, cron(0 4 ? * SUN *) Europe/Berlin, 5h?'), 'the save question');
    await press('y');
    await frame((s) => s.includes('Window id') && /Duration\s+5h, cutoff 0h/.test(s), 'the saved window');
    expect(readAudit().filter((e) => e['action'] === 'UpdateMaintenanceWindow').at(-1)).toMatchObject({name: 'weekly-reboot-dev', durationHours: 5, timeZone: 'Europe/Berlin'});
    const ro = await setup(true);
    await ro.press(':', ...'mw', '\r');
    await ro.frame((s) => s.includes('weekly-reboot-dev'), 'the windows');
    await ro.press('x');
    await ro.frame((s) => s.includes('read-only mode: enabling or disabling a maintenance window is off'), 'toggle refused');
    await ro.press('c');
    await ro.frame((s) => s.includes('read-only mode: creating a maintenance window is off'), 'create refused');
    await ro.press('\r');
    await ro.frame((s) => s.includes('Window id'), 'the detail');
    await ro.press('t');
    await ro.frame((s) => s.includes('read-only mode: registering targets is off'), 'targets refused');
  }, 60_000);
});
