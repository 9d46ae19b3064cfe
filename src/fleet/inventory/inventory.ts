// Inventory in domain terms, and the one query syntax for GetInventory filters:
//   Name=openssl                 instances with a package named openssl
//   Name=openssl,Version<3.0.8   … at a version below 3.0.8 (conditions on one type hold for one row together)
// Conditions are separated by commas (or spaces); operators: = != ^= (begins with) < > (version-aware); `|` separates
// alternative values (Name=openssl|openssl-libs); a value with spaces, commas or | is double-quoted. Attributes are
// checked against the inventory schema (docs/ssm-api.md §5), so a typo is an error naming what is valid.

/** One inventory row: attribute → value (already sanitized). */
export type InventoryRow = Readonly<Record<string, string>>;

export interface InventoryEntries {
  instanceId: string;
  typeName: string;
  /** Epoch ms of the inventory collection, when the node reported one. */
  captureTime?: number;
  rows: InventoryRow[];
}

/** An instance GetInventory answered with, and its AWS:InstanceInformation row. */
export interface InventoryMatch {
  instanceId: string;
  /** Sanitized: for display. */
  info: InventoryRow;
  /** As AWS sent it: for queries and machine-readable output, never for the screen. */
  rawInfo: InventoryRow;
  captureTime?: number;
}

/** An instance's rows of one type (GetInventory with ResultAttributes), as AWS sent them: never for the screen. */
export interface RawTypeRows {
  instanceId: string;
  rows: InventoryRow[];
}

/** Inventory types and attributes (docs/ssm-api.md §5); Custom:* types are user-defined and not checked. */
export const INVENTORY_TYPES: Readonly<Record<string, readonly string[]>> = {
  'AWS:Application': ['Name', 'ApplicationType', 'Publisher', 'Version', 'Release', 'Epoch', 'InstalledTime', 'Architecture', 'URL', 'Summary', 'PackageId'],
  'AWS:AWSComponent': ['Name', 'ApplicationType', 'Publisher', 'Version', 'InstalledTime', 'Architecture', 'URL'],
  'AWS:Network': ['Name', 'SubnetMask', 'Gateway', 'DHCPServer', 'DNSServer', 'MacAddress', 'IPV4', 'IPV6'],
  'AWS:Service': ['Name', 'DisplayName', 'ServiceType', 'Status', 'DependentServices', 'ServicesDependedOn', 'StartType'],
  'AWS:WindowsUpdate': ['HotFixId', 'Description', 'InstalledTime', 'InstalledBy'],
  'AWS:File': ['Name', 'Size', 'Description', 'FileVersion', 'InstalledDate', 'ModificationTime', 'LastAccessTime', 'ProductName', 'InstalledDir', 'ProductLanguage', 'CompanyName', 'ProductVersion'],
  'AWS:InstanceDetailedInformation': ['CPUModel', 'CPUCores', 'CPUs', 'CPUSpeedMHz', 'CPUSockets', 'CPUHyperThreadEnabled', 'OSServicePack'],
  'AWS:InstanceInformation': ['AgentType', 'AgentVersion', 'ComputerName', 'InstanceId', 'IpAddress', 'PlatformName', 'PlatformType', 'PlatformVersion', 'ResourceType', 'AgentStatus', 'InstanceStatus'],
};

export type InventoryFilterType = 'Equal' | 'NotEqual' | 'BeginWith' | 'LessThan' | 'GreaterThan';

export interface InventoryFilter {
  Key: string;
  Values: string[];
  Type: InventoryFilterType;
}

export class InventoryQueryError extends Error {
  override name = 'InventoryQueryError';
}

const OPERATORS: readonly (readonly [string, InventoryFilterType])[] = [
  ['!=', 'NotEqual'], ['^=', 'BeginWith'], ['<', 'LessThan'], ['>', 'GreaterThan'], ['=', 'Equal'],
];
/** What a version bound may look like: starts with a digit, then the characters package versions use. */
const VERSION = /^\d[\w.:~+-]*$/;

/** The type's canonical name (`aws:application` → AWS:Application); throws naming the valid types. */
export function resolveInventoryType(name: string): string {
  const hit = Object.keys(INVENTORY_TYPES).find((t) => t.toLowerCase() === name.trim().toLowerCase());
  if (hit) return hit;
  if (/^Custom:\S+$/i.test(name.trim())) return `Custom:${name.trim().slice(7)}`;
  throw new InventoryQueryError(`unknown inventory type "${name}" — use one of: ${Object.keys(INVENTORY_TYPES).join(', ')}, or Custom:<Name>`);
}

/** Terms of a condition list: split on commas and whitespace outside double quotes (kept, for the value parser). */
function terms(where: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < where.length; i++) {
    const ch = where[i] ?? '';
    if (quoted && ch === '\\') {
      cur += ch + (where[++i] ?? '');
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === ',' || /\s/.test(ch))) {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (quoted) throw new InventoryQueryError(`an unclosed quote in ${where}`);
  if (cur) out.push(cur);
  return out;
}

/** `a|"b c"|d` → ['a', 'b c', 'd']: alternatives split on | outside quotes; inside quotes \" and \\ escape. */
function values(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quoted && ch === '\\') cur += text[++i] ?? '';
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '|') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.filter((v) => v !== '');
}

/** The first operator in a term: the attribute is a plain word, so it ends at the first operator character. */
function splitTerm(term: string): {attr: string; sym: string; kind: InventoryFilterType; rest: string} | undefined {
  const at = term.search(/[=!^<>]/);
  if (at < 0) return undefined;
  const op = OPERATORS.find(([sym]) => term.startsWith(sym, at));
  if (!op) return undefined;
  return {attr: term.slice(0, at), sym: op[0], kind: op[1], rest: term.slice(at + op[0].length)};
}

/**
 * `Name=openssl,Version<3.0.8` on a type → GetInventory filters. Values with spaces, commas or | are double-quoted:
 * `Name="Microsoft Visual C++ 2019"`. Throws InventoryQueryError naming what is valid.
 */
export function parseInventoryWhere(typeName: string, where: string): InventoryFilter[] {
  const type = resolveInventoryType(typeName);
  const attrs = INVENTORY_TYPES[type];
  const list = terms(where);
  if (list.length > 5) throw new InventoryQueryError('at most 5 conditions (GetInventory takes 5 filters)');
  return list.map((term) => {
    const parts = splitTerm(term);
    const rawAttr = parts?.attr ?? term;
    const attr = attrs ? attrs.find((a) => a.toLowerCase() === rawAttr.toLowerCase()) : /^\w+$/.test(rawAttr) ? rawAttr : undefined;
    if (!attr) {
      throw new InventoryQueryError(`${type} has no attribute "${rawAttr}" — use ${attrs ? `one of: ${attrs.join(', ')}` : 'a name such as Name'}`);
    }
    if (!parts) throw new InventoryQueryError(`"${term}" needs an operator: ${attr}=VALUE (also != ^= < >)`);
    const {sym, kind} = parts;
    const vals = values(parts.rest);
    if (vals.length === 0) throw new InventoryQueryError(`${attr}${sym} needs a value, e.g. ${attr}${sym}${kind === 'LessThan' || kind === 'GreaterThan' ? '3.0.8' : 'openssl'}`);
    if (vals.length > 40) throw new InventoryQueryError(`${attr}: at most 40 values`);
    if (kind === 'LessThan' || kind === 'GreaterThan') {
      const bad = vals.find((v) => !VERSION.test(v));
      if (bad !== undefined) {
        throw new InventoryQueryError(`"${bad}" is not a version: ${sym} compares versions such as 3.0.8 or 1:2.4.57-1 (start with a digit)`);
      }
    }
    return {Key: `${type}.${attr}`, Values: vals, Type: kind};
  });
}

const quote = (v: string) => (/^[^\s,|"\\=!^<>]+$/.test(v) ? v : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`);

/**
 * A query as a user reads it — `AWS:Application Name=openssl Version<3.0.8` — and as the inventory views pass it
 * around (the screen's argument): parseInventoryWhere reads it back exactly, quoted values included.
 */
export function describeQuery(filters: readonly InventoryFilter[]): string {
  const sym: Record<InventoryFilterType, string> = {Equal: '=', NotEqual: '!=', BeginWith: '^=', LessThan: '<', GreaterThan: '>'};
  const types = [...new Set(filters.map((f) => f.Key.split('.')[0] ?? ''))];
  const conds = filters.map((f) => {
    const attr = f.Key.slice(f.Key.indexOf('.') + 1);
    return `${attr}${sym[f.Type]}${f.Values.map(quote).join('|')}`;
  });
  return [types.join(' '), ...conds].join(' ');
}

/**
 * Version order for inventory values, as the local fleet's GetInventory LessThan/GreaterThan apply it (AWS does not
 * document its own): runs of digits numerically, everything else by code unit ("3.0.10" > "3.0.9", "1.1.1k" > "1.1.1j").
 */
export function compareInventoryVersions(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const d = /^\d/.test(x) && /^\d/.test(y) ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Whether one inventory row meets every condition (GetInventory's per-row test): shows which versions matched. */
export function rowMatches(row: InventoryRow, filters: readonly InventoryFilter[]): boolean {
  return filters.every((f) => {
    const v = row[f.Key.slice(f.Key.indexOf('.') + 1)];
    if (v === undefined) return false;
    switch (f.Type) {
      case 'Equal': return f.Values.includes(v);
      case 'NotEqual': return !f.Values.includes(v);
      case 'BeginWith': return f.Values.some((x) => v.startsWith(x));
      case 'LessThan': return f.Values.some((x) => compareInventoryVersions(v, x) < 0);
      case 'GreaterThan': return f.Values.some((x) => compareInventoryVersions(v, x) > 0);
    }
  });
}

export interface AggregateCount {
  /** Attribute → value for each level of the aggregation (e.g. {Name, Version}), sanitized for display. */
  values: InventoryRow;
  /** The same values as AWS sent them: what a follow-up query must use (a name with an invisible character). */
  raw: InventoryRow;
  count: number;
}

/** What the inventory views need from SSM (implemented in aws/inventory/inventory-api/inventory-api.ts). */
export interface InventoryApi {
  entries(instanceId: string, typeName: string, signal?: AbortSignal): Promise<InventoryEntries>;
  /** Instances matching every filter (stopped and terminated ones included, as GetInventory answers). */
  query(filters: readonly InventoryFilter[], signal?: AbortSignal): Promise<InventoryMatch[]>;
  /**
   * Instance counts per value of `expression` (`AWS:InstanceInformation.PlatformType`); `nested` adds a level on the
   * same type (`Version` under `AWS:Application.Name` counts each package's versions).
   */
  count(expression: string, opts?: {nested?: string; filters?: readonly InventoryFilter[]; signal?: AbortSignal}): Promise<AggregateCount[]>;
  /** Every row of `typeName` of each instance matching the filters (GetInventory ResultAttributes), unsanitized. */
  typeRows(typeName: string, filters: readonly InventoryFilter[], signal?: AbortSignal): Promise<RawTypeRows[]>;
}
