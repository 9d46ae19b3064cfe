// SSM Patch Manager read operations over patch-data.ts: DescribeInstancePatchStates, DescribeInstancePatches
// (registered in compliance-api.ts's complianceOperations; baselines and patch groups: ssm/baselines/).

import {patchState, STATE_FILTER_VALUES, type InstancePatchState} from './patch-data.js';
import {invalidFilter} from './compliance-filters.js';
import {paginate} from '../../protocol/list-paging.js';
import type {JsonOperation} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {epochSeconds} from '../../protocol/wire-json.js';

const INSTANCE_ID = /(^i-(\w{8}|\w{17})$)|(^mi-\w{17}$)/;

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
    InstancePatchStates: page.items.map(instancePatchStateShape),
  };
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

/** InstancePatchState on the wire (DescribeInstancePatchStates and …ForPatchGroup). */
export function instancePatchStateShape(s: InstancePatchState): JsonObject {
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
}

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
