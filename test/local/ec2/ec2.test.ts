import {
  DescribeInstancesCommand,
  DescribeTagsCommand,
  paginateDescribeInstances,
  paginateDescribeTags,
  type DescribeInstancesCommandInput,
  type Filter,
  type Instance,
} from '@aws-sdk/client-ec2';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type FleetNode, type LocalFleet} from '../../../src/local/index.js';
import {expectSdkError, fleetClients, rawRequest, type FleetClients} from '../../helpers/fleet-clients.js';

let fleet: LocalFleet;
let c: FleetClients;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 150, seed: 'ec2-tests'});
  c = fleetClients(fleet);
});
afterAll(async () => {
  await fleet.close();
});

async function instances(input: DescribeInstancesCommandInput): Promise<Instance[]> {
  const out = await c.ec2.send(new DescribeInstancesCommand(input));
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
}

const ec2Ids = (test: (n: FleetNode) => boolean = () => true): string[] =>
  fleet.model.ec2Nodes().filter(test).map((n) => n.instanceId);

const idsOf = (list: Instance[]): string[] => list.map((i) => i.InstanceId ?? '').sort();

describe('DescribeInstances', () => {
  it('describes instances by id, grouped in reservations with the owner id', async () => {
    const picked = ec2Ids().slice(0, 12);
    const out = await c.ec2.send(new DescribeInstancesCommand({InstanceIds: picked}));
    const flat = (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
    expect(idsOf(flat)).toEqual([...picked].sort());
    for (const r of out.Reservations ?? []) {
      expect(r.ReservationId).toMatch(/^r-[0-9a-f]{17}$/);
      expect(r.OwnerId).toBe(fleet.model.accountId);
      for (const i of r.Instances ?? []) expect(fleet.model.get(i.InstanceId ?? '')?.ec2?.reservationId).toBe(r.ReservationId);
    }
    expect((out.Reservations ?? []).length).toBeLessThanOrEqual(picked.length);
    expect(out.NextToken).toBeUndefined();
  });

  it('reports instance details as the model holds them', async () => {
    const node = fleet.model.ec2Nodes().find((n) => n.ec2?.state === 'running' && n.ec2.publicIp !== undefined) as FleetNode;
    const [inst] = await instances({InstanceIds: [node.instanceId]});
    const e = node.ec2 as NonNullable<FleetNode['ec2']>;
    expect(inst).toMatchObject({
      InstanceId: node.instanceId,
      State: {Code: 16, Name: 'running'},
      InstanceType: e.instanceType,
      Placement: {AvailabilityZone: e.availabilityZone},
      PrivateIpAddress: e.privateIp,
      PublicIpAddress: e.publicIp,
      PublicDnsName: e.publicDnsName,
      PrivateDnsName: e.privateDnsName,
      ImageId: e.imageId,
      VpcId: e.vpcId,
      SubnetId: e.subnetId,
      PlatformDetails: e.platformDetails,
      Architecture: e.architecture,
    });
    expect(inst?.LaunchTime?.getTime()).toBe(e.launchTime);
    expect(inst?.Tags).toEqual(expect.arrayContaining([{Key: 'Name', Value: node.name}]));
    const stopped = fleet.model.ec2Nodes().find((n) => n.ec2?.state === 'stopped') as FleetNode;
    const [s] = await instances({InstanceIds: [stopped.instanceId]});
    expect(s?.State).toEqual({Code: 80, Name: 'stopped'});
    expect(s?.PublicIpAddress).toBeUndefined();
    expect(s?.StateReason?.Code).toBe('Client.UserInitiatedShutdown');
  });

  it('pages through every instance, stopped and terminated included', async () => {
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeInstances({client: c.ec2, pageSize: 9}, {})) {
      pages++;
      for (const r of page.Reservations ?? []) for (const i of r.Instances ?? []) ids.push(i.InstanceId ?? '');
    }
    // Within a page, instances are grouped by reservation; across pages each instance appears once.
    expect([...ids].sort()).toEqual(ec2Ids());
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.ceil(ids.length / 9));
    expect(idsOf(await instances({}))).toEqual(ec2Ids());
  });

  const windows = (n: FleetNode): boolean => n.platformType === 'Windows';
  const first = (): FleetNode => fleet.model.ec2Nodes().find((n) => n.ec2?.state === 'running' && n.ec2.publicIp !== undefined) as FleetNode;
  it.each<[string, () => Filter[], (n: FleetNode) => boolean]>([
    ['instance-id', () => [{Name: 'instance-id', Values: [first().instanceId]}], (n) => n.instanceId === first().instanceId],
    ['instance-state-name', () => [{Name: 'instance-state-name', Values: ['stopped', 'terminated']}], (n) => n.ec2?.state !== 'running'],
    ['instance-type', () => [{Name: 'instance-type', Values: ['m6i.large']}], (n) => n.ec2?.instanceType === 'm6i.large'],
    ['availability-zone', () => [{Name: 'availability-zone', Values: ['us-east-1b']}], (n) => n.ec2?.availabilityZone === 'us-east-1b'],
    ['tag:<k>', () => [{Name: 'tag:Env', Values: ['prod']}], (n) => n.tags['Env'] === 'prod'],
    ['tag:<k> wildcard', () => [{Name: 'tag:Name', Values: ['web-*']}], (n) => (n.tags['Name'] ?? '').startsWith('web-')],
    ['tag-key', () => [{Name: 'tag-key', Values: ['CostCenter']}], (n) => 'CostCenter' in n.tags],
    ['platform', () => [{Name: 'platform', Values: ['windows']}], windows],
    ['private-ip-address', () => [{Name: 'private-ip-address', Values: [first().ec2?.privateIp ?? '']}], (n) => n.instanceId === first().instanceId],
    ['ip-address', () => [{Name: 'ip-address', Values: [first().ec2?.publicIp ?? '']}], (n) => n.ec2?.publicIp === first().ec2?.publicIp],
    ['vpc-id', () => [{Name: 'vpc-id', Values: [first().ec2?.vpcId ?? '']}], (n) => n.ec2?.vpcId === first().ec2?.vpcId && n.ec2?.state !== 'terminated'],
    [
      'several filters (AND)',
      () => [{Name: 'instance-state-name', Values: ['running']}, {Name: 'tag:Role', Values: ['web', 'api']}],
      (n) => n.ec2?.state === 'running' && ['web', 'api'].includes(n.tags['Role'] ?? ''),
    ],
  ])('filter %s', async (_name, filters, test) => {
    const expected = ec2Ids(test);
    expect(expected.length).toBeGreaterThan(0);
    expect(idsOf(await instances({Filters: filters()}))).toEqual(expected);
  });

  it('pages filtered results too', async () => {
    const ids: string[] = [];
    for await (const page of paginateDescribeInstances({client: c.ec2, pageSize: 5}, {Filters: [{Name: 'tag:Env', Values: ['prod']}]})) {
      for (const r of page.Reservations ?? []) for (const i of r.Instances ?? []) ids.push(i.InstanceId ?? '');
    }
    expect([...ids].sort()).toEqual(ec2Ids((n) => n.tags['Env'] === 'prod'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers EC2 errors: combination, bounds, not found, malformed, unknown filter, dry run', async () => {
    const id = ec2Ids()[0] ?? '';
    const combo = await expectSdkError(c.ec2.send(new DescribeInstancesCommand({InstanceIds: [id], MaxResults: 10})), 'InvalidParameterCombination');
    expect(combo.message).toBe('The parameter instancesSet cannot be used with the parameter maxResults');
    const low = await expectSdkError(c.ec2.send(new DescribeInstancesCommand({MaxResults: 1})), 'InvalidParameterValue');
    expect(low.message).toBe('Value ( 1 ) for parameter maxResults is invalid. Expecting a value greater than 5.');
    await expectSdkError(c.ec2.send(new DescribeInstancesCommand({MaxResults: 1001})), 'InvalidParameterValue');
    const one = await expectSdkError(c.ec2.send(new DescribeInstancesCommand({InstanceIds: ['i-0123456789abcdef0']})), 'InvalidInstanceID.NotFound');
    expect(one.message).toBe("The instance ID 'i-0123456789abcdef0' does not exist");
    expect(one.$metadata?.httpStatusCode).toBe(400);
    const two = await expectSdkError(
      c.ec2.send(new DescribeInstancesCommand({InstanceIds: [id, 'i-0123456789abcdef0', 'i-0123456789abcdef1']})),
      'InvalidInstanceID.NotFound',
    );
    expect(two.message).toBe("The instance IDs 'i-0123456789abcdef0, i-0123456789abcdef1' do not exist");
    const hybrid = fleet.model.hybridNodes()[0]?.instanceId ?? '';
    const bad = await expectSdkError(c.ec2.send(new DescribeInstancesCommand({InstanceIds: [hybrid]})), 'InvalidInstanceID.Malformed');
    expect(bad.message).toBe(`Invalid id: "${hybrid}"`);
    await expectSdkError(c.ec2.send(new DescribeInstancesCommand({Filters: [{Name: 'flavour', Values: ['x']}]})), 'InvalidParameterValue');
    const dry = await expectSdkError(c.ec2.send(new DescribeInstancesCommand({DryRun: true})), 'DryRunOperation');
    expect(dry.$metadata?.httpStatusCode).toBe(412);
    await expectSdkError(c.ec2.send(new DescribeInstancesCommand({MaxResults: 5, NextToken: 'forged'})), 'InvalidPaginationToken');
  });

  it('answers InvalidAction for an unknown Action, checks Version', async () => {
    const unknown = await rawRequest(fleet, {body: 'Action=RebootEverything&Version=2016-11-15'});
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('<Code>InvalidAction</Code>');
    expect(unknown.text).toMatch(/<RequestID>[0-9a-f-]{36}<\/RequestID>/);
    const noVersion = await rawRequest(fleet, {body: 'Action=DescribeInstances'});
    expect(noVersion.text).toContain('<Code>MissingParameter</Code>');
    const ok = await rawRequest(fleet, {body: 'Action=DescribeTags&Version=2016-11-15&MaxResults=5'});
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<DescribeTagsResponse xmlns="http:\/\/ec2.amazonaws.com\/doc\/2016-11-15\/"><requestId>/);
  });
});

describe('DescribeTags', () => {
  const expectedTags = (test: (n: FleetNode, key: string, value: string) => boolean): string[] =>
    fleet.model
      .ec2Nodes()
      .flatMap((n) => Object.keys(n.tags).sort().filter((k) => test(n, k, n.tags[k] ?? '')).map((k) => `${n.instanceId}/${k}=${n.tags[k] ?? ''}`));

  async function tags(filters: Filter[] | undefined, pageSize = 50): Promise<string[]> {
    const out: string[] = [];
    for await (const page of paginateDescribeTags({client: c.ec2, pageSize}, {Filters: filters})) {
      for (const t of page.Tags ?? []) {
        expect(t.ResourceType).toBe('instance');
        out.push(`${t.ResourceId ?? ''}/${t.Key ?? ''}=${t.Value ?? ''}`);
      }
    }
    return out;
  }

  it('pages through every instance tag', async () => {
    expect(await tags(undefined, 37)).toEqual(expectedTags(() => true));
  });

  it.each<[string, Filter[], (n: FleetNode, k: string, v: string) => boolean]>([
    ['key', [{Name: 'key', Values: ['Team']}], (_n, k) => k === 'Team'],
    ['value', [{Name: 'value', Values: ['prod']}], (_n, _k, v) => v === 'prod'],
    ['resource-type', [{Name: 'resource-type', Values: ['instance']}], () => true],
    ['tag:<k>', [{Name: 'tag:Role', Values: ['db']}], (n) => n.tags['Role'] === 'db'],
    ['key + value', [{Name: 'key', Values: ['Env']}, {Name: 'value', Values: ['dev', 'staging']}], (_n, k, v) => k === 'Env' && v !== 'prod'],
  ])('filter %s', async (_name, filters, test) => {
    const expected = expectedTags(test);
    expect(expected.length).toBeGreaterThan(0);
    expect(await tags(filters)).toEqual(expected);
  });

  it('filters by several resource ids (a page of a fleet) and by an id pattern, in the answer\'s own order', async () => {
    const [a, b, c4] = [ec2Ids()[2] ?? '', ec2Ids()[9] ?? '', ec2Ids()[4] ?? ''];
    // Out of order, one twice, one unknown: each instance's tags once, ordered by resource id then key.
    expect(await tags([{Name: 'resource-id', Values: [b, a, 'i-00000000000000000', b]}, {Name: 'key', Values: ['Env', 'Name']}]))
      .toEqual(expectedTags((n, k) => [a, b].includes(n.instanceId) && ['Env', 'Name'].includes(k)));
    expect(await tags([{Name: 'resource-id', Values: [`${c4.slice(0, -1)}?`]}])).toEqual(expectedTags((n) => n.instanceId.startsWith(c4.slice(0, -1))));
  });

  it('filters by resource-id and checks MaxResults', async () => {
    const id = ec2Ids()[5] ?? '';
    const out = await c.ec2.send(new DescribeTagsCommand({Filters: [{Name: 'resource-id', Values: [id]}]}));
    expect(out.Tags?.map((t) => t.Key)).toEqual(Object.keys(fleet.model.get(id)?.tags ?? {}).sort());
    await expectSdkError(c.ec2.send(new DescribeTagsCommand({MaxResults: 2})), 'InvalidParameterValue');
  });
});
