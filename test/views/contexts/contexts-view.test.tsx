// `:ctx` in the real App over a local fleet of 2 accounts × 2 regions, through the real SDK and ContextSet: every
// context with its account, region, credential state, meters, in-view mark and guards; space, enter and a change
// what the instances table loads; `:ctx NAME` and `:ctx GROUP` switch from the command bar; r rechecks a context's
// credentials after they work again; d shows its detail; with one context the view has its one row.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../src/local/server.js';
import {createAppStore} from '../../../src/store/store.js';
import {rowPlace} from '../../../src/fleet/contexts/row-place.js';
import type {ManagedInstance} from '../../../src/fleet/instances/instance.js';
import {ContextSet} from '../../../src/aws/contexts/context-set.js';
import {openLocalContext} from '../../../src/aws/contexts/open-contexts.js';
import {soleContextRoutes} from '../../../src/cli/context-services.js';
import type {Services} from '../../../src/views/view.js';
import {useAppRenderer} from '../../helpers/app.js';
import {openFleetContexts, type FleetContexts} from '../../helpers/contexts.js';

const renderApp = useAppRenderer();
let fleet: LocalFleet;
let ctx: FleetContexts;

beforeAll(async () => {
  fleet = await startLocalFleet({accounts: 2, regions: ['us-east-1', 'eu-west-1'], nodes: 5, seed: 'contexts-view'});
  ctx = await openFleetContexts(fleet, {}, {
    'local-1:us-east-1': {alias: 'prod', colour: 'red'},
    'local-1:eu-west-1': {alias: 'prod'},
    'local-2:us-east-1': {readOnly: true},
    'local-2:eu-west-1': {protected: true},
  }, {europe: ['local-1:eu-west-1', 'local-2:eu-west-1']});
});
afterAll(async () => {
  ctx.close();
  await fleet.close();
});

/** How many nodes the contexts named hold (local-<n>:<region>, numbered by account as the fleet lists them). */
function nodesOf(names: readonly string[]): number {
  const accounts = [...new Set(fleet.partitions.map((p) => p.accountId))];
  return fleet.partitions.filter((p) => names.includes(`local-${accounts.indexOf(p.accountId) + 1}:${p.region}`))
    .reduce((n, p) => n + p.model.managed().length, 0);
}
const ALL = ['local-1:us-east-1', 'local-1:eu-west-1', 'local-2:us-east-1', 'local-2:eu-west-1'];

function setup() {
  ctx.set.showAll();
  const store = createAppStore({size: {cols: 170, rows: 40}});
  const app = renderApp({store, services: ctx.services, viewOptions: {tagColumns: [], contexts: true},
    sync: {classifyError: () => 'transient', describeError: (e) => (e as Error).message, refreshMs: 60_000}});
  const instances = () => (store.getState().tables['instances']?.rows ?? []) as readonly ManagedInstance[];
  const inView = () => ctx.set.inView().map((c) => c.spec.name);
  const openCtx = async () => {
    await app.press(':', ...'ctx', 'enter');
    return app.frame((s) => /Contexts 4\/4/.test(s) && s.includes('local-2:eu-west-1') && !s.includes('checking…'), 'the contexts');
  };
  /** The cursor on the row of `name` (the contexts keep their order). */
  const cursorTo = async (name: string) => {
    await app.press('g', ...Array<string>(ALL.indexOf(name)).fill('j'));
    await app.frame(() => {
      const st = store.getState().tables['contexts'];
      return (st?.visible[st.cursor] as {spec?: {name: string}} | undefined)?.spec?.name === name;
    }, `the cursor on ${name}`);
  };
  return {store, instances, inView, openCtx, cursorTo, ...app};
}

describe(':ctx, the contexts of the run', () => {
  it('lists every context with its account, region, credentials, meters, in-view mark and guards, counted in the title', async () => {
    const {openCtx, frame} = setup();
    const screen = await openCtx();
    for (const h of ['NAME', 'ACCOUNT', 'REGION', 'CREDENTIALS', 'REQ/S', 'THROTTLES', 'IN FLIGHT', 'IN VIEW', 'FLAGS']) expect(screen).toContain(h);
    const second = fleet.partitions.find((p) => p.accountId !== fleet.partitions[0]!.accountId)!.accountId;
    const rows = screen.split('\n').slice(screen.split('\n').findIndex((l) => l.includes('CREDENTIALS')));
    const line = (name: string) => rows.find((l) => l.includes(name)) ?? '';
    expect(line('local-1:us-east-1')).toMatch(/prod\s+us-east-1 .*valid .*✓/);
    expect(line('local-2:us-east-1')).toContain(second);
    expect(line('local-2:us-east-1')).toMatch(/✓\s+READ-ONLY/);
    expect(line('local-2:eu-west-1')).toMatch(/✓\s+PROTECTED/);
    expect(line('local-1:eu-west-1')).toMatch(/\d+\.\d\s+0\s+0\/8\s+✓/); // requests/s, throttles, in flight of at most 8
    expect(screen).toContain('4 contexts · 4 in view · 1 read-only · 1 protected');
    // The footer offers space for what it does here, not for marking.
    expect(screen).toContain('<space> in/out of view');
    expect(screen).not.toContain('<space> mark');
    // The guards are loud in the header too, and the header counts the accounts and regions in view.
    expect(screen).toMatch(/2 accounts × 2 regions/);
    expect(screen).toMatch(/local-2:us-east-1 READ-ONLY/);
    await frame((s) => /local-2:eu-west-1 PROTECTED/.test(s), 'the protected badge');
  });

  it('space takes a context out of view (the instances table drops its rows), enter shows only one, a all; the last stays', async () => {
    const {openCtx, cursorTo, press, frame, instances, inView, store} = setup();
    await frame(() => instances().length === nodesOf(ALL), 'every context\'s nodes');
    await openCtx();
    await cursorTo('local-2:eu-west-1');
    await press(' ');
    await frame((s) => s.includes('local-2:eu-west-1 out of view (3 contexts in view)') && s.includes('3 in view'), 'out of view');
    expect(inView()).toEqual(['local-1:us-east-1', 'local-1:eu-west-1', 'local-2:us-east-1']);
    await press('esc');
    await frame(() => store.getState().stack.at(-1)?.view === 'instances' && instances().length === nodesOf(inView()), 'the instances of the 3 contexts');
    expect(instances().some((i) => rowPlace(i)?.context === 'local-2:eu-west-1')).toBe(false);
    expect(await frame((s) => s.includes('+1 out of view (:ctx)'), 'the header says one is out of view')).toBeTruthy();

    await openCtx().catch(() => undefined);
    await frame((s) => s.includes('3 in view'), 'the contexts again');
    await cursorTo('local-1:eu-west-1');
    await press('enter');
    await frame((s) => s.includes('only local-1:eu-west-1 in view'), 'only one');
    expect(inView()).toEqual(['local-1:eu-west-1']);
    await press(' ');
    await frame((s) => s.includes('the only context in view: it stays'), 'the last one stays');
    expect(inView()).toEqual(['local-1:eu-west-1']);
    await press('a');
    await frame((s) => s.includes('all 4 contexts in view'), 'all again');
    expect(inView()).toEqual(ALL);
  });

  it(':ctx NAME and :ctx GROUP switch from the command bar; an unknown name says what is valid', async () => {
    const {press, frame, inView, instances} = setup();
    await frame(() => instances().length === nodesOf(ALL), 'every context\'s nodes');
    await press(':', ...'ctx europe', 'enter');
    await frame((s) => s.includes('group europe: 2 contexts in view'), 'the group');
    expect(inView()).toEqual(['local-1:eu-west-1', 'local-2:eu-west-1']);
    await frame(() => instances().length === nodesOf(inView()) && instances().every((i) => rowPlace(i)?.region === 'eu-west-1'), 'only Europe\'s nodes');
    await press(':', ...'ctx local-2:us-east-1', 'enter');
    await frame((s) => s.includes('only local-2:us-east-1 in view'), 'one context');
    expect(inView()).toEqual(['local-2:us-east-1']);
    await press(':', ...'ctx nowhere', 'enter');
    await frame((s) => s.includes('no context or group is called "nowhere"') && s.includes('europe (group)'), 'the error');
    expect(inView()).toEqual(['local-2:us-east-1']);
    await press('esc', ':', ...'ctx all', 'enter');
    await frame(() => inView().length === 4, 'all again');
  });

  it('r rechecks a context\'s credentials once they work again; d shows its state, the fix and its budget', async () => {
    const {openCtx, cursorTo, press, frame} = setup();
    await openCtx();
    const second = fleet.partitions.find((p) => p.accountId !== fleet.partitions[0]!.accountId)!.accountId;
    await cursorTo('local-2:us-east-1');
    fleet.expireCredentials(second);
    try {
      await press('r');
      await frame((s) => /local-2:us-east-1 .*expired/.test(s), 'its credentials expired');
      await press('d');
      const detail = await frame((s) => s.includes('Request budget') && s.includes('State'), 'the detail');
      expect(detail).toMatch(/State\s+expired/);
      expect(detail).toMatch(/Fix\s+\S/);
      expect(detail).toMatch(/In flight\s+\d+ of at most 8/);
      expect(detail).toMatch(/Guards\s+READ-ONLY: refuses every change/);
      expect(detail).toContain(second);
      expect(detail).not.toContain('@ local-2:us-east-1'); // about the context, not a screen of its rows
      await press('esc');
    } finally {
      fleet.restoreCredentials(second);
    }
    await press('r');
    await frame((s) => /local-2:us-east-1 .*valid/.test(s) && !/local-2:us-east-1 .*expired/.test(s), 'valid again');
  });
});

describe(':ctx with one context', () => {
  it('lists its one row; toggling says it is always in view', async () => {
    const p = fleet.partitions[0]!;
    const set = new ContextSet([openLocalContext({name: 'local-1:us-east-1', region: p.region, protected: true}, fleet.endpoint, p.credentials,
      {maxConcurrentRequests: 4})]);
    try {
      const services = {loadFleet: async () => [], identity: 'local'} as Services;
      services.soleContext = soleContextRoutes(set, services);
      const store = createAppStore({size: {cols: 170, rows: 30}});
      const {press, frame} = renderApp({store, services});
      await press(':', ...'ctx', 'enter');
      const screen = await frame((s) => /Contexts 1\/1/.test(s) && /local-1:us-east-1 .*valid/.test(s), 'its one row');
      expect(screen).toContain(p.accountId);
      expect(screen).toContain('1 context · 1 in view · 1 protected');
      await press(' ');
      await frame((s) => s.includes('one context: it is always in view'), 'the reason');
    } finally {
      set.close();
    }
  });
});
