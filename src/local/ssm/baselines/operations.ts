// Patch baseline operations: Create/Get/Update/Delete/DescribePatchBaselines. AWS's predefined baselines are read-only
// and addressed by full ARN; a baseline that is its operating system's default or has patch groups cannot be deleted.
import {randomBytes} from 'node:crypto';
import type {BaselineRules} from '../../../fleet/baselines/baseline.js';
import {paginate} from '../../protocol/list-paging.js';
import type {JsonOperation, OperationContext} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optBoolean, optInteger, optObjectArray, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {BASELINE_ID, checkForOperatingSystem, readBaselineInput, readOperatingSystem, type BaselineInput} from './input.js';
import {baselineStoreFor, type BaselineStore, type StoredBaseline} from './store.js';
import {baselineIdentity, baselineShape} from './wire.js';

/** Custom patch baselines per account and region (Systems Manager service quotas). */
const MAX_CUSTOM_BASELINES = 50;

export const storeOf = (ctx: OperationContext): BaselineStore => baselineStoreFor(ctx.model);

export function readBaselineId(v: Violations, input: JsonObject): string {
  const id = optString(input, 'BaselineId');
  if (v.required('baselineId', id) && !BASELINE_ID.test(id ?? '')) {
    v.add('baselineId', id, `Member must satisfy regular expression pattern: ${BASELINE_ID.source}`);
  }
  return id ?? '';
}

export function baselineOrThrow(store: BaselineStore, id: string): StoredBaseline {
  const b = store.get(id);
  if (b === undefined) throw new ServiceError('DoesNotExistException', `Patch Baseline ${id} does not exist.`);
  return b;
}

function ownOrThrow(store: BaselineStore, id: string, verb: string): StoredBaseline {
  const b = baselineOrThrow(store, id);
  if (b.owner === 'AWS') throw new ServiceError('ValidationException', `Patch Baseline ${id} is provided by AWS and can't be ${verb}.`);
  return b;
}

/** The rules a request sets on top of `base` (Replace: unsent fields go back to their defaults). */
function applyInput(base: BaselineRules, input: BaselineInput, replace: boolean): BaselineRules {
  const pick = <T>(sent: T | undefined, current: T, empty: T): T => sent ?? (replace ? empty : current);
  return {
    operatingSystem: base.operatingSystem,
    globalFilters: pick(input.globalFilters, base.globalFilters, []),
    rules: pick(input.rules, base.rules, []),
    approvedPatches: pick(input.approvedPatches, base.approvedPatches, []),
    approvedPatchesComplianceLevel: pick(input.approvedPatchesComplianceLevel, base.approvedPatchesComplianceLevel, 'UNSPECIFIED'),
    approvedPatchesEnableNonSecurity: pick(input.approvedPatchesEnableNonSecurity, base.approvedPatchesEnableNonSecurity, false),
    rejectedPatches: pick(input.rejectedPatches, base.rejectedPatches, []),
    rejectedPatchesAction: pick(input.rejectedPatchesAction, base.rejectedPatchesAction, 'ALLOW_AS_DEPENDENCY'),
  };
}

const EMPTY_RULES: Omit<BaselineRules, 'operatingSystem'> = {
  globalFilters: [], rules: [], approvedPatches: [], approvedPatchesComplianceLevel: 'UNSPECIFIED', approvedPatchesEnableNonSecurity: false,
  rejectedPatches: [], rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY',
};

export const createPatchBaseline: JsonOperation = (input, ctx) => {
  const v = new Violations();
  v.required('name', optString(input, 'Name'));
  const os = readOperatingSystem(v, input) ?? 'WINDOWS';
  const fields = readBaselineInput(v, input);
  const token = optString(input, 'ClientToken');
  v.length('clientToken', token, 1, 64);
  v.throwIfAny();
  const store = storeOf(ctx);
  const earlier = token === undefined ? undefined : store.clientTokens.get(token);
  if (earlier !== undefined) return {BaselineId: earlier};
  const rules = applyInput({operatingSystem: os, ...EMPTY_RULES}, fields, false);
  checkForOperatingSystem(os, rules);
  if (store.all().filter((b) => b.owner === 'Self').length >= MAX_CUSTOM_BASELINES) {
    throw new ServiceError('ResourceLimitExceededException', `You can't create more than ${MAX_CUSTOM_BASELINES} patch baselines.`);
  }
  const now = ctx.now();
  const b = store.add({
    baselineId: `pb-0${randomBytes(8).toString('hex')}`, name: fields.name ?? '', description: fields.description ?? '', owner: 'Self', rules,
    sources: fields.sources ?? [], availableSecurityUpdatesComplianceStatus: fields.availableSecurityUpdatesComplianceStatus,
    createdTime: now, modifiedTime: now,
  });
  if (token !== undefined) store.clientTokens.set(token, b.baselineId);
  return {BaselineId: b.baselineId};
};

export const getPatchBaseline: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readBaselineId(v, input);
  v.throwIfAny();
  const store = storeOf(ctx);
  const b = baselineOrThrow(store, id);
  return baselineShape(b, store.groupsOf(b));
};

export const updatePatchBaseline: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readBaselineId(v, input);
  const fields = readBaselineInput(v, input);
  const replace = optBoolean(input, 'Replace') ?? false;
  v.throwIfAny();
  const b = ownOrThrow(storeOf(ctx), id, 'modified');
  const rules = applyInput(b.rules, fields, replace);
  checkForOperatingSystem(rules.operatingSystem, rules);
  b.rules = rules;
  if (fields.name !== undefined) b.name = fields.name;
  b.description = fields.description ?? (replace ? '' : b.description);
  b.sources = fields.sources ?? (replace ? [] : b.sources);
  b.availableSecurityUpdatesComplianceStatus = fields.availableSecurityUpdatesComplianceStatus ?? (replace ? undefined : b.availableSecurityUpdatesComplianceStatus);
  b.modifiedTime = ctx.now();
  return baselineShape(b);
};

export const deletePatchBaseline: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readBaselineId(v, input);
  v.throwIfAny();
  const store = storeOf(ctx);
  if (store.get(id) === undefined) return {BaselineId: id};
  const b = ownOrThrow(store, id, 'deleted');
  if (store.isDefault(b)) throw new ServiceError('ResourceInUseException', `Patch Baseline ${id} is the default patch baseline for ${b.rules.operatingSystem} and can't be deleted.`);
  const groups = store.groupsOf(b);
  if (groups.length > 0) throw new ServiceError('ResourceInUseException', `Patch Baseline ${id} is registered with patch group(s) ${groups.join(', ')}; deregister them first.`);
  store.delete(b.baselineId);
  return {BaselineId: b.baselineId};
};

/** PatchOrchestratorFilter lists (0–5 filters, 0–20 values each). */
export function readOrchestratorFilters(v: Violations, input: JsonObject): {key: string; values: string[]}[] {
  const list = optObjectArray(input, 'Filters');
  v.length('filters', list, 0, 5);
  return (list ?? []).map((f, i) => {
    const p = `filters.${i + 1}.member`;
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values');
    v.length(`${p}.key`, key, 1, 128);
    v.length(`${p}.values`, values, 0, 20);
    return {key: key ?? '', values: values ?? []};
  });
}

/** A baseline filter (NAME_PREFIX, OWNER, OPERATING_SYSTEM) as a test; ValidationException for other keys. */
export function baselineFilter(key: string, values: readonly string[]): (b: StoredBaseline) => boolean {
  switch (key) {
    case 'NAME_PREFIX':
      return (b) => values.some((x) => b.name.startsWith(x));
    case 'OWNER':
      return (b) => values.includes(b.owner);
    case 'OPERATING_SYSTEM':
      return (b) => values.includes(b.rules.operatingSystem);
    default:
      throw new ServiceError('ValidationException', `The filter key ${key} is not valid. Valid keys: NAME_PREFIX, OWNER, OPERATING_SYSTEM.`);
  }
}

export const describePatchBaselines: JsonOperation = (input, ctx) => {
  const v = new Violations();
  v.range('maxResults', optInteger(input, 'MaxResults'), 1, 100);
  const filters = readOrchestratorFilters(v, input);
  v.throwIfAny();
  const tests = filters.map(({key, values}) => baselineFilter(key, values));
  const store = storeOf(ctx);
  const list = store.all().filter((b) => tests.every((t) => t(b)));
  const scope = `ssm:DescribePatchBaselines:${JSON.stringify(filters)}`;
  const page = paginate(list, {ctx, scope, token: optString(input, 'NextToken'), size: optInteger(input, 'MaxResults') ?? 100, key: (b) => `${b.name}\u0000${b.baselineId}`});
  const out: JsonObject = {BaselineIdentities: page.items.map((b) => baselineIdentity(store, b))};
  if (page.nextToken !== undefined) out['NextToken'] = page.nextToken;
  return out;
};
