// The Patch Manager baseline views in the real App (Ink), with the real adapters over the local fleet: the list with
// the defaults starred, rules in short, counts and patch groups, and `/`; one baseline's rules, exceptions and the
// instances that use it (through a patch group or as the default) with their patch state counts; a baseline created
// from the form, its rules edited, made the default, a patch group registered and deregistered — each asked and
// audited; read-only refusals with the reason.
import {describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {complianceApi} from '../../../src/aws/compliance/compliance-api.js';
import {baselinesApi} from '../../../src/aws/baselines/baselines-api.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import {readAudit} from '../../../src/audit.js';
import {nodeOperatingSystem, nodePatchGroup} from '../../../src/local/ssm/baselines/store.js';
import {usePrivateStateDir} from '../../helpers/state-dir.js';

const local = useFleetClients({nodes: 60, seed: 'baseline-views'});
const renderApp = useAppRenderer();

usePrivateStateDir('fd-baselines-');

async function setup(readOnly = false) {
  const store: AppStore = createAppStore({size: {cols: 170, rows: 60}});
  const loader = new FleetLoader(local.aws);
  const services: Services = {
    loadFleet: (o) => loader.load(o), compliance: complianceApi(local.aws), baselines: baselinesApi(local.aws), runCommand: runCommandApi(local.aws),
    identity: 'local',
  };
  const app = renderApp({store, services, readOnly, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  const frame = (pred: (s: string) => boolean, what: string, ms = 10_000) => app.frame(pred, what, ms);
  await frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
  return {store, press: app.press, frame};
}

const LINUX_GROUPS = ['linux-dev', 'linux-prod', 'linux-staging'];

describe('patch baselines views', () => {
  it('lists baselines with the defaults starred, rules in short, counts and patch groups; / filters; the detail lists who uses it', async () => {
    const {press, frame} = await setup();
    await press(':', ...'pb', '\r');
    const list = await frame((s) => /Patch baselines \d+\/\d+/.test(s) && s.includes('Security/Critical,Important +7d') && !/\s…\s/.test(s), 'the baselines');
    expect(list).toMatch(/★\s+linux-security-critical\s+AMAZON_LINUX_2023\s+Security\/Critical,Important \+7d\s+0\s+0\s+linux-dev,linux-prod,linux-staging/);
    expect(list).toMatch(/windows-prod-monthly\s+WINDOWS\s+SecurityUpdates,CriticalUpdates \+14d\s+0\s+0\s+windows-prod/);
    expect(list).toMatch(/★\s+AWS-DefaultPatchBaseline\s+WINDOWS/);
    // The AL2023 default is the custom one now, so AWS's own AL2023 baseline has no star.
    expect(list).toMatch(/\n[│ ]*\s{2,}AWS-AmazonLinux2023DefaultPatchBaseline/);
    expect(list).toMatch(/\d+ defaults · 4 patch groups/);
    await press('/', ...'os:windows', '\r');
    const windows = await frame((s) => /Patch baselines \d+\/\d+/.test(s) && !s.includes('linux-security-critical'), 'windows only');
    expect(windows).toContain('windows-prod-monthly');
    expect(windows).not.toContain('AMAZON_LINUX_2023');
    await press('\x1b', '/', ...'linux-security', '\r', '\r');
    const detail = await frame((s) => s.includes('Approval rules') && /Instances using it\s+\d+ ·/.test(s), 'the detail with its instances');
    expect(detail).toMatch(/Operating system\s+AMAZON_LINUX_2023\s+★ default for it/);
    expect(detail).toMatch(/1\. Security\/Critical,Important \+7d\s+compliance CRITICAL/);
    expect(detail).toMatch(/CLASSIFICATION\s+Security/);
    expect(detail).toMatch(/Rejected action\s+ALLOW_AS_DEPENDENCY/);
    // Every AL2023 node of its patch groups, and those in no group with an AL2023 baseline (it is the default).
    const expected = local.fleet.model.managed().filter((n) => nodeOperatingSystem(n) === 'AMAZON_LINUX_2023'
      && (LINUX_GROUPS.includes(nodePatchGroup(n)) || nodePatchGroup(n) === '' || nodePatchGroup(n) === 'windows-prod'));
    expect(expected.length).toBeGreaterThan(3);
    expect(detail).toContain(`Instances using it  ${expected.length} ·`);
    const grouped = expected.find((n) => LINUX_GROUPS.includes(nodePatchGroup(n)));
    expect(detail).toMatch(new RegExp(`${grouped?.instanceId}\\s+${nodePatchGroup(grouped!)}\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+(Scan|Install)`));
    expect(detail).toMatch(/i-\w+\s+\(default\)\s+(\d+|—)/);
  }, 30_000);

  it('creates a baseline from the form, edits its rules, makes it the default and registers then deregisters a patch group', async () => {
    const {press, frame} = await setup();
    await press(':', ...'patch-baselines', '\r');
    await frame((s) => s.includes('linux-security-critical'), 'the baselines');
    await press('c');
    await frame((s) => s.includes('Create a patch baseline') && s.includes('✗ name:'), 'the form');
    await press('n', ...'web-fast', '\r', 'a', '\x15', ...'400', '\r');
    await frame((s) => s.includes('✗ approval delay: 0 to 360 days'), 'the delay refused');
    await press('a', '\x15', ...'3', '\r', 'v', '\x15', ...'Critical', '\r', 'l');
    await frame((s) => /Compliance\s+HIGH/.test(s) && s.includes('Security/Critical +3d · enter creates it'), 'the form filled');
    await press('\r');
    await frame((s) => s.includes('Create web-fast for AMAZON_LINUX_2023 (Security/Critical +3d)?'), 'the question');
    await press('y');
    const created = await frame((s) => s.includes('created web-fast') && /Baseline id\s+pb-\w+/.test(s) && s.includes('Instances using it'), 'the new baseline');
    const id = (/Baseline id\s+(pb-\w+)/.exec(created) ?? [])[1] ?? '';
    expect(created).toMatch(/1\. Security\/Critical \+3d\s+compliance HIGH/);
    expect(readAudit().find((e) => e['action'] === 'CreatePatchBaseline')).toMatchObject({baselineId: id, name: 'web-fast', via: 'dashboard'});
    // Edit the rules: a 10-day delay and a rejected package.
    await press('e');
    await frame((s) => s.includes('Edit the rules of web-fast'), 'the edit form');
    await press('a', '\x15', ...'10', '\r', 'R', ...'telnet*', '\r', 'b', '\r');
    await frame((s) => s.includes('Replace the rules of web-fast (Security/Critical +10d)?'), 'the edit question');
    await press('y');
    const edited = await frame((s) => s.includes('saved the rules of web-fast') && s.includes('+10d') && /Rejected\s+telnet\*/.test(s), 'the edited rules');
    expect(edited).toMatch(/Rejected action\s+BLOCK/);
    expect(readAudit().find((e) => e['action'] === 'UpdatePatchBaseline')).toMatchObject({baselineId: id});
    // Default for AL2023, then a patch group.
    await press('d');
    await frame((s) => s.includes('Make web-fast the default baseline for AMAZON_LINUX_2023?'), 'the default question');
    await press('y');
    await frame((s) => /Operating system\s+AMAZON_LINUX_2023\s+★ default for it/.test(s), 'now the default');
    expect(await baselinesApi(local.aws).defaultFor('AMAZON_LINUX_2023')).toBe(id);
    expect(readAudit().find((e) => e['action'] === 'RegisterDefaultPatchBaseline')).toMatchObject({baselineId: id});
    await press('p', ...'web', '\r');
    await frame((s) => s.includes('Register patch group web with web-fast?'), 'the register question');
    await press('y');
    await frame((s) => /Patch groups\s+web\b/.test(s), 'the group registered');
    expect(readAudit().find((e) => e['action'] === 'RegisterPatchBaselineForPatchGroup')).toMatchObject({baselineId: id, patchGroup: 'web'});
    await press('x', '\r');
    await frame((s) => s.includes('Deregister patch group web from web-fast?'), 'the deregister question');
    await press('y');
    await frame((s) => s.includes('patch group web deregistered') && /Patch groups\s+—/.test(s), 'the group deregistered');
    expect(readAudit().find((e) => e['action'] === 'DeregisterPatchBaselineForPatchGroup')).toMatchObject({baselineId: id, patchGroup: 'web'});
    // Back in the list, at once: the star moved.
    await press('\x1b');
    await frame((s) => /★\s+web-fast\s+AMAZON_LINUX_2023\s+Security\/Critical \+10d\s+0\s+1/.test(s), 'the list refreshed');
    // Put the seeded default back for the other tests.
    const seeded = (await baselinesApi(local.aws).list()).find((b) => b.name === 'linux-security-critical');
    await baselinesApi(local.aws).setDefault(seeded?.baselineId ?? '');
  }, 60_000);

  it('refuses every change in read-only mode and says why', async () => {
    const {store, press, frame} = await setup(true);
    const audited = readAudit().length;
    await press(':', ...'baselines', '\r');
    await frame((s) => s.includes('linux-security-critical'), 'the baselines');
    await press('c');
    await frame((s) => s.includes('read-only mode: creating patch baselines is off'), 'create refused');
    await press('d');
    await frame((s) => s.includes('read-only mode: changing the default patch baseline is off'), 'default refused');
    await press('p');
    await frame((s) => s.includes('read-only mode: patch group registrations are off'), 'register refused');
    await press('/', ...'linux-security', '\r', '\r');
    await frame((s) => s.includes('Approval rules'), 'the detail');
    await press('e');
    await frame((s) => s.includes('read-only mode: editing patch baselines is off'), 'edit refused');
    expect(store.getState().prompt).toBeUndefined();
    expect(readAudit()).toHaveLength(audited);
  }, 30_000);

  it('scans now or installs now from the non-compliant instances: the Run Command form with AWS-RunPatchBaseline and the operation', async () => {
    const {store, press, frame} = await setup();
    await press(':', ...'comp', '\r');
    await frame((s) => s.includes('Patch'), 'the summary');
    await press('/', ...'Patch', '\r', '\r');
    await frame((s) => /Non-compliant Patch \d+\//.test(s) && s.includes('<s> scan now') && s.includes('<r> install now'), 'the list with both keys');
    await press(' ', ' ', 's');
    await frame((s) => /Run Command on 2 instances/.test(s) && s.includes('AWS-RunPatchBaseline'), 'the scan form');
    expect(store.getState().runForm?.params).toMatchObject({Operation: 'Scan'});
    await press('\x1b');
    await frame(() => store.getState().runForm === undefined, 'the form closed');
    await press('r');
    await frame((s) => s.includes('RebootIfNeeded'), 'the install form');
    expect(store.getState().runForm?.params).toMatchObject({Operation: 'Install', RebootOption: 'RebootIfNeeded'});
    const ro = await setup(true);
    await ro.press(':', ...'comp', '\r');
    await ro.frame((s) => s.includes('Patch'), 'the summary');
    await ro.press('/', ...'Patch', '\r', '\r');
    await ro.frame((s) => /Non-compliant Patch \d+\//.test(s), 'the list');
    await ro.press('s');
    await ro.frame((s) => s.includes('read-only mode: Run Command is off'), 'scan refused');
    expect(ro.store.getState().runForm).toBeUndefined();
  }, 30_000);
});
