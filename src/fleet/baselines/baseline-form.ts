// The create / edit-rules form for a patch baseline: name, operating system, one approval rule (classifications,
// severities, approval delay, compliance level) and the exceptions (approved and rejected lists, the rejected
// action). Checked here as Patch Manager would check it, before anything is sent.
import {
  approvesImmediately, COMPLIANCE_LEVELS, OPERATING_SYSTEMS, ruleFilterKeys, type BaselineRules, type ComplianceLevel,
  type OperatingSystem, type PatchFilter, type PatchRule, type RejectedPatchesAction,
} from './baseline.js';
import type {BaselineDetail, NewBaseline} from './port.js';

export interface BaselineForm {
  /** Set when editing an existing baseline (its name and operating system are then fixed). */
  baselineId?: string;
  name: string;
  operatingSystem: OperatingSystem;
  classifications: string;
  severities: string;
  approveAfterDays: string;
  complianceLevel: ComplianceLevel;
  approved: string;
  rejected: string;
  rejectedAction: RejectedPatchesAction;
  /** The baseline's other rules and filters, kept as they are when editing. */
  keep?: {otherRules: readonly PatchRule[]; globalFilters: readonly PatchFilter[]; approvedLevel: ComplianceLevel; approvedNonSecurity: boolean};
}

export function newBaselineForm(os: OperatingSystem = 'AMAZON_LINUX_2023'): BaselineForm {
  return {name: '', operatingSystem: os, ...ruleDefaults(os), complianceLevel: 'CRITICAL', approved: '', rejected: '', rejectedAction: 'ALLOW_AS_DEPENDENCY'};
}

function ruleDefaults(os: OperatingSystem): {classifications: string; severities: string; approveAfterDays: string} {
  if (os === 'WINDOWS') return {classifications: 'SecurityUpdates,CriticalUpdates', severities: 'Critical,Important', approveAfterDays: '7'};
  if (approvesImmediately(os)) return {classifications: '', severities: 'Required,Important', approveAfterDays: ''};
  return {classifications: 'Security', severities: 'Critical,Important', approveAfterDays: '7'};
}

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);
const joined = (values: readonly string[]) => values.join(',');

/** The form on an existing baseline's first rule and its exceptions. */
export function editBaselineForm(b: BaselineDetail): BaselineForm {
  const [first, ...otherRules] = b.rules.rules;
  const values = (...keys: string[]) => joined(first?.filters.filter((f) => keys.includes(f.key)).flatMap((f) => f.values) ?? []);
  return {
    baselineId: b.baselineId, name: b.name, operatingSystem: b.operatingSystem,
    classifications: values('CLASSIFICATION'), severities: values('SEVERITY', 'MSRC_SEVERITY', 'PRIORITY'),
    approveAfterDays: first?.approveAfterDays === undefined ? '' : String(first.approveAfterDays),
    complianceLevel: first?.complianceLevel ?? 'UNSPECIFIED',
    approved: joined(b.rules.approvedPatches), rejected: joined(b.rules.rejectedPatches), rejectedAction: b.rules.rejectedPatchesAction,
    keep: {otherRules, globalFilters: b.rules.globalFilters, approvedLevel: b.rules.approvedPatchesComplianceLevel,
      approvedNonSecurity: b.rules.approvedPatchesEnableNonSecurity},
  };
}

/** The filter key that carries a severity on this operating system. */
function severityKey(os: OperatingSystem): 'SEVERITY' | 'MSRC_SEVERITY' | 'PRIORITY' | undefined {
  const keys = ruleFilterKeys(os);
  return keys.includes('MSRC_SEVERITY') ? 'MSRC_SEVERITY' : keys.includes('PRIORITY') ? 'PRIORITY' : keys.includes('SEVERITY') ? 'SEVERITY' : undefined;
}

export function nextOperatingSystem(f: BaselineForm): BaselineForm {
  if (f.baselineId) return f;
  const os = OPERATING_SYSTEMS[(OPERATING_SYSTEMS.indexOf(f.operatingSystem) + 1) % OPERATING_SYSTEMS.length] ?? 'WINDOWS';
  return {...f, operatingSystem: os, ...ruleDefaults(os)};
}

export function nextComplianceLevel(f: BaselineForm): BaselineForm {
  return {...f, complianceLevel: COMPLIANCE_LEVELS[(COMPLIANCE_LEVELS.indexOf(f.complianceLevel) + 1) % COMPLIANCE_LEVELS.length] ?? 'CRITICAL'};
}

export type FormCheck = {ok: true; rules: BaselineRules; request: NewBaseline} | {ok: false; error: string};

/** The form as a baseline, or the first thing Patch Manager would refuse. */
export function checkBaselineForm(f: BaselineForm): FormCheck {
  const name = f.name.trim();
  if (!/^[a-zA-Z0-9_\-.]{3,128}$/.test(name)) return {ok: false, error: 'name: 3 to 128 letters, digits, _ - .'};
  const os = f.operatingSystem;
  const filters: PatchFilter[] = [];
  const classes = list(f.classifications);
  if (classes.length) {
    if (!ruleFilterKeys(os).includes('CLASSIFICATION')) return {ok: false, error: `${os} rules have no classification (leave it empty)`};
    filters.push({key: 'CLASSIFICATION', values: classes});
  }
  const severities = list(f.severities);
  const sevKey = severityKey(os);
  if (severities.length) {
    if (!sevKey) return {ok: false, error: `${os} rules have no severity (leave it empty)`};
    filters.push({key: sevKey, values: severities});
  }
  const days = f.approveAfterDays.trim();
  let approveAfterDays: number | undefined;
  if (approvesImmediately(os)) {
    if (days) return {ok: false, error: `${os} approves at release: no approval delay (leave it empty)`};
  } else {
    if (!/^\d+$/.test(days) || Number(days) > 360) return {ok: false, error: 'approval delay: 0 to 360 days'};
    approveAfterDays = Number(days);
  }
  const rule: PatchRule = {filters, complianceLevel: f.complianceLevel, enableNonSecurity: false, ...(approveAfterDays === undefined ? {} : {approveAfterDays})};
  const rules: BaselineRules = {
    operatingSystem: os, globalFilters: f.keep?.globalFilters ?? [], rules: [rule, ...(f.keep?.otherRules ?? [])],
    approvedPatches: list(f.approved), approvedPatchesComplianceLevel: f.keep?.approvedLevel ?? 'UNSPECIFIED',
    approvedPatchesEnableNonSecurity: f.keep?.approvedNonSecurity ?? false, rejectedPatches: list(f.rejected), rejectedPatchesAction: f.rejectedAction,
  };
  return {ok: true, rules, request: {name, rules}};
}
