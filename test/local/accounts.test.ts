// A local fleet of several accounts and regions: each (account, region) its own nodes, each account its own
// credentials, a request routed by the key that signed it and the region of its credential scope.
import {DescribeInstancesCommand} from '@aws-sdk/client-ec2';
import {DescribeInstanceInformationCommand, GetParameterCommand, PutParameterCommand} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {startLocalFleet} from '../../src/local/server.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {expectSdkError, fleetClients} from '../helpers/fleet-clients.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const local = useLocalFleet({nodes: 12, seed: 'partitions', accounts: 3, regions: REGIONS});

async function managedIds(accountIndex: number, region: string): Promise<string[]> {
  const p = local.fleet.partitions.find((x) => x.accountId === local.fleet.partitions[accountIndex * REGIONS.length]?.accountId && x.region === region);
  if (p === undefined) throw new Error('no such partition');
  const {ssm} = fleetClients(local.fleet, {credentials: p.credentials, region});
  const out = await ssm.send(new DescribeInstanceInformationCommand({MaxResults: 50}));
  return (out.InstanceInformationList ?? []).map((i) => i.InstanceId ?? '');
}

describe('partitions', () => {
  it('has one partition per account and region, each with its own nodes, account id and credentials', () => {
    const parts = local.fleet.partitions;
    expect(parts.map((p) => p.region)).toEqual([...REGIONS, ...REGIONS, ...REGIONS]);
    const accounts = [...new Set(parts.map((p) => p.accountId))];
    expect(accounts).toHaveLength(3);
    for (const id of accounts) expect(id).toMatch(/^[1-9]\d{11}$/);
    expect(new Set(parts.map((p) => p.credentials.accessKeyId)).size).toBe(3);
    for (const p of parts) {
      expect(p.model.accountId).toBe(p.accountId);
      expect(p.model.region).toBe(p.region);
      expect(p.model.size).toBe(12);
    }
    const ids = parts.flatMap((p) => p.model.all().map((n) => n.instanceId));
    expect(new Set(ids).size).toBe(ids.length);
    // The first partition is the fleet's own face.
    expect(local.fleet.model).toBe(parts[0]?.model);
    expect(local.fleet.credentials).toBe(parts[0]?.credentials);
    expect(local.fleet.region).toBe('us-east-1');
  });

  it('is deterministic: the same seed gives the same accounts and nodes', async () => {
    const again = await startLocalFleet({nodes: 12, seed: 'partitions', accounts: 3, regions: REGIONS});
    try {
      expect(again.partitions.map((p) => p.accountId)).toEqual(local.fleet.partitions.map((p) => p.accountId));
      expect(again.partitions.map((p) => p.model.all().map((n) => n.instanceId))).toEqual(local.fleet.partitions.map((p) => p.model.all().map((n) => n.instanceId)));
    } finally {
      await again.close();
    }
  });

  it('one account in one region is the fleet of the seed as before', async () => {
    const single = await startLocalFleet({nodes: 12, seed: 'partitions'});
    try {
      expect(single.partitions).toHaveLength(1);
      expect(single.model.accountId).toBe(local.fleet.model.accountId);
      expect(single.model.all().map((n) => n.instanceId)).toEqual(local.fleet.model.all().map((n) => n.instanceId));
    } finally {
      await single.close();
    }
  });

  it('routes a request to the partition of the signing account and the scope region (SSM and EC2)', async () => {
    const parts = local.fleet.partitions;
    for (let a = 0; a < 3; a++) {
      for (const region of REGIONS) {
        const p = parts.find((x) => x.accountId === parts[a * 2]?.accountId && x.region === region);
        const expected = p?.model.managed().map((n) => n.instanceId);
        expect(await managedIds(a, region)).toEqual(expected);
      }
    }
    const p = parts[3];
    if (p === undefined) throw new Error('no partition 4');
    const {ec2} = fleetClients(local.fleet, {credentials: p.credentials, region: p.region});
    const out = await ec2.send(new DescribeInstancesCommand({}));
    const owners = new Set((out.Reservations ?? []).map((r) => r.OwnerId));
    expect([...owners]).toEqual([p.accountId]);
    const ids = (out.Reservations ?? []).flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId ?? '')).sort();
    expect(ids).toEqual(p.model.ec2Nodes().map((n) => n.instanceId).sort());
  });

  it('keeps each partition\'s stores apart (a parameter written in one is not in another)', async () => {
    const [a, b, c] = local.fleet.partitions;
    if (a === undefined || b === undefined || c === undefined) throw new Error('partitions missing');
    const inA = fleetClients(local.fleet, {credentials: a.credentials, region: a.region}).ssm;
    await inA.send(new PutParameterCommand({Name: '/partition/probe', Value: 'a', Type: 'String'}));
    expect((await inA.send(new GetParameterCommand({Name: '/partition/probe'}))).Parameter?.Value).toBe('a');
    // Same account, other region; other account, same region.
    for (const other of [b, c]) {
      const ssm = fleetClients(local.fleet, {credentials: other.credentials, region: other.region}).ssm;
      await expectSdkError(ssm.send(new GetParameterCommand({Name: '/partition/probe'})), 'ParameterNotFound');
    }
  });

  it('counts requests per partition', async () => {
    local.fleet.resetRequestCounts();
    await managedIds(1, 'eu-west-1');
    await managedIds(1, 'eu-west-1');
    await managedIds(2, 'us-east-1');
    const [, , , p4, p5] = local.fleet.partitions;
    expect(local.fleet.requestCountsBy()).toMatchObject({
      [`${p4?.accountId}:eu-west-1`]: {'ssm:DescribeInstanceInformation': 2},
      [`${p5?.accountId}:us-east-1`]: {'ssm:DescribeInstanceInformation': 1},
    });
    expect(local.fleet.requestCounts()).toEqual({'ssm:DescribeInstanceInformation': 3});
  });

  it('refuses a request scoped to a region the fleet does not serve, as AWS refuses a wrong scope', async () => {
    const {ssm, ec2} = fleetClients(local.fleet, {region: 'ap-south-1'});
    const err = await expectSdkError(ssm.send(new DescribeInstanceInformationCommand({})), 'InvalidSignatureException');
    expect(err.message).toBe("Credential should be scoped to a valid region, not 'ap-south-1'.");
    await expectSdkError(ec2.send(new DescribeInstancesCommand({})), 'SignatureDoesNotMatch');
  });

  it('rejects bad account and region lists', async () => {
    await expect(startLocalFleet({accounts: 0})).rejects.toThrow(/account count/);
    await expect(startLocalFleet({regions: ['us-east-1', 'us-east-1']})).rejects.toThrow(/twice/);
    await expect(startLocalFleet({regions: ['mars-1']})).rejects.toThrow(/Invalid region/);
    await expect(startLocalFleet({region: 'eu-west-1', regions: ['us-east-1', 'eu-west-1']})).rejects.toThrow(/first/);
  });
});
