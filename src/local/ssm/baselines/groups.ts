// Default baselines and patch groups: Register/GetDefaultPatchBaseline, Register/DeregisterPatchBaselineForPatchGroup,
// DescribePatchGroups, GetPatchBaselineForPatchGroup, DescribePatchGroupState. A patch group has at most one baseline
// per operating system; its nodes are those tagged `Patch Group` (or `PatchGroup`) with its name.
import type {OperatingSystem} from '../../../fleet/baselines/baseline.js';
import {paginate} from '../../protocol/list-paging.js';
import type {JsonOperation} from '../../protocol/operation-context.js';
import {patchState} from '../compliance/patch-data.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optInteger, optString, Violations, type JsonObject} from '../../protocol/validation.js';
import {readOperatingSystem} from './input.js';
import {baselineOrThrow, readBaselineId, readOrchestratorFilters, storeOf} from './operations.js';
import {nodePatchGroup} from './store.js';
import {baselineIdentity} from './wire.js';

const PATCH_GROUP = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;

function readPatchGroup(v: Violations, input: JsonObject): string {
  const group = optString(input, 'PatchGroup');
  if (v.required('patchGroup', group)) {
    v.length('patchGroup', group, 1, 256);
    if (!PATCH_GROUP.test(group ?? '')) v.add('patchGroup', group, `Member must satisfy regular expression pattern: ${PATCH_GROUP.source}`);
  }
  return group ?? '';
}

export const registerDefaultPatchBaseline: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readBaselineId(v, input);
  v.throwIfAny();
  const store = storeOf(ctx);
  const b = baselineOrThrow(store, id);
  store.setDefault(b);
  return {BaselineId: b.baselineId};
};

export const getDefaultPatchBaseline: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const os: OperatingSystem = readOperatingSystem(v, input) ?? 'WINDOWS';
  v.throwIfAny();
  return {BaselineId: storeOf(ctx).defaultFor(os).baselineId, OperatingSystem: os};
};

export const registerPatchBaselineForPatchGroup: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readBaselineId(v, input);
  const group = readPatchGroup(v, input);
  v.throwIfAny();
  const store = storeOf(ctx);
  const b = baselineOrThrow(store, id);
  const current = store.registered(group, b.rules.operatingSystem);
  if (current !== undefined) {
    throw new ServiceError('AlreadyExistsException', `Patch Group ${group} is already registered with baseline ${current.baselineId} for operating system ${b.rules.operatingSystem}.`);
  }
  store.register(group, b);
  return {BaselineId: b.baselineId, PatchGroup: group};
};

export const deregisterPatchBaselineForPatchGroup: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readBaselineId(v, input);
  const group = readPatchGroup(v, input);
  v.throwIfAny();
  const store = storeOf(ctx);
  const b = store.get(id);
  if (b === undefined || store.registered(group, b.rules.operatingSystem) !== b) {
    throw new ServiceError('InvalidResourceId', `Patch Group ${group} is not registered with baseline ${id}.`);
  }
  store.deregister(group, b);
  return {BaselineId: b.baselineId, PatchGroup: group};
};

export const describePatchGroups: JsonOperation = (input, ctx) => {
  const v = new Violations();
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 100);
  const filters = readOrchestratorFilters(v, input);
  v.throwIfAny();
  const tests = filters.map(({key, values}) => {
    switch (key) {
      case 'NAME_PREFIX':
        return (m: {patchGroup: string}) => values.some((x) => m.patchGroup.startsWith(x));
      case 'OPERATING_SYSTEM':
        return (m: {baseline: {rules: {operatingSystem: string}}}) => values.includes(m.baseline.rules.operatingSystem);
      default:
        throw new ServiceError('ValidationException', `The filter key ${key} is not valid. Valid keys: NAME_PREFIX, OPERATING_SYSTEM.`);
    }
  });
  const store = storeOf(ctx);
  const list = store.mappings().filter((m) => tests.every((t) => t(m)));
  const scope = `ssm:DescribePatchGroups:${JSON.stringify(filters)}`;
  const key = (m: (typeof list)[number]): string => `${m.patchGroup}\u0000${m.baseline.name}\u0000${m.baseline.baselineId}`;
  const page = paginate(list, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 100, key});
  const out: JsonObject = {Mappings: page.items.map((m) => ({PatchGroup: m.patchGroup, BaselineIdentity: baselineIdentity(store, m.baseline)}))};
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};

export const getPatchBaselineForPatchGroup: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const group = readPatchGroup(v, input);
  const os: OperatingSystem = readOperatingSystem(v, input) ?? 'WINDOWS';
  v.throwIfAny();
  return {BaselineId: storeOf(ctx).forGroup(group, os).baselineId, PatchGroup: group, OperatingSystem: os};
};

export const describePatchGroupState: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const group = readPatchGroup(v, input);
  v.throwIfAny();
  const out = {
    Instances: 0, InstancesWithInstalledPatches: 0, InstancesWithInstalledOtherPatches: 0, InstancesWithInstalledPendingRebootPatches: 0,
    InstancesWithInstalledRejectedPatches: 0, InstancesWithMissingPatches: 0, InstancesWithFailedPatches: 0, InstancesWithNotApplicablePatches: 0,
    InstancesWithUnreportedNotApplicablePatches: 0, InstancesWithCriticalNonCompliantPatches: 0, InstancesWithSecurityNonCompliantPatches: 0,
    InstancesWithOtherNonCompliantPatches: 0, InstancesWithAvailableSecurityUpdates: 0,
  };
  const count = (key: keyof typeof out, n: number): void => {
    if (n > 0) out[key]++;
  };
  for (const node of ctx.model.managed()) {
    if (nodePatchGroup(node) !== group) continue;
    const s = patchState(ctx.model, node);
    if (s === undefined) continue;
    out.Instances++;
    count('InstancesWithInstalledPatches', s.counts.INSTALLED);
    count('InstancesWithInstalledOtherPatches', s.counts.INSTALLED_OTHER);
    count('InstancesWithInstalledPendingRebootPatches', s.counts.INSTALLED_PENDING_REBOOT);
    count('InstancesWithInstalledRejectedPatches', s.counts.INSTALLED_REJECTED);
    count('InstancesWithMissingPatches', s.counts.MISSING);
    count('InstancesWithFailedPatches', s.counts.FAILED);
    count('InstancesWithNotApplicablePatches', s.notApplicableCount);
    count('InstancesWithCriticalNonCompliantPatches', s.criticalNonCompliantCount);
    count('InstancesWithSecurityNonCompliantPatches', s.securityNonCompliantCount);
    count('InstancesWithOtherNonCompliantPatches', s.otherNonCompliantCount);
    count('InstancesWithAvailableSecurityUpdates', s.counts.AVAILABLE_SECURITY_UPDATE);
  }
  return out;
};

