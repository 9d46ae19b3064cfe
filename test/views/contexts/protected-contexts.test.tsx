// Guarded contexts in one merged table, in the real App over a local fleet of 2 accounts × 2 regions: applying an
// association now is refused in the read-only context while the same change in another context of the same table is
// asked and done; in the protected context the same single-row change asks for the typed confirmation (the
// context's name), a wrong answer does nothing, the right one applies it.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../src/local/server.js';
import {createAppStore} from '../../../src/store/store.js';
import {rowPlace} from '../../../src/fleet/contexts/row-place.js';
import {useAppRenderer} from '../../helpers/app.js';
import {openFleetContexts, type FleetContexts} from '../../helpers/contexts.js';
import {usePrivateStateDir} from '../../helpers/state-dir.js';
import {ContextSet} from '../../../src/aws/contexts/context-set.js';
import {openLocalContext} from '../../../src/aws/contexts/open-contexts.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {clientServices, soleContextRoutes} from '../../../src/cli/context-services.js';
import type {ContextSpec} from '../../../src/fleet/contexts/context.js';
import type {Services} from '../../../src/views/view.js';

usePrivateStateDir('fd-guarded-');
const renderApp = useAppRenderer();
let fleet: LocalFleet;
let ctx: FleetContexts;

beforeAll(async () => {
  fleet = await startLocalFleet({accounts: 2, regions: ['us-east-1', 'eu-west-1'], nodes: 8, seed: 'guarded-contexts'});
  ctx = await openFleetContexts(fleet, {}, {'local-2:us-east-1': {readOnly: true}, 'local-2:eu-west-1': {protected: true}});
});
afterAll(async () => {
  ctx.close();
  await fleet.close();
});

/** StartAssociationsOnce calls the partition of `context` (local-<n>:<region>) answered. */
function applies(context: string): number {
  const [account, region] = context.replace(/^local-/, '').split(':');
  const accounts = [...new Set(fleet.partitions.map((p) => p.accountId))];
  const id = accounts[Number(account) - 1];
  return fleet.requestCountsBy()[`${id}:${region}`]?.['ssm:StartAssociationsOnce'] ?? 0;
}

async function setup() {
  const store = createAppStore({size: {cols: 170, rows: 40}});
  const app = renderApp({store, services: ctx.services, viewOptions: {tagColumns: [], contexts: true},
    sync: {classifyError: () => 'transient', describeError: (e) => (e as Error).message, refreshMs: 60_000}});
  await app.press(':', ...'assoc', 'enter');
  const st = () => store.getState().tables['associations'];
  await app.frame(() => new Set(st()?.rows.map((r) => rowPlace(r)?.context)).size === 4, 'the associations of the 4 contexts');
  /** The rotate-logs row of one context under the cursor, alone in the table. */
  const only = async (context: string) => {
    const [account, region] = context.split(':');
    const filter = `account:${account} region:${region} rotate-logs`;
    await app.press('/', 'ctrl+u', ...filter, 'enter');
    await app.frame(() => st()?.appliedFilter === filter && st()?.visible.length === 1
      && rowPlace(st()?.visible[0])?.context === context, `rotate-logs of ${context}`);
  };
  return {store, only, ...app};
}

describe('read-only and protected contexts in one merged table', () => {
  it('refuses a change in the read-only context while the same change in another context is asked and done', async () => {
    const {only, press, frame, store} = await setup();
    await only('local-2:us-east-1');
    await press('r');
    await frame((s) => s.includes('read-only'), 'the refusal');
    expect(store.getState().prompt).toBeUndefined();
    expect(applies('local-2:us-east-1')).toBe(0);

    await only('local-1:us-east-1');
    await press('r');
    await frame((s) => s.includes('Apply rotate-logs now on every target?'), 'the yes/no question');
    expect(store.getState().prompt?.kind).toBe('confirm');
    await press('y');
    await frame((s) => s.includes('applying rotate-logs now'), 'applied');
    expect(applies('local-1:us-east-1')).toBe(1);
    expect(applies('local-2:us-east-1')).toBe(0);
  });

  it('asks the typed confirmation for a single-row change in the protected context: a wrong answer does nothing', async () => {
    const {only, press, frame, store} = await setup();
    await only('local-2:eu-west-1');
    await press('r');
    await frame((s) => s.includes('PROTECTED local-2:eu-west-1: Apply rotate-logs now on every target? Type local-2:eu-west-1 to confirm:'),
      'the typed confirmation');
    // y answers a yes/no question; here it is only a letter typed.
    await press('y', 'enter');
    await frame((s) => s.includes('not done: local-2:eu-west-1 is protected'), 'refused');
    expect(applies('local-2:eu-west-1')).toBe(0);
    expect(store.getState().prompt).toBeUndefined();

    await press('r');
    await frame((s) => s.includes('Type local-2:eu-west-1 to confirm:'), 'asked again');
    await press(...'local-2:eu-west-1', 'enter');
    await frame((s) => s.includes('applying rotate-logs now'), 'applied');
    expect(applies('local-2:eu-west-1')).toBe(1);
  });
});

describe('the only context of a run', () => {
  /** The dashboard on the first partition alone, as a context from the config with these guards. */
  async function alone(guards: Partial<ContextSpec>) {
    const p = fleet.partitions[0]!;
    const set = new ContextSet([openLocalContext({name: 'prod', region: p.region, ...guards}, fleet.endpoint, p.credentials, {maxConcurrentRequests: 4})]);
    const aws = set.all()[0]!.aws;
    const services = {identity: 'local', ...(await clientServices(aws, new FleetLoader(aws)))} as Services;
    services.soleContext = soleContextRoutes(set, services);
    const store = createAppStore({size: {cols: 170, rows: 40}});
    const app = renderApp({store, services});
    await app.press(':', ...'assoc', 'enter');
    await app.press('/', ...'rotate-logs', 'enter');
    await app.frame(() => store.getState().tables['associations']?.visible.length === 1, 'rotate-logs');
    return {set, store, ...app};
  }

  it('says its guards loudly in the header and keeps them: protected asks the typed form, read-only refuses', async () => {
    const prod = await alone({protected: true});
    try {
      await prod.frame((s) => /LOCAL FLEET │ PROTECTED │/.test(s), 'PROTECTED in the header');
      await prod.press('r');
      await prod.frame((s) => s.includes('PROTECTED prod: Apply rotate-logs now on every target? Type prod to confirm:'), 'the typed form');
      await prod.press('esc');
    } finally {
      prod.set.close();
    }
    const frozen = await alone({readOnly: true});
    try {
      await frozen.frame((s) => /LOCAL FLEET │ READ-ONLY │/.test(s), 'READ-ONLY in the header');
      await frozen.press('r');
      await frozen.frame((s) => s.includes('read-only'), 'the refusal');
      expect(frozen.store.getState().prompt).toBeUndefined();
    } finally {
      frozen.set.close();
    }
  });
});
