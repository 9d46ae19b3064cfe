// One instance's inventory (the screen's argument), as tabs: Applications, Network, Services, Details. Each tab is a
// table view of its own (so each has its own columns, sort and `/` filter); tab and shift+tab swap the top screen.
// The title shows the tabs and when the node collected its inventory (stale after a day: the node stopped reporting).
import {cachedHaystack} from '../../fleet/filter.js';
import {initTable, type SortValue} from '../../fleet/table-model.js';
import type {InventoryRow} from '../../fleet/inventory/inventory.js';
import {tone, bold} from '../../components/style.js';
import {currentScreen} from '../../store/store.js';
import {defineTableView, type ActionContext, type Column, type Services, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {freshness} from '../compliance/freshness.js';

export interface TabRow {
  key: string;
  row: InventoryRow;
  captureTime?: number;
}

const DAY = 24 * 3600_000;

interface TabSpec {
  id: string;
  label: string;
  /** [attribute, title, width, flex, priority] */
  columns: readonly (readonly [string, string, number, boolean, number])[];
  defaultSort: string;
  load: (services: Services, instanceId: string, signal?: AbortSignal) => Promise<TabRow[]>;
}

async function typeRows(services: Services, instanceId: string, typeName: string, signal?: AbortSignal): Promise<TabRow[]> {
  if (!services.inventory) throw new Error('inventory is not available here');
  const e = await services.inventory.entries(instanceId, typeName, signal);
  return e.rows.map((row, i) => ({key: String(i), row, ...(e.captureTime !== undefined ? {captureTime: e.captureTime} : {})}));
}

/** Details: the node's AWS:InstanceInformation and AWS:InstanceDetailedInformation as attribute/value rows. */
async function detailRows(services: Services, instanceId: string, signal?: AbortSignal): Promise<TabRow[]> {
  const types = ['AWS:InstanceInformation', 'AWS:InstanceDetailedInformation'];
  const parts = await Promise.all(types.map((t) => typeRows(services, instanceId, t, signal)));
  return parts.flatMap((rows, n) => rows.flatMap((r) => Object.entries(r.row).map(([Attribute, Value]) => ({
    key: `${types[n] ?? ''}.${Attribute}.${r.key}`, row: {Attribute, Value, Type: types[n] ?? ''},
    ...(r.captureTime !== undefined ? {captureTime: r.captureTime} : {}),
  }))));
}

const TABS: readonly TabSpec[] = [
  {id: 'inventory-applications', label: 'Applications', defaultSort: 'Name', load: (s, id, sig) => typeRows(s, id, 'AWS:Application', sig),
    columns: [['Name', 'NAME', 20, true, 0], ['Version', 'VERSION', 20, false, 0], ['Architecture', 'ARCH', 7, false, 3],
      ['Publisher', 'PUBLISHER', 12, true, 4], ['InstalledTime', 'INSTALLED', 20, false, 2], ['Summary', 'SUMMARY', 16, true, 5]]},
  {id: 'inventory-network', label: 'Network', defaultSort: 'Name', load: (s, id, sig) => typeRows(s, id, 'AWS:Network', sig),
    columns: [['Name', 'NAME', 10, false, 0], ['IPV4', 'IPV4', 15, false, 0], ['IPV6', 'IPV6', 16, true, 3],
      ['MacAddress', 'MAC', 17, false, 2], ['SubnetMask', 'MASK', 15, false, 4], ['Gateway', 'GATEWAY', 15, false, 4],
      ['DNSServer', 'DNS', 15, true, 5]]},
  {id: 'inventory-services', label: 'Services', defaultSort: 'Name', load: (s, id, sig) => typeRows(s, id, 'AWS:Service', sig),
    columns: [['Name', 'NAME', 20, true, 0], ['DisplayName', 'DISPLAY NAME', 20, true, 3], ['Status', 'STATUS', 9, false, 0],
      ['StartType', 'START', 9, false, 2], ['ServiceType', 'TYPE', 12, false, 4]]},
  {id: 'inventory-details', label: 'Details', defaultSort: 'Type', load: detailRows,
    columns: [['Type', 'TYPE', 31, false, 2], ['Attribute', 'ATTRIBUTE', 22, false, 0], ['Value', 'VALUE', 20, true, 0]]},
];

export const INVENTORY_TABS = TABS.map((t) => t.id);

function switchTab({store}: ActionContext, step: 1 | -1): void {
  const s = store.getState();
  const screen = currentScreen(s);
  const i = INVENTORY_TABS.indexOf(screen.view);
  const next = INVENTORY_TABS[(i + step + INVENTORY_TABS.length) % INVENTORY_TABS.length];
  if (i < 0 || !next || screen.arg === undefined) return;
  s.updateTable(next, () => initTable(TABS.find((t) => t.id === next)?.defaultSort ?? ''));
  // One update: the tab replaces the top screen.
  store.setState({stack: [...s.stack.slice(0, -1), {view: next, arg: screen.arg}]});
}

/** Open an instance's inventory on its first tab (from the instances view, `i`). */
export function openInventory(ctx: ActionContext, instanceId: string): void {
  const first = TABS[0];
  if (!first) return;
  ctx.store.getState().updateTable(first.id, () => initTable(first.defaultSort));
  ctx.store.getState().push({view: first.id, arg: instanceId});
}

function tabView(spec: TabSpec): TableView<TabRow> {
  const get = (attr: string) => (r: TabRow) => r.row[attr] ?? '';
  const attrs = spec.columns.map(([a]) => a);
  const sortValues: Record<string, (r: TabRow) => SortValue> = {};
  for (const a of attrs) sortValues[a] = (r) => (r.row[a] ?? '').toLowerCase();
  const view: TableView<TabRow> = defineTableView<TabRow>({
    id: spec.id,
    title: 'Inventory',
    aliases: [],
    needsArg: true,
    refreshMs: 60_000,
    defaultSort: spec.defaultSort,
    scopes: ['inventoryTabs', 'table'],
    table: {
      rowId: (r) => r.key,
      filter: {
        keys: Object.fromEntries(attrs.map((a) => [a.toLowerCase(), {describe: a, get: get(a)}])),
        text: cachedHaystack((r: TabRow) => attrs.map((a) => r.row[a])),
      },
      sortValues,
    },
    columns: () => spec.columns.map(([attr, title, width, flex, priority]): Column<TabRow> =>
      ({id: attr, title, width, flex, priority, text: get(attr)})),
    titleNote: (rows) => {
      const tabs = TABS.map((t) => (t.id === spec.id ? bold(tone(`[${t.label}]`, 'accent')) : tone(t.label, 'muted'))).join(' ');
      return `${tabs} · ${freshness('captured', rows[0]?.captureTime, DAY)}`;
    },
    fetch: async (services, {arg, signal}) => {
      if (!arg) throw new Error('no instance selected');
      return spec.load(services, arg, signal);
    },
    actions: {
      ...tableActions<TabRow>(spec.id, () => view.table),
      'inventoryTabs.next': (ctx) => switchTab(ctx, 1),
      'inventoryTabs.prev': (ctx) => switchTab(ctx, -1),
    },
  });
  return view;
}

export const inventoryTabViews: readonly TableView<TabRow>[] = TABS.map(tabView);
