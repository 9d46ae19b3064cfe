// `fleetdeck inventory --type AWS:Application --where 'Name=openssl,Version<3.0.8'`: the instances whose inventory
// matches (GetInventory filters), with the matching package versions of each, so "which version" is answered too.
// Bad input is a usage error (exit 2) naming what is valid.
import type {InventoryApi} from '../fleet/inventory/inventory.js';
import {INVENTORY_TYPES, parseInventoryWhere, resolveInventoryType, rowMatches, type InventoryFilter, type InventoryMatch,
  type InventoryRow} from '../fleet/inventory/inventory.js';
import {formatJson, formatTable} from './headless-output.js';

export interface InventoryQuery {
  type: string;
  filters: InventoryFilter[];
}

export interface InventoryAnswer {
  instanceId: string;
  computerName: string;
  platform: string;
  status: string;
  /** The instance's rows of the type that meet every condition, as AWS sent them (tables sanitize them). */
  rows: InventoryRow[];
}

/** Validate --type and --where before anything connects (throws InventoryQueryError). */
export function inventoryQuery(type: string, where: string): InventoryQuery {
  const t = resolveInventoryType(type);
  return {type: t, filters: parseInventoryWhere(t, where)};
}

/**
 * Matches, each with its matching rows. Batched, never one call per instance. For conditions on Name and Version: the
 * Name → Version combinations on matching instances (one aggregation), then the instances of each combination that
 * meets the conditions (GetInventory with Equal filters on the values as AWS sent them, 50 a page, a few combinations
 * at once) — their union is exactly the answer. Otherwise the matches and, beside them, each match's rows of the type
 * (GetInventory with ResultAttributes), kept where they meet every condition.
 */
export async function answerInventory(api: InventoryApi, q: InventoryQuery): Promise<InventoryAnswer[]> {
  const attrs = INVENTORY_TYPES[q.type] ?? [];
  const byVersion = attrs.includes('Name') && attrs.includes('Version') && q.filters.every((f) => /\.(Name|Version)$/.test(f.Key));
  if (!byVersion) return answerWithRows(api, q);
  const combos = (await api.count(`${q.type}.Name`, {nested: 'Version', filters: q.filters}))
    .filter((c) => rowMatches(c.raw, q.filters));
  const found = new Map<string, {match: InventoryMatch; rows: InventoryRow[]}>();
  let next = 0;
  const worker = async () => {
    for (let c = combos[next++]; c; c = combos[next++]) {
      const values = c.raw;
      const exact: InventoryFilter[] = [
        {Key: `${q.type}.Name`, Values: [values.Name ?? ''], Type: 'Equal'},
        {Key: `${q.type}.Version`, Values: [values.Version ?? ''], Type: 'Equal'},
      ];
      for (const m of await api.query(exact)) {
        const seen = found.get(m.instanceId);
        if (seen) seen.rows.push(values);
        else found.set(m.instanceId, {match: m, rows: [values]});
      }
    }
  };
  await Promise.all(Array.from({length: Math.min(4, combos.length)}, worker));
  return [...found.values()].map((f) => answer(f.match, f.rows)).sort((a, b) => a.instanceId.localeCompare(b.instanceId));
}

async function answerWithRows(api: InventoryApi, q: InventoryQuery): Promise<InventoryAnswer[]> {
  const [matches, typed] = await Promise.all([api.query(q.filters),
    q.type === 'AWS:InstanceInformation' ? Promise.resolve(undefined) : api.typeRows(q.type, q.filters)]);
  const rows = new Map(typed?.map((t) => [t.instanceId, t.rows]));
  const of = (m: InventoryMatch) => (typed ? rows.get(m.instanceId) ?? [] : [m.rawInfo]);
  return matches.map((m) => answer(m, of(m).filter((r) => rowMatches(r, q.filters))));
}

function answer(m: InventoryMatch, rows: InventoryRow[]): InventoryAnswer {
  const info = m.rawInfo;
  return {
    instanceId: m.instanceId, computerName: info.ComputerName ?? '',
    platform: `${info.PlatformName ?? ''} ${info.PlatformVersion ?? ''}`.trim(), status: info.InstanceStatus ?? '', rows,
  };
}

const FIXED_TITLES = ['INSTANCE', 'COMPUTER NAME', 'PLATFORM', 'STATUS'];

export function formatInventoryAnswer(q: InventoryQuery, answers: readonly InventoryAnswer[], format: 'table' | 'json'): string {
  if (format === 'json') return formatJson(answers);
  const attrs = [...new Set(q.filters.map((f) => f.Key.slice(f.Key.indexOf('.') + 1)))];
  const show = q.type === 'AWS:Application' && !attrs.includes('Version') ? [...attrs, 'Version'] : attrs;
  // An attribute named like a fixed column (AWS:Service's Status) is titled with its type: SERVICE STATUS.
  const kind = q.type.slice(q.type.indexOf(':') + 1).toUpperCase();
  const titles = show.map((s) => (FIXED_TITLES.includes(s.toUpperCase()) ? `${kind} ${s.toUpperCase()}` : s.toUpperCase()));
  const rows = answers.flatMap((a) => (a.rows.length ? a.rows : [{}]).map((r) =>
    [a.instanceId, a.computerName, a.platform, a.status, ...show.map((k) => r[k] ?? '')]));
  return formatTable([...FIXED_TITLES, ...titles], rows);
}
