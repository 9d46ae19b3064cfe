// Run Command over marks in several accounts and regions of a local fleet of 3 accounts × 2 regions, through the
// real SDK: one confirmation with the breakdown by account and region, one SendCommand set per context sent with that
// context's clients and audited with its identity, one results view of every node placed in its context (output
// read from there), one cancel for all; a protected context asks for the typed count, a read-only one refuses.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../src/local/server.js';
import {createAppStore} from '../../../src/store/store.js';
import {rowPlace} from '../../../src/fleet/contexts/row-place.js';
import type {ManagedInstance} from '../../../src/fleet/instances/instance.js';
import type {Invocation} from '../../../src/fleet/run-command/port.js';
import {RunRegistry} from '../../../src/fleet/run-command/run-registry.js';
import {readAudit} from '../../../src/audit.js';
import {useAppRenderer} from '../../helpers/app.js';
import {openFleetContexts, type FleetContexts} from '../../helpers/contexts.js';
import {usePrivateStateDir} from '../../helpers/state-dir.js';
import {ContextSet} from '../../../src/aws/contexts/context-set.js';
import {openLocalContext} from '../../../src/aws/contexts/open-contexts.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {clientServices, soleContextRoutes} from '../../../src/cli/context-services.js';
import type {Services} from '../../../src/views/view.js';

usePrivateStateDir('fd-context-run-');
const renderApp = useAppRenderer();
let fleet: LocalFleet;
let ctx: FleetContexts;
const copied: string[] = [];
const runs = new RunRegistry();

beforeAll(async () => {
  fleet = await startLocalFleet({accounts: 3, regions: ['us-east-1', 'eu-west-1'], nodes: 8, seed: 'context-run'});
  ctx = await openFleetContexts(fleet, {runs, copy: (text) => copied.push(text)},
    {'local-2:eu-west-1': {protected: true}, 'local-3:eu-west-1': {readOnly: true}});
});
afterAll(async () => {
  ctx.close();
  await fleet.close();
});

/** The partition key ('<account>:<region>') of a context name 'local-<n>:<region>'. */
function partitionOf(context: string): string {
  const [n, region] = context.replace('local-', '').split(':');
  const accounts = [...new Set(fleet.partitions.map((p) => p.accountId))];
  return `${accounts[Number(n) - 1]}:${region}`;
}

const sends = (context: string) => fleet.requestCountsBy()[partitionOf(context)]?.['ssm:SendCommand'] ?? 0;

async function setup(size = {cols: 200, rows: 50}) {
  const store = createAppStore({size});
  const app = renderApp({store, services: ctx.services, viewOptions: {tagColumns: [], contexts: true},
    target: {kind: 'local', region: 'us-east-1', label: 'LOCAL FLEET', endpoint: fleet.endpoint}});
  const rows = () => (store.getState().tables['instances']?.rows ?? []) as readonly ManagedInstance[];
  const total = fleet.partitions.reduce((n, p) => n + p.model.managed().length, 0);
  await app.frame(() => rows().length === total && store.getState().sync.lastSuccessAt !== undefined, 'every context loaded', 20_000);
  /** `n` online Linux nodes of a context (they run scripts at once). */
  const nodes = (context: string, n: number) => {
    const list = rows().filter((r) => rowPlace(r)?.context === context && r.pingStatus === 'Online' && r.platformType === 'Linux');
    if (list.length < n) throw new Error(`only ${list.length} online Linux nodes in ${context}`);
    return list.slice(0, n);
  };
  const mark = (list: readonly ManagedInstance[]) =>
    store.getState().updateTable('instances', (st) => ({...st, marks: new Set(list.map((i) => i.instanceId))}));
  /** The cursor on a row of local-1:us-east-1 (a writable context), by the filter. */
  const cursorOnFirst = async () => {
    await app.press('/', ...'account:local-1 region:us-east-1', 'enter');
    await app.frame(() => store.getState().tables['instances']?.appliedFilter === 'account:local-1 region:us-east-1', 'the filter');
  };
  return {store, rows, nodes, mark, cursorOnFirst, ...app};
}

type T = Awaited<ReturnType<typeof setup>>;

async function formWith(t: T, script: string) {
  await t.press('r');
  await t.frame((s) => s.includes('workingDirectory'), 'the form and its schema');
  for (const ch of script) await t.press(ch);
  await t.press('ctrl+s');
}

const resultRows = (t: T) => (t.store.getState().tables['command-results']?.rows ?? []) as readonly Invocation[];

describe('Run Command over several accounts and regions', () => {
  it('is one run of one SendCommand set per context: one confirmation, one results view, audit per context', async () => {
    const t = await setup();
    const a = t.nodes('local-1:us-east-1', 2);
    const b = t.nodes('local-2:us-east-1', 2);
    const c = t.nodes('local-3:us-east-1', 1);
    t.mark([...a, ...b, ...c]);
    const before = ['local-1:us-east-1', 'local-2:us-east-1', 'local-3:us-east-1'].map(sends);
    const audited = readAudit().length;
    await t.cursorOnFirst();
    await formWith(t, 'echo "hi $FLEETDECK_INSTANCE_ID"');
    const confirm = await t.frame((s) => s.includes('Confirm: run AWS-RunShellScript on 5 instances'), 'the confirmation');
    expect(confirm).toContain('5 nodes: local-1 us-east-1 2 · local-2 us-east-1 2 · local-3 us-east-1 1');
    expect(confirm).toContain('rate: max concurrency 50 · max errors 0 · delivery timeout 600s (in each context)');
    expect(confirm).toContain('Press enter to send');
    // The copied lines: one per context, each with its region and the local fleet's endpoint.
    await t.press('\x19'); // ctrl+y
    await t.frame((s) => s.includes('copied 3 aws ssm send-command lines for 3 contexts'), 'the copy');
    const lines = copied.at(-1)?.split('\n') ?? [];
    expect(lines).toHaveLength(3);
    for (const [i, list] of [a, b, c].entries()) {
      expect(lines[i]).toContain(`--instance-ids ${list.map((x) => x.instanceId).join(' ')} `);
      expect(lines[i]).toContain(`--region 'us-east-1' --endpoint-url '${fleet.endpoint}'`);
    }
    await t.press('enter');
    // One results view of all five, placed in their accounts, each finished.
    await t.frame((s) => /Results .*5\/5 .*] 5 Success/.test(s), 'every node finished', 20_000);
    const screen = await t.frame((s) => s.includes('ACCOUNT'), 'the ACCOUNT column');
    expect(t.store.getState().stack.at(-1)?.context).toBeUndefined();
    const accounts = [...new Set(fleet.partitions.map((p) => p.accountId))];
    for (const id of accounts) expect(screen).toContain(id);
    expect(new Set(resultRows(t).map((r) => rowPlace(r)?.context))).toEqual(new Set(['local-1:us-east-1', 'local-2:us-east-1', 'local-3:us-east-1']));
    // Each context got its own SendCommand, through its own clients.
    expect(['local-1:us-east-1', 'local-2:us-east-1', 'local-3:us-east-1'].map(sends)).toEqual(before.map((n) => n + 1));
    // One run in the registry, of three commands.
    const first = t.store.getState().stack.at(-1)?.arg;
    expect(runs.find(first)?.commandIds).toHaveLength(3);
    // The audit log: one SendCommand record per context, with that context's identity and its command id.
    const records = readAudit().slice(audited).filter((e) => e['action'] === 'SendCommand');
    expect(records.map((e) => e['identity'])).toEqual(expect.arrayContaining(['local · context local-1:us-east-1',
      'local · context local-2:us-east-1', 'local · context local-3:us-east-1']));
    expect(records).toHaveLength(3);
    expect(new Set(records.map((e) => e['commandId']))).toEqual(new Set(runs.find(first)?.commandIds));
    // The output of a node of the third account is read from its context.
    const row = resultRows(t).findIndex((r) => r.instanceId === c[0]?.instanceId);
    const visible = t.store.getState().tables['command-results']?.visible ?? [];
    const at = visible.findIndex((r) => (r as Invocation).instanceId === c[0]?.instanceId);
    expect(row).toBeGreaterThanOrEqual(0);
    t.store.getState().updateTable('command-results', (st) => ({...st, cursor: at}));
    await t.press('enter');
    await t.frame((s) => s.includes(`hi ${c[0]?.instanceId}`) && s.includes('exit code 0'), 'the full output from local-3');
  }, 60_000);

  it('says how the copy splits by context before the per-context previews on a 120×24 screen', async () => {
    const t = await setup({cols: 120, rows: 24});
    t.mark(['local-1:us-east-1', 'local-1:eu-west-1', 'local-2:us-east-1', 'local-3:us-east-1'].flatMap((c) => t.nodes(c, 1)));
    await t.cursorOnFirst();
    await formWith(t, 'uptime');
    const f = await t.frame((s) => s.includes('Press enter to send'), 'the confirmation');
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    expect(f).toContain('4 nodes: local-1 us-east-1 1 · local-1 eu-west-1 1 · local-2 us-east-1 1 · local-3 us-east-1 1');
    expect(f).toContain('ctrl+y copies 4 commands, one set per context, of at most 50 ids');
    await t.press('esc', 'esc');
  }, 60_000);

  it('a protected context asks for the typed count whatever it is; a read-only context refuses and nothing is sent', async () => {
    const t = await setup();
    const guarded = t.nodes('local-2:eu-west-1', 1);
    const plain = t.nodes('local-1:us-east-1', 1);
    t.mark([...plain, ...guarded]);
    await t.cursorOnFirst();
    await formWith(t, 'true');
    const confirm = await t.frame((s) => s.includes('Type 2 and press enter to send'), 'the typed confirmation for 2');
    expect(confirm).toContain('2 nodes: local-1 us-east-1 1 · local-2 eu-west-1 1 (protected)');
    expect(confirm).toContain('⚠ protected: local-2:eu-west-1');
    const sent = sends('local-2:eu-west-1');
    await t.press('enter');
    await t.frame((s) => s.includes('✗ type 2 to confirm'), 'the refusal without the count');
    expect(sends('local-2:eu-west-1')).toBe(sent);
    await t.press('2', 'enter');
    await t.frame((s) => /Results .*2\/2 .*] 2 Success/.test(s), 'both ran', 20_000);
    expect(sends('local-2:eu-west-1')).toBe(sent + 1);

    // Marks in a read-only context: the run is refused at once, naming the context and what to unmark.
    await t.press('esc');
    await t.frame((s) => s.includes('<r> run'), 'back in the table');
    const ro = t.nodes('local-3:eu-west-1', 2);
    t.mark([...plain, ...ro]);
    const roSent = sends('local-3:eu-west-1');
    await t.press('r');
    await t.frame((s) => s.includes('Run Command refused: local-3:eu-west-1 (2 nodes) is a read-only context; unmark its nodes ' +
      'to run on the others (nothing was sent)'), 'the refusal');
    expect(t.store.getState().runForm).toBeUndefined();
    // The same with the cursor on a row of the read-only context: the refusal names it too.
    t.store.getState().setFlash(undefined);
    await t.press('/', 'ctrl+u', ...'account:local-3 region:eu-west-1', 'enter');
    await t.frame(() => t.store.getState().tables['instances']?.appliedFilter === 'account:local-3 region:eu-west-1', 'the filter');
    await t.press('r');
    await t.frame((s) => s.includes('Run Command refused: local-3:eu-west-1 (2 nodes) is a read-only context'), 'the refusal, naming it');
    expect(t.store.getState().runForm).toBeUndefined();
    // Typed as the form's targets instead: refused at review, before any confirmation.
    await t.press('/', 'ctrl+u', ...'account:local-1 region:us-east-1', 'enter');
    await t.frame(() => t.store.getState().tables['instances']?.appliedFilter === 'account:local-1 region:us-east-1', 'back on local-1');
    t.mark([]);
    await t.press('r');
    await t.frame((s) => s.includes('workingDirectory'), 'the form');
    await t.press('t', 'r', 'u', 'e', 'shift+tab', 'shift+tab');
    for (const ch of ro[0]?.instanceId ?? '') await t.press(ch);
    await t.press('ctrl+s');
    await t.frame((s) => s.includes('Run Command refused: local-3:eu-west-1 (1 node) is a read-only context'), 'refused at review');
    expect(t.store.getState().runForm?.stage).toBe('edit');
    expect(sends('local-3:eu-west-1')).toBe(roSent);
  }, 60_000);

  it('a run in one context opens its results in that context; a re-run of the failed takes them in each context again', async () => {
    const t = await setup();
    const one = t.nodes('local-2:us-east-1', 2);
    t.mark(one);
    await t.cursorOnFirst();
    await formWith(t, 'exit 3');
    await t.frame((s) => s.includes('2 nodes: local-2 us-east-1 2'), 'the confirmation');
    await t.press('enter');
    await t.frame((s) => /Results .*2\/2 .*] 2 Failed/.test(s), 'both failed', 20_000);
    expect(t.store.getState().stack.at(-1)?.context).toBe('local-2:us-east-1');
    await t.press('esc');
    // Failures in two contexts: R re-runs them where each lives.
    const two = [...t.nodes('local-1:us-east-1', 1), ...t.nodes('local-3:us-east-1', 1)];
    t.mark(two);
    await t.frame((s) => s.includes('<r> run'), 'back in the table');
    await formWith(t, 'exit 3');
    await t.frame((s) => s.includes('2 nodes: local-1 us-east-1 1 · local-3 us-east-1 1'), 'the confirmation over two contexts');
    await t.press('enter');
    await t.frame((s) => /Results .*2\/2 .*] 2 Failed/.test(s), 'both failed', 20_000);
    expect(t.store.getState().stack.at(-1)?.context).toBeUndefined();
    await t.press('R');
    await t.frame((s) => s.includes('2 failed instances'), 'the re-run form');
    await t.press('ctrl+s');
    await t.frame((s) => s.includes('2 nodes: local-1 us-east-1 1 · local-3 us-east-1 1'), 'the re-run, split by context again');
  }, 60_000);

  it('keeps showing the nodes of a context taken out of view during the run, placed where they live', async () => {
    const t = await setup();
    const gone = t.nodes('local-3:us-east-1', 1);
    t.mark([...t.nodes('local-1:us-east-1', 1), ...gone]);
    await t.cursorOnFirst();
    await formWith(t, 'sleep 1');
    await t.frame((s) => s.includes('2 nodes: local-1 us-east-1 1 · local-3 us-east-1 1'), 'the confirmation');
    await t.press('enter');
    await t.frame((s) => /Results .*2\/2/.test(s), 'both listed', 20_000);
    const routes = ctx.services.contexts;
    const all = routes?.all().map((c) => c.spec.name) ?? [];
    routes?.setInView(all.filter((n) => n !== 'local-3:us-east-1'));
    try {
      await t.frame(() => t.store.getState().contextLoads['local-3:us-east-1'] === undefined, 'the merged load without local-3');
      await t.frame((s) => /Results .*2\/2 .*] 2 Success/.test(s), 'both finished, local-3\'s node still listed', 20_000);
      const row = resultRows(t).find((r) => r.instanceId === gone[0]?.instanceId);
      expect(rowPlace(row)?.context).toBe('local-3:us-east-1');
    } finally {
      routes?.setInView(all);
    }
  }, 60_000);

  it('reads the document where the targets live, whatever the first context\'s credentials', async () => {
    const t = await setup();
    t.mark(t.nodes('local-2:us-east-1', 1));
    await t.cursorOnFirst();
    const accounts = [...new Set(fleet.partitions.map((p) => p.accountId))];
    fleet.expireCredentials(accounts[0] ?? '');
    try {
      await t.press('r');
      await t.frame((s) => s.includes('workingDirectory'), 'the schema, read in local-2');
      expect(t.ui.lastFrame()).not.toContain('could not read the document');
    } finally {
      fleet.restoreCredentials(accounts[0] ?? '');
    }
  }, 60_000);

  it('one cancel cancels every context\'s commands, audited in each context', async () => {
    const t = await setup();
    t.mark([...t.nodes('local-1:us-east-1', 1), ...t.nodes('local-2:us-east-1', 1)]);
    await t.cursorOnFirst();
    await formWith(t, 'sleep 30');
    await t.frame((s) => s.includes('2 nodes: local-1 us-east-1 1 · local-2 us-east-1 1'), 'the confirmation');
    await t.press('enter');
    await t.frame((s) => /Results .*2\/2 .*] 2 InProgress/.test(s), 'both running', 20_000);
    const audited = readAudit().length;
    await t.press('c');
    await t.frame((s) => s.includes('Cancel this run (2 commands in 2 contexts)?'), 'the question');
    await t.press('y');
    await t.frame((s) => /] 2 Cancelled/.test(s), 'both cancelled', 20_000);
    const cancels = readAudit().slice(audited).filter((e) => e['action'] === 'CancelCommand');
    expect(cancels.map((e) => e['identity']).sort()).toEqual(['local · context local-1:us-east-1', 'local · context local-2:us-east-1']);
    for (const p of ['local-1:us-east-1', 'local-2:us-east-1']) expect(fleet.requestCountsBy()[partitionOf(p)]?.['ssm:CancelCommand']).toBeGreaterThan(0);
  }, 60_000);

  it('the history lists every context\'s commands, and opens one in its own context', async () => {
    const t = await setup();
    await t.press(':', ...'commands', 'enter');
    const hist = () => t.store.getState().tables['commands'];
    await t.frame(() => new Set(hist()?.rows.map((r) => rowPlace(r)?.context)).size >= 3, 'commands of several contexts', 20_000);
    const third = hist()?.visible.findIndex((r) => rowPlace(r)?.context === 'local-3:us-east-1') ?? -1;
    expect(third).toBeGreaterThanOrEqual(0);
    t.store.getState().updateTable('commands', (st) => ({...st, cursor: third}));
    await t.press('enter');
    await t.frame(() => t.store.getState().stack.at(-1)?.view === 'command-results', 'its results');
    expect(t.store.getState().stack.at(-1)?.context).toBe('local-3:us-east-1');
    await t.frame(() => resultRows(t).length > 0, 'its rows, from its context', 20_000);
  }, 60_000);

  it('a run of several commands in the merged history expands in place, and its commands open in their context', async () => {
    // Two commands of one run (the marker a run over 50 ids puts in each batch's comment), sent in local-3.
    const api = ctx.services.contexts?.servicesFor('local-3:us-east-1')?.runCommand;
    if (!api) throw new Error('no local-3 context');
    const t = await setup();
    const [x, y] = t.nodes('local-3:us-east-1', 2);
    for (const node of [x, y]) {
      await api.send({documentName: 'AWS-RunShellScript', parameters: {commands: ['true']}, instanceIds: [node?.instanceId ?? ''],
        maxConcurrency: '50', maxErrors: '0', comment: 'batched [fd:0a1b2c3d]'});
    }
    await t.press(':', ...'commands', 'enter');
    const hist = () => t.store.getState().tables['commands'];
    const runRow = () => hist()?.visible.findIndex((r) => (r as {commandId: string}).commandId === 'run:0a1b2c3d') ?? -1;
    await t.frame(() => runRow() >= 0, 'the run row', 20_000);
    t.store.getState().updateTable('commands', (st) => ({...st, cursor: runRow()}));
    await t.press('right');
    await t.frame(() => (hist()?.rows.length ?? 0) > 0 && hist()?.rows.some((r) => (r as {parent?: unknown}).parent !== undefined) === true, 'the run expanded');
    // Every row still lives where it did: the run's and its commands' in local-3, the cursor on the run.
    expect(hist()?.rows.every((r) => rowPlace(r) !== undefined)).toBe(true);
    const children = hist()?.visible.filter((r) => (r as {parent?: unknown}).parent !== undefined) ?? [];
    expect(children.map((r) => rowPlace(r)?.context)).toEqual(['local-3:us-east-1', 'local-3:us-east-1']);
    expect((hist()?.visible[hist()?.cursor ?? -1] as {commandId: string} | undefined)?.commandId).toBe('run:0a1b2c3d');
    await t.press('down', 'enter');
    await t.frame(() => t.store.getState().stack.at(-1)?.view === 'command-results', 'the command\'s results');
    expect(t.store.getState().stack.at(-1)?.context).toBe('local-3:us-east-1');
  }, 60_000);
});

describe('Run Command on the only context, protected', () => {
  it('asks for the typed count whatever it is, naming the context', async () => {
    const p = fleet.partitions[0];
    if (!p) throw new Error('no partition');
    const set = new ContextSet([openLocalContext({name: 'prod', region: p.region, protected: true}, fleet.endpoint, p.credentials,
      {maxConcurrentRequests: 4})]);
    try {
      const aws = set.all()[0]?.aws;
      if (!aws) throw new Error('no clients');
      const services = {identity: 'local', runs: new RunRegistry(), ...(await clientServices(aws, new FleetLoader(aws)))} as Services;
      services.soleContext = soleContextRoutes(set, services);
      const store = createAppStore({size: {cols: 170, rows: 40}});
      const app = renderApp({store, services, target: {kind: 'local', region: p.region, label: 'LOCAL FLEET', endpoint: fleet.endpoint}});
      await app.frame(() => (store.getState().tables['instances']?.rows.length ?? 0) > 0, 'the fleet');
      const node = (store.getState().tables['instances']?.rows as ManagedInstance[]).find((r) => r.pingStatus === 'Online' && r.platformType === 'Linux');
      store.getState().updateTable('instances', (st) => ({...st, marks: new Set([node?.instanceId ?? ''])}));
      await app.press('r');
      await app.frame((s) => s.includes('workingDirectory'), 'the form');
      for (const ch of 'true') await app.press(ch);
      await app.press('ctrl+s');
      const f = await app.frame((s) => s.includes('Type 1 and press enter to send'), 'the typed confirmation for one node');
      expect(f).toContain('1 node: prod us-east-1 1 (protected)');
      expect(f).toContain(`--region 'us-east-1' --endpoint-url '${fleet.endpoint}'`);
    } finally {
      set.close();
    }
  }, 60_000);
});
