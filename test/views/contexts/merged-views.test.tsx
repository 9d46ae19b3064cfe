// The dashboard over a local fleet of 3 accounts × 2 regions, through the real SDK: one instances table of every
// context with ACCOUNT and REGION, filtered by account and region; a context whose credentials expire keeps its last
// rows and says what to do while the others stay live, and comes back once they work; a command on a row acts in
// the row's context and the screen it opens belongs to that context.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../src/local/server.js';
import {createAppStore} from '../../../src/store/store.js';
import {rowPlace} from '../../../src/fleet/contexts/row-place.js';
import type {ManagedInstance} from '../../../src/fleet/instances/instance.js';
import {useAppRenderer} from '../../helpers/app.js';
import {openFleetContexts, type FleetContexts} from '../../helpers/contexts.js';

const renderApp = useAppRenderer();
let fleet: LocalFleet;
let ctx: FleetContexts;

beforeAll(async () => {
  fleet = await startLocalFleet({accounts: 3, regions: ['us-east-1', 'eu-west-1'], nodes: 6, seed: 'merged-views'});
  ctx = await openFleetContexts(fleet, {}, {'local-2:us-east-1': {readOnly: true}});
});
afterAll(async () => {
  ctx.close();
  await fleet.close();
});

const nodesIn = (accountId: string, region: string): number =>
  fleet.partitions.find((p) => p.accountId === accountId && p.region === region)?.model.managed().length ?? -1;

function setup(refreshMs = 60_000) {
  const store = createAppStore({size: {cols: 160, rows: 60}});
  const app = renderApp({store, services: ctx.services, viewOptions: {tagColumns: [], contexts: true},
    sync: {classifyError: () => 'transient', describeError: (e) => (e as Error).message, refreshMs}});
  const rows = () => (store.getState().tables['instances']?.rows ?? []) as readonly ManagedInstance[];
  return {store, rows, ...app};
}

describe('several accounts and regions in one live view', () => {
  it('loads every context into one table with ACCOUNT and REGION, and filters by account and region', async () => {
    const {rows, frame, press, store} = setup();
    const total = fleet.partitions.reduce((n, p) => n + p.model.managed().length, 0);
    await frame(() => rows().length === total, `all ${total} nodes of the 6 contexts`);
    const screen = await frame((s) => s.includes('ACCOUNT') && s.includes('REGION'), 'the place columns');
    const acct2 = fleet.partitions.filter((p) => p.region === 'eu-west-1')[1];
    expect(screen).toContain(acct2!.accountId);
    expect(screen).toMatch(/3 accounts × 2 regions/);
    // Every row says where it lives, and each context's rows are all there.
    const counts = new Map<string, number>();
    for (const r of rows()) {
      const p = rowPlace(r);
      counts.set(`${p?.account} ${p?.region}`, (counts.get(`${p?.account} ${p?.region}`) ?? 0) + 1);
    }
    for (const p of fleet.partitions) expect(counts.get(`${p.accountId} ${p.region}`)).toBe(nodesIn(p.accountId, p.region));
    await press('/', ...`account:${acct2!.accountId} region:eu-west-1`, 'enter');
    const st = () => store.getState().tables['instances'];
    await frame(() => st()?.appliedFilter.startsWith('account:') === true, 'the filter applied');
    expect(st()?.visible.length).toBe(nodesIn(acct2!.accountId, 'eu-west-1'));
    expect(st()?.visible.every((r) => rowPlace(r)?.context === 'local-2:eu-west-1')).toBe(true);
  });

  it('keeps an expired account\'s last rows, names the fix, keeps the others live, and recovers', async () => {
    const {rows, frame, store} = setup(300);
    const total = fleet.partitions.reduce((n, p) => n + p.model.managed().length, 0);
    await frame(() => rows().length === total, 'all nodes');
    const accounts = [...new Set(fleet.partitions.map((p) => p.accountId))];
    const third = accounts[2] as string;
    fleet.expireCredentials(third);
    try {
      const screen = await frame((s) => /⚠ local-3:us-east-1: .*expired/i.test(s), 'the expired context named in the header');
      expect(screen).toMatch(/local-3:us-east-1 6 credentials exp/); // its badge keeps its 6 rows' count
      // Its own load fails too (the header may say so first, from its credential state): its rows stay, as the last
      // good ones, while the others load.
      await frame(() => /expired/i.test(store.getState().contextLoads['local-3:us-east-1']?.error ?? ''), 'its load failing');
      expect(rows().length).toBe(total);
      expect(store.getState().contextLoads['local-1:us-east-1']?.error).toBeUndefined();
    } finally {
      fleet.restoreCredentials(third);
    }
    await frame(() => store.getState().contextLoads['local-3:us-east-1']?.error === undefined, 'the context live again', 20_000);
  });

  it('acts in the row\'s context: a read-only context refuses, and a screen opened from a row belongs to its context', async () => {
    const {frame, press, store} = setup();
    const st = () => store.getState().tables['instances'];
    await frame(() => (st()?.rows.length ?? 0) > 0 && store.getState().sync.lastSuccessAt !== undefined, 'the fleet');
    await press('/', ...'account:local-2 region:us-east-1', 'enter');
    await frame(() => st()?.appliedFilter === 'account:local-2 region:us-east-1', 'the filter');
    await press('r');
    await frame((s) => /read-only/i.test(s), 'the read-only refusal');
    expect(store.getState().runForm).toBeUndefined();
    await press('/', 'ctrl+u', ...'account:local-3 region:eu-west-1', 'enter');
    await frame(() => st()?.appliedFilter === 'account:local-3 region:eu-west-1', 'the other filter');
    await press('enter');
    const top = () => store.getState().stack.at(-1);
    await frame(() => top()?.view !== 'instances', 'the detail screen');
    expect(top()?.context).toBe('local-3:eu-west-1');
    await frame((s) => s.includes('@ local-3:eu-west-1'), 'the screen saying where it is');
  });
});

describe('a resource of the same names in every account', () => {
  it('lists each context\'s parameters apart, and opening a folder in one context leaves the others\' rows', async () => {
    const store = createAppStore({size: {cols: 160, rows: 60}, view: 'parameters'});
    const app = renderApp({store, services: ctx.services, viewOptions: {tagColumns: [], contexts: true}});
    const st = () => store.getState().tables['parameters'];
    const contextsShown = () => new Set((st()?.rows ?? []).map((r) => rowPlace(r)?.context));
    await app.frame(() => contextsShown().size === 6, 'the root level of all 6 contexts');
    const folder = (st()?.rows ?? []).find((r) => (r as {kind: string}).kind === 'folder') as {path: string} | undefined;
    const namesakes = (st()?.rows ?? []).filter((r) => (r as {path: string}).path === folder?.path);
    expect(namesakes.length).toBe(6); // one per context, each its own row
    expect(new Set(namesakes.map((r) => store.getState().tables['parameters'] && rowPlace(r)?.context)).size).toBe(6);
    const before = (st()?.rows ?? []).filter((r) => rowPlace(r)?.context !== 'local-1:us-east-1').length;
    const at = st()?.visible.findIndex((r) => (r as {path: string}).path === folder?.path && rowPlace(r)?.context === 'local-1:us-east-1') ?? -1;
    for (let i = 0; i < at; i++) await app.press('down');
    await app.press('enter');
    await app.frame(() => (st()?.rows ?? []).some((r) => rowPlace(r)?.context === 'local-1:us-east-1'
      && (r as {path: string}).path.startsWith(`${folder?.path}/`)), 'the folder open in local-1:us-east-1');
    expect((st()?.rows ?? []).filter((r) => rowPlace(r)?.context !== 'local-1:us-east-1').length).toBe(before);
  });
});
