// Reading CreatePatchBaseline / UpdatePatchBaseline input: the model constraints first (Coral ValidationException
// listing every violation), then Patch Manager's own rules (filter keys per operating system, one approval field per
// rule outside the Debian family), each a ValidationException with its reason.
import {
  approvesImmediately, COMPLIANCE_LEVELS, OPERATING_SYSTEMS, PATCH_FILTER_KEYS, REJECTED_PATCHES_ACTIONS, ruleFilterKeys,
  type ComplianceLevel, type OperatingSystem, type PatchFilter, type PatchRule, type RejectedPatchesAction,
} from '../../../fleet/baselines/baseline.js';
import {serializationError, ServiceError} from '../../protocol/service-error.js';
import {isObject, optArray, optBoolean, optInteger, optObjectArray, optString, optStringArray, type JsonObject, type Violations} from '../../protocol/validation.js';

export const BASELINE_ID = /^[a-zA-Z0-9_\-:/]{20,128}$/;
const NAME = /^[a-zA-Z0-9_\-.]{3,128}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The fields a request may set; undefined = not sent. */
export interface BaselineInput {
  name?: string;
  description?: string;
  globalFilters?: PatchFilter[];
  rules?: PatchRule[];
  approvedPatches?: string[];
  approvedPatchesComplianceLevel?: ComplianceLevel;
  approvedPatchesEnableNonSecurity?: boolean;
  rejectedPatches?: string[];
  rejectedPatchesAction?: RejectedPatchesAction;
  sources?: unknown[];
  availableSecurityUpdatesComplianceStatus?: string;
}

function optObject(obj: JsonObject, key: string): JsonObject | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw serializationError(`Expected a structure for member ${key}`);
  return v;
}

function readFilters(v: Violations, group: JsonObject | undefined, path: string): PatchFilter[] | undefined {
  if (group === undefined) return undefined;
  const list = optObjectArray(group, 'PatchFilters');
  if (v.required(`${path}.patchFilters`, list)) v.length(`${path}.patchFilters`, list, 0, 4);
  return (list ?? []).map((f, i) => {
    const p = `${path}.patchFilters.${i + 1}.member`;
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values');
    if (v.required(`${p}.key`, key)) v.oneOf(`${p}.key`, key, PATCH_FILTER_KEYS);
    if (v.required(`${p}.values`, values)) v.length(`${p}.values`, values, 1, 20);
    values?.forEach((x, j) => v.length(`${p}.values.${j + 1}.member`, x, 1, 64));
    return {key: key as PatchFilter['key'], values: values ?? []};
  });
}

function readRules(v: Violations, group: JsonObject | undefined): PatchRule[] | undefined {
  if (group === undefined) return undefined;
  const list = optObjectArray(group, 'PatchRules');
  if (v.required('approvalRules.patchRules', list)) v.length('approvalRules.patchRules', list, 0, 10);
  return (list ?? []).map((r, i) => {
    const p = `approvalRules.patchRules.${i + 1}.member`;
    const filters = readFilters(v, optObject(r, 'PatchFilterGroup'), `${p}.patchFilterGroup`);
    v.required(`${p}.patchFilterGroup`, filters);
    const level = optString(r, 'ComplianceLevel');
    v.oneOf(`${p}.complianceLevel`, level, COMPLIANCE_LEVELS);
    const days = optInteger(r, 'ApproveAfterDays');
    v.range(`${p}.approveAfterDays`, days, 0, 360);
    const until = optString(r, 'ApproveUntilDate');
    if (until !== undefined && (!DATE.test(until) || Number.isNaN(Date.parse(`${until}T00:00:00Z`)))) {
      v.add(`${p}.approveUntilDate`, until, 'Member must satisfy regular expression pattern: ^\\d{4}-\\d{2}-\\d{2}$');
    }
    return {
      filters: filters ?? [], complianceLevel: (level ?? 'UNSPECIFIED') as ComplianceLevel, enableNonSecurity: optBoolean(r, 'EnableNonSecurity') ?? false,
      ...(days === undefined ? {} : {approveAfterDays: days}), ...(until === undefined ? {} : {approveUntilDate: until}),
    };
  });
}

function readPatchList(v: Violations, input: JsonObject, key: 'ApprovedPatches' | 'RejectedPatches'): string[] | undefined {
  const list = optStringArray(input, key);
  const path = key === 'ApprovedPatches' ? 'approvedPatches' : 'rejectedPatches';
  v.length(path, list, 0, 50);
  list?.forEach((x, i) => v.length(`${path}.${i + 1}.member`, x, 1, 100));
  return list;
}

/** Reads the baseline fields of a request (Coral checks only); `v` collects the violations. */
export function readBaselineInput(v: Violations, input: JsonObject): BaselineInput {
  const name = optString(input, 'Name');
  if (name !== undefined && !NAME.test(name)) v.add('name', name, `Member must satisfy regular expression pattern: ${NAME.source}`);
  const description = optString(input, 'Description');
  v.length('description', description, 1, 1024);
  const approvedLevel = optString(input, 'ApprovedPatchesComplianceLevel');
  v.oneOf('approvedPatchesComplianceLevel', approvedLevel, COMPLIANCE_LEVELS);
  const action = optString(input, 'RejectedPatchesAction');
  v.oneOf('rejectedPatchesAction', action, REJECTED_PATCHES_ACTIONS);
  const sources = optArray(input, 'Sources');
  v.length('sources', sources, 0, 20);
  const out: BaselineInput = {
    name, description,
    globalFilters: readFilters(v, optObject(input, 'GlobalFilters'), 'globalFilters'),
    rules: readRules(v, optObject(input, 'ApprovalRules')),
    approvedPatches: readPatchList(v, input, 'ApprovedPatches'),
    approvedPatchesComplianceLevel: approvedLevel as ComplianceLevel | undefined,
    approvedPatchesEnableNonSecurity: optBoolean(input, 'ApprovedPatchesEnableNonSecurity'),
    rejectedPatches: readPatchList(v, input, 'RejectedPatches'),
    rejectedPatchesAction: action as RejectedPatchesAction | undefined,
    sources,
    availableSecurityUpdatesComplianceStatus: optString(input, 'AvailableSecurityUpdatesComplianceStatus'),
  };
  v.oneOf('availableSecurityUpdatesComplianceStatus', out.availableSecurityUpdatesComplianceStatus, ['COMPLIANT', 'NON_COMPLIANT']);
  return out;
}

export function readOperatingSystem(v: Violations, input: JsonObject, key = 'OperatingSystem'): OperatingSystem | undefined {
  const os = optString(input, key);
  v.oneOf(key.charAt(0).toLowerCase() + key.slice(1), os, OPERATING_SYSTEMS);
  return os as OperatingSystem | undefined;
}

/** Patch Manager's rules for a baseline of `os` beyond the model constraints. */
export function checkForOperatingSystem(os: OperatingSystem, b: {globalFilters: readonly PatchFilter[]; rules: readonly PatchRule[]}): void {
  const allowed = ruleFilterKeys(os);
  for (const f of [...b.globalFilters, ...b.rules.flatMap((r) => r.filters)]) {
    if (!allowed.includes(f.key)) {
      throw new ServiceError('ValidationException', `The patch filter key ${f.key} is not supported for operating system ${os}. Supported keys: ${allowed.join(', ')}.`);
    }
  }
  for (const r of b.rules) {
    const both = r.approveAfterDays !== undefined && r.approveUntilDate !== undefined;
    const neither = r.approveAfterDays === undefined && r.approveUntilDate === undefined;
    if (both) throw new ServiceError('ValidationException', 'A patch rule can specify ApproveAfterDays or ApproveUntilDate, not both.');
    if (neither && !approvesImmediately(os)) throw new ServiceError('ValidationException', 'A patch rule must specify ApproveAfterDays or ApproveUntilDate.');
  }
}
