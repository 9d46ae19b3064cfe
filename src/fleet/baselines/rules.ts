// Patch baseline rule evaluation, as Patch Manager documents it (UG: patch-manager-predefined-and-custom-patch-baselines,
// patch-manager-compliance-states): the rejected list overrides everything, the approved list approves outright,
// otherwise the first approval rule whose filters (and the global filters) match approves the patch once its delay
// has passed (or if it was released by the cutoff date). Pure functions of the baseline, the patch and a time.
import {approvesImmediately, type Approval, type BaselineRules, type PatchFacts, type PatchFilter, type PatchRule, type PatchState} from './baseline.js';

const DAY = 86_400_000;

/** `*` matches any run of characters; everything else literally. */
export function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const source = pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`, 's').test(value);
}

function filterMatches(filter: PatchFilter, patch: PatchFacts): boolean {
  const value = patch.attributes[filter.key];
  return filter.values.some((v) => v === '*' || (value !== undefined && globMatches(v, value)));
}

function groupMatches(filters: readonly PatchFilter[], patch: PatchFacts): boolean {
  return filters.every((f) => filterMatches(f, patch));
}

/** Whether a list entry (package name, `name.arch`, a full title, a KB id; `*` wildcards) names the patch. */
export function listNames(list: readonly string[], patch: PatchFacts): boolean {
  return list.some((p) => globMatches(p, patch.id) || globMatches(p, patch.name) || globMatches(p, patch.title));
}

/** When the rule approves a patch released at `releaseTime` (undefined: never, a cutoff date before the release). */
function approvalTime(rule: PatchRule, releaseTime: number, immediate: boolean): number | undefined {
  if (immediate) return releaseTime;
  if (rule.approveUntilDate !== undefined) {
    const endOfDay = Date.parse(`${rule.approveUntilDate}T00:00:00Z`) + DAY;
    return releaseTime < endOfDay ? releaseTime : undefined;
  }
  return releaseTime + (rule.approveAfterDays ?? 0) * DAY;
}

/** How `baseline` treats `patch` at time `at` (epoch ms). */
export function approvalOf(baseline: BaselineRules, patch: PatchFacts, at: number): Approval {
  if (listNames(baseline.rejectedPatches, patch)) return {status: 'EXPLICIT_REJECTED', complianceLevel: 'UNSPECIFIED'};
  if (listNames(baseline.approvedPatches, patch)) {
    return {status: 'EXPLICIT_APPROVED', complianceLevel: baseline.approvedPatchesComplianceLevel};
  }
  if (!groupMatches(baseline.globalFilters, patch)) return {status: 'NOT_APPROVED', complianceLevel: 'UNSPECIFIED'};
  const immediate = approvesImmediately(baseline.operatingSystem);
  let pending: Approval | undefined;
  for (const rule of baseline.rules) {
    if (!groupMatches(rule.filters, patch)) continue;
    const time = approvalTime(rule, patch.releaseTime, immediate);
    if (time === undefined) continue;
    if (time <= at) return {status: 'APPROVED', complianceLevel: rule.complianceLevel, approvalTime: time};
    if (pending === undefined || time < (pending.approvalTime ?? Infinity)) {
      pending = {status: 'PENDING_APPROVAL', complianceLevel: rule.complianceLevel, approvalTime: time};
    }
  }
  return pending ?? {status: 'NOT_APPROVED', complianceLevel: 'UNSPECIFIED'};
}

export function isApproved(a: Approval): boolean {
  return a.status === 'APPROVED' || a.status === 'EXPLICIT_APPROVED';
}

/**
 * The state a scan reports for a patch, given whether its newest build is installed; undefined when the patch is
 * not reported at all (neither installed nor approved). An installed rejected patch is INSTALLED_REJECTED under
 * BLOCK and INSTALLED_OTHER under ALLOW_AS_DEPENDENCY; installed patches the baseline does not approve are
 * INSTALLED_OTHER.
 */
export function scannedState(baseline: BaselineRules, approval: Approval, installed: boolean): PatchState | undefined {
  if (approval.status === 'EXPLICIT_REJECTED') {
    if (!installed) return undefined;
    return baseline.rejectedPatchesAction === 'BLOCK' ? 'INSTALLED_REJECTED' : 'INSTALLED_OTHER';
  }
  if (isApproved(approval)) return installed ? 'INSTALLED' : 'MISSING';
  return installed ? 'INSTALLED_OTHER' : undefined;
}

/** Whether an Install operation installs the patch: approved and not blocked. */
export function installs(approval: Approval): boolean {
  return isApproved(approval);
}

/** Non-compliant states (UG: patch-manager-compliance-states). */
export function isNonCompliant(state: PatchState): boolean {
  return state === 'MISSING' || state === 'FAILED' || state === 'INSTALLED_PENDING_REBOOT' || state === 'INSTALLED_REJECTED';
}
