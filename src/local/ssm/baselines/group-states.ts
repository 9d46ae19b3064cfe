// DescribeInstancePatchStatesForPatchGroup: the patch state of each node of a patch group, optionally filtered on its
// counts (Equal, NotEqual, LessThan, GreaterThan one number), in instance id order.
import {paginate} from '../../protocol/list-paging.js';
import type {JsonOperation} from '../../protocol/operation-context.js';
import {patchState, type InstancePatchState} from '../compliance/patch-data.js';
import {instancePatchStateShape} from '../compliance/patch-api.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {nodePatchGroup} from './store.js';

const COUNTS: Readonly<Record<string, (s: InstancePatchState) => number>> = {
  InstalledCount: (s) => s.counts.INSTALLED,
  InstalledOtherCount: (s) => s.counts.INSTALLED_OTHER,
  InstalledPendingRebootCount: (s) => s.counts.INSTALLED_PENDING_REBOOT,
  InstalledRejectedCount: (s) => s.counts.INSTALLED_REJECTED,
  MissingCount: (s) => s.counts.MISSING,
  FailedCount: (s) => s.counts.FAILED,
  NotApplicableCount: (s) => s.notApplicableCount,
  UnreportedNotApplicableCount: () => 0,
};
const TYPES = ['Equal', 'NotEqual', 'LessThan', 'GreaterThan'];

function stateFilter(key: string, value: string, type: string): (s: InstancePatchState) => boolean {
  const count = COUNTS[key];
  if (count === undefined) throw new ServiceError('InvalidFilter', `The filter key ${key} is not valid. Valid keys: ${Object.keys(COUNTS).join(', ')}.`);
  const n = Number(value);
  if (!/^\d+$/.test(value)) throw new ServiceError('InvalidFilter', `The filter value ${value} is not a number.`);
  switch (type) {
    case 'Equal':
      return (s) => count(s) === n;
    case 'NotEqual':
      return (s) => count(s) !== n;
    case 'LessThan':
      return (s) => count(s) < n;
    default:
      return (s) => count(s) > n;
  }
}

export const describeInstancePatchStatesForPatchGroup: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const group = optString(input, 'PatchGroup');
  if (v.required('patchGroup', group)) v.length('patchGroup', group, 1, 256);
  v.range('maxResults', optInteger(input, 'MaxResults'), 10, 100);
  const filters = optObjectArray(input, 'Filters') ?? [];
  v.length('filters', filters, 0, 4);
  const read = filters.map((f, i) => {
    const p = `filters.${i + 1}.member`;
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values');
    const type = optString(f, 'Type');
    if (v.required(`${p}.key`, key)) v.length(`${p}.key`, key, 1, 200);
    if (v.required(`${p}.values`, values)) v.length(`${p}.values`, values, 1, 1);
    if (v.required(`${p}.type`, type)) v.oneOf(`${p}.type`, type, TYPES);
    return {key: key ?? '', value: values?.[0] ?? '', type: type ?? ''};
  });
  v.throwIfAny();
  const tests = read.map((f) => stateFilter(f.key, f.value, f.type));
  const states = ctx.model.managed().flatMap((node) => {
    if (nodePatchGroup(node) !== group) return [];
    const s = patchState(ctx.model, node);
    return s !== undefined && tests.every((t) => t(s)) ? [s] : [];
  });
  const scope = `ssm:DescribeInstancePatchStatesForPatchGroup:${String(group)}:${JSON.stringify(read)}`;
  const page = paginate(states, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 50, key: (s) => s.instanceId});
  const out: JsonObject = {InstancePatchStates: page.items.map(instancePatchStateShape)};
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};
