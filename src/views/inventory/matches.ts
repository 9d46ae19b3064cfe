// The instances an inventory query matches (the screen's argument, e.g. `AWS:Application Name=openssl Version<3.0.8`):
// GetInventory with those filters, answered with each instance's AWS:InstanceInformation row. Mark and press r to act.
import {cachedHaystack} from '../../fleet/filter.js';
import {parseInventoryWhere, type InventoryMatch} from '../../fleet/inventory/inventory.js';
import {defineTableView, type ColumnContext, type TableView} from '../view.js';
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {pingTone} from '../../fleet/format.js';
import {tableActions} from '../table-actions.js';
import {freshness} from '../compliance/freshness.js';
import {chosenIds, openRunFor, readOnlyReason} from '../compliance/remediate.js';
import {instanceName} from '../compliance/names.js';

export type MatchRow = InventoryMatch & {fetchedAt: number};

const REFRESH_MS = 60_000;

/** `AWS:Application Name=openssl Version<3.0.8` → the type and its conditions (describeQuery's format). */
export function parseQueryArg(arg: string) {
  const [type = '', ...where] = arg.split(' ');
  return parseInventoryWhere(type, where.join(' '));
}

const field = (m: InventoryMatch, k: string) => m.info[k] ?? '';

const pingIndexes = new WeakMap<readonly ManagedInstance[], Map<string, string>>();

/**
 * GetInventory's InstanceStatus says Active for every running node, reachable or not; the fleet
 * (DescribeInstanceInformation) knows its ping. A running node shows its ping status; stopped and terminated ones,
 * which the fleet may not list, show InstanceStatus.
 */
function status(m: InventoryMatch, ctx: ColumnContext): string {
  const instanceStatus = field(m, 'InstanceStatus');
  if (instanceStatus !== 'Active' || !ctx.fleet) return instanceStatus;
  let index = pingIndexes.get(ctx.fleet);
  if (!index) pingIndexes.set(ctx.fleet, (index = new Map(ctx.fleet.map((i) => [i.instanceId, i.pingStatus]))));
  return index.get(m.instanceId) ?? instanceStatus;
}

const platform = (m: InventoryMatch) => `${field(m, 'PlatformName')} ${field(m, 'PlatformVersion')}`.trim();

export const matchesView: TableView<MatchRow> = defineTableView<MatchRow>({
  idsUniqueAcrossContexts: true,
  id: 'inventory-instances',
  title: 'Instances with',
  aliases: [],
  needsArg: true,
  refreshMs: REFRESH_MS,
  defaultSort: 'instance',
  scopes: ['inventoryMatches', 'table'],
  table: {
    rowId: (m) => m.instanceId,
    filter: {
      keys: {
        platform: {describe: 'platform type', get: (m) => field(m, 'PlatformType')},
        status: {describe: 'instance status (Active, Stopped, Terminated)', get: (m) => field(m, 'InstanceStatus')},
      },
      text: cachedHaystack((m: MatchRow) => [m.instanceId, field(m, 'ComputerName'), field(m, 'PlatformName'), field(m, 'IpAddress')]),
    },
    // Each key sorts by exactly what its column shows. NAME and STATUS come from the fleet at draw time, so they
    // are not sort choices (the header never marks a column the rows are not sorted by).
    sortValues: {
      instance: (m) => m.instanceId,
      computer: (m) => field(m, 'ComputerName'),
      platform,
      agent: (m) => field(m, 'AgentVersion'),
    },
  },
  columns: () => [
    {id: 'instance', title: 'INSTANCE', width: 20, priority: 0, text: (m) => m.instanceId},
    {id: 'name', title: 'NAME', width: 12, flex: true, priority: 2, text: (m, ctx) => instanceName(ctx, m.instanceId)},
    {id: 'computer', title: 'COMPUTER NAME', width: 16, flex: true, priority: 1, text: (m) => field(m, 'ComputerName')},
    {id: 'platform', title: 'PLATFORM', width: 14, flex: true, priority: 2, text: platform},
    {id: 'agent', title: 'AGENT', width: 11, priority: 3, text: (m) => field(m, 'AgentVersion')},
    {id: 'status', title: 'STATUS', width: 14, priority: 2, text: status,
      tone: (m, ctx) => {
        const s = status(m, ctx);
        return s === 'Online' ? undefined : s === 'Active' || s === 'Stopped' || s === 'Terminated' ? 'muted' : pingTone(s);
      }},
    {id: 'ip', title: 'IP', width: 15, priority: 4, text: (m) => field(m, 'IpAddress')},
  ],
  titleNote: (rows) => freshness('as of', rows[0]?.fetchedAt, 3 * REFRESH_MS),
  fetch: async (services, {arg, signal}) => {
    if (!services.inventory || !arg) throw new Error('no inventory query');
    const list = await services.inventory.query(parseQueryArg(arg), signal);
    const at = Date.now();
    return list.map((m) => ({...m, fetchedAt: at}));
  },
  disabled: {'inventoryMatches.run': readOnlyReason},
  actions: {
    ...tableActions<MatchRow>('inventory-instances', () => matchesView.table),
    'inventoryMatches.run': (ctx) => openRunFor(ctx, chosenIds<MatchRow>(ctx, 'inventory-instances', (m) => m.instanceId)),
  },
});
