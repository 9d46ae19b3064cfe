import {describe, expect, it} from 'vitest';
import {generateFleet, HOSTILE_NAME, isManaged, LATEST_AGENT_VERSION, type FleetNode} from '../../../src/local/index.js';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const EC2_ID = /^i-[0-9a-f]{17}$/;
const HYBRID_ID = /^mi-[0-9a-f]{17}$/;

function count(nodes: readonly FleetNode[], test: (n: FleetNode) => boolean): number {
  return nodes.filter(test).length;
}

describe('generateFleet', () => {
  it('is deterministic: the same seed and clock give the identical fleet; 42 and "42" are the same seed', () => {
    const a = generateFleet({seed: 42, now: NOW});
    const b = generateFleet({seed: '42', now: NOW});
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.accountId).toMatch(/^\d{12}$/);
  });

  it('gives a different fleet for a different seed', () => {
    const a = generateFleet({seed: 1, now: NOW});
    const b = generateFleet({seed: 2, now: NOW});
    const idsA = new Set(a.all().map((n) => n.instanceId));
    expect(b.all().filter((n) => idsA.has(n.instanceId))).toEqual([]);
    expect(b.all().map((n) => n.name)).not.toEqual(a.all().map((n) => n.name));
  });

  it('builds a default fleet of 40 varied, plausible nodes', () => {
    const fleet = generateFleet({now: NOW});
    const nodes = fleet.all();
    expect(nodes).toHaveLength(40);
    for (const n of nodes) {
      expect(n.instanceId).toMatch(n.ec2 === undefined ? HYBRID_ID : EC2_ID);
      expect(n.tags['Env']).toMatch(/^(prod|staging|dev)$/);
      expect(n.tags['Role']).toBeTruthy();
      expect(n.tags['Team']).toBeTruthy();
      expect(n.computerName).toContain('.');
      expect(n.agentVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(n.isLatestVersion === undefined).toBe(n.platformType !== 'Linux');
      if (n.isLatestVersion !== undefined) expect(n.isLatestVersion).toBe(n.agentVersion === LATEST_AGENT_VERSION);
      expect(n.lastPingAt).toBeLessThanOrEqual(NOW);
      if (n.pingStatus === 'Online') expect(NOW - n.lastPingAt).toBeLessThan(5 * 60_000);
      else expect(NOW - n.lastPingAt).toBeGreaterThan(60 * 60_000);
      if (n.ec2 === undefined) {
        expect(n.resourceType).toBe('ManagedInstance');
        expect(n.activationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(n.iamRole).toBeTruthy();
        expect(n.registrationDate).toBeLessThan(NOW);
        expect(n.tags['Name']).toBe(n.name);
      } else {
        expect(n.resourceType).toBe('EC2Instance');
        expect(n.ec2.availabilityZone).toMatch(/^us-east-1[abc]$/);
        expect(n.ec2.privateIp).toMatch(/^10\.\d+\.\d+\.\d+$/);
        expect(n.ec2.imageId).toMatch(/^ami-[0-9a-f]{17}$/);
        expect(n.ec2.vpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
        expect(n.ec2.subnetId).toMatch(/^subnet-[0-9a-f]{17}$/);
        expect(n.ec2.launchTime).toBeLessThan(NOW);
        expect(n.tags['Name']).toBe(n.name);
        expect(n.name).toMatch(/^[a-z]+-(prod|staging|dev)-\d{2}$/);
      }
    }
    const hybrids = count(nodes, (n) => n.ec2 === undefined);
    expect(hybrids).toBeGreaterThanOrEqual(4);
    expect(hybrids).toBeLessThanOrEqual(8);
    expect(count(nodes, (n) => n.platformType === 'Windows')).toBeGreaterThanOrEqual(1);
    expect(count(nodes, (n) => n.pingStatus === 'ConnectionLost' && isManaged(n))).toBeGreaterThanOrEqual(3);
    expect(count(nodes, (n) => n.ec2?.state === 'stopped')).toBeGreaterThanOrEqual(1);
    expect(count(nodes, (n) => n.ec2?.state === 'terminated')).toBeGreaterThanOrEqual(1);
    expect(count(nodes, (n) => n.ec2?.publicIp !== undefined)).toBeGreaterThanOrEqual(1);
    expect(count(nodes, (n) => n.isLatestVersion === false)).toBeGreaterThanOrEqual(1);
    const platforms = new Set(nodes.map((n) => `${n.platformName} ${n.platformVersion}`));
    expect(platforms.size).toBeGreaterThanOrEqual(4);
    const ips = nodes.map((n) => n.ipAddress);
    expect(new Set(ips).size).toBe(ips.length);
  });

  it('contains exactly one node with a hostile Name (ESC[2J, OSC 52, BEL, CR), a hybrid node', () => {
    const nodes = generateFleet({now: NOW}).all();
    const hostile = nodes.filter((n) => n.name === HOSTILE_NAME);
    expect(hostile).toHaveLength(1);
    const node = hostile[0] as FleetNode;
    expect(node.name).toContain('\u001b[2J');
    expect(node.name).toContain('\u001b]52;c;');
    expect(node.name).toContain('\u0007');
    expect(node.name).toContain('\r');
    expect(node.tags['Name']).toBe(HOSTILE_NAME);
    expect(node.ec2).toBeUndefined();
    expect(isManaged(node)).toBe(true);
    const hasControl = (text: string): boolean => [...text].some((c) => c.charCodeAt(0) < 0x20);
    expect(count(nodes, (n) => hasControl(n.name) || Object.values(n.tags).some(hasControl))).toBe(1);
  });

  it('honours the region', () => {
    const fleet = generateFleet({region: 'eu-west-1', now: NOW});
    for (const n of fleet.ec2Nodes()) {
      expect(n.ec2?.availabilityZone).toMatch(/^eu-west-1[abc]$/);
      expect(n.ec2?.privateDnsName).toMatch(/\.eu-west-1\.compute\.internal$/);
    }
  });

  it('generates 50,000 unique nodes', () => {
    const fleet = generateFleet({nodes: 50_000, seed: 'big', now: NOW});
    const nodes = fleet.all();
    expect(nodes).toHaveLength(50_000);
    expect(new Set(nodes.map((n) => n.instanceId)).size).toBe(50_000);
    expect(nodes.every((n) => (n.ec2 === undefined ? HYBRID_ID : EC2_ID).test(n.instanceId))).toBe(true);
    const sorted = nodes.every((n, i) => i === 0 || (nodes[i - 1] as FleetNode).instanceId < n.instanceId);
    expect(sorted).toBe(true);
    expect(count(nodes, (n) => n.ec2 === undefined)).toBe(7_500);
    expect(count(nodes, (n) => n.name === HOSTILE_NAME)).toBe(1);
  });

  it('handles tiny fleets', () => {
    expect(generateFleet({nodes: 0, now: NOW}).all()).toEqual([]);
    const one = generateFleet({nodes: 1, now: NOW}).all();
    expect(one.map((n) => n.name)).toEqual([HOSTILE_NAME]);
    expect(() => generateFleet({nodes: -1})).toThrow(/non-negative integer/);
  });
});

describe('FleetModel mutation helpers', () => {
  it('change nodes and invalidate the cached views', () => {
    const fleet = generateFleet({now: NOW});
    const node = fleet.managed().find((n) => n.ec2 !== undefined && n.pingStatus === 'Online') as FleetNode;
    const before = fleet.version;
    const managedBefore = fleet.managed().length;

    fleet.setPingStatus(node.instanceId, 'ConnectionLost', NOW - 1000);
    expect(fleet.get(node.instanceId)?.pingStatus).toBe('ConnectionLost');
    expect(fleet.get(node.instanceId)?.lastPingAt).toBe(NOW - 1000);
    expect(fleet.version).toBeGreaterThan(before);

    fleet.setEc2State(node.instanceId, 'stopped');
    expect(fleet.managed().length).toBe(managedBefore - 1);
    expect(fleet.managed().some((n) => n.instanceId === node.instanceId)).toBe(false);

    fleet.setTag(node.instanceId, 'Name', 'renamed-01');
    expect(fleet.get(node.instanceId)?.name).toBe('renamed-01');
    fleet.removeTag(node.instanceId, 'Team');
    expect(fleet.get(node.instanceId)?.tags['Team']).toBeUndefined();

    fleet.setAgentVersion(node.instanceId, '9.9.9.9', false);
    expect(fleet.get(node.instanceId)?.agentVersion).toBe('9.9.9.9');

    const hybrid = fleet.hybridNodes()[0] as FleetNode;
    expect(() => fleet.setEc2State(hybrid.instanceId, 'stopped')).toThrow(/hybrid/);
    expect(() => fleet.setPingStatus('i-00000000000000000', 'Online')).toThrow(/no node/);
  });
});
