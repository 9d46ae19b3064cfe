// Baselines in a few words, for tables and headless output: an approval rule as "Security/Critical,Important +7d",
// which operating system and patch group a managed node falls under (as Patch Manager files it), and what read-only
// mode refuses.
import type {ManagedInstance} from '../instances/instance.js';
import type {BaselineRules, OperatingSystem, PatchRule} from './baseline.js';

export const BASELINE_READ_ONLY = {
  create: 'read-only mode: creating patch baselines is off',
  edit: 'read-only mode: editing patch baselines is off',
  setDefault: 'read-only mode: changing the default patch baseline is off',
  patchGroup: 'read-only mode: patch group registrations are off',
  patch: 'read-only mode: patching (Run Command) is off',
} as const;

const valuesOf = (rule: PatchRule, ...keys: string[]): string[] =>
  rule.filters.filter((f) => keys.includes(f.key)).flatMap((f) => f.values).filter((v) => v !== '*');

/** One rule: classifications/severities, then the delay (+7d) or the cutoff date (≤2026-01-31). */
export function ruleSummary(rule: PatchRule): string {
  const what = valuesOf(rule, 'CLASSIFICATION', 'SECTION').join(',') || 'any';
  const severity = valuesOf(rule, 'SEVERITY', 'MSRC_SEVERITY', 'PRIORITY').join(',');
  const when = rule.approveUntilDate !== undefined ? ` ≤${rule.approveUntilDate}` : rule.approveAfterDays !== undefined ? ` +${rule.approveAfterDays}d` : '';
  return `${what}${severity ? `/${severity}` : ''}${when}`;
}

/** Every approval rule, `; ` between them ("—" without any). */
export function rulesSummary(rules: BaselineRules): string {
  return rules.rules.length ? rules.rules.map(ruleSummary).join('; ') : '—';
}

/** The operating system Patch Manager files a managed node under (from its platform name and version). */
export function instanceOperatingSystem(i: Pick<ManagedInstance, 'platformType' | 'platformName' | 'platformVersion'>): OperatingSystem | undefined {
  if (i.platformType === 'Windows') return 'WINDOWS';
  if (i.platformType === 'MacOS') return 'MACOS';
  const name = i.platformName.toLowerCase();
  if (name.includes('ubuntu')) return 'UBUNTU';
  if (name.includes('debian')) return 'DEBIAN';
  if (name.includes('red hat')) return 'REDHAT_ENTERPRISE_LINUX';
  if (name.includes('suse')) return 'SUSE';
  if (name.includes('centos')) return 'CENTOS';
  if (name.includes('oracle')) return 'ORACLE_LINUX';
  if (name.includes('rocky')) return 'ROCKY_LINUX';
  if (name.includes('alma')) return 'ALMA_LINUX';
  if (name.includes('amazon')) {
    if (i.platformVersion === '2') return 'AMAZON_LINUX_2';
    if (i.platformVersion.startsWith('2023')) return 'AMAZON_LINUX_2023';
    if (i.platformVersion.startsWith('2022')) return 'AMAZON_LINUX_2022';
    return 'AMAZON_LINUX';
  }
  return undefined;
}

/** The node's patch group: its `Patch Group` tag, else its `PatchGroup` tag (tag keys are case-sensitive). */
export function instancePatchGroup(i: Pick<ManagedInstance, 'tags'>): string {
  return i.tags['Patch Group'] ?? i.tags['PatchGroup'] ?? '';
}

/**
 * The managed nodes a default baseline applies to: of its operating system, with no patch group or one that has no
 * baseline registered for that operating system.
 */
export function defaultBaselineInstances(instances: readonly ManagedInstance[], os: OperatingSystem,
  registered: (group: string, os: OperatingSystem) => boolean): ManagedInstance[] {
  return instances.filter((i) => {
    if (instanceOperatingSystem(i) !== os) return false;
    const group = instancePatchGroup(i);
    return group === '' || !registered(group, os);
  });
}
