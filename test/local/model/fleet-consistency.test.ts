// One fleet, one count: the nodes DescribeInstanceInformation lists are exactly the nodes compliance and inventory
// report on, and an online node's last ping stays recent as its agent keeps pinging. Through the real SDK.

import {
  GetInventoryCommand,
  ListComplianceSummariesCommand,
  paginateDescribeInstanceInformation,
  paginateGetInventory,
  paginateListResourceComplianceSummaries,
} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {startLocalFleet, type LocalFleet} from '../../../src/local/index.js';
import {fleetClients, type FleetClients} from '../../helpers/fleet-clients.js';

let fleet: LocalFleet;
let c: FleetClients;

beforeAll(async () => {
  // The default fleet, as `fleetdeck --local` and `fleetdeck local-fleet` start it.
  fleet = await startLocalFleet();
  c = fleetClients(fleet);
});

afterAll(async () => {
  await fleet.close();
});

async function listedIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateDescribeInstanceInformation({client: c.ssm}, {})) {
    ids.push(...(page.InstanceInformationList ?? []).map((i) => i.InstanceId ?? ''));
  }
  return ids.sort();
}

describe('one fleet, one count', () => {
  it('compliance and inventory cover exactly the nodes DescribeInstanceInformation lists', async () => {
    const listed = await listedIds();
    expect(listed).toHaveLength(38);
    // The fleet also holds stopped and terminated instances that SSM does not list; they must not leak in.
    expect(fleet.model.size).toBeGreaterThan(listed.length);

    const inventory: string[] = [];
    for await (const page of paginateGetInventory({client: c.ssm, pageSize: 13}, {})) inventory.push(...(page.Entities ?? []).map((e) => e.Id ?? ''));
    expect(inventory.sort()).toEqual(listed);

    const agg = await c.ssm.send(new GetInventoryCommand({Aggregators: [{Expression: 'AWS:InstanceInformation.PlatformType'}]}));
    const rows = agg.Entities?.[0]?.Data?.['AWS:InstanceInformation']?.Content ?? [];
    expect(rows.reduce((n, r) => n + Number(r['Count']), 0)).toBe(listed.length);

    const resources = new Set<string>();
    for await (const page of paginateListResourceComplianceSummaries({client: c.ssm}, {})) {
      for (const r of page.ResourceComplianceSummaryItems ?? []) resources.add(r.ResourceId ?? '');
    }
    expect([...resources].sort()).toEqual(listed);

    const summaries = await c.ssm.send(new ListComplianceSummariesCommand({Filters: [{Key: 'ComplianceType', Values: ['Patch']}]}));
    const patch = summaries.ComplianceSummaryItems?.[0];
    expect((patch?.CompliantSummary?.CompliantCount ?? 0) + (patch?.NonCompliantSummary?.NonCompliantCount ?? 0)).toBe(listed.length);
  });
});

describe('last ping', () => {
  it('stays within the last ping interval for online nodes, however long ago the ping was recorded', async () => {
    const online = fleet.model.managed().filter((n) => n.pingStatus === 'Online');
    const lost = fleet.model.managed().find((n) => n.pingStatus === 'ConnectionLost');
    expect(online.length).toBeGreaterThan(1);
    expect(lost).toBeDefined();
    // As if the fleet had been running for an hour and twelve minutes since these pings were recorded.
    const longAgo = Date.now() - 72 * 60_000;
    for (const n of online) fleet.model.update(n.instanceId, (node) => (node.lastPingAt = longAgo));
    const lostAt = lost?.lastPingAt ?? 0;

    const before = Date.now();
    const infos = [];
    for await (const page of paginateDescribeInstanceInformation({client: c.ssm}, {})) infos.push(...(page.InstanceInformationList ?? []));
    const after = Date.now();
    for (const n of online) {
      const ping = infos.find((i) => i.InstanceId === n.instanceId)?.LastPingDateTime?.getTime() ?? 0;
      // An agent pings every 5 minutes: its last ping is at most 5 minutes old, never in the future.
      expect(ping).toBeGreaterThan(before - 5 * 60_000 - 1_000);
      expect(ping).toBeLessThanOrEqual(after);
    }
    // A lost node's last ping does not move.
    const lostPing = infos.find((i) => i.InstanceId === lost?.instanceId)?.LastPingDateTime?.getTime();
    expect(lostPing).toBe(Math.round(lostAt));
  });
});
