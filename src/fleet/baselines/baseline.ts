// Patch baselines as Patch Manager defines them: operating systems, approval rules (filter groups with an approval
// delay or cutoff date), explicit approved and rejected lists, compliance levels; and what Patch Manager knows of
// one patch. Shared by the app and the local fleet (which evaluates its nodes' patches with rules.ts).

export const OPERATING_SYSTEMS = [
  'WINDOWS', 'AMAZON_LINUX', 'AMAZON_LINUX_2', 'AMAZON_LINUX_2022', 'AMAZON_LINUX_2023', 'UBUNTU', 'REDHAT_ENTERPRISE_LINUX',
  'SUSE', 'CENTOS', 'ORACLE_LINUX', 'DEBIAN', 'MACOS', 'RASPBIAN', 'ROCKY_LINUX', 'ALMA_LINUX',
] as const;
export type OperatingSystem = (typeof OPERATING_SYSTEMS)[number];

export const PATCH_FILTER_KEYS = [
  'ARCH', 'ADVISORY_ID', 'BUGZILLA_ID', 'PATCH_SET', 'PRODUCT', 'PRODUCT_FAMILY', 'CLASSIFICATION', 'MSRC_SEVERITY', 'PATCH_ID',
  'SECTION', 'PRIORITY', 'SEVERITY', 'CVE_ID', 'EPOCH', 'NAME', 'RELEASE', 'REPOSITORY', 'VERSION',
] as const;
export type PatchFilterKey = (typeof PATCH_FILTER_KEYS)[number];

/** The filter keys an approval rule or global filter may use, per operating system (DescribePatchProperties). */
export function ruleFilterKeys(os: OperatingSystem): readonly PatchFilterKey[] {
  switch (os) {
    case 'WINDOWS':
      return ['PATCH_SET', 'PRODUCT', 'PRODUCT_FAMILY', 'CLASSIFICATION', 'MSRC_SEVERITY'];
    case 'UBUNTU':
    case 'DEBIAN':
    case 'RASPBIAN':
      return ['PRODUCT', 'SECTION', 'PRIORITY'];
    case 'MACOS':
      return ['PRODUCT', 'CLASSIFICATION'];
    default:
      return ['PRODUCT', 'CLASSIFICATION', 'SEVERITY'];
  }
}

/** Debian-family repositories carry no reliable release dates: rules there approve at once, with no delay or cutoff. */
export function approvesImmediately(os: OperatingSystem): boolean {
  return os === 'UBUNTU' || os === 'DEBIAN' || os === 'RASPBIAN';
}

export const COMPLIANCE_LEVELS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNSPECIFIED'] as const;
export type ComplianceLevel = (typeof COMPLIANCE_LEVELS)[number];

export const REJECTED_PATCHES_ACTIONS = ['ALLOW_AS_DEPENDENCY', 'BLOCK'] as const;
export type RejectedPatchesAction = (typeof REJECTED_PATCHES_ACTIONS)[number];

export interface PatchFilter {
  key: PatchFilterKey;
  values: readonly string[];
}

export interface PatchRule {
  /** All filters must match (an empty group matches every patch). */
  filters: readonly PatchFilter[];
  complianceLevel: ComplianceLevel;
  /** Days after release (0–360); exactly one of this and approveUntilDate outside the Debian family. */
  approveAfterDays?: number;
  /** YYYY-MM-DD: patches released on or before that day are approved. */
  approveUntilDate?: string;
  enableNonSecurity: boolean;
}

/** What decides which patches a baseline approves. */
export interface BaselineRules {
  operatingSystem: OperatingSystem;
  globalFilters: readonly PatchFilter[];
  rules: readonly PatchRule[];
  approvedPatches: readonly string[];
  approvedPatchesComplianceLevel: ComplianceLevel;
  approvedPatchesEnableNonSecurity: boolean;
  rejectedPatches: readonly string[];
  rejectedPatchesAction: RejectedPatchesAction;
}

/** One patch as Patch Manager sees it: a Windows update, or the newest build of a Linux package. */
export interface PatchFacts {
  /** KB id (Windows) or `name.arch` (Linux). */
  id: string;
  /** KB id (Windows) or the package name (Linux). */
  name: string;
  title: string;
  /** Values for the filter keys: PRODUCT, PRODUCT_FAMILY, CLASSIFICATION, SEVERITY, MSRC_SEVERITY, PRIORITY, SECTION. */
  attributes: Readonly<Partial<Record<PatchFilterKey, string>>>;
  /** Release (or last update) time, epoch ms. */
  releaseTime: number;
}

/** How a baseline treats a patch (DescribeEffectivePatchesForPatchBaseline's DeploymentStatus, plus NOT_APPROVED). */
export type DeploymentStatus = 'APPROVED' | 'PENDING_APPROVAL' | 'EXPLICIT_APPROVED' | 'EXPLICIT_REJECTED' | 'NOT_APPROVED';

export interface Approval {
  status: DeploymentStatus;
  complianceLevel: ComplianceLevel;
  /** When a rule approves (or will approve) the patch, epoch ms. */
  approvalTime?: number;
}

/** The states a patch reports on a node (AWS:PatchCompliance). */
export type PatchState =
  | 'INSTALLED' | 'INSTALLED_OTHER' | 'INSTALLED_PENDING_REBOOT' | 'INSTALLED_REJECTED' | 'MISSING' | 'NOT_APPLICABLE' | 'FAILED'
  | 'AVAILABLE_SECURITY_UPDATE';
