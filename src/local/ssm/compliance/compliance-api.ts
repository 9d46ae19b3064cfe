// SSM compliance read operations over compliance-data.ts: ListComplianceSummaries,
// ListResourceComplianceSummaries, ListComplianceItems. complianceOperations also registers the patch
// (patch-api.ts) read operations, re-exported here so importers keep this path. State Manager: ssm/associations/.
//
// Choices where the reference is silent (UNVERIFIED against AWS): ComplianceStringFilter keys are
// ComplianceType (all three list operations), Status and OverallSeverity/Severity, ResourceId/InstanceId,
// ResourceType and Id/Title (items); other keys are InvalidFilter. LESS_THAN/GREATER_THAN compare
// version-aware like inventory filters. ListComplianceSummaries counts resources (SeveritySummary by each
// resource's OverallSeverity); ListResourceComplianceSummaries counts that resource's items.

import {nodeCompliance, type ComplianceItem, type ComplianceSeverity, type ResourceCompliance} from './compliance-data.js';
import {compile, readComplianceFilters, scopeOf} from './compliance-filters.js';
import {describeInstancePatches, describeInstancePatchStates} from './patch-api.js';
import type {FleetModel} from '../../model/fleet-model.js';
import {paginate} from '../../protocol/list-paging.js';
import type {JsonOperation} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optInteger, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {epochSeconds} from '../../protocol/wire-json.js';

export {describeInstancePatches, describeInstancePatchStates};

const SEP = '\u0000';

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
  return model.memo('compliance:all-resources', () => model.managed().flatMap((n) => nodeCompliance(model, n)));
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

export const complianceOperations: Readonly<Record<string, JsonOperation>> = {
  DescribeInstancePatches: describeInstancePatches,
  DescribeInstancePatchStates: describeInstancePatchStates,
  ListComplianceItems: listComplianceItems,
  ListComplianceSummaries: listComplianceSummaries,
  ListResourceComplianceSummaries: listResourceComplianceSummaries,
};
