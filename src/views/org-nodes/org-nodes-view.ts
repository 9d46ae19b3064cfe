// `:org`: every managed node of the organisation, read through one resource data sync (ListNodes, ListNodesSummary)
// in the management context — one call set, never once per context. Each row is placed in its account and region
// (the connected context there, else the one assuming org.roleName makes), so `account:`/`region:` filter and the
// row's shell and Run Command go there.
import {cachedHaystack, type FilterSchema} from '../../fleet/filter.js';
import {formatAge, pingTone} from '../../fleet/format.js';
import {placeRows, rowPlace} from '../../fleet/contexts/row-place.js';
import {DEFAULT_ORG_SYNC, placeOfNode, summaryNote, type OrgNode, type OrgSummary} from '../../fleet/org-nodes/org-node.js';
import {readOnlyRefusal} from '../../fleet/read-only.js';
import {defineTableView, type Column, type FetchOptions, type Services, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {pingLabel, shortPlatform} from '../instances/present.js';
import {runOnOrgNodes, shellOnOrgNodes} from './acting.js';
import './services.js';

/** A node with the sync it was read through (every row of a load shares one). */
export type OrgRow = OrgNode & {readonly sync: {readonly name: string; readonly summary?: OrgSummary}};

const haystack = cachedHaystack<OrgRow>((n) => [n.instanceId, n.name, n.accountId, n.region, n.pingStatus, n.platformType,
  n.platformName, n.platformVersion, n.agentVersion, n.ipAddress, n.computerName]);

const filter: FilterSchema<OrgRow> = {
  keys: {
    ping: {describe: 'ping status: online, connectionlost (lost), inactive', values: ['online', 'connectionlost', 'inactive', 'unknown'],
      valueAliases: {lost: 'connectionlost'}, valueNoun: 'ping status', get: (n) => n.pingStatus.toLowerCase()},
    platform: {describe: 'platform type (linux, windows, macos) or a word of the OS name', get: (n) => [n.platformType, n.platformName]},
    id: {describe: 'instance id (substring)', example: 'id:i-0ab', get: (n) => n.instanceId},
    name: {describe: 'name (substring)', example: 'name:web', get: (n) => n.name},
    ip: {describe: 'IP address (prefix)', example: 'ip:10.0.', get: (n) => n.ipAddress, match: 'prefix'},
  },
  text: haystack,
};

/** The services that read the sync: the config's management context (org.context), else the first one's. */
function management(services: Services): {services: Services; context?: string} {
  const name = services.org?.context;
  const routes = services.contexts;
  if (name === undefined || routes === undefined) return {services};
  const own = routes.servicesFor(name);
  if (own === undefined) throw new Error(`org.context names ${name}, which is not one of the contexts connected now`);
  return {services: own, context: name};
}

async function fetchOrgNodes(services: Services, opts: FetchOptions<OrgRow>): Promise<OrgRow[]> {
  const mgmt = management(services);
  const api = mgmt.services.orgNodes;
  if (api === undefined) throw new Error('the organisation view is not available here');
  const name = services.org?.syncName ?? DEFAULT_ORG_SYNC;
  const routes = services.contexts ?? services.soleContext;
  const infos = routes?.all() ?? [];
  const read = async (): Promise<OrgRow[]> => {
    // The summary first: one call that says at once when the sync is not there.
    const summary = await api.summary(name, opts.signal);
    const sync = {name, summary};
    const rows = (list: readonly OrgNode[]): OrgRow[] => {
      const out = list.map((n) => ({...n, sync}));
      for (const r of out) placeRows([r], placeOfNode(r, infos));
      return out;
    };
    return rows(await api.list(name, {...(opts.signal ? {signal: opts.signal} : {}),
      ...(opts.onProgress ? {onProgress: (partial: OrgNode[]) => opts.onProgress?.(rows(partial), false)} : {})}));
  };
  const context = mgmt.context ?? infos[0]?.spec.name;
  return routes && context !== undefined ? routes.background(context, read) : read();
}

const columns = (placed: boolean): Column<OrgRow>[] => [
  // With several contexts the table leads with its own ACCOUNT and REGION (the row's place); with one, these.
  ...(placed ? [] : [
    {id: 'account', title: 'ACCOUNT', width: 12, minWidth: 8, priority: 2, text: (n: OrgRow) => rowPlace(n)?.account ?? n.accountId},
    {id: 'region', title: 'REGION', width: 9, minWidth: 6, priority: 3, text: (n: OrgRow) => n.region},
  ] satisfies Column<OrgRow>[]),
  {id: 'id', title: 'ID', width: 20, minWidth: 12, priority: 0, text: (n) => n.instanceId},
  {id: 'name', title: 'NAME', width: 12, flex: true, whole: true, priority: 1, text: (n) => n.name},
  {id: 'ping', title: 'PING', width: 8, priority: 2, text: (n) => pingLabel(n.pingStatus), tone: (n) => pingTone(n.pingStatus)},
  {id: 'platform', title: 'PLATFORM', width: 12, flex: true, priority: 3, text: (n) => shortPlatform(n)},
  {id: 'agent', title: 'AGENT', width: 11, priority: 4, text: (n) => n.agentVersion},
  {id: 'ip', title: 'IP', width: 15, priority: 5, text: (n) => n.ipAddress},
  {id: 'seen', title: 'SEEN', width: 6, priority: 6, align: 'right', text: (n, ctx) => formatAge(n.capturedAt, ctx.now)},
];

const refuse = (ctx: {readOnly: boolean}, what: 'run' | 'shell') => readOnlyRefusal(what, {readOnly: ctx.readOnly, allowForwards: false});

export const orgNodesView: TableView<OrgRow> = defineTableView<OrgRow>({
  // One call set through the management context: the sync already spans every account and region.
  appWide: true,
  idsUniqueAcrossContexts: true,
  id: 'org-nodes',
  title: 'Organisation nodes',
  aliases: ['org', 'orgnodes'],
  defaultSort: 'place',
  refreshMs: 30_000,
  scopes: ['orgNodes', 'table'],
  table: {
    rowId: (n) => n.instanceId,
    filter,
    sortValues: {
      place: (n) => `${n.accountId}\u0000${n.region}\u0000${n.name.toLowerCase()}`,
      id: (n) => n.instanceId,
      name: (n) => n.name.toLowerCase(),
      ping: (n) => n.pingStatus,
      platform: (n) => shortPlatform(n),
      agent: (n) => n.agentVersion,
      ip: (n) => n.ipAddress,
    },
  },
  columns: (extra) => columns(extra.contexts === true),
  fetch: fetchOrgNodes,
  titleNote: (rows) => {
    const sync = rows[0]?.sync;
    return sync ? `${summaryNote(sync.summary, rows)} · sync ${sync.name}` : '';
  },
  disabled: {
    'orgNodes.run': (ctx) => refuse(ctx, 'run'),
    'orgNodes.shell': (ctx) => refuse(ctx, 'shell'),
  },
  actions: {
    ...tableActions<OrgRow>('org-nodes', () => orgNodesView.table),
    'orgNodes.shell': (ctx) => void shellOnOrgNodes(ctx),
    'orgNodes.run': (ctx) => void runOnOrgNodes(ctx),
  },
});
