// SSM compliance, patching and State Manager read operations over compliance-data.ts, patch-data.ts and
// association-data.ts:
// ListComplianceSummaries, ListResourceComplianceSummaries, ListComplianceItems,
// DescribeInstancePatchStates, DescribeInstancePatches, DescribePatchBaselines, ListAssociations.
//
// Choices where the reference is silent (UNVERIFIED against AWS): ComplianceStringFilter keys are
// ComplianceType (all three list operations), Status and OverallSeverity/Severity, ResourceId/InstanceId,
// ResourceType and Id/Title (items); other keys are InvalidFilter. LESS_THAN/GREATER_THAN compare
// version-aware like inventory filters. ListComplianceSummaries counts resources (SeveritySummary by each
// resource's OverallSeverity); ListResourceComplianceSummaries counts that resource's items.

import {nodeCompliance, type ComplianceItem, type ComplianceSeverity, type ResourceCompliance} from './compliance-data.js';
import {associationOverviews} from './association-data.js';
import {patchBaselines, patchState, STATE_FILTER_VALUES} from './patch-data.js';
import type {FleetModel} from './fleet-model.js';
import {compareVersions, paginate} from './list-paging.js';
import type {JsonOperation} from './operation-context.js';
import {ServiceError} from './service-error.js';
import {optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from './validation.js';
import {epochSeconds} from './wire-json.js';

const COMPLIANCE_FILTER_TYPES = ['EQUAL', 'NOT_EQUAL', 'BEGIN_WITH', 'LESS_THAN', 'GREATER_THAN'] as const;
type ComplianceFilterType = (typeof COMPLIANCE_FILTER_TYPES)[number];
const INSTANCE_ID = /(^i-(\w{8}|\w{17})$)|(^mi-\w{17}$)/;
const SEP = '\u0000';

interface StringFilter {
  key: string;
  values: string[];
  type: ComplianceFilterType;
}

function invalidFilter(message: string): ServiceError {
  return new ServiceError('InvalidFilter', message);
}

function readComplianceFilters(v: Violations, input: JsonObject): StringFilter[] {
  const out: StringFilter[] = [];
  optObjectArray(input, 'Filters')?.forEach((f, i) => {
    const p = `filters.${i + 1}.member`;
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values');
    const type = optString(f, 'Type');
    v.length(`${p}.key`, key, 1, 200);
    v.length(`${p}.values`, values, 1, 20);
    v.oneOf(`${p}.type`, type, COMPLIANCE_FILTER_TYPES);
    if (key !== undefined) out.push({key: key.replace(/^AWS:ComplianceItem\./, ''), values: values ?? [], type: (type ?? 'EQUAL') as ComplianceFilterType});
  });
  return out;
}

function valueMatches(value: string, f: StringFilter): boolean {
  switch (f.type) {
    case 'EQUAL':
      return f.values.includes(value);
    case 'NOT_EQUAL':
      return !f.values.includes(value);
    case 'BEGIN_WITH':
      return f.values.some((p) => value.startsWith(p));
    case 'LESS_THAN':
      return f.values.some((x) => compareVersions(value, x) < 0);
    case 'GREATER_THAN':
      return f.values.some((x) => compareVersions(value, x) > 0);
  }
}

function compile<T>(filters: readonly StringFilter[], fields: Readonly<Record<string, (item: T) => string>>): (item: T) => boolean {
  const tests = filters.map((f) => {
    const get = fields[f.key];
    if (get === undefined) throw invalidFilter(`The filter key ${f.key} is not valid. Valid keys: ${Object.keys(fields).join(', ')}.`);
    return (item: T) => valueMatches(get(item), f);
  });
  return (item) => tests.every((t) => t(item));
}

function scopeOf(op: string, filters: readonly StringFilter[], extra = ''): string {
  return `ssm:${op}:${extra}:${JSON.stringify(filters.map((f) => [f.key, f.type, [...new Set(f.values)].sort()]).sort())}`;
}

function tally(severities: readonly ComplianceSeverity[]): Record<ComplianceSeverity, number> {
  const counts: Record<ComplianceSeverity, number> = {CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0, UNSPECIFIED: 0};
  for (const s of severities) counts[s]++;
  return counts;
}

function severitySummary(counts: Readonly<Record<ComplianceSeverity, number>>): JsonObject {
  return {
    CriticalCount: counts.CRITICAL, HighCount: counts.HIGH, MediumCount: counts.MEDIUM, LowCount: counts.LOW,
    InformationalCount: counts.INFORMATIONAL, UnspecifiedCount: counts.UNSPECIFIED,
  };
}

function allResourceCompliance(model: FleetModel): readonly ResourceCompliance[] {
  return model.memo('compliance:all-resources', () => model.all().flatMap((n) => nodeCompliance(model, n)));
}

function executionSummary(time: number, id: string, type: string): JsonObject {
  const out: JsonObject = {ExecutionTime: epochSeconds(time)};
  if (id !== '') out['ExecutionId'] = id;
  if (type !== '') out['ExecutionType'] = type;
  return out;
}

const RESOURCE_FIELDS: Readonly<Record<string, (r: ResourceCompliance) => string>> = {
  ComplianceType: (r) => r.complianceType,
  Status: (r) => r.status,
  OverallSeverity: (r) => r.overallSeverity,
  ResourceId: (r) => r.resourceId,
  InstanceId: (r) => r.resourceId,
  ResourceType: () => 'ManagedInstance',
};

export const listComplianceSummaries: JsonOperation = (input, ctx) => {
  const v = new Violations();
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  const filters = readComplianceFilters(v, input);
  v.throwIfAny();
  const test = compile(filters, {ComplianceType: (r: ResourceCompliance) => r.complianceType});
  const scope = scopeOf('ListComplianceSummaries', filters);
  const summaries = ctx.model.memo(scope, () => {
    const byType = new Map<string, ResourceCompliance[]>();
    for (const r of allResourceCompliance(ctx.model)) {
      if (!test(r)) continue;
      const list = byType.get(r.complianceType);
      if (list === undefined) byType.set(r.complianceType, [r]);
      else list.push(r);
    }
    return [...byType.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  });
  const page = paginate(summaries, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: ([t]) => t});
  const out: JsonObject = {
    ComplianceSummaryItems: page.items.map(([type, list]) => {
      const good = list.filter((r) => r.status === 'COMPLIANT');
      const bad = list.filter((r) => r.status === 'NON_COMPLIANT');
      return {
        ComplianceType: type,
        CompliantSummary: {CompliantCount: good.length, SeveritySummary: severitySummary(tally(good.map((r) => r.overallSeverity)))},
        NonCompliantSummary: {NonCompliantCount: bad.length, SeveritySummary: severitySummary(tally(bad.map((r) => r.overallSeverity)))},
      };
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const listResourceComplianceSummaries: JsonOperation = (input, ctx) => {
  const v = new Violations();
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  const filters = readComplianceFilters(v, input);
  v.throwIfAny();
  const test = compile(filters, RESOURCE_FIELDS);
  const scope = scopeOf('ListResourceComplianceSummaries', filters);
  // An EQUAL filter on the resource id names the nodes: only theirs are read (in key order), never the whole fleet's,
  // which at 50,000 nodes means generating every node's compliance first (seconds with the server blocked).
  const byId = filters.find((f) => (f.key === 'ResourceId' || f.key === 'InstanceId') && f.type === 'EQUAL');
  const all = byId === undefined ? allResourceCompliance(ctx.model) : [...new Set(byId.values)].sort().flatMap((id) => {
    const node = ctx.model.get(id);
    return node === undefined ? [] : nodeCompliance(ctx.model, node);
  });
  const list = filters.length === 0 ? all : ctx.model.memo(scope, () => all.filter(test));
  const page = paginate(list, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (r) => `${r.resourceId}${SEP}${r.complianceType}`});
  const out: JsonObject = {
    ResourceComplianceSummaryItems: page.items.map((r) => {
      return {
        ComplianceType: r.complianceType,
        ResourceType: 'ManagedInstance',
        ResourceId: r.resourceId,
        Status: r.status,
        OverallSeverity: r.overallSeverity,
        ExecutionSummary: executionSummary(r.executionTime, r.executionId, r.executionType),
        CompliantSummary: {CompliantCount: r.compliantCount, SeveritySummary: severitySummary(r.compliantBySeverity)},
        NonCompliantSummary: {NonCompliantCount: r.nonCompliantCount, SeveritySummary: severitySummary(r.nonCompliantBySeverity)},
      };
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

const ITEM_FIELDS: Readonly<Record<string, (i: ComplianceItem) => string>> = {
  ComplianceType: (i) => i.complianceType,
  Status: (i) => i.status,
  Severity: (i) => i.severity,
  Id: (i) => i.id,
  Title: (i) => i.title,
};

export const listComplianceItems: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const ids = optStringArray(input, 'ResourceIds');
  const types = optStringArray(input, 'ResourceTypes');
  v.length('resourceIds', ids, 1, undefined);
  v.length('resourceTypes', types, 1, undefined);
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  const filters = readComplianceFilters(v, input);
  v.throwIfAny();
  if (types !== undefined && types.some((t) => t !== 'ManagedInstance')) {
    throw new ServiceError('InvalidResourceType', `The resource type ${types.join(', ')} is not supported; use ManagedInstance.`);
  }
  if (ids?.length !== 1) throw new ServiceError('InvalidResourceId', 'Specify exactly one resource ID in ResourceIds.');
  const id = ids[0] ?? '';
  const node = ctx.model.get(id);
  if (node === undefined) throw new ServiceError('InvalidResourceId', `The resource ID ${id} is not valid.`);
  const test = compile(filters, ITEM_FIELDS);
  const items = nodeCompliance(ctx.model, node).flatMap((r) => r.items()).filter(test);
  const scope = scopeOf('ListComplianceItems', filters, id);
  const page = paginate(items, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (i) => `${i.complianceType}${SEP}${i.id}`});
  const out: JsonObject = {
    ComplianceItems: page.items.map((i) => ({
      ComplianceType: i.complianceType,
      ResourceType: 'ManagedInstance',
      ResourceId: id,
      Id: i.id,
      Title: i.title,
      Status: i.status,
      Severity: i.severity,
      ExecutionSummary: executionSummary(i.executionTime, i.executionId, i.executionType),
      Details: {...i.details},
    })),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const describeInstancePatchStates: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const ids = optStringArray(input, 'InstanceIds');
  if (v.required('instanceIds', ids)) v.length('instanceIds', ids, 0, 50);
  v.range('maxResults', optInteger(input, 'MaxResults'), 10, 100);
  ids?.forEach((id, i) => {
    if (!INSTANCE_ID.test(id)) v.add(`instanceIds.${i + 1}.member`, id, `Member must satisfy regular expression pattern: ${INSTANCE_ID.source}`);
  });
  v.throwIfAny();
  const wanted = [...new Set(ids)].sort();
  const states = wanted.flatMap((id) => {
    const node = ctx.model.get(id);
    const state = node === undefined ? undefined : patchState(ctx.model, node);
    return state === undefined ? [] : [state];
  });
  const scope = `ssm:DescribeInstancePatchStates:${wanted.join(',')}`;
  const page = paginate(states, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 10, key: (s) => s.instanceId});
  const out: JsonObject = {
    InstancePatchStates: page.items.map((s) => {
      const o: JsonObject = {
        InstanceId: s.instanceId,
        PatchGroup: s.patchGroup,
        BaselineId: s.baselineId,
        SnapshotId: s.snapshotId,
        InstalledCount: s.counts.INSTALLED,
        InstalledOtherCount: s.counts.INSTALLED_OTHER,
        InstalledPendingRebootCount: s.counts.INSTALLED_PENDING_REBOOT,
        InstalledRejectedCount: s.counts.INSTALLED_REJECTED,
        MissingCount: s.counts.MISSING,
        FailedCount: s.counts.FAILED,
        UnreportedNotApplicableCount: 0,
        NotApplicableCount: s.notApplicableCount,
        AvailableSecurityUpdateCount: s.counts.AVAILABLE_SECURITY_UPDATE,
        OperationStartTime: epochSeconds(s.operationStartTime),
        OperationEndTime: epochSeconds(s.operationEndTime),
        Operation: s.operation,
        RebootOption: s.rebootOption,
        CriticalNonCompliantCount: s.criticalNonCompliantCount,
        SecurityNonCompliantCount: s.securityNonCompliantCount,
        OtherNonCompliantCount: s.otherNonCompliantCount,
      };
      if (s.lastNoRebootInstallOperationTime !== undefined) o['LastNoRebootInstallOperationTime'] = epochSeconds(s.lastNoRebootInstallOperationTime);
      return o;
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

interface OrchestratorFilter {
  key: string;
  values: string[];
}

function readOrchestratorFilters(v: Violations, input: JsonObject): OrchestratorFilter[] {
  const list = optObjectArray(input, 'Filters');
  v.length('filters', list, 0, 5);
  const out: OrchestratorFilter[] = [];
  list?.forEach((f, i) => {
    const p = `filters.${i + 1}.member`;
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values');
    v.length(`${p}.key`, key, 1, 128);
    v.length(`${p}.values`, values, 0, 20);
    out.push({key: key ?? '', values: values ?? []});
  });
  return out;
}

export const describeInstancePatches: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = optString(input, 'InstanceId');
  if (v.required('instanceId', id) && !INSTANCE_ID.test(id ?? '')) {
    v.add('instanceId', id, `Member must satisfy regular expression pattern: ${INSTANCE_ID.source}`);
  }
  v.range('maxResults', optInteger(input, 'MaxResults'), 10, 100);
  const filters = readOrchestratorFilters(v, input);
  v.throwIfAny();
  const tests = filters.map(({key, values}) => {
    switch (key) {
      case 'Classification':
        return (p: {classification: string}) => values.length === 0 || values.includes(p.classification);
      case 'KBId':
        return (p: {kbId: string}) => values.length === 0 || values.includes(p.kbId);
      case 'Severity':
        return (p: {severity: string}) => values.length === 0 || values.includes(p.severity);
      case 'State': {
        const bad = values.filter((x) => STATE_FILTER_VALUES[x] === undefined);
        if (bad.length > 0) throw invalidFilter(`The State filter value ${bad.join(', ')} is not valid. Valid values: ${Object.keys(STATE_FILTER_VALUES).join(', ')}.`);
        const states = values.map((x) => STATE_FILTER_VALUES[x]);
        return (p: {state: string}) => values.length === 0 || states.includes(p.state as never);
      }
      default:
        throw invalidFilter(`The filter key ${key} is not valid. Valid keys: Classification, KBId, Severity, State.`);
    }
  });
  const node = ctx.model.get(id ?? '');
  if (node === undefined) throw new ServiceError('InvalidInstanceId', `Instance id ${String(id)} is not valid.`);
  const state = patchState(ctx.model, node);
  const patches = (state?.patches ?? []).filter((p) => tests.every((t) => t(p)));
  const scope = `ssm:DescribeInstancePatches:${node.instanceId}:${JSON.stringify(filters)}`;
  const page = paginate(patches, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 10, key: (p) => p.kbId});
  const out: JsonObject = {
    Patches: page.items.map((p) => {
      const o: JsonObject = {
        Title: p.title, KBId: p.kbId, Classification: p.classification, Severity: p.severity, State: p.state,
        InstalledTime: epochSeconds(p.installedTime),
      };
      if (p.cveIds !== '') o['CVEIds'] = p.cveIds;
      return o;
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const describePatchBaselines: JsonOperation = (input, ctx) => {
  const v = new Violations();
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 100);
  const filters = readOrchestratorFilters(v, input);
  v.throwIfAny();
  const tests = filters.map(({key, values}) => {
    switch (key) {
      case 'NAME_PREFIX':
        return (b: {name: string}) => values.some((x) => b.name.startsWith(x));
      case 'OWNER':
        return (b: {owner: string}) => values.includes(b.owner);
      case 'OPERATING_SYSTEM':
        return (b: {operatingSystem: string}) => values.includes(b.operatingSystem);
      default:
        throw new ServiceError('ValidationException', `The filter key ${key} is not valid. Valid keys: NAME_PREFIX, OWNER, OPERATING_SYSTEM.`);
    }
  });
  const list = patchBaselines(ctx.model).filter((b) => tests.every((t) => t(b)));
  const scope = `ssm:DescribePatchBaselines:${JSON.stringify(filters)}`;
  const page = paginate(list, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 100, key: (b) => b.name});
  const out: JsonObject = {
    BaselineIdentities: page.items.map((b) => ({
      BaselineId: b.baselineId, BaselineName: b.name, OperatingSystem: b.operatingSystem, BaselineDescription: b.description, DefaultBaseline: b.defaultBaseline,
    })),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

const ASSOCIATION_FILTER_KEYS = [
  'InstanceId', 'Name', 'AssociationId', 'AssociationStatusName', 'LastExecutedBefore', 'LastExecutedAfter', 'AssociationName', 'ResourceGroupName',
];

export const listAssociations: JsonOperation = (input, ctx) => {
  const v = new Violations();
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  const list = optObjectArray(input, 'AssociationFilterList');
  v.length('associationFilterList', list, 1, undefined);
  const filters: {key: string; value: string}[] = [];
  list?.forEach((f, i) => {
    const p = `associationFilterList.${i + 1}.member`;
    const key = optString(f, 'key');
    const value = optString(f, 'value');
    if (v.required(`${p}.key`, key)) v.oneOf(`${p}.key`, key, ASSOCIATION_FILTER_KEYS);
    if (v.required(`${p}.value`, value)) v.length(`${p}.value`, value, 1, undefined);
    if (key !== undefined && value !== undefined) filters.push({key, value});
  });
  v.throwIfAny();
  const model = ctx.model;
  const tests = filters.map(({key, value}) => {
    if (key === 'LastExecutedBefore' || key === 'LastExecutedAfter') {
      const at = Date.parse(value);
      if (Number.isNaN(at)) throw new ServiceError('ValidationException', `The value ${value} for ${key} is not a valid date (use ISO 8601, e.g. 2017-02-20T18:03:58Z).`);
      return (o: {lastExecution: number | undefined}) => o.lastExecution !== undefined && (key === 'LastExecutedBefore' ? o.lastExecution < at : o.lastExecution > at);
    }
    return (o: {association: {name: string; documentName: string; associationId: string}; status: string; instanceIds: ReadonlySet<string>}) => {
      switch (key) {
        case 'InstanceId':
          return o.instanceIds.has(value);
        case 'Name':
          return o.association.documentName === value;
        case 'AssociationId':
          return o.association.associationId === value;
        case 'AssociationStatusName':
          return o.status === value;
        case 'AssociationName':
          return o.association.name === value;
        default:
          return false; // ResourceGroupName: the local fleet has no resource groups
      }
    };
  });
  const overviews = associationOverviews(model).filter((o) => tests.every((t) => t(o)));
  const scope = `ssm:ListAssociations:${JSON.stringify(filters)}`;
  const page = paginate(overviews, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (o) => o.association.associationId});
  const out: JsonObject = {
    Associations: page.items.map((o) => {
      const a = o.association;
      const item: JsonObject = {
        Name: a.documentName,
        AssociationId: a.associationId,
        AssociationVersion: '1',
        DocumentVersion: a.documentVersion,
        Targets: a.targets.map((t) => ({Key: t.Key, Values: [...t.Values]})),
      };
      if (o.lastExecution !== undefined) item['LastExecutionDate'] = epochSeconds(o.lastExecution);
      item['Overview'] = {Status: o.status, DetailedStatus: o.status, AssociationStatusAggregatedCount: {...o.counts}};
      item['ScheduleExpression'] = a.scheduleExpression;
      item['AssociationName'] = a.name;
      return item;
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const complianceOperations: Readonly<Record<string, JsonOperation>> = {
  DescribeInstancePatches: describeInstancePatches,
  DescribeInstancePatchStates: describeInstancePatchStates,
  DescribePatchBaselines: describePatchBaselines,
  ListAssociations: listAssociations,
  ListComplianceItems: listComplianceItems,
  ListComplianceSummaries: listComplianceSummaries,
  ListResourceComplianceSummaries: listResourceComplianceSummaries,
};
