import {
  DescribeInstancePatchesCommand,
  DescribeInstancePatchStatesCommand,
  DescribePatchBaselinesCommand,
  ListAssociationsCommand,
  ListComplianceItemsCommand,
  ListComplianceSummariesCommand,
  ListResourceComplianceSummariesCommand,
  paginateDescribeInstancePatches,
  paginateDescribeInstancePatchStates,
  paginateListAssociations,
  paginateListComplianceItems,
  paginateListResourceComplianceSummaries,
  type Association,
  type ComplianceItem,
  type ComplianceStringFilter,
  type InstancePatchState,
  type PatchComplianceData,
  type ResourceComplianceSummaryItem,
} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../../src/local/index.js';
import {expectSdkError, fleetClients, type FleetClients} from '../../../helpers/fleet-clients.js';

let fleet: LocalFleet;
let c: FleetClients;
let states: InstancePatchState[];

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 150, seed: 'compliance-tests'});
  c = fleetClients(fleet);
  states = await patchStates(nodeIds());
});
afterAll(async () => {
  await fleet.close();
});

/** Nodes with compliance data: exactly the nodes DescribeInstanceInformation lists. */
const nodeIds = (): string[] => fleet.model.managed().map((n) => n.instanceId);

async function patchStates(ids: readonly string[]): Promise<InstancePatchState[]> {
  const out: InstancePatchState[] = [];
  for (let i = 0; i < ids.length; i += 50) {
    for await (const page of paginateDescribeInstancePatchStates({client: c.ssm, pageSize: 20}, {InstanceIds: ids.slice(i, i + 50)})) {
      out.push(...(page.InstancePatchStates ?? []));
    }
  }
  return out;
}

async function patches(instanceId: string, filters?: {Key: string; Values: string[]}[]): Promise<PatchComplianceData[]> {
  const out: PatchComplianceData[] = [];
  for await (const page of paginateDescribeInstancePatches({client: c.ssm, pageSize: 10}, {InstanceId: instanceId, Filters: filters})) out.push(...(page.Patches ?? []));
  return out;
}

async function resourceSummaries(filters?: ComplianceStringFilter[], pageSize = 50): Promise<ResourceComplianceSummaryItem[]> {
  const out: ResourceComplianceSummaryItem[] = [];
  for await (const page of paginateListResourceComplianceSummaries({client: c.ssm, pageSize}, {Filters: filters})) out.push(...(page.ResourceComplianceSummaryItems ?? []));
  return out;
}

async function items(resourceId: string, filters?: ComplianceStringFilter[], pageSize = 50): Promise<ComplianceItem[]> {
  const out: ComplianceItem[] = [];
  for await (const page of paginateListComplianceItems({client: c.ssm, pageSize}, {ResourceIds: [resourceId], ResourceTypes: ['ManagedInstance'], Filters: filters})) {
    out.push(...(page.ComplianceItems ?? []));
  }
  return out;
}

async function associations(filters?: {key: 'InstanceId' | 'Name' | 'AssociationId' | 'AssociationStatusName' | 'LastExecutedBefore' | 'LastExecutedAfter' | 'AssociationName' | 'ResourceGroupName'; value: string}[], pageSize = 50): Promise<Association[]> {
  const out: Association[] = [];
  for await (const page of paginateListAssociations({client: c.ssm, pageSize}, {AssociationFilterList: filters})) out.push(...(page.Associations ?? []));
  return out;
}

const sum = (list: readonly InstancePatchState[], key: keyof InstancePatchState): number => list.reduce((n, s) => n + Number(s[key] ?? 0), 0);

describe('DescribeInstancePatchStates', () => {
  it('reports every listed node, with Missing, Failed and InstalledPendingReboot across the fleet', () => {
    expect(states.map((s) => s.InstanceId)).toEqual(nodeIds());
    expect(sum(states, 'MissingCount')).toBeGreaterThan(0);
    expect(sum(states, 'FailedCount')).toBeGreaterThan(0);
    expect(sum(states, 'InstalledPendingRebootCount')).toBeGreaterThan(0);
    expect(sum(states, 'InstalledCount')).toBeGreaterThan(states.length);
    const compliant = states.filter((s) => s.MissingCount === 0 && s.FailedCount === 0 && s.InstalledPendingRebootCount === 0);
    expect(compliant.length).toBeGreaterThan(0);
    for (const s of states) {
      expect(s.OperationStartTime).toBeInstanceOf(Date);
      expect((s.OperationEndTime?.getTime() ?? 0)).toBeGreaterThanOrEqual(s.OperationStartTime?.getTime() ?? Infinity);
      expect(['Scan', 'Install']).toContain(s.Operation);
      expect(s.BaselineId).toBeTruthy();
    }
  });

  it('counts agree with DescribeInstancePatches for a node', async () => {
    const s = states.find((x) => (x.MissingCount ?? 0) > 0 && x.InstanceId?.startsWith('i-'));
    expect(s).toBeDefined();
    const list = await patches(s?.InstanceId ?? '');
    const count = (state: string): number => list.filter((p) => p.State === state).length;
    expect(count('MISSING')).toBe(s?.MissingCount);
    expect(count('FAILED')).toBe(s?.FailedCount);
    expect(count('INSTALLED')).toBe(s?.InstalledCount);
    expect(count('INSTALLED_PENDING_REBOOT')).toBe(s?.InstalledPendingRebootCount);
    const kbs = list.map((p) => p.KBId ?? '');
    expect(kbs).toEqual([...kbs].sort());
    expect(new Set(kbs).size).toBe(kbs.length);
  });

  it('validates InstanceIds (required, at most 50) and MaxResults 10–100', async () => {
    const none = await expectSdkError(c.ssm.send(new DescribeInstancePatchStatesCommand({InstanceIds: undefined as unknown as string[]})), 'ValidationException');
    expect(none.message).toBe("1 validation error detected: Value null at 'instanceIds' failed to satisfy constraint: Member must not be null");
    const many = nodeIds().slice(0, 51);
    const tooMany = await expectSdkError(c.ssm.send(new DescribeInstancePatchStatesCommand({InstanceIds: many})), 'ValidationException');
    expect(tooMany.message).toContain("at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to 50");
    await expectSdkError(c.ssm.send(new DescribeInstancePatchStatesCommand({InstanceIds: nodeIds().slice(0, 3), MaxResults: 5})), 'ValidationException');
    await expectSdkError(c.ssm.send(new DescribeInstancePatchStatesCommand({InstanceIds: ['bogus']})), 'ValidationException');
    const unknown = await c.ssm.send(new DescribeInstancePatchStatesCommand({InstanceIds: ['i-0123456789abcdef0']}));
    expect(unknown.InstancePatchStates).toEqual([]);
  });
});

describe('DescribeInstancePatches', () => {
  it('filters by State, Severity and Classification with CamelCase state values', async () => {
    const s = states.find((x) => (x.FailedCount ?? 0) > 0);
    expect(s).toBeDefined();
    const id = s?.InstanceId ?? '';
    const failed = await patches(id, [{Key: 'State', Values: ['Failed']}]);
    expect(failed.length).toBe(s?.FailedCount);
    expect(failed.every((p) => p.State === 'FAILED')).toBe(true);
    const missingOrFailed = await patches(id, [{Key: 'State', Values: ['Missing', 'Failed']}]);
    expect(missingOrFailed.length).toBe((s?.MissingCount ?? 0) + (s?.FailedCount ?? 0));
    const all = await patches(id);
    const severity = all[0]?.Severity ?? '';
    expect(await patches(id, [{Key: 'Severity', Values: [severity]}])).toEqual(all.filter((p) => p.Severity === severity));
    const classification = all[0]?.Classification ?? '';
    expect(await patches(id, [{Key: 'Classification', Values: [classification]}])).toEqual(all.filter((p) => p.Classification === classification));
    expect(await patches(id, [{Key: 'KBId', Values: [all[1]?.KBId ?? '']}])).toEqual([all[1]]);
    for (const p of all) {
      expect(p.InstalledTime).toBeInstanceOf(Date);
      if (p.State === 'MISSING' || p.State === 'FAILED') expect(p.InstalledTime?.getTime()).toBe(0);
    }
  });

  it('spreads vendor severities across the fleet', async () => {
    const seen = new Set<string>();
    for (const s of states.filter((x) => (x.MissingCount ?? 0) + (x.FailedCount ?? 0) > 0).slice(0, 25)) {
      for (const p of await patches(s.InstanceId ?? '', [{Key: 'State', Values: ['Missing', 'Failed', 'InstalledPendingReboot']}])) seen.add(p.Severity ?? '');
    }
    expect([...seen]).toEqual(expect.arrayContaining(['Critical', 'Important', 'Medium']));
  });

  it('answers InvalidFilter, InvalidInstanceId and ValidationException', async () => {
    const id = states[0]?.InstanceId ?? '';
    await expectSdkError(c.ssm.send(new DescribeInstancePatchesCommand({InstanceId: id, Filters: [{Key: 'Colour', Values: ['x']}]})), 'InvalidFilter');
    await expectSdkError(c.ssm.send(new DescribeInstancePatchesCommand({InstanceId: id, Filters: [{Key: 'State', Values: ['MISSING']}]})), 'InvalidFilter');
    await expectSdkError(c.ssm.send(new DescribeInstancePatchesCommand({InstanceId: 'i-0123456789abcdef0'})), 'InvalidInstanceId');
    await expectSdkError(c.ssm.send(new DescribeInstancePatchesCommand({InstanceId: id, MaxResults: 101})), 'ValidationException');
    await expectSdkError(c.ssm.send(new DescribeInstancePatchesCommand({InstanceId: undefined as unknown as string})), 'ValidationException');
  });
});

describe('DescribePatchBaselines', () => {
  it('lists AWS and custom baselines, filters them, and every node\'s baseline is one of them', async () => {
    const all = await c.ssm.send(new DescribePatchBaselinesCommand({}));
    const list = all.BaselineIdentities ?? [];
    expect(list.length).toBeGreaterThan(5);
    const ids = new Set(list.map((b) => b.BaselineId));
    for (const s of states) expect(ids.has(s.BaselineId)).toBe(true);
    const self = await c.ssm.send(new DescribePatchBaselinesCommand({Filters: [{Key: 'OWNER', Values: ['Self']}]}));
    expect(self.BaselineIdentities?.every((b) => b.BaselineId?.startsWith('pb-'))).toBe(true);
    expect(self.BaselineIdentities?.length).toBe(2);
    const windows = await c.ssm.send(new DescribePatchBaselinesCommand({Filters: [{Key: 'OPERATING_SYSTEM', Values: ['WINDOWS']}]}));
    expect(windows.BaselineIdentities?.every((b) => b.OperatingSystem === 'WINDOWS')).toBe(true);
    const aws = await c.ssm.send(new DescribePatchBaselinesCommand({Filters: [{Key: 'NAME_PREFIX', Values: ['AWS-']}]}));
    expect(aws.BaselineIdentities?.every((b) => b.BaselineName?.startsWith('AWS-') && b.BaselineId?.startsWith('arn:aws:ssm:'))).toBe(true);
    // one default per operating system
    const defaults = list.filter((b) => b.DefaultBaseline === true).map((b) => b.OperatingSystem);
    expect(new Set(defaults).size).toBe(defaults.length);
    const first = await c.ssm.send(new DescribePatchBaselinesCommand({MaxResults: 3}));
    const second = await c.ssm.send(new DescribePatchBaselinesCommand({MaxResults: 3, NextToken: first.NextToken}));
    expect([...(first.BaselineIdentities ?? []), ...(second.BaselineIdentities ?? [])]).toEqual(list.slice(0, 6));
    await expectSdkError(c.ssm.send(new DescribePatchBaselinesCommand({MaxResults: 101})), 'ValidationException');
    await expectSdkError(c.ssm.send(new DescribePatchBaselinesCommand({Filters: [{Key: 'COLOUR', Values: ['x']}]})), 'ValidationException');
  });
});

describe('compliance summaries', () => {
  it('ListComplianceSummaries counts resources per type, Association, Patch and Custom:*', async () => {
    const res = await c.ssm.send(new ListComplianceSummariesCommand({}));
    const types = (res.ComplianceSummaryItems ?? []).map((i) => i.ComplianceType ?? '');
    expect(types).toEqual(expect.arrayContaining(['Association', 'Patch']));
    expect(types.some((t) => t.startsWith('Custom:'))).toBe(true);
    const patch = res.ComplianceSummaryItems?.find((i) => i.ComplianceType === 'Patch');
    expect((patch?.CompliantSummary?.CompliantCount ?? 0) + (patch?.NonCompliantSummary?.NonCompliantCount ?? 0)).toBe(nodeIds().length);
    const nonCompliantPatch = states.filter((s) => (s.MissingCount ?? 0) + (s.FailedCount ?? 0) + (s.InstalledPendingRebootCount ?? 0) > 0).length;
    expect(patch?.NonCompliantSummary?.NonCompliantCount).toBe(nonCompliantPatch);
    const sev = patch?.NonCompliantSummary?.SeveritySummary;
    expect((sev?.CriticalCount ?? 0) + (sev?.HighCount ?? 0) + (sev?.MediumCount ?? 0) + (sev?.LowCount ?? 0) + (sev?.InformationalCount ?? 0) + (sev?.UnspecifiedCount ?? 0)).toBe(nonCompliantPatch);
    const onlyPatch = await c.ssm.send(new ListComplianceSummariesCommand({Filters: [{Key: 'ComplianceType', Values: ['Patch'], Type: 'EQUAL'}]}));
    expect(onlyPatch.ComplianceSummaryItems).toEqual([patch]);
    const custom = await c.ssm.send(new ListComplianceSummariesCommand({Filters: [{Key: 'ComplianceType', Values: ['Custom:'], Type: 'BEGIN_WITH'}]}));
    expect(custom.ComplianceSummaryItems?.every((i) => i.ComplianceType?.startsWith('Custom:'))).toBe(true);
    const page = await c.ssm.send(new ListComplianceSummariesCommand({MaxResults: 1}));
    expect(page.ComplianceSummaryItems?.map((i) => i.ComplianceType)).toEqual(types.slice(0, 1));
    const next = await c.ssm.send(new ListComplianceSummariesCommand({MaxResults: 1, NextToken: page.NextToken}));
    expect(next.ComplianceSummaryItems?.map((i) => i.ComplianceType)).toEqual(types.slice(1, 2));
    await expectSdkError(c.ssm.send(new ListComplianceSummariesCommand({Filters: [{Key: 'Colour', Values: ['x']}]})), 'InvalidFilter');
    await expectSdkError(c.ssm.send(new ListComplianceSummariesCommand({MaxResults: 51})), 'ValidationException');
    await expectSdkError(c.ssm.send(new ListComplianceSummariesCommand({Filters: [{Key: 'ComplianceType', Values: ['Patch'], Type: 'SIMILAR' as 'EQUAL'}]})), 'ValidationException');
  });

  it('ListResourceComplianceSummaries pages every (node, type) once and filters by status and severity', async () => {
    const all = await resourceSummaries(undefined, 13);
    const keys = all.map((r) => `${r.ResourceId}/${r.ComplianceType}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(all.map((r) => r.ResourceId))).toEqual(new Set(nodeIds()));
    expect(all.every((r) => r.ResourceType === 'ManagedInstance' && r.ExecutionSummary?.ExecutionTime instanceof Date)).toBe(true);
    const bad = await resourceSummaries([{Key: 'ComplianceType', Values: ['Patch']}, {Key: 'Status', Values: ['NON_COMPLIANT']}]);
    expect(bad.length).toBeGreaterThan(0);
    for (const r of bad) {
      expect(r.Status).toBe('NON_COMPLIANT');
      expect(r.NonCompliantSummary?.NonCompliantCount).toBeGreaterThan(0);
      expect(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']).toContain(r.OverallSeverity);
    }
    expect(new Set(bad.map((r) => r.OverallSeverity)).size).toBeGreaterThan(1);
    const critical = await resourceSummaries([{Key: 'OverallSeverity', Values: ['CRITICAL']}, {Key: 'Status', Values: ['NON_COMPLIANT']}]);
    expect(critical.every((r) => r.OverallSeverity === 'CRITICAL' && (r.NonCompliantSummary?.SeveritySummary?.CriticalCount ?? 0) > 0)).toBe(true);
    const notAssoc = await resourceSummaries([{Key: 'ComplianceType', Values: ['Association'], Type: 'NOT_EQUAL'}]);
    expect(notAssoc.length).toBe(all.filter((r) => r.ComplianceType !== 'Association').length);
    await expectSdkError(c.ssm.send(new ListResourceComplianceSummariesCommand({Filters: [{Key: 'Colour', Values: ['x']}]})), 'InvalidFilter');
  });
});

describe('ListComplianceItems', () => {
  it('lists one node\'s items across types, consistent with its summaries, filtered and paged', async () => {
    const s = states.find((x) => (x.MissingCount ?? 0) > 0) as InstancePatchState;
    const id = s.InstanceId ?? '';
    const list = await items(id, undefined, 7);
    const patchItems = list.filter((i) => i.ComplianceType === 'Patch');
    expect(patchItems.filter((i) => i.Details?.['PatchState'] === 'Missing').length).toBe(s.MissingCount);
    expect(patchItems.every((i) => i.Details?.['PatchBaselineId'] === s.BaselineId)).toBe(true);
    const summaries = (await resourceSummaries([{Key: 'ResourceId', Values: [id]}]));
    for (const summary of summaries) {
      const ofType = list.filter((i) => i.ComplianceType === summary.ComplianceType);
      expect(ofType.filter((i) => i.Status === 'NON_COMPLIANT').length).toBe(summary.NonCompliantSummary?.NonCompliantCount);
      expect(ofType.filter((i) => i.Status === 'COMPLIANT').length).toBe(summary.CompliantSummary?.CompliantCount);
    }
    const nonCompliant = await items(id, [{Key: 'Status', Values: ['NON_COMPLIANT']}]);
    expect(nonCompliant).toEqual(list.filter((i) => i.Status === 'NON_COMPLIANT'));
    const high = await items(id, [{Key: 'Severity', Values: ['HIGH', 'CRITICAL']}, {Key: 'ComplianceType', Values: ['Patch']}]);
    expect(high).toEqual(patchItems.filter((i) => i.Severity === 'HIGH' || i.Severity === 'CRITICAL'));
  });

  it('reports Custom:* items for a few nodes and failed associations as NON_COMPLIANT', async () => {
    const custom = await resourceSummaries([{Key: 'ComplianceType', Values: ['Custom:'], Type: 'BEGIN_WITH'}]);
    expect(custom.length).toBeGreaterThan(0);
    expect(custom.length).toBeLessThan(nodeIds().length / 3);
    const customItems = await items(custom[0]?.ResourceId ?? '', [{Key: 'ComplianceType', Values: [custom[0]?.ComplianceType ?? '']}]);
    expect(customItems.length).toBeGreaterThan(0);
    const failedNode = fleet.model.managed().find((n) => n.associationStatus === 'Failed');
    expect(failedNode).toBeDefined();
    const assoc = await items(failedNode?.instanceId ?? '', [{Key: 'ComplianceType', Values: ['Association']}]);
    expect(assoc.filter((i) => i.Status === 'NON_COMPLIANT')).toHaveLength(1);
    expect(assoc[0]?.Details?.['DocumentName']).toBeTruthy();
  });

  it('takes exactly one ManagedInstance resource id', async () => {
    const [a = '', b = ''] = nodeIds();
    await expectSdkError(c.ssm.send(new ListComplianceItemsCommand({ResourceIds: [a, b], ResourceTypes: ['ManagedInstance']})), 'InvalidResourceId');
    await expectSdkError(c.ssm.send(new ListComplianceItemsCommand({ResourceTypes: ['ManagedInstance']})), 'InvalidResourceId');
    await expectSdkError(c.ssm.send(new ListComplianceItemsCommand({ResourceIds: ['i-0123456789abcdef0']})), 'InvalidResourceId');
    await expectSdkError(c.ssm.send(new ListComplianceItemsCommand({ResourceIds: [a], ResourceTypes: ['Document']})), 'InvalidResourceType');
    await expectSdkError(c.ssm.send(new ListComplianceItemsCommand({ResourceIds: [a], Filters: [{Key: 'Colour', Values: ['x']}]})), 'InvalidFilter');
    await expectSdkError(c.ssm.send(new ListComplianceItemsCommand({ResourceIds: [a], MaxResults: 0})), 'ValidationException');
  });
});

describe('ListAssociations', () => {
  it('lists the fleet\'s associations with overviews consistent with the nodes, some failed', async () => {
    const all = await associations(undefined, 2);
    expect(all.length).toBe(6);
    expect(new Set(all.map((a) => a.AssociationId)).size).toBe(6);
    const failed = all.filter((a) => a.Overview?.Status === 'Failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const a of failed) expect(a.Overview?.AssociationStatusAggregatedCount?.['Failed']).toBeGreaterThan(0);
    const inventory = all.find((a) => a.Name === 'AWS-GatherSoftwareInventory');
    const counts = inventory?.Overview?.AssociationStatusAggregatedCount ?? {};
    expect(Object.values(counts).reduce((x, y) => x + y, 0)).toBe(nodeIds().length);
    expect(inventory?.Targets).toEqual([{Key: 'InstanceIds', Values: ['*']}]);
    expect(inventory?.LastExecutionDate).toBeInstanceOf(Date);
    expect(inventory?.ScheduleExpression).toBe('rate(30 minutes)');
    const failedNodes = fleet.model.managed().filter((n) => n.associationStatus === 'Failed').length;
    expect(all.reduce((n, a) => n + (a.Overview?.AssociationStatusAggregatedCount?.['Failed'] ?? 0), 0)).toBe(failedNodes);
  });

  it('filters by status, document, name, id, instance and execution time', async () => {
    const all = await associations();
    expect(await associations([{key: 'AssociationStatusName', value: 'Failed'}])).toEqual(all.filter((a) => a.Overview?.Status === 'Failed'));
    expect((await associations([{key: 'Name', value: 'AWS-RunPatchBaseline'}])).map((a) => a.AssociationName)).toEqual(['patch-scan-daily']);
    expect((await associations([{key: 'AssociationName', value: 'harden-ssh'}])).map((a) => a.Name)).toEqual(['Fleet-HardenSSH']);
    const one = all[2];
    expect(await associations([{key: 'AssociationId', value: one?.AssociationId ?? ''}])).toEqual([one]);
    const failedNode = fleet.model.managed().find((n) => n.associationStatus === 'Failed');
    const mine = await associations([{key: 'InstanceId', value: failedNode?.instanceId ?? ''}]);
    expect(mine.some((a) => a.Name === 'AWS-GatherSoftwareInventory')).toBe(true);
    expect(mine.some((a) => a.Overview?.Status === 'Failed')).toBe(true);
    const latest = Math.max(...all.map((a) => a.LastExecutionDate?.getTime() ?? 0));
    expect(await associations([{key: 'LastExecutedAfter', value: new Date(latest + 1000).toISOString()}])).toEqual([]);
    expect((await associations([{key: 'LastExecutedBefore', value: new Date(latest + 1000).toISOString()}])).length).toBe(all.length);
    expect(await associations([{key: 'ResourceGroupName', value: 'anything'}])).toEqual([]);
    await expectSdkError(c.ssm.send(new ListAssociationsCommand({AssociationFilterList: [{key: 'Colour' as 'Name', value: 'x'}]})), 'ValidationException');
    await expectSdkError(c.ssm.send(new ListAssociationsCommand({AssociationFilterList: [{key: 'LastExecutedAfter', value: 'yesterday'}]})), 'ValidationException');
    await expectSdkError(c.ssm.send(new ListAssociationsCommand({MaxResults: 51})), 'ValidationException');
  });
});

describe('determinism', () => {
  it('the same seed yields the same patches and associations', async () => {
    const twin = await startLocalFleet({nodes: 150, seed: 'compliance-tests'});
    try {
      const t = fleetClients(twin);
      const ids = nodeIds().slice(0, 20);
      const mine = await c.ssm.send(new DescribeInstancePatchStatesCommand({InstanceIds: ids, MaxResults: 20}));
      const theirs = await t.ssm.send(new DescribeInstancePatchStatesCommand({InstanceIds: ids, MaxResults: 20}));
      const shape = (list: readonly InstancePatchState[] | undefined) =>
        (list ?? []).map((s) => [s.InstanceId, s.BaselineId, s.SnapshotId, s.MissingCount, s.FailedCount, s.InstalledPendingRebootCount, s.InstalledCount]);
      expect(shape(theirs.InstancePatchStates)).toEqual(shape(mine.InstancePatchStates));
      const names = (list: readonly Association[]) => list.map((a) => [a.AssociationId, a.Overview?.Status, a.Overview?.AssociationStatusAggregatedCount]);
      const twinAssociations = (await t.ssm.send(new ListAssociationsCommand({}))).Associations ?? [];
      expect(names(twinAssociations)).toEqual(names(await associations()));
    } finally {
      await twin.close();
    }
  });
});
