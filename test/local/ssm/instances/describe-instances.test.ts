import {
  DescribeInstanceInformationCommand,
  ListTagsForResourceCommand,
  paginateDescribeInstanceInformation,
  type DescribeInstanceInformationCommandInput,
  type InstanceInformation,
} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {HOSTILE_NAME, isManaged, startLocalFleet, type FleetNode, type LocalFleet} from '../../../../src/local/index.js';
import {expectSdkError, fleetClients, type FleetClients} from '../../../helpers/fleet-clients.js';

let fleet: LocalFleet;
let c: FleetClients;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 120, seed: 'ssm-tests'});
  c = fleetClients(fleet);
});
afterAll(async () => {
  await fleet.close();
});

async function allIds(input: DescribeInstanceInformationCommandInput, pageSize = 50): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of paginateDescribeInstanceInformation({client: c.ssm, pageSize}, input)) {
    for (const i of page.InstanceInformationList ?? []) ids.push(i.InstanceId ?? '');
  }
  return ids;
}

const managedIds = (test: (n: FleetNode) => boolean = () => true): string[] =>
  fleet.model.all().filter((n) => isManaged(n) && test(n)).map((n) => n.instanceId);

describe('DescribeInstanceInformation pagination', () => {
  it('returns the whole managed fleet across pages, in a stable order, without duplicates', async () => {
    const ids = await allIds({}, 7);
    expect(ids).toEqual(managedIds());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThan(fleet.model.size); // stopped and terminated instances are never returned
    expect(await allIds({}, 50)).toEqual(ids);
  });

  it('defaults to pages of 10 and omits NextToken on the last page', async () => {
    const first = await c.ssm.send(new DescribeInstanceInformationCommand({}));
    expect(first.InstanceInformationList).toHaveLength(10);
    expect(first.NextToken).toBeTruthy();
    const small = await startLocalFleet({nodes: 3});
    try {
      const only = await fleetClients(small).ssm.send(new DescribeInstanceInformationCommand({}));
      expect(only.InstanceInformationList).toHaveLength(3);
      expect(only.NextToken).toBeUndefined();
    } finally {
      await small.close();
    }
  });

  it('rejects MaxResults outside 5–50 with the Coral ValidationException', async () => {
    const big = await expectSdkError(c.ssm.send(new DescribeInstanceInformationCommand({MaxResults: 100})), 'ValidationException');
    expect(big.message).toBe(
      "1 validation error detected: Value '100' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    expect(big.$metadata?.httpStatusCode).toBe(400);
    const small = await expectSdkError(c.ssm.send(new DescribeInstanceInformationCommand({MaxResults: 4})), 'ValidationException');
    expect(small.message).toContain("Value '4' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 5");
    const two = await expectSdkError(
      c.ssm.send(new DescribeInstanceInformationCommand({MaxResults: 51, Filters: [{Key: 'PingStatus', Values: []}]})),
      'ValidationException',
    );
    expect(two.message).toBe(
      "2 validation errors detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50; " +
        "Value '[]' at 'filters.1.member.values' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('rejects a garbage NextToken, an edited one, and one issued for other filters', async () => {
    await expectSdkError(c.ssm.send(new DescribeInstanceInformationCommand({NextToken: 'garbage'})), 'InvalidNextToken');
    const page = await c.ssm.send(new DescribeInstanceInformationCommand({MaxResults: 5}));
    const token = page.NextToken ?? '';
    const edited = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    await expectSdkError(c.ssm.send(new DescribeInstanceInformationCommand({NextToken: edited})), 'InvalidNextToken');
    await expectSdkError(
      c.ssm.send(new DescribeInstanceInformationCommand({NextToken: token, Filters: [{Key: 'PingStatus', Values: ['Online']}]})),
      'InvalidNextToken',
    );
  });
});

describe('DescribeInstanceInformation filters', () => {
  const some = (values: string[]): string[] => values.slice(0, 2);

  it.each([
    ['PingStatus', ['ConnectionLost'], (n: FleetNode) => n.pingStatus === 'ConnectionLost'],
    ['PlatformTypes', ['Windows'], (n: FleetNode) => n.platformType === 'Windows'],
    ['PlatformTypes', ['Linux', 'Windows'], () => true],
    ['ResourceType', ['ManagedInstance'], (n: FleetNode) => n.ec2 === undefined],
    ['ResourceType', ['EC2Instance'], (n: FleetNode) => n.ec2 !== undefined],
    ['AssociationStatus', ['Failed', 'Pending'], (n: FleetNode) => n.associationStatus !== 'Success'],
    ['SourceTypes', ['AWS::SSM::ManagedInstance'], (n: FleetNode) => n.ec2 === undefined],
    ['IamRole', ['SSMServiceRole'], (n: FleetNode) => n.iamRole === 'SSMServiceRole'],
  ] as const)('%s = %j', async (key, values, test) => {
    const expected = managedIds(test);
    expect(expected.length).toBeGreaterThan(0);
    expect(await allIds({Filters: [{Key: key, Values: [...values]}]})).toEqual(expected);
  });

  it('InstanceIds, AgentVersion, ActivationIds, SourceIds (values taken from the fleet)', async () => {
    const nodes = fleet.model.managed();
    const picked = some([nodes[3]?.instanceId ?? '', nodes[40]?.instanceId ?? '']);
    expect(await allIds({Filters: [{Key: 'InstanceIds', Values: picked}]})).toEqual([...picked].sort());
    expect(await allIds({Filters: [{Key: 'SourceIds', Values: picked}]})).toEqual([...picked].sort());
    const agent = nodes[0]?.agentVersion ?? '';
    expect(await allIds({Filters: [{Key: 'AgentVersion', Values: [agent]}]})).toEqual(managedIds((n) => n.agentVersion === agent));
    const activation = fleet.model.hybridNodes()[0]?.activationId ?? '';
    expect(await allIds({Filters: [{Key: 'ActivationIds', Values: [activation]}]})).toEqual(managedIds((n) => n.activationId === activation));
  });

  it('combines filters with AND and values with OR', async () => {
    const ids = await allIds({
      Filters: [
        {Key: 'PingStatus', Values: ['Online']},
        {Key: 'ResourceType', Values: ['EC2Instance']},
      ],
    });
    expect(ids).toEqual(managedIds((n) => n.pingStatus === 'Online' && n.ec2 !== undefined));
  });

  it('tag:<Key> and tag-key filters, several tag filters together', async () => {
    expect(await allIds({Filters: [{Key: 'tag:Env', Values: ['prod', 'dev']}]})).toEqual(
      managedIds((n) => n.tags['Env'] === 'prod' || n.tags['Env'] === 'dev'),
    );
    expect(await allIds({Filters: [{Key: 'tag-key', Values: ['CostCenter']}]})).toEqual(managedIds((n) => 'CostCenter' in n.tags));
    const both = await allIds({Filters: [{Key: 'tag:Env', Values: ['prod']}, {Key: 'tag:Role', Values: ['web']}]});
    expect(both).toEqual(managedIds((n) => n.tags['Env'] === 'prod' && n.tags['Role'] === 'web'));
    expect(both.length).toBeGreaterThan(0);
  });

  it('refuses to mix tag filters with other filter types', async () => {
    const err = await expectSdkError(
      c.ssm.send(new DescribeInstanceInformationCommand({Filters: [{Key: 'tag:Env', Values: ['prod']}, {Key: 'PingStatus', Values: ['Online']}]})),
      'ValidationException',
    );
    expect(err.message).toBe('Cannot mix tag or inventory filter with any other filter.');
  });

  it('supports the deprecated InstanceInformationFilterList, but not together with Filters', async () => {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await c.ssm.send(
        new DescribeInstanceInformationCommand({InstanceInformationFilterList: [{key: 'PingStatus', valueSet: ['ConnectionLost']}], NextToken: token}),
      );
      ids.push(...(page.InstanceInformationList ?? []).map((i) => i.InstanceId ?? ''));
      token = page.NextToken;
    } while (token !== undefined);
    expect(ids).toEqual(managedIds((n) => n.pingStatus === 'ConnectionLost'));
    const both = c.ssm.send(
      new DescribeInstanceInformationCommand({
        InstanceInformationFilterList: [{key: 'PingStatus', valueSet: ['Online']}],
        Filters: [{Key: 'PingStatus', Values: ['Online']}],
      }),
    );
    await expectSdkError(both, 'ValidationException');
  });

  it('answers InvalidFilterKey, InvalidInstanceInformationFilterValue and InvalidInstanceId', async () => {
    await expectSdkError(c.ssm.send(new DescribeInstanceInformationCommand({Filters: [{Key: 'Color', Values: ['red']}]})), 'InvalidFilterKey');
    const ping = await expectSdkError(
      c.ssm.send(new DescribeInstanceInformationCommand({Filters: [{Key: 'PingStatus', Values: ['Asleep']}]})),
      'InvalidInstanceInformationFilterValue',
    );
    expect(ping.message).toContain('PingStatus filter is invalid');
    const rt = await expectSdkError(
      c.ssm.send(new DescribeInstanceInformationCommand({Filters: [{Key: 'ResourceType', Values: ['EC2Instance', 'ManagedInstance']}]})),
      'InvalidInstanceInformationFilterValue',
    );
    expect(rt.message).toBe('ResourceType filter may contain only one value.');
    const unknown = await expectSdkError(
      c.ssm.send(new DescribeInstanceInformationCommand({Filters: [{Key: 'InstanceIds', Values: ['i-0000000000000000f']}]})),
      'InvalidInstanceId',
    );
    expect(unknown.message).toContain('i-0000000000000000f');
  });

  it('never returns stopped or terminated instances, even by id', async () => {
    const hidden = fleet.model.ec2Nodes().filter((n) => !isManaged(n));
    expect(hidden.map((n) => n.ec2?.state)).toEqual(expect.arrayContaining(['stopped', 'terminated']));
    const ids = await allIds({Filters: [{Key: 'InstanceIds', Values: hidden.map((n) => n.instanceId)}]});
    expect(ids).toEqual([]);
  });
});

describe('DescribeInstanceInformation output', () => {
  it('reports every member as SSM does, hybrid Name included, hostile text intact', async () => {
    const list: InstanceInformation[] = [];
    for await (const page of paginateDescribeInstanceInformation({client: c.ssm, pageSize: 50}, {})) list.push(...(page.InstanceInformationList ?? []));
    const hostile = list.find((i) => i.Name === HOSTILE_NAME);
    expect(hostile?.InstanceId).toMatch(/^mi-/);
    const ec2 = list.find((i) => i.ResourceType === 'EC2Instance' && i.PlatformType === 'Linux');
    const node = fleet.model.get(ec2?.InstanceId ?? '') as FleetNode;
    expect(ec2).toMatchObject({
      PingStatus: node.pingStatus,
      AgentVersion: node.agentVersion,
      IsLatestVersion: node.isLatestVersion,
      PlatformName: node.platformName,
      PlatformVersion: node.platformVersion,
      IPAddress: node.ipAddress,
      ComputerName: node.computerName,
      AssociationStatus: node.associationStatus,
      SourceId: node.instanceId,
      SourceType: 'AWS::EC2::Instance',
    });
    expect(ec2?.Name).toBeUndefined();
    expect(ec2?.LastPingDateTime?.getTime()).toBe(node.lastPingAt);
    const windows = list.find((i) => i.PlatformType === 'Windows');
    expect(windows?.IsLatestVersion).toBeUndefined();
    const hybrid = list.find((i) => i.ResourceType === 'ManagedInstance' && i.Name !== HOSTILE_NAME);
    expect(hybrid?.RegistrationDate).toBeInstanceOf(Date);
    expect(hybrid?.ActivationId).toBeTruthy();
    expect(hybrid?.AssociationOverview?.InstanceAssociationStatusAggregatedCount).toBeTruthy();
  });

  it('reflects model mutations on the next request', async () => {
    const node = fleet.model.managed().find((n) => n.pingStatus === 'Online') as FleetNode;
    fleet.model.setPingStatus(node.instanceId, 'ConnectionLost');
    try {
      const lost = await allIds({Filters: [{Key: 'PingStatus', Values: ['ConnectionLost']}]});
      expect(lost).toContain(node.instanceId);
    } finally {
      fleet.model.setPingStatus(node.instanceId, 'Online');
    }
  });
});

describe('ListTagsForResource', () => {
  it('lists a hybrid node’s tags', async () => {
    const node = fleet.model.hybridNodes().find((n) => n.name !== HOSTILE_NAME) as FleetNode;
    const out = await c.ssm.send(new ListTagsForResourceCommand({ResourceType: 'ManagedInstance', ResourceId: node.instanceId}));
    expect(out.TagList).toEqual(Object.entries(node.tags).map(([Key, Value]) => ({Key, Value})));
  });

  it('refuses EC2 instances, unknown ids and other resource types', async () => {
    const ec2 = fleet.model.ec2Nodes()[0] as FleetNode;
    await expectSdkError(c.ssm.send(new ListTagsForResourceCommand({ResourceType: 'ManagedInstance', ResourceId: ec2.instanceId})), 'InvalidResourceId');
    await expectSdkError(c.ssm.send(new ListTagsForResourceCommand({ResourceType: 'ManagedInstance', ResourceId: 'mi-0123456789abcdef0'})), 'InvalidResourceId');
    await expectSdkError(c.ssm.send(new ListTagsForResourceCommand({ResourceType: 'Document', ResourceId: 'AWS-RunShellScript'})), 'InvalidResourceType');
  });
});
