// `:inventory`: the fleet's packages, one row per name and version with how many instances have it (a GetInventory
// aggregation, one call), and the fleet by platform and agent version in the title. From a row: which instances have
// this package at this version (enter), below it (<) or at any version (a) — a GetInventory filter query. Or filter
// to one package and a version bound you type (`/name:openssl version:<3.0.8`) and list the instances with any of
// the versions left (m).
import {cachedHaystack} from '../../fleet/filter.js';
import {initTable} from '../../fleet/table-model.js';
import {compareInventoryVersions, describeQuery, parseInventoryWhere, type InventoryFilter} from '../../fleet/inventory/inventory.js';
import type {AggregateCount} from '../../fleet/inventory/inventory.js';
import type {AppStore} from '../../store/store.js';
import {defineTableView, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {freshness} from '../compliance/freshness.js';

export interface FleetCounts {
  platforms: readonly AggregateCount[];
  agents: readonly AggregateCount[];
  fetchedAt: number;
}

export interface PackageRow {
  /** Sanitized for display. */
  name: string;
  version: string;
  /** As AWS sent them: what the queries from this row use (a name with an invisible character still matches). */
  rawName: string;
  rawVersion: string;
  count: number;
  /** The fleet counts fetched with this row (one object shared by every row of a load). */
  fleet: FleetCounts;
}

const REFRESH_MS = 60_000;

function top(counts: readonly AggregateCount[], attr: string, n: number): string {
  const sorted = [...counts].sort((a, b) => b.count - a.count);
  const shown = sorted.slice(0, n).map((c) => `${c.values[attr] || '?'} ${c.count}`);
  return shown.join(', ') + (sorted.length > n ? ` +${sorted.length - n}` : '');
}

function openMatches(store: AppStore, filters: InventoryFilter[]): void {
  store.getState().updateTable('inventory-instances', () => initTable('instance'));
  store.getState().push({view: 'inventory-instances', arg: describeQuery(filters)});
}

function query(store: AppStore, version: 'Equal' | 'LessThan' | undefined): void {
  const st = store.getState().tables.inventory;
  const row = st?.visible[st.cursor] as PackageRow | undefined;
  if (!row) return;
  const filters: InventoryFilter[] = [{Key: 'AWS:Application.Name', Values: [row.rawName], Type: 'Equal'}];
  if (version) filters.push({Key: 'AWS:Application.Version', Values: [row.rawVersion], Type: version});
  openMatches(store, filters);
}

export const packagesView: TableView<PackageRow> = defineTableView<PackageRow>({
  id: 'inventory',
  title: 'Inventory',
  aliases: ['inv', 'packages', 'pkgs'],
  refreshMs: REFRESH_MS,
  // `:inventory Name=openssl Version<3.0.8` (AWS:Application unless a type comes first) → the matching instances.
  withArgument: (text) => {
    const [first = '', ...rest] = text.split(/\s+/);
    const typed = /^[A-Za-z]+:[A-Za-z]/.test(first) && !/[=!^<>]/.test(first);
    try {
      const filters = parseInventoryWhere(typed ? first : 'AWS:Application', (typed ? rest : [first, ...rest]).join(' '));
      if (filters.length === 0) return {ok: false, error: 'give conditions, e.g. :inventory Name=openssl Version<3.0.8'};
      return {ok: true, view: 'inventory-instances', arg: describeQuery(filters)};
    } catch (e) {
      return {ok: false, error: (e as Error).message};
    }
  },
  defaultSort: 'name',
  scopes: ['inventory', 'table'],
  table: {
    rowId: (r) => `${r.rawName}\u0000${r.rawVersion}`,
    filter: {
      keys: {
        name: {describe: 'package name (exact; name:*ssl* for a part)', aliases: ['pkg'], get: (r) => r.name, match: 'exact'},
        version: {describe: 'package version: a prefix, or <3.0.8 / >3.0.8 to compare versions', get: (r) => r.version,
          match: (r, v) => {
            const bound = /^([<>])(.+)$/.exec(v.text);
            if (!bound?.[2]) return v.prefix(r.version);
            const c = compareInventoryVersions(r.version, bound[2]);
            return bound[1] === '<' ? c < 0 : c > 0;
          }},
      },
      text: cachedHaystack((r: PackageRow) => [r.name, r.version]),
    },
    sortValues: {
      name: (r) => `${r.name.toLowerCase()} ${r.version}`,
      version: (r) => r.version,
      count: (r) => -r.count,
    },
  },
  columns: () => [
    {id: 'name', title: 'PACKAGE', width: 20, flex: true, priority: 0, text: (r) => r.name},
    {id: 'version', title: 'VERSION', width: 20, flex: true, priority: 0, text: (r) => r.version},
    {id: 'count', title: 'INSTANCES', width: 9, priority: 1, align: 'right', text: (r) => String(r.count)},
  ],
  titleNote: (rows) => {
    const f = rows[0]?.fleet;
    if (!f) return '';
    return `platforms: ${top(f.platforms, 'PlatformType', 4)} · agents: ${top(f.agents, 'AgentVersion', 3)} · ${freshness('as of', f.fetchedAt, 3 * REFRESH_MS)}`;
  },
  fetch: async (services, {signal}) => {
    const api = services.inventory;
    if (!api) throw new Error('inventory is not available here');
    const [packages, platforms, agents] = await Promise.all([
      api.count('AWS:Application.Name', {nested: 'Version', signal}),
      api.count('AWS:InstanceInformation.PlatformType', {signal}),
      api.count('AWS:InstanceInformation.AgentVersion', {signal}),
    ]);
    const fleet: FleetCounts = {platforms, agents, fetchedAt: Date.now()};
    return packages.map((p) => ({name: p.values.Name ?? '', version: p.values.Version ?? '', rawName: p.raw.Name ?? '',
      rawVersion: p.raw.Version ?? '', count: p.count, fleet}));
  },
  actions: {
    ...tableActions<PackageRow>('inventory', () => packagesView.table),
    'inventory.exact': ({store}) => query(store, 'Equal'),
    'inventory.below': ({store}) => query(store, 'LessThan'),
    'inventory.any': ({store}) => query(store, undefined),
    'inventory.visible': ({store}) => {
      const rows = (store.getState().tables.inventory?.visible ?? []) as PackageRow[];
      const names = [...new Set(rows.map((r) => r.rawName))];
      const versions = [...new Set(rows.map((r) => r.rawVersion))];
      // Name and Version hold for one row together only when the list is one package: otherwise openssl 3.0.2 and
      // curl 8.5 would also match curl 3.0.2.
      if (names.length !== 1 || !names[0]) {
        store.getState().setFlash({text: names.length ? `${names.length} packages listed: narrow to one first, e.g. /name:openssl version:<3.0.8`
          : 'nothing listed', tone: 'warn'});
        return;
      }
      if (versions.length > 40) {
        store.getState().setFlash({text: `${versions.length} versions listed: GetInventory takes 40 values; narrow the version`, tone: 'warn'});
        return;
      }
      openMatches(store, [{Key: 'AWS:Application.Name', Values: names, Type: 'Equal'},
        {Key: 'AWS:Application.Version', Values: versions, Type: 'Equal'}]);
    },
  },
});
