// Association executions: DescribeAssociationExecutions, DescribeAssociationExecutionTargets, DescribeInstanceAssociationsStatus.

import {paginate} from '../../protocol/list-paging.js';
import type {JsonOperation} from '../../protocol/operation-context.js';
import {snapshotOf} from '../run-command/store.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optInteger, optObjectArray, optString, Violations, type JsonObject} from '../../protocol/validation.js';
import {epochSeconds} from '../../protocol/wire-json.js';
import {ASSOCIATION_ID, INSTANCE_ID, readAssociationId} from './association-input.js';
import {recordById} from './association-lookup.js';
import {associationStore} from './association-store.js';
import {targetStates} from './association-targets.js';
import type {AssociationExecution} from './association-types.js';

type TargetRow = {instanceId: string; status: string; detailed: string; at: number | undefined; commandId: string};

function executionTargets(ex: AssociationExecution): TargetRow[] {
  const states = targetStates(ex);
  return ex.targets.map((t) => {
    const state = states.get(t.instanceId);
    const sd = state?.statusDetails ?? 'Pending';
    const status = sd === 'Success' ? 'Success' : sd === 'Pending' || sd === 'InProgress' || sd === 'Delayed' ? sd === 'Delayed' ? 'InProgress' : sd : 'Failed';
    const inv = t.command.invocations.get(t.instanceId);
    return {instanceId: t.instanceId, status, detailed: sd, at: inv?.endedAt ?? inv?.startedAt, commandId: t.command.id};
  });
}

function executionStatus(ex: AssociationExecution, rows: readonly TargetRow[]): {status: string; detailed: string} {
  if (ex.failure !== undefined) return {status: 'Failed', detailed: 'Failed'};
  if (!ex.commands.every((c) => snapshotOf(c).done)) {
    return rows.some((r) => r.status !== 'Pending') ? {status: 'InProgress', detailed: 'InProgress'} : {status: 'Pending', detailed: 'Pending'};
  }
  return rows.some((r) => r.status === 'Failed') ? {status: 'Failed', detailed: 'Failed'} : {status: 'Success', detailed: 'Success'};
}

function countByStatus(rows: readonly TargetRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.detailed, (counts.get(r.detailed) ?? 0) + 1);
  return `{${[...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k}=${n}`).join(', ')}}`;
}

function readExecutionFilters(v: Violations, input: JsonObject, keys: readonly string[], typed: boolean): {key: string; value: string; type: string}[] {
  const list = optObjectArray(input, 'Filters');
  v.length('filters', list, 1, undefined);
  return (list ?? []).map((f, i) => {
    const p = `filters.${i + 1}.member`;
    const key = optString(f, 'Key');
    const value = optString(f, 'Value');
    const type = typed ? optString(f, 'Type') : 'EQUAL';
    if (v.required(`${p}.key`, key)) v.oneOf(`${p}.key`, key, keys);
    if (v.required(`${p}.value`, value)) v.length(`${p}.value`, value, 1, undefined);
    if (typed && v.required(`${p}.type`, type)) v.oneOf(`${p}.type`, type, ['EQUAL', 'LESS_THAN', 'GREATER_THAN']);
    return {key: key ?? '', value: value ?? '', type: type ?? 'EQUAL'};
  });
}

export const describeAssociationExecutions: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readAssociationId(v, input);
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  const filters = readExecutionFilters(v, input, ['ExecutionId', 'Status', 'CreatedTime'], true);
  v.throwIfAny();
  const record = recordById(ctx, id);
  associationStore(ctx.model).collect();
  const rows = associationStore(ctx.model).executionsOf(record.associationId).map((ex) => {
    const targets = executionTargets(ex);
    return {ex, targets, ...executionStatus(ex, targets)};
  }).filter((row) => filters.every((f) => {
    if (f.key === 'ExecutionId') return row.ex.executionId === f.value;
    if (f.key === 'Status') return row.status === f.value;
    const at = Date.parse(f.value);
    if (Number.isNaN(at)) throw new ServiceError('ValidationException', `The CreatedTime filter value ${f.value} is not a valid date.`);
    return f.type === 'LESS_THAN' ? row.ex.createdAt < at : f.type === 'GREATER_THAN' ? row.ex.createdAt > at : row.ex.createdAt === at;
  }));
  const keyed = rows.map((row, i) => ({row, key: String(i).padStart(9, '0')}));
  const page = paginate(keyed, {ctx, scope: `ssm:DescribeAssociationExecutions:${record.associationId}:${JSON.stringify(filters)}`, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (k) => k.key});
  const out: JsonObject = {
    AssociationExecutions: page.items.map(({row}) => {
      const last = row.targets.reduce<number | undefined>((m, t) => (t.at !== undefined && (m === undefined || t.at > m) ? t.at : m), undefined);
      const item: JsonObject = {
        AssociationId: record.associationId, AssociationVersion: String(row.ex.associationVersion), ExecutionId: row.ex.executionId,
        Status: row.status, DetailedStatus: row.detailed, CreatedTime: epochSeconds(row.ex.createdAt), ResourceCountByStatus: countByStatus(row.targets),
      };
      if (last !== undefined) item['LastExecutionDate'] = epochSeconds(last);
      return item;
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const describeAssociationExecutionTargets: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readAssociationId(v, input);
  const executionId = optString(input, 'ExecutionId');
  if (v.required('executionId', executionId) && !ASSOCIATION_ID.test(executionId ?? '')) {
    v.add('executionId', executionId, 'Member must satisfy regular expression pattern: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}');
  }
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  const filters = readExecutionFilters(v, input, ['Status', 'ResourceId', 'ResourceType'], false);
  v.throwIfAny();
  const record = recordById(ctx, id);
  const ex = associationStore(ctx.model).executionsOf(record.associationId).find((x) => x.executionId === executionId);
  if (ex === undefined) throw new ServiceError('AssociationExecutionDoesNotExist', 'The specified execution ID does not exist. Verify the ID number and try again.');
  const rows = executionTargets(ex).filter((t) => filters.every((f) => (f.key === 'Status' ? t.status === f.value : f.key === 'ResourceId' ? t.instanceId === f.value : f.value === 'ManagedInstance')));
  const keyed = rows.map((row, i) => ({row, key: String(i).padStart(9, '0')}));
  const page = paginate(keyed, {ctx, scope: `ssm:DescribeAssociationExecutionTargets:${ex.executionId}:${JSON.stringify(filters)}`, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (k) => k.key});
  const out: JsonObject = {
    AssociationExecutionTargets: page.items.map(({row}) => {
      const item: JsonObject = {
        AssociationId: record.associationId, AssociationVersion: String(ex.associationVersion), ExecutionId: ex.executionId, ResourceId: row.instanceId,
        ResourceType: 'ManagedInstance', Status: row.status, DetailedStatus: row.detailed,
        OutputSource: {OutputSourceId: row.commandId, OutputSourceType: 'RunCommand'},
      };
      if (row.at !== undefined) item['LastExecutionDate'] = epochSeconds(row.at);
      return item;
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const describeInstanceAssociationsStatus: JsonOperation = (input, ctx) => {
  const instanceId = optString(input, 'InstanceId');
  const v = new Violations();
  if (v.required('instanceId', instanceId) && !INSTANCE_ID.test(instanceId ?? '')) {
    v.add('instanceId', instanceId, 'Member must satisfy regular expression pattern: (^i-(\\w{8}|\\w{17})$)|(^mi-\\w{17}$)');
  }
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 50);
  v.throwIfAny();
  const node = ctx.model.get(instanceId ?? '');
  if (node === undefined) throw new ServiceError('InvalidInstanceId', `The instance ${String(instanceId)} is not valid.`);
  const store = associationStore(ctx.model);
  store.collect();
  const rows = (store.membership().byNode.get(node.instanceId) ?? []).map((r) => ({r, status: store.statusOfMember(r, node)}));
  const page = paginate(rows, {ctx, scope: `ssm:DescribeInstanceAssociationsStatus:${node.instanceId}`, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (x) => x.r.associationId});
  const out: JsonObject = {
    InstanceAssociationStatusInfos: page.items.map(({r, status}) => {
      const result = r.results.get(node.instanceId);
      const item: JsonObject = {
        AssociationId: r.associationId, Name: r.current.documentName, DocumentVersion: r.current.documentVersion ?? '$DEFAULT',
        AssociationVersion: String(result?.associationVersion ?? r.current.version), InstanceId: node.instanceId, Status: status,
        DetailedStatus: result?.detailedStatus ?? status,
        ExecutionSummary: result === undefined ? '' : `1 out of 1 plugin processed, ${status === 'Success' ? '1 success' : '1 failed'}, 0 skipped.`,
      };
      const at = result?.at ?? (r.seeded && status !== 'Pending' ? node.lastAssociationAt : undefined);
      if (at !== undefined) item['ExecutionDate'] = epochSeconds(at);
      if (result !== undefined && result.status === 'Failed') item['ErrorCode'] = String(result.responseCode);
      if (r.current.associationName !== undefined) item['AssociationName'] = r.current.associationName;
      return item;
    }),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};
