// The instances an inventory query matches (the screen's argument, e.g. `AWS:Application Name=openssl Version<3.0.8`):
// GetInventory with those filters, answered with each instance's AWS:InstanceInformation row. Mark and press r to act.
import {cachedHaystack} from '../../fleet/filter.js';
import {parseInventoryWhere, type InventoryMatch} from '../../fleet/inventory.js';
import {defineTableView, type TableView} from '../view.js';
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

export const matchesView: TableView<MatchRow> = defineTableView<MatchRow>({
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
    sortValues: {
      instance: (m) => m.instanceId,
      computer: (m) => field(m, 'ComputerName'),
      platform: (m) => field(m, 'PlatformName'),
      agent: (m) => field(m, 'AgentVersion'),
      status: (m) => field(m, 'InstanceStatus'),
    },
  },
  columns: () => [
    {id: 'instance', title: 'INSTANCE', width: 20, priority: 0, text: (m) => m.instanceId},
    {id: 'name', title: 'NAME', width: 12, flex: true, priority: 2, text: (m, ctx) => instanceName(ctx, m.instanceId)},
    {id: 'computer', title: 'COMPUTER NAME', width: 16, flex: true, priority: 1, text: (m) => field(m, 'ComputerName')},
    {id: 'platform', title: 'PLATFORM', width: 14, flex: true, priority: 2,
      text: (m) => `${field(m, 'PlatformName')} ${field(m, 'PlatformVersion')}`.trim()},
    {id: 'agent', title: 'AGENT', width: 11, priority: 3, text: (m) => field(m, 'AgentVersion')},
    {id: 'status', title: 'STATUS', width: 10, priority: 2, text: (m) => field(m, 'InstanceStatus'),
      tone: (m) => (field(m, 'InstanceStatus') === 'Active' ? undefined : 'muted')},
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
