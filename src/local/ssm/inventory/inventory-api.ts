// SSM inventory operations: GetInventory (filters, aggregators with nesting and groups, result
// attributes, pagination), ListInventoryEntries and GetInventorySchema, over inventory-data.ts.
//
// Semantics the local fleet chooses where the public reference is silent (UNVERIFIED against AWS):
// - Filters on the same inventory type are matched against one row together (Name=openssl together with
//   Version LessThan 3.0.8 means "an openssl row older than 3.0.8"); NotEqual means no row has any of the
//   values (the "InstancesWithoutSSMAgent" reading); a node without the type matches no filter on it.
// - LessThan/GreaterThan compare version-aware (compareVersions: digit runs numerically), with any value.
//   Inventory attributes are all STRING in the schema; AWS does not document how it orders them.
// - An aggregation answers one entity without Id: Data[<type of the expression>].Content rows
//   {<Attribute>: value, Count: "n"}; nested aggregators add their attribute to each row (on the same type,
//   from the same row: Name → Version counts versions of that package); Groups answer
//   Data[<group name>].Content [{Count: "n"}].

import {createHash} from 'node:crypto';
import {compareVersions, indexKey, paginate} from '../../protocol/list-paging.js';
import {typeRows, type Row} from './inventory-data.js';
import {isManaged, type FleetModel, type FleetNode} from '../../model/fleet-model.js';
import type {JsonOperation} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optBoolean, optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';

export const FILTER_TYPES = ['Equal', 'NotEqual', 'BeginWith', 'LessThan', 'GreaterThan', 'Exists'] as const;
type FilterType = (typeof FILTER_TYPES)[number];

interface SchemaSpec {
  typeName: string;
  version: string;
  attributes: readonly string[];
  numbers?: readonly string[];
  displayName?: string;
}

/** Inventory types and their attributes (docs/ssm-api.md §5). All STRING except the PatchSummary counts. */
export const INVENTORY_SCHEMAS: readonly SchemaSpec[] = [
  {typeName: 'AWS:AWSComponent', version: '1.0', attributes: ['Name', 'ApplicationType', 'Publisher', 'Version', 'InstalledTime', 'Architecture', 'URL']},
  {typeName: 'AWS:Application', version: '1.1', attributes: ['Name', 'ApplicationType', 'Publisher', 'Version', 'Release', 'Epoch', 'InstalledTime', 'Architecture', 'URL', 'Summary', 'PackageId']},
  {typeName: 'AWS:ComplianceItem', version: '1.0', attributes: ['ComplianceType', 'ExecutionId', 'ExecutionType', 'ExecutionTime', 'Id', 'Title', 'Status', 'Severity', 'DocumentName', 'DocumentVersion', 'Classification', 'PatchBaselineId', 'PatchSeverity', 'PatchState', 'PatchGroup', 'InstalledTime', 'DetailedText', 'DetailedLink', 'CVEIds']},
  {typeName: 'AWS:File', version: '1.0', attributes: ['Name', 'Size', 'Description', 'FileVersion', 'InstalledDate', 'ModificationTime', 'LastAccessTime', 'ProductName', 'InstalledDir', 'ProductLanguage', 'CompanyName', 'ProductVersion']},
  {typeName: 'AWS:InstanceDetailedInformation', version: '1.0', attributes: ['CPUModel', 'CPUCores', 'CPUs', 'CPUSpeedMHz', 'CPUSockets', 'CPUHyperThreadEnabled', 'OSServicePack']},
  {typeName: 'AWS:InstanceInformation', version: '1.0', attributes: ['AgentType', 'AgentVersion', 'ComputerName', 'InstanceId', 'IpAddress', 'PlatformName', 'PlatformType', 'PlatformVersion', 'ResourceType', 'AgentStatus', 'InstanceStatus']},
  {typeName: 'AWS:Network', version: '1.0', attributes: ['Name', 'SubnetMask', 'Gateway', 'DHCPServer', 'DNSServer', 'MacAddress', 'IPV4', 'IPV6']},
  {typeName: 'AWS:PatchSummary', version: '1.0', attributes: ['PatchGroup', 'BaselineId', 'SnapshotId', 'OwnerInformation', 'InstalledCount', 'InstalledOtherCount', 'InstalledPendingRebootCount', 'InstalledRejectedCount', 'NotApplicableCount', 'MissingCount', 'FailedCount', 'OperationType', 'OperationStartTime', 'OperationEndTime'], numbers: ['InstalledCount', 'InstalledOtherCount', 'InstalledPendingRebootCount', 'InstalledRejectedCount', 'NotApplicableCount', 'MissingCount', 'FailedCount']},
  {typeName: 'AWS:Service', version: '1.0', attributes: ['Name', 'DisplayName', 'ServiceType', 'Status', 'DependentServices', 'ServicesDependedOn', 'StartType']},
  {typeName: 'AWS:WindowsUpdate', version: '1.0', attributes: ['HotFixId', 'Description', 'InstalledTime', 'InstalledBy']},
];
const SCHEMA_BY_TYPE = new Map(INVENTORY_SCHEMAS.map((s) => [s.typeName, s]));
/** Types the local fleet has data for (GetInventorySchema with Aggregator: true lists these). */
const SERVED_TYPES = new Set(['AWS:Application', 'AWS:InstanceDetailedInformation', 'AWS:InstanceInformation', 'AWS:Network', 'AWS:Service']);
const TYPE_NAME = /^(AWS|Custom):.*$/;
const INSTANCE_ID = /(^i-(\w{8}|\w{17})$)|(^mi-\w{17}$)/;

interface Filter {
  type: string;
  attr: string;
  values: string[];
  op: FilterType;
}

interface Aggregator {
  type: string;
  attr: string;
  children: Aggregator[];
  groups: {name: string; filters: Filter[]}[];
}

// ---- parsing and validation ----

function readFilterList(v: Violations, list: JsonObject[] | undefined, path: string): {key: string; values: string[]; op: FilterType}[] {
  const out: {key: string; values: string[]; op: FilterType}[] = [];
  v.length(path, list, 1, 5);
  list?.forEach((f, i) => {
    const p = `${path}.${i + 1}.member`;
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values');
    const op = optString(f, 'Type');
    if (v.required(`${p}.key`, key)) v.length(`${p}.key`, key, 1, 200);
    if (v.required(`${p}.values`, values)) v.length(`${p}.values`, values, 1, 40);
    v.oneOf(`${p}.type`, op, FILTER_TYPES);
    if (key !== undefined && values !== undefined) out.push({key, values, op: (op ?? 'Equal') as FilterType});
  });
  return out;
}

function invalidFilter(message: string): ServiceError {
  return new ServiceError('InvalidFilter', message);
}

/** `AWS:Application.Name` → type and attribute; undefined when either is unknown. */
function resolveKey(key: string): {type: string; attr: string} | undefined {
  const dot = key.indexOf('.');
  if (dot <= 0) return undefined;
  const type = key.slice(0, dot);
  const attr = key.slice(dot + 1);
  const schema = SCHEMA_BY_TYPE.get(type);
  return schema !== undefined && schema.attributes.includes(attr) ? {type, attr} : undefined;
}

function toFilters(raw: readonly {key: string; values: string[]; op: FilterType}[], aggregating: boolean): Filter[] {
  return raw.map(({key, values, op}) => {
    const resolved = resolveKey(key);
    if (resolved === undefined) throw invalidFilter(`The filter key ${key} is not valid. Use <TypeName>.<Attribute>, for example AWS:InstanceInformation.PlatformType.`);
    if (op === 'Exists' && !aggregating) throw invalidFilter('The Exists filter type can only be used with aggregators.');
    return {...resolved, values, op};
  });
}

function readAggregators(v: Violations, list: JsonObject[] | undefined, path: string, depth: number): Aggregator[] {
  v.length(path, list, 1, 10);
  const out: Aggregator[] = [];
  list?.forEach((a, i) => {
    const p = `${path}.${i + 1}.member`;
    const expression = optString(a, 'Expression');
    v.length(`${p}.expression`, expression, 1, 1000);
    const childList = optObjectArray(a, 'Aggregators');
    const groupList = optObjectArray(a, 'Groups');
    const children = readAggregators(v, childList, `${p}.aggregators`, depth + 1);
    v.length(`${p}.groups`, groupList, 1, 15);
    const groups: {name: string; filters: Filter[]}[] = [];
    const rawGroups: {name: string; filters: {key: string; values: string[]; op: FilterType}[]}[] = [];
    groupList?.forEach((g, j) => {
      const gp = `${p}.groups.${j + 1}.member`;
      const name = optString(g, 'Name');
      if (v.required(`${gp}.name`, name)) v.length(`${gp}.name`, name, 1, 200);
      const filters = optObjectArray(g, 'Filters');
      v.required(`${gp}.filters`, filters);
      const parsed = readFilterList(v, filters, `${gp}.filters`);
      if (name !== undefined) rawGroups.push({name, filters: parsed});
    });
    if (expression === undefined) throw new ServiceError('InvalidAggregatorException', 'Every aggregator needs an Expression (<TypeName>.<Attribute>).');
    const resolved = resolveKey(expression);
    if (resolved === undefined) {
      throw new ServiceError('InvalidAggregatorException', `The aggregator expression ${expression} is not valid. Use <TypeName>.<Attribute>.`);
    }
    if (rawGroups.length > 0 && children.length > 0) {
      throw new ServiceError('InvalidAggregatorException', 'An aggregator cannot have both Groups and nested Aggregators.');
    }
    if (depth > 5) throw new ServiceError('InvalidAggregatorException', 'Aggregators can be nested at most 5 levels deep.');
    const names = new Set<string>();
    for (const g of rawGroups) {
      if (names.has(g.name)) throw new ServiceError('InvalidInventoryGroupException', `The group name ${g.name} is used more than once.`);
      names.add(g.name);
      groups.push({name: g.name, filters: toFilters(g.filters, true)});
    }
    out.push({...resolved, children, groups});
  });
  return out;
}

// ---- matching ----

function rowMatches(row: Row, f: Filter): boolean {
  const value = row[f.attr];
  if (value === undefined) return false;
  switch (f.op) {
    case 'Equal':
      return f.values.includes(value);
    case 'NotEqual':
      return !f.values.includes(value);
    case 'BeginWith':
      return f.values.some((p) => value.startsWith(p));
    case 'LessThan':
      return f.values.some((x) => compareVersions(value, x) < 0);
    case 'GreaterThan':
      return f.values.some((x) => compareVersions(value, x) > 0);
    case 'Exists':
      return true;
  }
}

/** Whether a node satisfies every filter (see the header for the row semantics). */
function nodeMatches(model: FleetModel, node: FleetNode, filters: readonly Filter[]): boolean {
  const byType = new Map<string, Filter[]>();
  for (const f of filters) byType.set(f.type, [...(byType.get(f.type) ?? []), f]);
  for (const [type, list] of byType) {
    const data = typeRows(model, node, type);
    if (data === undefined) return false;
    const positive = list.filter((f) => f.op !== 'NotEqual');
    const negative = list.filter((f) => f.op === 'NotEqual');
    if (negative.some((f) => data.rows.some((r) => f.values.includes(r[f.attr] ?? '\u0000')))) return false;
    if (positive.length > 0 && !data.rows.some((r) => positive.every((f) => rowMatches(r, f)))) return false;
  }
  return true;
}

function normalize(filters: readonly Filter[]): string {
  return JSON.stringify(filters.map((f) => [f.type, f.attr, f.op, [...new Set(f.values)].sort()]).sort());
}

function filteredNodes(model: FleetModel, filters: readonly Filter[]): readonly FleetNode[] {
  // Inventory covers the nodes DescribeInstanceInformation lists: one fleet, one count.
  if (filters.length === 0) return model.managed();
  return model.memo(`inventory:filter:${normalize(filters)}`, () => model.managed().filter((n) => nodeMatches(model, n, filters)));
}

// ---- aggregation ----

/** Every root-to-leaf chain of nested aggregators. */
function chains(agg: Aggregator): Aggregator[][] {
  if (agg.children.length === 0) return [[agg]];
  return agg.children.flatMap((c) => chains(c).map((chain) => [agg, ...chain]));
}

/**
 * Counts nodes per combination of the chain's attribute values. Levels on the same inventory type are
 * read from the same row (Name → Version gives each package's versions); different types combine.
 * One pass over each node's rows.
 */
function aggregateChain(model: FleetModel, nodes: readonly FleetNode[], chain: readonly Aggregator[]): Row[] {
  const types = [...new Set(chain.map((a) => a.type))];
  const segments = types.map((type) => chain.map((a, i) => ({a, i})).filter(({a}) => a.type === type));
  const counts = new Map<string, number>();
  for (const node of nodes) {
    let tuples: string[][] = [new Array<string>(chain.length).fill('')];
    for (const segment of segments) {
      const data = typeRows(model, node, segment[0]?.a.type ?? '');
      if (data === undefined) {
        tuples = [];
        break;
      }
      const parts = new Map<string, string[]>();
      for (const r of data.rows) {
        const values = segment.map(({a}) => r[a.attr]);
        if (values.some((x) => x === undefined)) continue;
        parts.set(values.join('\u0000'), values as string[]);
      }
      const next: string[][] = [];
      for (const t of tuples) {
        for (const values of parts.values()) {
          const copy = [...t];
          segment.forEach(({i}, k) => {
            copy[i] = values[k] ?? '';
          });
          next.push(copy);
        }
      }
      tuples = next;
    }
    for (const t of new Set(tuples.map((x) => x.join('\u0000')))) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts.keys()].sort().map((key) => {
    const values = key.split('\u0000');
    const row: Row = {};
    chain.forEach((a, i) => {
      row[a.attr] = values[i] ?? '';
    });
    row['Count'] = String(counts.get(key) ?? 0);
    return row;
  });
}

function aggregate(model: FleetModel, nodes: readonly FleetNode[], aggs: readonly Aggregator[]): JsonObject {
  const data: Record<string, {Content: Row[]}> = {};
  for (const agg of aggs) {
    if (agg.groups.length > 0) {
      const having = nodes.filter((n) => typeRows(model, n, agg.type) !== undefined);
      for (const g of agg.groups) {
        const count = having.filter((n) => nodeMatches(model, n, g.filters)).length;
        data[g.name] = {Content: [{Count: String(count)}]};
      }
      continue;
    }
    const entry = (data[agg.type] ??= {Content: []});
    for (const chain of chains(agg)) entry.Content.push(...aggregateChain(model, nodes, chain));
  }
  return {Entities: [{Data: data}]};
}

// ---- operations ----

export const getInventory: JsonOperation = (input, ctx) => {
  const v = new Violations();
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  const rawFilters = readFilterList(v, optObjectArray(input, 'Filters'), 'filters');
  const aggregators = readAggregators(v, optObjectArray(input, 'Aggregators'), 'aggregators', 1);
  const attrs = optObjectArray(input, 'ResultAttributes');
  v.length('resultAttributes', attrs, 1, 1);
  attrs?.forEach((a, i) => {
    const t = optString(a, 'TypeName');
    if (v.required(`resultAttributes.${i + 1}.member.typeName`, t)) v.length(`resultAttributes.${i + 1}.member.typeName`, t, 1, 100);
  });
  v.throwIfAny();
  const filters = toFilters(rawFilters, aggregators.length > 0);
  const model = ctx.model;
  if (aggregators.length > 0) {
    return aggregate(model, filteredNodes(model, filters), aggregators);
  }
  const typeName = attrs?.[0] === undefined ? 'AWS:InstanceInformation' : (optString(attrs[0], 'TypeName') ?? '');
  if (!SCHEMA_BY_TYPE.has(typeName)) {
    throw new ServiceError('InvalidResultAttributeException', `The result attribute type name ${typeName} is not valid.`);
  }
  const scope = `ssm:GetInventory:${typeName}:${normalize(filters)}`;
  const base = filteredNodes(model, filters);
  const list = typeName === 'AWS:InstanceInformation' ? base : model.memo(scope, () => base.filter((n) => typeRows(model, n, typeName) !== undefined));
  const page = paginate(list, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (n) => n.instanceId});
  const out: JsonObject = {
    Entities: page.items.map((n) => {
      const data = typeRows(model, n, typeName);
      return {
        Id: n.instanceId,
        Data: data === undefined ? {} : {
          [typeName]: {
            TypeName: typeName, SchemaVersion: data.schemaVersion, CaptureTime: data.captureTime,
            // MD5 of the content, as PutInventory uses it to skip unchanged uploads.
            ContentHash: createHash('md5').update(JSON.stringify(data.rows)).digest('hex'),
            Content: data.rows,
          },
        },
      };
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const listInventoryEntries: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const instanceId = optString(input, 'InstanceId');
  const typeName = optString(input, 'TypeName');
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  if (v.required('instanceId', instanceId) && !INSTANCE_ID.test(instanceId ?? '')) {
    v.add('instanceId', instanceId, `Member must satisfy regular expression pattern: ${INSTANCE_ID.source}`);
  }
  if (v.required('typeName', typeName)) {
    v.length('typeName', typeName, 1, 100);
    if (!TYPE_NAME.test(typeName ?? '')) v.add('typeName', typeName, `Member must satisfy regular expression pattern: ${TYPE_NAME.source}`);
  }
  const rawFilters = readFilterList(v, optObjectArray(input, 'Filters'), 'filters');
  v.throwIfAny();
  const id = instanceId ?? '';
  const type = typeName ?? '';
  const node = ctx.model.get(id);
  if (node === undefined || !isManaged(node)) throw new ServiceError('InvalidInstanceId', `Instance id ${id} is not valid.`);
  const schema = SCHEMA_BY_TYPE.get(type);
  if (schema === undefined && !type.startsWith('Custom:')) throw new ServiceError('InvalidTypeNameException', `The parameter type name ${type} is not valid.`);
  const filters = rawFilters.map(({key, values, op}) => {
    const attr = key.startsWith(`${type}.`) ? key.slice(type.length + 1) : key;
    if (schema === undefined || !schema.attributes.includes(attr)) throw invalidFilter(`The filter key ${key} is not valid for ${type}.`);
    return {type, attr, values, op};
  });
  const data = schema === undefined ? undefined : typeRows(ctx.model, node, type);
  const out: JsonObject = {TypeName: type, InstanceId: id};
  if (data === undefined) {
    out['Entries'] = [];
    return out;
  }
  const rows = data.rows.map((r, i) => ({r, k: indexKey(i)})).filter(({r}) => filters.every((f) => rowMatches(r, f)));
  const scope = `ssm:ListInventoryEntries:${id}:${type}:${normalize(filters)}`;
  const page = paginate(rows, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (e) => e.k});
  out['SchemaVersion'] = data.schemaVersion;
  out['CaptureTime'] = data.captureTime;
  out['Entries'] = page.items.map((e) => e.r);
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const getInventorySchema: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const typeName = optString(input, 'TypeName');
  v.range('maxResults', optInteger(input, 'MaxResults'), 50, 200);
  v.length('typeName', typeName, 0, 100);
  const aggregator = optBoolean(input, 'Aggregator') ?? false;
  optBoolean(input, 'SubType');
  v.throwIfAny();
  let list = INVENTORY_SCHEMAS;
  if (typeName !== undefined && typeName !== '') {
    list = INVENTORY_SCHEMAS.filter((s) => s.typeName === typeName);
    if (list.length === 0) throw new ServiceError('InvalidTypeNameException', `The parameter type name ${typeName} is not valid.`);
  }
  if (aggregator) list = list.filter((s) => SERVED_TYPES.has(s.typeName));
  const scope = `ssm:GetInventorySchema:${typeName ?? ''}:${String(aggregator)}`;
  const page = paginate(list, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 200, key: (s) => s.typeName});
  const out: JsonObject = {
    Schemas: page.items.map((s) => ({
      TypeName: s.typeName,
      Version: s.version,
      Attributes: s.attributes.map((Name) => ({Name, DataType: s.numbers?.includes(Name) === true ? 'NUMBER' : 'STRING'})),
      ...(s.displayName === undefined ? {} : {DisplayName: s.displayName}),
    })),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const inventoryOperations: Readonly<Record<string, JsonOperation>> = {
  GetInventory: getInventory,
  GetInventorySchema: getInventorySchema,
  ListInventoryEntries: listInventoryEntries,
};
