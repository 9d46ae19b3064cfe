// Baselines in short and the create / edit-rules form, as pure functions: a rule as "Security/Critical,Important +7d",
// the operating system and patch group Patch Manager files a node under, which nodes a default baseline applies to,
// and the form checked as Patch Manager would check it.
import {describe, expect, it} from 'vitest';
import {ruleSummary, rulesSummary, instanceOperatingSystem, instancePatchGroup, defaultBaselineInstances} from '../../../src/fleet/baselines/summary.js';
import {checkBaselineForm, editBaselineForm, newBaselineForm, nextOperatingSystem} from '../../../src/fleet/baselines/baseline-form.js';
import type {BaselineRules, PatchRule} from '../../../src/fleet/baselines/baseline.js';
import type {ManagedInstance} from '../../../src/fleet/instances/instance.js';

const rule = (over: Partial<PatchRule>): PatchRule => ({filters: [], complianceLevel: 'HIGH', enableNonSecurity: false, ...over});
const node = (id: string, platformName: string, platformVersion: string, tags: Record<string, string> = {}) =>
  ({instanceId: id, platformType: platformName === 'Windows' ? 'Windows' : 'Linux', platformName, platformVersion, tags}) as unknown as ManagedInstance;

describe('rules in short', () => {
  it('names classifications and severities, then the delay or the cutoff date; any product is left out', () => {
    expect(ruleSummary(rule({filters: [{key: 'PRODUCT', values: ['*']}, {key: 'CLASSIFICATION', values: ['Security']},
      {key: 'SEVERITY', values: ['Critical', 'Important']}], approveAfterDays: 7}))).toBe('Security/Critical,Important +7d');
    expect(ruleSummary(rule({filters: [{key: 'MSRC_SEVERITY', values: ['Critical']}], approveUntilDate: '2026-01-31'}))).toBe('any/Critical ≤2026-01-31');
    expect(ruleSummary(rule({filters: [{key: 'PRIORITY', values: ['Required']}]}))).toBe('any/Required');
    const rules = {rules: [rule({approveAfterDays: 0}), rule({filters: [{key: 'CLASSIFICATION', values: ['Bugfix']}], approveAfterDays: 3})]} as unknown as BaselineRules;
    expect(rulesSummary(rules)).toBe('any +0d; Bugfix +3d');
    expect(rulesSummary({rules: []} as unknown as BaselineRules)).toBe('—');
  });
});

describe('nodes and baselines', () => {
  it('files a node under its operating system and patch group as Patch Manager does', () => {
    expect(instanceOperatingSystem(node('i-1', 'Amazon Linux', '2023'))).toBe('AMAZON_LINUX_2023');
    expect(instanceOperatingSystem(node('i-2', 'Amazon Linux', '2'))).toBe('AMAZON_LINUX_2');
    expect(instanceOperatingSystem(node('i-3', 'Ubuntu', '22.04'))).toBe('UBUNTU');
    expect(instanceOperatingSystem(node('i-4', 'Red Hat Enterprise Linux', '9.4'))).toBe('REDHAT_ENTERPRISE_LINUX');
    expect(instanceOperatingSystem(node('i-5', 'Windows', '10.0'))).toBe('WINDOWS');
    expect(instancePatchGroup(node('i-6', 'Ubuntu', '22.04', {'Patch Group': 'a', PatchGroup: 'b'}))).toBe('a');
    expect(instancePatchGroup(node('i-7', 'Ubuntu', '22.04', {PatchGroup: 'b'}))).toBe('b');
    expect(instancePatchGroup(node('i-8', 'Ubuntu', '22.04', {patchgroup: 'c'}))).toBe('');
  });

  it('a default baseline applies to its system\'s nodes in no patch group or one without a baseline for that system', () => {
    const fleet = [node('i-a', 'Amazon Linux', '2023'), node('i-b', 'Amazon Linux', '2023', {PatchGroup: 'web'}),
      node('i-c', 'Amazon Linux', '2023', {PatchGroup: 'db'}), node('i-d', 'Ubuntu', '22.04'), node('i-e', 'Amazon Linux', '2023', {PatchGroup: 'win'})];
    const registered = (g: string, os: string) => (g === 'web' && os === 'AMAZON_LINUX_2023') || (g === 'win' && os === 'WINDOWS');
    expect(defaultBaselineInstances(fleet, 'AMAZON_LINUX_2023', registered).map((i) => i.instanceId)).toEqual(['i-a', 'i-c', 'i-e']);
  });
});

describe('the baseline form', () => {
  it('builds one approval rule with the severity key of the operating system', () => {
    const f = {...newBaselineForm(), name: 'web-fast'};
    const ok = checkBaselineForm(f);
    expect(ok.ok && ok.rules.rules[0]).toEqual({filters: [{key: 'CLASSIFICATION', values: ['Security']}, {key: 'SEVERITY', values: ['Critical', 'Important']}],
      complianceLevel: 'CRITICAL', enableNonSecurity: false, approveAfterDays: 7});
    let w = f;
    while (w.operatingSystem !== 'WINDOWS') w = nextOperatingSystem(w);
    const win = checkBaselineForm(w);
    expect(win.ok && win.rules.rules[0]?.filters.map((x) => x.key)).toEqual(['CLASSIFICATION', 'MSRC_SEVERITY']);
  });

  it('refuses what Patch Manager refuses: a bad name, a delay out of range, a delay or classification on Ubuntu', () => {
    expect(checkBaselineForm({...newBaselineForm(), name: 'x'})).toEqual({ok: false, error: 'name: 3 to 128 letters, digits, _ - .'});
    expect(checkBaselineForm({...newBaselineForm(), name: 'abc', approveAfterDays: '361'})).toEqual({ok: false, error: 'approval delay: 0 to 360 days'});
    const ubuntu = {...newBaselineForm('UBUNTU'), name: 'abc'};
    expect(checkBaselineForm(ubuntu).ok).toBe(true);
    expect(checkBaselineForm({...ubuntu, approveAfterDays: '3'})).toMatchObject({ok: false});
    expect(checkBaselineForm({...ubuntu, classifications: 'Security'})).toMatchObject({ok: false});
  });

  it('edits the first rule and keeps the others, the global filters and the approved list\'s level', () => {
    const second = rule({filters: [{key: 'CLASSIFICATION', values: ['Bugfix']}], approveAfterDays: 30});
    const f = editBaselineForm({baselineId: 'pb-1', name: 'base', operatingSystem: 'AMAZON_LINUX_2023', description: '', defaultBaseline: false,
      patchGroups: [], createdTime: 0, modifiedTime: 0, rules: {operatingSystem: 'AMAZON_LINUX_2023', globalFilters: [{key: 'PRODUCT', values: ['AmazonLinux2023']}],
        rules: [rule({filters: [{key: 'CLASSIFICATION', values: ['Security']}], approveAfterDays: 7}), second],
        approvedPatches: ['kernel'], approvedPatchesComplianceLevel: 'HIGH', approvedPatchesEnableNonSecurity: false, rejectedPatches: [], rejectedPatchesAction: 'BLOCK'}});
    expect(f).toMatchObject({classifications: 'Security', approveAfterDays: '7', approved: 'kernel', rejectedAction: 'BLOCK'});
    const c = checkBaselineForm({...f, approveAfterDays: '14'});
    expect(c.ok && c.rules).toMatchObject({globalFilters: [{key: 'PRODUCT', values: ['AmazonLinux2023']}], approvedPatchesComplianceLevel: 'HIGH',
      rules: [{approveAfterDays: 14}, second]});
    expect(nextOperatingSystem(f).operatingSystem).toBe('AMAZON_LINUX_2023');
  });
});
