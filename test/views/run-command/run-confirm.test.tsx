// The Run Command confirmation at real terminal sizes with many targets (the prompt and the blast radius always on
// screen, the CLI preview summarised, the copied lines runnable), what the form says it targets, and the quit
// question asked over the form — against the local fleet through the real SDK.
import {describe, expect, it} from 'vitest';
import {SendCommandCommand} from '@aws-sdk/client-ssm';
import {createAppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import {RunRegistry} from '../../../src/fleet/run-command/run-registry.js';
import {Lifecycle} from '../../../src/lifecycle.js';
import {initTable} from '../../../src/fleet/table-model.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';

const local = useFleetClients({nodes: 1080, seed: 7});
const renderApp = useAppRenderer();

function setup(cols: number, rows: number, extra: Partial<Services> = {}) {
  const {fleet, aws} = local;
  const store = createAppStore({size: {cols, rows}});
  const loader = new FleetLoader(aws);
  const copied: string[] = [];
  let quits = 0;
  const services: Services = {loadFleet: (o) => loader.load(o), runCommand: runCommandApi(aws), identity: 'local',
    runs: new RunRegistry(), copy: (text) => copied.push(text), ...extra};
  const app = renderApp({store, services, onQuit: () => quits++,
    target: {kind: 'local', region: fleet.region, label: 'LOCAL FLEET', endpoint: fleet.endpoint}});
  const loaded = () => app.frame((s) => /Managed instances [1-9]\d*\//.test(s) && store.getState().sync.lastSuccessAt !== undefined
    && store.getState().instances.length >= 1000, 'the whole fleet (1,000 managed or more)', 20_000);
  return {store, ...app, loaded, copied, quits: () => quits};
}

/** Mark these instances (as space and ctrl+a do). */
function mark(store: ReturnType<typeof createAppStore>, ids: readonly string[]) {
  store.getState().updateTable('instances', (st) => ({...st, marks: new Set(ids)}));
}

/** Open the form, type a script and go to the confirmation. */
async function confirmRun(t: ReturnType<typeof setup>, n: number) {
  await t.press('r');
  await t.frame((s) => s.includes('workingDirectory'), 'the schema');
  for (const ch of 'uptime') await t.press(ch);
  await t.press('ctrl+s');
  return t.frame((s) => s.includes(`Confirm: run AWS-RunShellScript on ${n} instances`), 'the confirmation');
}

describe('the Run Command confirmation at real sizes (Ink, local fleet)', () => {
  it('keeps the prompt and the blast radius on an 80×24 screen with 1,000 marked, and copies runnable batches', async () => {
    const t = setup(80, 24);
    await t.loaded();
    const all = t.store.getState().instances.slice(0, 1000);
    mark(t.store, all.map((i) => i.instanceId));
    await t.frame((s) => s.includes('1000 marked'), 'the marks');
    const f = await confirmRun(t, 1000);
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    expect(f).toContain('Type 1000 and press enter to send: █');
    expect(f).toMatch(/Env: {2}\S+ \d+/);
    const lost = all.filter((i) => i.pingStatus === 'ConnectionLost').length;
    expect(lost).toBeGreaterThan(0);
    expect(f).toContain(`⚠ ${lost} lost (ConnectionLost`);
    // The preview names the first ids and how many more; the footer has the confirmation's keys, not the table's.
    expect(f).toMatch(/…and 997 more/);
    expect(f).toMatch(/<enter> send {2}<esc> back to the form/);
    expect(f).not.toContain('<space>');
    for (const ch of '1000') await t.press(ch);
    await t.frame((s) => s.includes('press enter to send: 1000█'), 'the typed count');
    await t.press('\x19'); // ctrl+y
    await t.frame((s) => s.includes('copied 20 aws ssm send-command lines'), 'the copy flash');
    const lines = t.copied[0]?.split('\n') ?? [];
    expect(lines).toHaveLength(20);
    const ids = lines.map((l) => l.match(/ m?i-[0-9a-f]{17}(?= )/g)?.length ?? 0);
    expect(Math.max(...ids)).toBeLessThanOrEqual(50);
    expect(ids.reduce((a, b) => a + b, 0)).toBe(1000);
    for (const l of lines) {
      expect(l).toContain(`--region '${local.fleet.region}' --endpoint-url '${local.fleet.endpoint}'`);
    }
    expect(local.fleet.requestCounts()['ssm:SendCommand'] ?? 0).toBe(0);
  }, 30_000);

  it('names marks the filter hides, on a 150×40 screen with 225 marked', async () => {
    const t = setup(150, 40);
    await t.loaded();
    const picked = t.store.getState().instances.slice(0, 225);
    mark(t.store, picked.map((i) => i.instanceId));
    await t.press('/');
    for (const ch of 'ping:online') await t.press(ch);
    await t.press('enter');
    await t.frame((s) => s.includes('/ping:online'), 'the filter');
    const hidden = picked.filter((i) => i.pingStatus !== 'Online').length;
    expect(hidden).toBeGreaterThan(0);
    const f = await confirmRun(t, 225);
    expect(f.split('\n').length).toBeLessThanOrEqual(39);
    expect(f).toContain('Type 225 and press enter to send');
    expect(f).toContain(`⚠ ${hidden} marked instance${hidden === 1 ? '' : 's'} hidden by the filter /ping:online`);
    // Named on the next line, as far as the width allows.
    const named = f.split('\n')[f.split('\n').findIndex((l) => l.includes('hidden by the filter')) + 1] ?? '';
    const hiddenIds = picked.filter((i) => i.pingStatus !== 'Online').map((i) => i.instanceId);
    expect(hiddenIds.some((id) => named.includes(id))).toBe(true);
    expect(named).toMatch(/and \d+ more/);
    expect(f).toMatch(/…and 222 more/);
    expect(f).toContain('ctrl+y copies 5 commands of at most 50 ids');
  }, 30_000);
});

describe('what the form says it targets (Ink, local fleet)', () => {
  it('names the instance under the cursor when none is marked', async () => {
    const t = setup(120, 30);
    await t.loaded();
    const st = t.store.getState().tables.instances;
    const cur = st?.visible[st.cursor] as {instanceId: string; name: string} | undefined;
    if (!cur) throw new Error('no cursor row');
    await t.press('r');
    const f = await t.frame((s) => s.includes('workingDirectory'), 'the form');
    expect(f).toContain(`Targets                  ${cur.name ? `${cur.name} (${cur.instanceId})` : cur.instanceId}`);
    expect(f).not.toContain('marked instance');
  }, 30_000);

  it('says a re-run targets the failed instances, not marked ones', async () => {
    const t = setup(120, 30);
    await t.loaded();
    const linux = t.store.getState().instances.filter((i) => i.pingStatus === 'Online' && i.platformType === 'Linux').slice(0, 3);
    const sent = await local.aws.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript',
      InstanceIds: linux.map((i) => i.instanceId), Parameters: {commands: ['exit 3']}}));
    const commandId = sent.Command?.CommandId ?? '';
    t.store.getState().updateTable('command-results', () => initTable('status'));
    t.store.getState().push({view: 'command-results', arg: commandId});
    const failed = () => (t.store.getState().tables['command-results']?.rows as {statusDetails: string}[] | undefined ?? [])
      .filter((r) => r.statusDetails === 'Failed').length;
    await t.frame((s) => failed() === 3 && s.includes('Failed'), 'three failed', 20_000);
    await t.press('R');
    const f = await t.frame((s) => s.includes('workingDirectory'), 'the re-run form');
    expect(f).toMatch(/Targets\s+3 failed instances/);
    expect(f).not.toContain('marked');
  }, 30_000);
});

describe('the quit question over the run form (Ink)', () => {
  /** The run form open, with one shell open behind it, and ctrl-c pressed: the quit question is up. */
  async function quitAskedOverForm() {
    const lifecycle = new Lifecycle();
    lifecycle.register({describe: () => '1 shell', closeAll: async () => {}});
    const t = setup(120, 30, {lifecycle});
    await t.loaded();
    await t.press('r');
    await t.frame((s) => s.includes('workingDirectory'), 'the form');
    await t.press('\x03');
    await t.frame((s) => s.includes('Quit? This ends 1 shell.'), 'the question');
    return t;
  }

  it('takes y first and quits, typing nothing into the form', async () => {
    const t = await quitAskedOverForm();
    await t.press('y');
    await t.frame((s) => !s.includes('Quit?'), 'the question closed');
    expect(t.quits()).toBe(1);
    expect(t.store.getState().runForm?.params.commands ?? '').toBe('');
  }, 30_000);

  it('closes on n and leaves the form as it was', async () => {
    const t = await quitAskedOverForm();
    await t.press('n');
    await t.frame((s) => !s.includes('Quit?') && s.includes('workingDirectory'), 'the form again');
    expect(t.quits()).toBe(0);
    expect(t.store.getState().runForm?.params.commands ?? '').toBe('');
  }, 30_000);
});
