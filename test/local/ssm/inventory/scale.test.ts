// The inventory and compliance operations over a 5,000-node fleet: whole-fleet scans (filters,
// aggregators, summaries) give consistent answers. No timing assertions: speed is measured by benches.
import {GetInventoryCommand, ListComplianceSummariesCommand, ListResourceComplianceSummariesCommand} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../../src/local/index.js';
import {fleetClients, type FleetClients} from '../../../helpers/fleet-clients.js';

let fleet: LocalFleet;
let c: FleetClients;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 5000, seed: 'inventory-scale'});
  c = fleetClients(fleet);
});
afterAll(async () => {
  await fleet.close();
});

describe('inventory and compliance at 5,000 nodes', () => {
  it('aggregates the whole fleet and pages a software filter', async () => {
    const agg = await c.ssm.send(new GetInventoryCommand({Aggregators: [{Expression: 'AWS:InstanceInformation.InstanceStatus'}]}));
    const rows = agg.Entities?.[0]?.Data?.['AWS:InstanceInformation']?.Content ?? [];
    expect(rows.map((r) => r['InstanceStatus'])).not.toContain('Terminated');
    expect(rows.reduce((n, r) => n + Number(r['Count']), 0)).toBe(fleet.model.managed().length);
    const page = await c.ssm.send(new GetInventoryCommand({Filters: [{Key: 'AWS:Application.Name', Values: ['nginx']}], MaxResults: 50}));
    expect(page.Entities).toHaveLength(50);
    expect(page.NextToken).toBeTruthy();
    const versions = await c.ssm.send(new GetInventoryCommand({
      Filters: [{Key: 'AWS:InstanceInformation.PlatformName', Values: ['Amazon Linux']}],
      Aggregators: [{Expression: 'AWS:Application.Name', Aggregators: [{Expression: 'AWS:Application.Version'}]}],
    }));
    const kernels = (versions.Entities?.[0]?.Data?.['AWS:Application']?.Content ?? []).filter((r) => r['Name'] === 'kernel');
    expect(kernels.length).toBeGreaterThanOrEqual(4); // AL2023 and AL2 kernels, several builds each
  });

  it('summarizes compliance for every node DescribeInstanceInformation lists', async () => {
    const withData = fleet.model.managed().length;
    const res = await c.ssm.send(new ListComplianceSummariesCommand({Filters: [{Key: 'ComplianceType', Values: ['Patch']}]}));
    const patch = res.ComplianceSummaryItems?.[0];
    expect((patch?.CompliantSummary?.CompliantCount ?? 0) + (patch?.NonCompliantSummary?.NonCompliantCount ?? 0)).toBe(withData);
    expect(patch?.CompliantSummary?.CompliantCount).toBeGreaterThan(0);
    expect(patch?.NonCompliantSummary?.NonCompliantCount).toBeGreaterThan(0);
    const critical = await c.ssm.send(new ListResourceComplianceSummariesCommand({
      Filters: [{Key: 'OverallSeverity', Values: ['CRITICAL']}, {Key: 'Status', Values: ['NON_COMPLIANT']}],
    }));
    expect(critical.ResourceComplianceSummaryItems).toHaveLength(50);
  });
});
