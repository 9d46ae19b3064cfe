// ListNodes and ListNodesSummary: the managed nodes of the calling account in the calling region, or, with a SyncName,
// of every account and region the resource data sync reads (the organisation-wide view). Every node carries its
// Owner.AccountId and Region. Filters (1–5, each 1–5 values, Equal/NotEqual/BeginWith) are ANDed; pages of at most 50.

import {isManaged, lastPingAsOf, type FleetNode} from '../../model/fleet-model.js';
import type {JsonOperation, OperationContext, PartitionView} from '../../protocol/operation-context.js';
import {indexKey, paginate} from '../../protocol/list-paging.js';
import {ServiceError} from '../../protocol/service-error.js';
import {epochSeconds} from '../../protocol/wire-json.js';
import {optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {syncedPartitions} from './data-sync.js';

const FILTER_KEYS = [
  'AgentType', 'AgentVersion', 'ComputerName', 'InstanceId', 'InstanceStatus', 'IpAddress', 'ManagedStatus', 'PlatformName',
  'PlatformType', 'PlatformVersion', 'ResourceType', 'OrganizationalUnitId', 'OrganizationalUnitPath', 'Region', 'AccountId',
  'AvailabilityZone', 'AvailabilityZoneId', 'SourceId', 'SourceLocation', 'SourceType',
] as const;
const FILTER_TYPES = ['Equal', 'NotEqual', 'BeginWith'] as const;
const ATTRIBUTE_NAMES = ['AgentVersion', 'AvailabilityZone', 'PlatformName', 'PlatformType', 'PlatformVersion', 'Region', 'ResourceType', 'SourceType'] as const;
const AGENT_TYPE = 'amazon-ssm-agent';

interface Located {
  node: FleetNode;
  at: PartitionView;
}

interface NodeFilter {
  key: string;
  values: string[];
  type: string;
}

const STATUS: Readonly<Record<FleetNode['pingStatus'], string>> = {Online: 'Active', ConnectionLost: 'ConnectionLost', Inactive: 'Inactive'};

/** A node attribute as ListNodes reports and filters it (undefined: the node has none). */
function attribute(l: Located, key: string): string | undefined {
  const {node, at} = l;
  switch (key) {
    case 'AccountId': return at.accountId;
    case 'Region': return at.region;
    case 'AgentType': return AGENT_TYPE;
    case 'AgentVersion': return node.agentVersion;
    case 'ComputerName': return node.computerName;
    case 'InstanceId': return node.instanceId;
    case 'InstanceStatus': return STATUS[node.pingStatus];
    case 'IpAddress': return node.ipAddress;
    case 'ManagedStatus': return 'Managed';
    case 'PlatformName': return node.platformName;
    case 'PlatformType': return node.platformType;
    case 'PlatformVersion': return node.platformVersion;
    case 'ResourceType': return node.resourceType;
    case 'AvailabilityZone': return node.ec2?.availabilityZone;
    case 'SourceId': return node.sourceId;
    case 'SourceType': return node.sourceType;
    default: return undefined; // organisational units, zone ids and source locations: the fleet has none
  }
}

function parseFilters(input: JsonObject): NodeFilter[] {
  const raw = optObjectArray(input, 'Filters');
  const v = new Violations();
  v.length('filters', raw, 1, 5);
  const filters = (raw ?? []).map((f, i) => {
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values');
    const type = optString(f, 'Type') ?? 'Equal';
    const path = `filters.${i + 1}.member`;
    if (v.required(`${path}.key`, key)) v.oneOf(`${path}.key`, key, FILTER_KEYS);
    if (v.required(`${path}.values`, values)) v.length(`${path}.values`, values, 1, 5);
    v.oneOf(`${path}.type`, type, FILTER_TYPES);
    return {key: key ?? '', values: values ?? [], type};
  });
  v.throwIfAny();
  return filters;
}

function matches(l: Located, f: NodeFilter): boolean {
  if (f.key === 'ManagedStatus' && f.values.includes('All')) return f.type !== 'NotEqual';
  const value = attribute(l, f.key);
  const hit = value !== undefined && (f.type === 'BeginWith' ? f.values.some((x) => value.startsWith(x)) : f.values.includes(value));
  return f.type === 'NotEqual' ? !hit : hit;
}

/** The nodes in view (the caller's partition, or the sync's), in partition order then by instance id. */
function nodesInView(input: JsonObject, ctx: OperationContext, filters: readonly NodeFilter[]): Located[] {
  const syncName = optString(input, 'SyncName');
  const v = new Violations();
  v.length('syncName', syncName, 1, 64);
  v.throwIfAny();
  const views = syncName === undefined ? [{accountId: ctx.model.accountId, region: ctx.model.region, model: ctx.model}] : syncedPartitions(ctx, syncName);
  const out: Located[] = [];
  for (const at of views) {
    for (const node of at.model.managed()) {
      const l = {node, at};
      if (isManaged(node) && filters.every((f) => matches(l, f))) out.push(l);
    }
  }
  return out;
}

function scopeOf(op: string, input: JsonObject): string {
  return `${op}:${JSON.stringify([input['SyncName'] ?? null, input['Filters'] ?? null, input['Aggregators'] ?? null])}`;
}

function nodeShape(l: Located, now: number): JsonObject {
  const {node, at} = l;
  const instance: JsonObject = {AgentType: AGENT_TYPE};
  for (const key of ['AgentVersion', 'ComputerName', 'InstanceStatus', 'IpAddress', 'ManagedStatus', 'PlatformType', 'PlatformName', 'PlatformVersion', 'ResourceType', 'SourceType', 'SourceId', 'AvailabilityZone']) {
    const value = attribute(l, key);
    if (value !== undefined && value !== '') instance[key] = value;
  }
  if (node.name !== '') instance['Name'] = node.name;
  return {
    CaptureTime: epochSeconds(lastPingAsOf(node, now)),
    Id: node.instanceId,
    Owner: {AccountId: at.accountId},
    Region: at.region,
    NodeType: {Instance: instance},
  };
}

const listNodes: JsonOperation = (input, ctx) => {
  const maxResults = optInteger(input, 'MaxResults');
  const v = new Violations();
  v.range('maxResults', maxResults, 1, 50);
  v.throwIfAny();
  const filters = parseFilters(input);
  const list = nodesInView(input, ctx, filters);
  const page = paginate(list.map((l, i) => ({l, i})), {
    ctx, scope: scopeOf('ListNodes', input), token: optString(input, 'NextToken'), size: maxResults ?? 50, key: (x) => indexKey(x.i),
  });
  const now = ctx.now();
  return {Nodes: page.items.map((x) => nodeShape(x.l, now)), ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken})};
};

interface Aggregator {
  attribute: string;
  children: Aggregator[];
}

function parseAggregators(list: JsonObject[] | undefined, path: string, v: Violations, depth: number): Aggregator[] {
  v.length(path, list, 1, 2);
  return (list ?? []).map((a, i) => {
    const p = `${path}.${i + 1}.member`;
    const type = optString(a, 'AggregatorType');
    const typeName = optString(a, 'TypeName');
    const attributeName = optString(a, 'AttributeName');
    if (v.required(`${p}.aggregatorType`, type)) v.oneOf(`${p}.aggregatorType`, type, ['Count']);
    if (v.required(`${p}.typeName`, typeName)) v.oneOf(`${p}.typeName`, typeName, ['Instance']);
    if (v.required(`${p}.attributeName`, attributeName)) v.oneOf(`${p}.attributeName`, attributeName, ATTRIBUTE_NAMES);
    const nested = optObjectArray(a, 'Aggregators');
    if (nested !== undefined && depth >= 1) throw new ServiceError('InvalidAggregatorException', 'Aggregators can be nested one level deep.');
    return {attribute: attributeName ?? '', children: nested === undefined ? [] : parseAggregators(nested, `${p}.aggregators`, v, depth + 1)};
  });
}

/** One summary row per value (per pair of values with a nested aggregator): the attributes and their Count. */
function summarize(nodes: readonly Located[], aggregators: readonly Aggregator[]): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (const a of aggregators) {
    const groups = new Map<string, Located[]>();
    for (const l of nodes) {
      const value = attribute(l, a.attribute);
      if (value === undefined || value === '') continue;
      const group = groups.get(value) ?? [];
      groups.set(value, group);
      group.push(l);
    }
    for (const [value, group] of [...groups].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      if (a.children.length === 0) {
        rows.push({[a.attribute]: value, Count: String(group.length)});
        continue;
      }
      for (const child of summarize(group, a.children)) rows.push({[a.attribute]: value, ...child});
    }
  }
  return rows;
}

const listNodesSummary: JsonOperation = (input, ctx) => {
  const maxResults = optInteger(input, 'MaxResults');
  const raw = optObjectArray(input, 'Aggregators');
  const v = new Violations();
  v.range('maxResults', maxResults, 1, 50);
  v.required('aggregators', raw);
  const aggregators = parseAggregators(raw, 'aggregators', v, 0);
  v.throwIfAny();
  const filters = parseFilters(input);
  const rows = summarize(nodesInView(input, ctx, filters), aggregators);
  const page = paginate(rows.map((r, i) => ({r, i})), {
    ctx, scope: scopeOf('ListNodesSummary', input), token: optString(input, 'NextToken'), size: maxResults ?? 50, key: (x) => indexKey(x.i),
  });
  return {Summary: page.items.map((x) => x.r), ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken})};
};

export const listNodesOperations: Readonly<Record<string, JsonOperation>> = {
  ListNodes: listNodes,
  ListNodesSummary: listNodesSummary,
};
