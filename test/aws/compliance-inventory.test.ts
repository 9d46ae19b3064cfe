// The compliance and inventory adapters through the real SDK against the local fleet: mapping, pagination to the end,
// batching (requests grow with pages, never per instance), filters and errors.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../src/local/server.js';
import {createAwsClients, type AwsClients} from '../../src/aws/clients.js';
import {complianceApi} from '../../src/aws/compliance/compliance-api.js';
import {inventoryApi} from '../../src/aws/inventory/inventory-api.js';
import {classifyAwsError, describeAwsError} from '../../src/aws/errors.js';
import {parseComplianceFilter, SEVERITIES} from '../../src/fleet/compliance/compliance.js';
import {parseInventoryWhere} from '../../src/fleet/inventory/inventory.js';
import {typeRows} from '../../src/local/ssm/inventory/inventory-data.js';
import {compareVersions} from '../../src/local/protocol/list-paging.js';

let fleet: LocalFleet;
let aws: AwsClients;
beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 160, seed: 21});
  aws = createAwsClients({kind: 'local', region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials,
    maxAttempts: 1});
});
afterAll(async () => {
  aws.destroy();
  await fleet.close();
});

describe('complianceApi', () => {
  it('summarizes each compliance type, consistent with the per-instance list, paging to the end', async () => {
    const api = complianceApi(aws);
    const summaries = await api.summaries();
    const types = summaries.map((s) => s.type);
    expect(types).toContain('Association');
    expect(types).toContain('Patch');
    expect(types.some((t) => t.startsWith('Custom:'))).toBe(true);
    fleet.resetRequestCounts();
    const all = await api.resources();
    expect(fleet.requestCounts()['ssm:ListResourceComplianceSummaries']).toBe(Math.ceil(all.length / 50));
    expect(all.length).toBeGreaterThan(50);
    for (const s of summaries) {
      const mine = all.filter((r) => r.type === s.type);
      expect(s.compliant).toBe(mine.filter((r) => r.status === 'COMPLIANT').length);
      expect(s.nonCompliant).toBe(mine.filter((r) => r.status === 'NON_COMPLIANT').length);
      for (const sev of SEVERITIES) {
        expect(s.nonCompliantBySeverity[sev]).toBe(mine.filter((r) => r.status === 'NON_COMPLIANT' && r.severity === sev).length);
      }
    }
  });

  it('filters with the shared syntax: non-compliant patch resources only', async () => {
    const api = complianceApi(aws);
    const bad = await api.resources(parseComplianceFilter('ComplianceType=patch Status=non_compliant'));
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.every((r) => r.type === 'Patch' && r.status === 'NON_COMPLIANT' && r.nonCompliant > 0)).toBe(true);
    const onlyPatch = await api.summaries(parseComplianceFilter('ComplianceType=Patch'));
    expect(onlyPatch.map((s) => s.type)).toEqual(['Patch']);
    expect(onlyPatch[0]?.nonCompliant).toBe(bad.length);
  });

  it('reads just the named instances with a ResourceId filter, in the same order as the full list', async () => {
    const api = complianceApi(aws);
    const all = await api.resources();
    const ids = [...new Set(all.map((r) => r.instanceId))].reverse().slice(0, 20);
    const some = await api.resources([{Key: 'ResourceId', Values: ids, Type: 'EQUAL'}]);
    expect(some).toEqual(all.filter((r) => ids.includes(r.instanceId)));
    expect(some.length).toBeGreaterThan(20);
  });

  it('lists one instance\'s items with severities, states and CVEs, matching its summary', async () => {
    const api = complianceApi(aws);
    const bad = await api.resources(parseComplianceFilter('ComplianceType=Patch Status=NON_COMPLIANT'));
    const worst = bad.reduce((a, b) => (b.nonCompliant > a.nonCompliant ? b : a));
    const items = await api.items(worst.instanceId);
    const patch = items.filter((i) => i.type === 'Patch');
    expect(patch.filter((i) => i.status === 'NON_COMPLIANT')).toHaveLength(worst.nonCompliant);
    expect(patch.some((i) => /CVE-\d{4}-\d+/.test(i.cves))).toBe(true);
    expect(patch.every((i) => i.executionTime !== undefined && i.details.PatchState !== undefined)).toBe(true);
    const onlyBad = await api.items(worst.instanceId, parseComplianceFilter('Status=NON_COMPLIANT'));
    expect(onlyBad.every((i) => i.status === 'NON_COMPLIANT')).toBe(true);
  });

  it('reads patch states 50 instances a call', async () => {
    const api = complianceApi(aws);
    const ids = fleet.model.all().map((n) => n.instanceId);
    fleet.resetRequestCounts();
    const states = await api.patchStates(ids);
    expect(fleet.requestCounts()['ssm:DescribeInstancePatchStates']).toBe(Math.ceil(ids.length / 50));
    expect(states.length).toBeGreaterThan(0);
    expect(states.some((s) => s.missing > 0)).toBe(true);
    expect(states.some((s) => s.pendingReboot > 0)).toBe(true);
    expect(new Set(states.map((s) => s.instanceId)).size).toBe(states.length);
  });

  it('classifies a bad instance id as a fatal error with a readable message', async () => {
    const err = await complianceApi(aws).items('i-00000000000000000').then(() => undefined, (e: unknown) => e);
    expect(classifyAwsError(err)).toBe('fatal');
    expect(describeAwsError(err)).toMatch(/^InvalidResourceId: /);
  });
});

describe('parseComplianceFilter', () => {
  it('names what is valid for a bad key, value or operator', () => {
    expect(() => parseComplianceFilter('Color=red')).toThrow(/unknown compliance filter key "Color" — use one of: ComplianceType, Status/);
    expect(() => parseComplianceFilter('Status=broken')).toThrow(/"broken" is not valid — use one of: COMPLIANT, NON_COMPLIANT/);
    expect(() => parseComplianceFilter('Patch')).toThrow(/needs an operator/);
    expect(parseComplianceFilter('OverallSeverity=critical,high')).toEqual([{Key: 'OverallSeverity', Values: ['CRITICAL', 'HIGH'], Type: 'EQUAL'}]);
  });
});

describe('inventoryApi', () => {
  it('reads every entry of an instance\'s type across pages, with the capture time', async () => {
    const node = fleet.model.all().find((n) => (typeRows(fleet.model, n, 'AWS:Application')?.rows.length ?? 0) > 60);
    if (!node) throw new Error('fixture: no node with more than 60 packages');
    const expected = typeRows(fleet.model, node, 'AWS:Application');
    fleet.resetRequestCounts();
    const got = await inventoryApi(aws).entries(node.instanceId, 'AWS:Application');
    expect(got.rows.map((r) => r.Name)).toEqual(expected?.rows.map((r) => r.Name));
    expect(fleet.requestCounts()['ssm:ListInventoryEntries']).toBe(Math.ceil((expected?.rows.length ?? 0) / 50));
    expect(got.captureTime).toBe(Date.parse(expected?.captureTime ?? ''));
  });

  it('answers "which instances have openssl below a version" with GetInventory filters', async () => {
    const api = inventoryApi(aws);
    const versions = await api.count('AWS:Application.Name', {nested: 'Version',
      filters: parseInventoryWhere('AWS:Application', 'Name=openssl')});
    const openssl = versions.filter((v) => v.values.Name === 'openssl');
    expect(openssl.length).toBeGreaterThan(1);
    const newest = openssl.map((v) => v.values.Version ?? '').sort(compareVersions).at(-1) ?? '';
    fleet.resetRequestCounts();
    const below = await api.query(parseInventoryWhere('aws:application', `name=openssl,Version<${newest}`));
    const expected = fleet.model.managed().filter((n) =>
      typeRows(fleet.model, n, 'AWS:Application')?.rows.some((r) => r.Name === 'openssl' && compareVersions(r.Version ?? '', newest) < 0));
    expect(below.map((m) => m.instanceId).sort()).toEqual(expected.map((n) => n.instanceId).sort());
    expect(below.length).toBeGreaterThan(0);
    expect(fleet.requestCounts()['ssm:GetInventory']).toBe(Math.max(1, Math.ceil(below.length / 50)));
    expect(below[0]?.info.PlatformType).toMatch(/Linux|Windows|MacOS/);
  });

  it('counts instances by platform and agent version with aggregators (one call each)', async () => {
    const api = inventoryApi(aws);
    fleet.resetRequestCounts();
    const platforms = await api.count('AWS:InstanceInformation.PlatformType');
    const agents = await api.count('AWS:InstanceInformation.AgentVersion');
    expect(fleet.requestCounts()['ssm:GetInventory']).toBe(2);
    const total = fleet.model.managed().length;
    expect(platforms.reduce((n, p) => n + p.count, 0)).toBe(total);
    expect(agents.reduce((n, p) => n + p.count, 0)).toBe(total);
    expect(platforms.find((p) => p.values.PlatformType === 'Linux')?.count)
      .toBe(fleet.model.managed().filter((n) => n.platformType === 'Linux').length);
  });
});

describe('parseInventoryWhere', () => {
  it('rejects an unknown type, attribute or version expression, naming what is valid', () => {
    expect(() => parseInventoryWhere('AWS:Package', 'Name=x')).toThrow(/unknown inventory type "AWS:Package" — use one of: AWS:Application, /);
    expect(() => parseInventoryWhere('AWS:Application', 'Colour=red')).toThrow(/AWS:Application has no attribute "Colour" — use one of: Name, ApplicationType/);
    expect(() => parseInventoryWhere('AWS:Application', 'Version<abc')).toThrow(/"abc" is not a version/);
    expect(() => parseInventoryWhere('AWS:Application', 'Name=')).toThrow(/needs a value/);
    expect(parseInventoryWhere('AWS:Application', 'Name=openssl Version<3.0.8')).toEqual([
      {Key: 'AWS:Application.Name', Values: ['openssl'], Type: 'Equal'},
      {Key: 'AWS:Application.Version', Values: ['3.0.8'], Type: 'LessThan'},
    ]);
  });
});
