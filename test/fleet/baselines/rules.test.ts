// Patch baseline rule evaluation: filters (classification, severity, product, wildcards), the approval delay and
// cutoff date, the approved and rejected lists with their actions, and the state a scan reports.
import {describe, expect, it} from 'vitest';
import type {BaselineRules, PatchFacts, PatchRule} from '../../../src/fleet/baselines/baseline.js';
import {approvalOf, globMatches, scannedState} from '../../../src/fleet/baselines/rules.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-15T12:00:00Z');

const rule = (over: Partial<PatchRule>): PatchRule => ({filters: [], complianceLevel: 'UNSPECIFIED', approveAfterDays: 7, enableNonSecurity: false, ...over});
const baseline = (over: Partial<BaselineRules>): BaselineRules => ({
  operatingSystem: 'AMAZON_LINUX_2023', globalFilters: [], rules: [], approvedPatches: [], approvedPatchesComplianceLevel: 'UNSPECIFIED',
  approvedPatchesEnableNonSecurity: false, rejectedPatches: [], rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY', ...over,
});
const patch = (name: string, classification: string, severity: string, ageDays: number): PatchFacts => ({
  id: `${name}.x86_64`, name, title: `${name}.x86_64:0:1.0-1.amzn2023`, releaseTime: NOW - ageDays * DAY,
  attributes: {PRODUCT: 'AmazonLinux2023', CLASSIFICATION: classification, SEVERITY: severity},
});

const securityCritical = baseline({
  rules: [rule({complianceLevel: 'CRITICAL', filters: [{key: 'CLASSIFICATION', values: ['Security']}, {key: 'SEVERITY', values: ['Critical', 'Important']}]})],
});

describe('approval rules', () => {
  it('approve by classification and severity once the delay has passed', () => {
    expect(approvalOf(securityCritical, patch('openssl', 'Security', 'Critical', 30), NOW)).toEqual({status: 'APPROVED', complianceLevel: 'CRITICAL', approvalTime: NOW - 23 * DAY});
    expect(approvalOf(securityCritical, patch('curl', 'Security', 'Medium', 30), NOW).status).toBe('NOT_APPROVED');
    expect(approvalOf(securityCritical, patch('bash', 'Bugfix', 'Critical', 30), NOW).status).toBe('NOT_APPROVED');
  });

  it('a matching patch inside the delay is pending until release + ApproveAfterDays', () => {
    const fresh = patch('openssl', 'Security', 'Important', 2);
    expect(approvalOf(securityCritical, fresh, NOW)).toMatchObject({status: 'PENDING_APPROVAL', approvalTime: fresh.releaseTime + 7 * DAY});
    expect(approvalOf(securityCritical, fresh, fresh.releaseTime + 7 * DAY).status).toBe('APPROVED');
  });

  it('ApproveUntilDate approves patches released on or before that day only', () => {
    const cutoff = baseline({rules: [rule({approveAfterDays: undefined, approveUntilDate: '2026-06-10'})]});
    const onTheDay = {...patch('a', 'Security', 'Low', 0), releaseTime: Date.parse('2026-06-10T23:59:00Z')};
    const after = {...patch('b', 'Security', 'Low', 0), releaseTime: Date.parse('2026-06-11T00:00:00Z')};
    expect(approvalOf(cutoff, onTheDay, NOW).status).toBe('APPROVED');
    expect(approvalOf(cutoff, after, NOW).status).toBe('NOT_APPROVED');
  });

  it('Debian-family rules approve at once; wildcards and global filters apply', () => {
    const ubuntu = baseline({operatingSystem: 'UBUNTU', rules: [rule({approveAfterDays: undefined, filters: [{key: 'PRIORITY', values: ['Required']}]})]});
    const deb: PatchFacts = {id: 'openssl.amd64', name: 'openssl', title: 'openssl', releaseTime: NOW, attributes: {PRODUCT: 'Ubuntu22.04', PRIORITY: 'Required', SECTION: 'utils'}};
    expect(approvalOf(ubuntu, deb, NOW).status).toBe('APPROVED');
    const anyProduct = baseline({globalFilters: [{key: 'PRODUCT', values: ['AmazonLinux2*']}], rules: [rule({approveAfterDays: 0, filters: [{key: 'CLASSIFICATION', values: ['*']}]})]});
    expect(approvalOf(anyProduct, patch('bash', 'Bugfix', 'Low', 0), NOW).status).toBe('APPROVED');
    expect(approvalOf(anyProduct, {...patch('bash', 'Bugfix', 'Low', 0), attributes: {PRODUCT: 'RedhatEnterpriseLinux9.4', CLASSIFICATION: 'Bugfix'}}, NOW).status).toBe('NOT_APPROVED');
    expect(globMatches('openssl*', 'openssl-libs')).toBe(true);
    expect(globMatches('open.ssl', 'openxssl')).toBe(false);
  });
});

describe('approved and rejected lists', () => {
  it('the approved list approves outright at its compliance level; the rejected list overrides both', () => {
    const b = baseline({...securityCritical, approvedPatches: ['curl', 'bash'], approvedPatchesComplianceLevel: 'HIGH', rejectedPatches: ['bash*']});
    expect(approvalOf(b, patch('curl', 'Security', 'Low', 0), NOW)).toEqual({status: 'EXPLICIT_APPROVED', complianceLevel: 'HIGH'});
    expect(approvalOf(b, patch('bash', 'Bugfix', 'Low', 90), NOW).status).toBe('EXPLICIT_REJECTED');
    expect(approvalOf(b, patch('openssl', 'Security', 'Critical', 90), NOW).status).toBe('APPROVED');
  });

  it('an installed rejected patch is INSTALLED_REJECTED under BLOCK and INSTALLED_OTHER when allowed as a dependency', () => {
    const rejected = {status: 'EXPLICIT_REJECTED', complianceLevel: 'UNSPECIFIED'} as const;
    expect(scannedState(baseline({rejectedPatchesAction: 'BLOCK'}), rejected, true)).toBe('INSTALLED_REJECTED');
    expect(scannedState(baseline({rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY'}), rejected, true)).toBe('INSTALLED_OTHER');
    expect(scannedState(baseline({rejectedPatchesAction: 'BLOCK'}), rejected, false)).toBeUndefined();
  });

  it('approved patches are INSTALLED or MISSING; unapproved ones INSTALLED_OTHER or not reported', () => {
    const b = baseline({});
    expect(scannedState(b, {status: 'APPROVED', complianceLevel: 'LOW'}, true)).toBe('INSTALLED');
    expect(scannedState(b, {status: 'EXPLICIT_APPROVED', complianceLevel: 'LOW'}, false)).toBe('MISSING');
    expect(scannedState(b, {status: 'PENDING_APPROVAL', complianceLevel: 'LOW'}, true)).toBe('INSTALLED_OTHER');
    expect(scannedState(b, {status: 'NOT_APPROVED', complianceLevel: 'LOW'}, false)).toBeUndefined();
  });
});
