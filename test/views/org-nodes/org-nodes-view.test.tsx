// `:org` over a local fleet of 3 accounts × 2 regions: every node of every account from one ListNodes call set through
// the management context alone (never once per context), placed in its account and region for `account:`/`region:`,
// counts from ListNodesSummary in the title, a missing sync said plainly; a Run Command on a node of an account the
// dashboard did not connect goes there with the configured role assumed, and without a role the user is told to set it.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../src/local/server.js';
import {createAppStore} from '../../../src/store/store.js';
import {rowPlace} from '../../../src/fleet/contexts/row-place.js';
import {RunRegistry} from '../../../src/fleet/run-command/run-registry.js';
import {openLocalContext} from '../../../src/aws/contexts/open-contexts.js';
import {ContextSet} from '../../../src/aws/contexts/context-set.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {localContextSpecs} from '../../../src/fleet/contexts/context-selection.js';
import type {ContextSpec} from '../../../src/fleet/contexts/context.js';
import type {OrgSettings} from '../../../src/fleet/contexts/context-config.js';
import {clientServices, contextRoutes, soleContextRoutes} from '../../../src/cli/context-services.js';
import type {Invocation} from '../../../src/fleet/run-command/port.js';
import type {Services} from '../../../src/views/view.js';
import type {OrgRow} from '../../../src/views/org-nodes/org-nodes-view.js';
import {useAppRenderer} from '../../helpers/app.js';
import {openFleetContexts, type FleetContexts} from '../../helpers/contexts.js';
import {usePrivateStateDir} from '../../helpers/state-dir.js';

usePrivateStateDir('fd-org-nodes-');
const renderApp = useAppRenderer();
let fleet: LocalFleet;
const opened: {close(): void}[] = [];

beforeAll(async () => {
  fleet = await startLocalFleet({accounts: 3, regions: ['us-east-1', 'eu-west-1'], nodes: 30, seed: 'org-view'});
});
afterAll(async () => {
  for (const o of opened) o.close();
  await fleet.close();
});

const accounts = () => [...new Set(fleet.partitions.map((p) => p.accountId))];
const total = () => fleet.partitions.reduce((n, p) => n + p.model.managed().length, 0);
const management = () => `${fleet.partitions[0]?.accountId}:${fleet.partitions[0]?.region}`;

/** Every partition as a context (as `--local --accounts 3 --regions …` opens them). */
async function allContexts(org: Partial<OrgSettings>): Promise<FleetContexts> {
  const c = await openFleetContexts(fleet, {runs: new RunRegistry(), org});
  opened.push(c);
  return c;
}

/** Only the management account's two regions connected: the other accounts are reached by assuming a role. */
async function managementOnly(org: Partial<OrgSettings>): Promise<Services> {
  const first = accounts()[0];
  const parts = fleet.partitions.filter((p) => p.accountId === first).map((p) => ({account: 1, region: p.region, credentials: p.credentials}));
  const names = localContextSpecs(parts);
  const set = new ContextSet(parts.map((p, i) => openLocalContext(names[i] as ContextSpec, fleet.endpoint, p.credentials, {maxConcurrentRequests: 8})));
  opened.push(set);
  const head = set.all()[0];
  if (!head) throw new Error('no context');
  await Promise.all(set.all().map((c) => set.info(c.spec.name)?.accountId ? undefined : set.recheck(c.spec.name)));
  const loader = new FleetLoader(head.aws);
  const services = {identity: 'local', runs: new RunRegistry(), org, ...(await clientServices(head.aws, loader))} as Services;
  services.contexts = await contextRoutes(set, services, loader);
  return services;
}

/** Only the management account's us-east-1 connected: a dashboard of one context, as `--profile p` opens it. */
async function soleManagement(org: Partial<OrgSettings>): Promise<Services> {
  const p = fleet.partitions[0];
  if (!p) throw new Error('no partition');
  const set = new ContextSet([openLocalContext({name: 'mgmt', region: p.region}, fleet.endpoint, p.credentials, {maxConcurrentRequests: 8})]);
  opened.push(set);
  await set.recheck();
  const head = set.all()[0];
  if (!head) throw new Error('no context');
  const services = {identity: 'local', runs: new RunRegistry(), org, ...(await clientServices(head.aws, new FleetLoader(head.aws)))} as Services;
  services.soleContext = soleContextRoutes(set, services);
  return services;
}

async function openOrg(services: Services) {
  const store = createAppStore({size: {cols: 220, rows: 60}});
  const app = renderApp({store, services, viewOptions: {tagColumns: [], contexts: services.contexts !== undefined},
    target: {kind: 'local', region: 'us-east-1', label: 'LOCAL FLEET', endpoint: fleet.endpoint}});
  await app.press(':', ...'org', 'enter');
  const rows = () => (store.getState().tables['org-nodes']?.rows ?? []) as readonly OrgRow[];
  return {store, rows, ...app};
}

describe(':org, the organisation\'s nodes', () => {
  it('lists every node of every account and region from one ListNodes call set through the management context', async () => {
    const c = await allContexts({syncName: 'AWS-QuickSetup-ManagedNode'});
    fleet.resetRequestCounts();
    const t = await openOrg(c.services);
    await t.frame(() => t.rows().length === total(), `all ${total()} nodes`, 20_000);
    const screen = await t.frame((s) => s.includes(`${total()} nodes · 3 accounts`), 'the counts in the title');
    expect(screen).toContain('us-east-1 ');
    expect(screen).toContain('sync AWS-QuickSetup-ManagedNode');
    expect(screen).toContain('ACCOUNT');
    expect(new Set(t.rows().map((r) => r.accountId))).toEqual(new Set(accounts()));
    // One call set: ListNodes and ListNodesSummary in the management partition, in no other.
    const counts = fleet.requestCountsBy();
    expect(counts[management()]?.['ssm:ListNodes']).toBe(Math.ceil(total() / 50));
    expect(counts[management()]?.['ssm:ListNodesSummary']).toBe(1);
    const others = Object.entries(counts).filter(([k, n]) => k !== management() && ((n['ssm:ListNodes'] ?? 0) + (n['ssm:ListNodesSummary'] ?? 0)) > 0);
    expect(others).toEqual([]);
    // Each row is placed in the connected context of its account and region.
    const third = accounts()[2] ?? '';
    const row = t.rows().find((r) => r.accountId === third && r.region === 'eu-west-1');
    expect(rowPlace(row)?.context).toBe('local-3:eu-west-1');
    await t.press('/', ...`account:${third} region:eu-west-1`, 'enter');
    await t.frame(() => t.store.getState().tables['org-nodes']?.appliedFilter.startsWith('account:') === true, 'the filter');
    const visible = (t.store.getState().tables['org-nodes']?.visible ?? []) as readonly OrgRow[];
    const inPartition = fleet.partitions.find((p) => p.accountId === third && p.region === 'eu-west-1')?.model.managed().length;
    expect(visible).toHaveLength(inPartition ?? -1);
    expect(visible.every((r) => r.accountId === third && r.region === 'eu-west-1')).toBe(true);
  }, 60_000);

  it('a sync that does not exist says so, naming org.syncName and the command that makes one', async () => {
    const c = await allContexts({syncName: 'org-typo'});
    const t = await openOrg(c.services);
    const screen = await t.frame((s) => s.includes('org.syncName'), 'the message');
    expect(screen).toContain('no resource data sync org-typo in us-east-1 (org.syncName); SyncFromSource syncs here: AWS-QuickSetup-ManagedNode');
    expect(screen).toContain('create one in the management account: aws ssm create-resource-data-sync --sync-name org-typo');
  }, 30_000);

  it('a Run Command on a node of an account not connected goes there with org.roleName assumed', async () => {
    const services = await managementOnly({roleName: 'FleetdeckOperator'});
    const t = await openOrg(services);
    await t.frame(() => t.rows().length === total(), `all ${total()} nodes`, 20_000);
    const third = accounts()[2] ?? '';
    const target = t.rows().find((r) => r.accountId === third && r.region === 'eu-west-1' && r.pingStatus === 'Online' && r.platformType === 'Linux');
    if (!target) throw new Error('no online Linux node in account 3');
    expect(rowPlace(target)?.context).toBe(`org:${third}:eu-west-1`);
    await t.press('/', ...`id:${target.instanceId}`, 'enter');
    await t.frame(() => t.store.getState().tables['org-nodes']?.visible.length === 1, 'the node alone');
    const partition = `${third}:eu-west-1`;
    const before = fleet.requestCountsBy()[partition]?.['ssm:SendCommand'] ?? 0;
    const assumedBefore = fleet.requestCounts()['sts:AssumeRole'] ?? 0;
    await t.press('r');
    await t.frame((s) => s.includes('workingDirectory'), 'the form and its schema', 20_000);
    for (const ch of 'echo "org $FLEETDECK_INSTANCE_ID"') await t.press(ch);
    await t.press('ctrl+s');
    await t.frame((s) => s.includes('Press enter to send') || s.includes('to send'), 'the confirmation');
    await t.press('enter');
    await t.frame((s) => /1 Success/.test(s), 'the run finished', 20_000);
    expect(fleet.requestCountsBy()[partition]?.['ssm:SendCommand']).toBe(before + 1);
    expect(fleet.requestCounts()['sts:AssumeRole']).toBe(assumedBefore + 1);
    // The management partitions sent nothing.
    for (const p of fleet.partitions.filter((x) => x.accountId === accounts()[0])) {
      expect(fleet.requestCountsBy()[`${p.accountId}:${p.region}`]?.['ssm:SendCommand'] ?? 0).toBe(0);
    }
    // In `:ctx` the context made for that account is listed, but it has no rows to put in view.
    await t.press('escape', ':', ...'ctx', 'enter');
    await t.frame((s) => s.includes('ORG ROLE'), 'the assumed context in :ctx');
    const table = () => t.store.getState().tables['contexts'];
    const at = table()?.visible.findIndex((r) => (r as {assumed?: object}).assumed !== undefined) ?? -1;
    t.store.getState().updateTable('contexts', (st) => ({...st, cursor: at}));
    await t.press('space');
    await t.frame((s) => s.includes('was made for :org to act on its nodes: it has no rows to show'), 'the refusal');
    expect(services.contexts?.inView().length).toBe(2);
  }, 60_000);

  it('with one context connected, a run over a node here and one in another account goes to each: one results view, each output read where it ran', async () => {
    const services = await soleManagement({roleName: 'FleetdeckOperator'});
    const t = await openOrg(services);
    await t.frame(() => t.rows().length === total(), `all ${total()} nodes`, 20_000);
    const [first, , third] = accounts();
    const usable = (r: OrgRow) => r.pingStatus === 'Online' && r.platformType === 'Linux';
    const here = t.rows().find((r) => r.accountId === first && r.region === 'us-east-1' && usable(r));
    const away = t.rows().find((r) => r.accountId === third && r.region === 'eu-west-1' && usable(r));
    if (!here || !away) throw new Error('no online Linux nodes to run on');
    t.store.getState().updateTable('org-nodes', (st) => ({...st, marks: new Set([here.instanceId, away.instanceId])}));
    const sent = (accountId: string | undefined, region: string) => fleet.requestCountsBy()[`${accountId}:${region}`]?.['ssm:SendCommand'] ?? 0;
    const before = {here: sent(first, 'us-east-1'), away: sent(third, 'eu-west-1')};
    await t.press('r');
    await t.frame((s) => s.includes('workingDirectory'), 'the form and its schema', 20_000);
    for (const ch of 'echo "org $FLEETDECK_INSTANCE_ID"') await t.press(ch);
    await t.press('ctrl+s');
    // One confirmation that shows where each node lives, the assumed account's line with its region.
    const confirm = await t.frame((s) => s.includes('to send'), 'the confirmation');
    expect(confirm).toMatch(/2 nodes: mgmt us-east-1 1 · \d{12} eu-west-1 1/);
    // The copied lines for the other account say the aws CLI needs the role's own profile there.
    expect(confirm).toContain(`# account ${third} as role FleetdeckOperator: add --profile NAME`);
    await t.press('enter');
    await t.frame((s) => /2 Success/.test(s), 'both finished', 20_000);
    expect(sent(first, 'us-east-1')).toBe(before.here + 1);
    expect(sent(third, 'eu-west-1')).toBe(before.away + 1);
    // The node of the other account: its full output is read there (GetCommandInvocation in its partition).
    const results = () => t.store.getState().tables['command-results'];
    const at = () => (results()?.visible as Invocation[] | undefined)?.findIndex((i) => i.instanceId === away.instanceId) ?? -1;
    await t.frame(() => at() >= 0 && (results()?.rows.length ?? 0) === 2, 'both rows');
    // Its name comes from the organisation's listing: the dashboard has no fleet of that account to look it up in.
    expect(away.name).not.toBe('');
    await t.frame((s) => s.split('\n').some((l) => l.includes(away.instanceId) && l.includes(away.name)), 'the node of the other account named');
    t.store.getState().updateTable('command-results', (st) => ({...st, cursor: at()}));
    await t.press('enter');
    const out = await t.frame((s) => s.includes(`org ${away.instanceId}`), 'the output of the node in the other account', 20_000);
    expect(out).not.toContain('InvocationDoesNotExist');
    expect(fleet.requestCountsBy()[`${third}:eu-west-1`]?.['ssm:GetCommandInvocation'] ?? 0).toBeGreaterThan(0);
    // `:ctx` lists the context made for that account beside the connected one, with its own meter.
    await t.press('escape', 'escape', ':', ...'ctx', 'enter');
    const ctx = await t.frame((s) => s.includes('ORG ROLE'), 'the assumed context in :ctx');
    expect(ctx).toContain('1 context · 1 in view · 1 made for :org');
    expect(ctx).toMatch(new RegExp(`org:${third}:\\S* +${third} eu-west-1 .*valid .*ORG ROLE`));
  }, 60_000);

  it('without org.roleName, acting on a node of another account says to set it', async () => {
    const services = await managementOnly({});
    const t = await openOrg(services);
    await t.frame(() => t.rows().length === total(), `all ${total()} nodes`, 20_000);
    const second = accounts()[1] ?? '';
    await t.press('/', ...`account:${second}`, 'enter');
    await t.frame(() => t.store.getState().tables['org-nodes']?.appliedFilter.startsWith('account:') === true, 'the filter');
    await t.press('r');
    const screen = await t.frame((s) => s.includes('set org.roleName'), 'the message');
    expect(screen).toContain(`account ${second}`);
    expect(t.store.getState().runForm).toBeUndefined();
  }, 30_000);
});
