// Patch baselines between the SDK's shapes and fleet's records: every string from the service is sanitized here, and
// values outside the known enums are kept (sanitized) rather than dropped, so a newer service value still shows.
import type {
  PatchBaselineIdentity, PatchComplianceLevel, PatchFilterGroup, PatchFilterKey as SdkFilterKey, PatchRule as SdkRule,
  OperatingSystem as SdkOperatingSystem,
} from '@aws-sdk/client-ssm';
import type {BaselineRules, ComplianceLevel, OperatingSystem, PatchFilter, PatchFilterKey, PatchRule, RejectedPatchesAction} from '../../fleet/baselines/baseline.js';
import type {BaselineSummary} from '../../fleet/baselines/port.js';
import {sanitizeText as clean} from '../../fleet/sanitize.js';

export function summaryOf(b: PatchBaselineIdentity): BaselineSummary {
  return {
    baselineId: clean(b.BaselineId ?? ''), name: clean(b.BaselineName ?? ''), operatingSystem: clean(b.OperatingSystem ?? 'WINDOWS') as OperatingSystem,
    description: clean(b.BaselineDescription ?? ''), defaultBaseline: b.DefaultBaseline === true,
  };
}

function filtersOf(group: PatchFilterGroup | undefined): PatchFilter[] {
  return (group?.PatchFilters ?? []).map((f) => ({key: clean(f.Key ?? '') as PatchFilterKey, values: (f.Values ?? []).map(clean)}));
}

function ruleOf(r: SdkRule): PatchRule {
  return {
    filters: filtersOf(r.PatchFilterGroup), complianceLevel: clean(r.ComplianceLevel ?? 'UNSPECIFIED') as ComplianceLevel,
    enableNonSecurity: r.EnableNonSecurity === true,
    ...(r.ApproveAfterDays === undefined ? {} : {approveAfterDays: r.ApproveAfterDays}),
    ...(r.ApproveUntilDate === undefined ? {} : {approveUntilDate: clean(r.ApproveUntilDate)}),
  };
}

/** GetPatchBaseline's answer → the rules record. */
export function rulesOf(b: {
  OperatingSystem?: string | undefined; GlobalFilters?: PatchFilterGroup | undefined; ApprovalRules?: {PatchRules?: SdkRule[] | undefined} | undefined;
  ApprovedPatches?: string[] | undefined; ApprovedPatchesComplianceLevel?: string | undefined; ApprovedPatchesEnableNonSecurity?: boolean | undefined;
  RejectedPatches?: string[] | undefined; RejectedPatchesAction?: string | undefined;
}): BaselineRules {
  return {
    operatingSystem: clean(b.OperatingSystem ?? 'WINDOWS') as OperatingSystem,
    globalFilters: filtersOf(b.GlobalFilters),
    rules: (b.ApprovalRules?.PatchRules ?? []).map(ruleOf),
    approvedPatches: (b.ApprovedPatches ?? []).map(clean),
    approvedPatchesComplianceLevel: clean(b.ApprovedPatchesComplianceLevel ?? 'UNSPECIFIED') as ComplianceLevel,
    approvedPatchesEnableNonSecurity: b.ApprovedPatchesEnableNonSecurity === true,
    rejectedPatches: (b.RejectedPatches ?? []).map(clean),
    rejectedPatchesAction: clean(b.RejectedPatchesAction ?? 'ALLOW_AS_DEPENDENCY') as RejectedPatchesAction,
  };
}

const sdkGroup = (filters: readonly PatchFilter[]): PatchFilterGroup => ({PatchFilters: filters.map((f) => ({Key: f.key as SdkFilterKey, Values: [...f.values]}))});

/** The rules record → Create/UpdatePatchBaseline members. */
export function sdkRules(r: Omit<BaselineRules, 'operatingSystem'>): {
  GlobalFilters: PatchFilterGroup; ApprovalRules: {PatchRules: SdkRule[]}; ApprovedPatches: string[]; ApprovedPatchesComplianceLevel: PatchComplianceLevel;
  ApprovedPatchesEnableNonSecurity: boolean; RejectedPatches: string[]; RejectedPatchesAction: RejectedPatchesAction;
} {
  return {
    GlobalFilters: sdkGroup(r.globalFilters),
    ApprovalRules: {PatchRules: r.rules.map((rule) => ({
      PatchFilterGroup: sdkGroup(rule.filters), ComplianceLevel: rule.complianceLevel, EnableNonSecurity: rule.enableNonSecurity,
      ...(rule.approveAfterDays === undefined ? {} : {ApproveAfterDays: rule.approveAfterDays}),
      ...(rule.approveUntilDate === undefined ? {} : {ApproveUntilDate: rule.approveUntilDate}),
    }))},
    ApprovedPatches: [...r.approvedPatches], ApprovedPatchesComplianceLevel: r.approvedPatchesComplianceLevel,
    ApprovedPatchesEnableNonSecurity: r.approvedPatchesEnableNonSecurity,
    RejectedPatches: [...r.rejectedPatches], RejectedPatchesAction: r.rejectedPatchesAction,
  };
}

export const sdkOs = (os: OperatingSystem): SdkOperatingSystem => os;
