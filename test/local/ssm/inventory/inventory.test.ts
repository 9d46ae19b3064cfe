import os from 'node:os';
import {
  DescribeInstancePatchesCommand,
  GetInventoryCommand,
  GetInventorySchemaCommand,
  ListInventoryEntriesCommand,
  paginateGetInventory,
  paginateGetInventorySchema,
  type GetInventoryCommandInput,
  type InventoryResultEntity,
} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {LATEST_AGENT_VERSION, startLocalFleet, type FleetNode, type LocalFleet} from '../../../../src/local/index.js';
import {hostNodeId} from '../../../../src/local/ssm/inventory/inventory-data.js';
import {expectSdkError, fleetClients, type FleetClients} from '../../../helpers/fleet-clients.js';

let fleet: LocalFleet;
let c: FleetClients;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 120, seed: 'inventory-tests'});
  c = fleetClients(fleet);
});
afterAll(async () => {
  await fleet.close();
});

async function allEntities(input: GetInventoryCommandInput, pageSize = 50): Promise<InventoryResultEntity[]> {
  const out: InventoryResultEntity[] = [];
  for await (const page of paginateGetInventory({client: c.ssm, pageSize}, input)) out.push(...(page.Entities ?? []));
  return out;
}

const ids = (entities: readonly InventoryResultEntity[]): string[] => entities.map((e) => e.Id ?? '');
/** Inventory covers the nodes DescribeInstanceInformation lists. */
const nodeIds = (test: (n: FleetNode) => boolean = () => true): string[] => fleet.model.managed().filter(test).map((n) => n.instanceId);

async function entries(instanceId: string, typeName: string, filters?: {Key: string; Values: string[]; Type?: 'Equal' | 'NotEqual' | 'BeginWith' | 'LessThan' | 'GreaterThan' | 'Exists'}[]): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  let token: string | undefined;
  do {
    const page = await c.ssm.send(new ListInventoryEntriesCommand({InstanceId: instanceId, TypeName: typeName, Filters: filters, MaxResults: 7, NextToken: token}));
    out.push(...(page.Entries ?? []));
    token = page.NextToken;
  } while (token !== undefined);
  return out;
}

const firstLinuxEc2 = (): FleetNode => {
  const host = hostNodeId(fleet.model);
  const node = fleet.model.all().find((n) => n.platformType === 'Linux' && n.ec2?.state === 'running' && n.instanceId !== host && n.tags['Role'] === 'web');
  if (node === undefined) throw new Error('fixture: no running Linux web node');
  return node;
};

describe('GetInventory', () => {
  it('pages through every listed node (not stopped or terminated instances), with AWS:InstanceInformation by default', async () => {
    const all = await allEntities({}, 17);
    expect(ids(all)).toEqual(nodeIds());
    expect(all.length).toBeLessThan(fleet.model.size);
    const statuses = new Set(all.map((e) => e.Data?.['AWS:InstanceInformation']?.Content?.[0]?.['InstanceStatus']));
    expect(statuses.has('Active')).toBe(true);
    expect(statuses.has('Terminated')).toBe(false);
    const first = all[0]?.Data?.['AWS:InstanceInformation'];
    expect(Object.keys(all[0]?.Data ?? {})).toEqual(['AWS:InstanceInformation']);
    expect(first?.TypeName).toBe('AWS:InstanceInformation');
    expect(first?.SchemaVersion).toBe('1.0');
    expect(first?.CaptureTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(first?.ContentHash).toMatch(/^[0-9a-f]{32}$/);
    const node = fleet.model.get(all[0]?.Id ?? '');
    expect(first?.Content?.[0]).toMatchObject({AgentType: 'amazon-ssm-agent', InstanceId: node?.instanceId, AgentVersion: node?.agentVersion, IpAddress: node?.ipAddress});
  });

  it('defaults to pages of 50 and rejects MaxResults outside 1–50 and foreign tokens', async () => {
    const page = await c.ssm.send(new GetInventoryCommand({}));
    expect(page.Entities).toHaveLength(50);
    expect(page.NextToken).toBeTruthy();
    const big = await expectSdkError(c.ssm.send(new GetInventoryCommand({MaxResults: 51})), 'ValidationException');
    expect(big.message).toBe("1 validation error detected: Value '51' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50");
    await expectSdkError(c.ssm.send(new GetInventoryCommand({MaxResults: 0})), 'ValidationException');
    await expectSdkError(c.ssm.send(new GetInventoryCommand({NextToken: 'bm90IGEgdG9rZW4gYXQgYWxsIQ=='})), 'InvalidNextToken');
    const other = await c.ssm.send(new GetInventoryCommand({MaxResults: 2, Filters: [{Key: 'AWS:InstanceInformation.PlatformType', Values: ['Linux']}]}));
    await expectSdkError(c.ssm.send(new GetInventoryCommand({NextToken: other.NextToken})), 'InvalidNextToken');
  });

  it('filters with Equal, NotEqual and BeginWith on instance information', async () => {
    const windows = await allEntities({Filters: [{Key: 'AWS:InstanceInformation.PlatformType', Values: ['Windows'], Type: 'Equal'}]});
    expect(ids(windows)).toEqual(nodeIds((n) => n.platformType === 'Windows'));
    expect(windows.length).toBeGreaterThan(0);
    const notLinux = await allEntities({Filters: [{Key: 'AWS:InstanceInformation.PlatformType', Values: ['Linux'], Type: 'NotEqual'}]});
    expect(ids(notLinux)).toEqual(ids(windows));
    const amazon = await allEntities({Filters: [{Key: 'AWS:InstanceInformation.PlatformName', Values: ['Amazon'], Type: 'BeginWith'}]});
    expect(ids(amazon)).toEqual(nodeIds((n) => n.platformName.startsWith('Amazon')));
    const stopped = await allEntities({Filters: [{Key: 'AWS:InstanceInformation.InstanceStatus', Values: ['Stopped', 'Terminated']}]});
    expect(ids(stopped)).toEqual(nodeIds((n) => n.ec2?.state === 'stopping'));
  });

  it('compares versions segment by segment for LessThan and GreaterThan (3.3.1345.0 > 3.3.987.0)', async () => {
    const newer = await allEntities({Filters: [{Key: 'AWS:InstanceInformation.AgentVersion', Values: ['3.3.1000.0'], Type: 'GreaterThan'}]});
    expect(ids(newer)).toEqual(nodeIds((n) => n.agentVersion === LATEST_AGENT_VERSION));
    const older = await allEntities({Filters: [{Key: 'AWS:InstanceInformation.AgentVersion', Values: ['3.3.1000.0'], Type: 'LessThan'}]});
    expect(ids(older)).toEqual(nodeIds((n) => n.agentVersion !== LATEST_AGENT_VERSION));
    expect(older.length).toBeGreaterThan(0);
  });

  it('filters on installed software: filters on one type must hold for the same row', async () => {
    const nginx = await allEntities({Filters: [{Key: 'AWS:Application.Name', Values: ['nginx']}]});
    expect(nginx.length).toBeGreaterThan(0);
    for (const id of ids(nginx)) expect(fleet.model.get(id)?.tags['Role']).toBe('web');
    // The same node set through ListInventoryEntries.
    const sample = ids(nginx)[0] ?? '';
    expect((await entries(sample, 'AWS:Application', [{Key: 'Name', Values: ['nginx']}])).length).toBe(1);
    // Name=openssl AND Version<3.0.8 on one row: no AL2023 node (their openssl is 3.0.8) qualifies.
    const oldSsl = await allEntities({
      Filters: [
        {Key: 'AWS:Application.Name', Values: ['openssl']},
        {Key: 'AWS:Application.Version', Values: ['3.0.8'], Type: 'LessThan'},
      ],
    });
    expect(oldSsl.length).toBeGreaterThan(0);
    for (const id of ids(oldSsl)) {
      const ssl = (await entries(id, 'AWS:Application', [{Key: 'Name', Values: ['openssl']}]))[0];
      expect(ssl?.['Version']).toMatch(/^(1\.0\.2k|3\.0\.[2-7])$/);
    }
    expect(ids(oldSsl).every((id) => fleet.model.get(id)?.platformVersion !== '2023')).toBe(true);
  });

  it('returns another inventory type with ResultAttributes, only for nodes that report it', async () => {
    const apps = await allEntities({ResultAttributes: [{TypeName: 'AWS:Application'}]});
    expect(apps.length).toBeGreaterThan(0);
    expect(apps.length).toBeLessThan(fleet.model.size); // a few nodes have no inventory association
    for (const e of apps) {
      expect(Object.keys(e.Data ?? {})).toEqual(['AWS:Application']);
      const node = fleet.model.get(e.Id ?? '');
      const content = e.Data?.['AWS:Application']?.Content ?? [];
      if (e.Id === hostNodeId(fleet.model)) continue;
      const agent = content.find((r) => r['Name'] === 'amazon-ssm-agent' || r['Name'] === 'Amazon SSM Agent');
      expect(agent?.['Version'], e.Id).toBe(node?.agentVersion);
    }
  });

  it('aggregates counts, nested aggregators per row, and groups', async () => {
    const byPlatform = await c.ssm.send(new GetInventoryCommand({Aggregators: [{Expression: 'AWS:InstanceInformation.PlatformType'}]}));
    expect(byPlatform.NextToken).toBeUndefined();
    const rows = byPlatform.Entities?.[0]?.Data?.['AWS:InstanceInformation']?.Content ?? [];
    const windows = fleet.model.managed().filter((n) => n.platformType === 'Windows').length;
    expect(rows).toEqual([
      {PlatformType: 'Linux', Count: String(fleet.model.managed().length - windows)},
      {PlatformType: 'Windows', Count: String(windows)},
    ]);
    const nested = await c.ssm.send(new GetInventoryCommand({
      Filters: [{Key: 'AWS:Application.Name', Values: ['openssh-server']}],
      Aggregators: [{Expression: 'AWS:Application.Name', Aggregators: [{Expression: 'AWS:Application.Version'}]}],
    }));
    const ssh = (nested.Entities?.[0]?.Data?.['AWS:Application']?.Content ?? []).filter((r) => r['Name'] === 'openssh-server');
    expect(new Set(ssh.map((r) => r['Version'])).size).toBeGreaterThan(2); // versions differ across the fleet
    for (const r of ssh) expect(r['Version']).toMatch(/^\d+\.\d+p1$/);
    const groups = await c.ssm.send(new GetInventoryCommand({
      Aggregators: [{
        Expression: 'AWS:Application.Name',
        Groups: [
          {Name: 'InstancesWithSSMAgent', Filters: [{Key: 'AWS:Application.Name', Values: ['amazon-ssm-agent']}]},
          {Name: 'InstancesWithoutSSMAgent', Filters: [{Key: 'AWS:Application.Name', Values: ['amazon-ssm-agent'], Type: 'NotEqual'}]},
        ],
      }],
    }));
    const data = groups.Entities?.[0]?.Data ?? {};
    const withAgent = Number(data['InstancesWithSSMAgent']?.Content?.[0]?.['Count']);
    const without = Number(data['InstancesWithoutSSMAgent']?.Content?.[0]?.['Count']);
    const reporting = (await allEntities({ResultAttributes: [{TypeName: 'AWS:Application'}]})).length;
    expect(withAgent).toBeGreaterThan(0);
    expect(without).toBeGreaterThan(0);
    expect(withAgent + without).toBe(reporting);
  });

  it('answers InvalidFilter, InvalidAggregatorException, InvalidInventoryGroupException and InvalidResultAttributeException', async () => {
    await expectSdkError(c.ssm.send(new GetInventoryCommand({Filters: [{Key: 'PlatformType', Values: ['Linux']}]})), 'InvalidFilter');
    await expectSdkError(c.ssm.send(new GetInventoryCommand({Filters: [{Key: 'AWS:Application.Colour', Values: ['x']}]})), 'InvalidFilter');
    await expectSdkError(c.ssm.send(new GetInventoryCommand({Filters: [{Key: 'AWS:Application.Name', Values: ['x'], Type: 'Exists'}]})), 'InvalidFilter');
    await expectSdkError(c.ssm.send(new GetInventoryCommand({Aggregators: [{Expression: 'AWS:Nope.Name'}]})), 'InvalidAggregatorException');
    await expectSdkError(c.ssm.send(new GetInventoryCommand({Aggregators: [{Expression: 'AWS:Application.Name', Aggregators: [{}]}]})), 'InvalidAggregatorException');
    await expectSdkError(c.ssm.send(new GetInventoryCommand({
      Aggregators: [{Expression: 'AWS:Application.Name', Groups: [
        {Name: 'same', Filters: [{Key: 'AWS:Application.Name', Values: ['a']}]},
        {Name: 'same', Filters: [{Key: 'AWS:Application.Name', Values: ['b']}]},
      ]}],
    })), 'InvalidInventoryGroupException');
    await expectSdkError(c.ssm.send(new GetInventoryCommand({ResultAttributes: [{TypeName: 'AWS:Nope'}]})), 'InvalidResultAttributeException');
    const two = await expectSdkError(c.ssm.send(new GetInventoryCommand({ResultAttributes: [{TypeName: 'AWS:Application'}, {TypeName: 'AWS:Network'}]})), 'ValidationException');
    expect(two.message).toContain("at 'resultAttributes' failed to satisfy constraint: Member must have length less than or equal to 1");
    const exists = await c.ssm.send(new GetInventoryCommand({
      Filters: [{Key: 'AWS:Application.Name', Values: ['nginx'], Type: 'Exists'}],
      Aggregators: [{Expression: 'AWS:InstanceInformation.PlatformType'}],
    }));
    expect(exists.Entities?.[0]?.Data?.['AWS:InstanceInformation']?.Content?.length).toBeGreaterThan(0);
  });
});

describe('ListInventoryEntries', () => {
  it('lists a node\'s packages, network and services, pages them and filters them', async () => {
    const node = firstLinuxEc2();
    const first = await c.ssm.send(new ListInventoryEntriesCommand({InstanceId: node.instanceId, TypeName: 'AWS:Application', MaxResults: 3}));
    expect(first).toMatchObject({TypeName: 'AWS:Application', InstanceId: node.instanceId, SchemaVersion: '1.1'});
    expect(first.CaptureTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(first.Entries).toHaveLength(3);
    expect(first.NextToken).toBeTruthy();
    const apps = await entries(node.instanceId, 'AWS:Application');
    expect(apps.slice(0, 3)).toEqual(first.Entries);
    const names = apps.map((a) => a['Name']);
    expect(names).toEqual(expect.arrayContaining(['bash', 'openssl', 'amazon-ssm-agent', 'nginx']));
    expect(new Set(names).size).toBe(names.length);
    for (const a of apps) expect(a['InstalledTime']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(await entries(node.instanceId, 'AWS:Application', [{Key: 'Name', Values: ['open'], Type: 'BeginWith'}])).toEqual(
      apps.filter((a) => a['Name']?.startsWith('open')),
    );
    const net = await entries(node.instanceId, 'AWS:Network');
    expect(net[0]?.['IPV4']).toBe(node.ipAddress);
    expect(net[0]?.['MacAddress']).toMatch(/^0a(:[0-9a-f]{2}){5}$/);
    const services = await entries(node.instanceId, 'AWS:Service');
    expect(services.find((s) => s['Name'] === 'amazon-ssm-agent' || s['Name'] === 'snap.amazon-ssm-agent.amazon-ssm-agent')?.['Status']).toBe('Running');
    const cpu = await entries(node.instanceId, 'AWS:InstanceDetailedInformation');
    expect(cpu).toHaveLength(1);
    expect(Number(cpu[0]?.['CPUs'])).toBeGreaterThanOrEqual(2);
    const info = await entries(node.instanceId, 'AWS:InstanceInformation');
    expect(info).toEqual([expect.objectContaining({InstanceId: node.instanceId, InstanceStatus: 'Active', AgentVersion: node.agentVersion})]);
  });

  it('follows the node: the agent package tracks a changed agent version', async () => {
    const node = firstLinuxEc2();
    const before = node.agentVersion;
    fleet.model.setAgentVersion(node.instanceId, '3.3.2000.0', true);
    try {
      const agent = await entries(node.instanceId, 'AWS:Application', [{Key: 'AWS:Application.Name', Values: ['amazon-ssm-agent']}]);
      expect(agent.map((a) => a['Version'])).toEqual(['3.3.2000.0']);
    } finally {
      fleet.model.setAgentVersion(node.instanceId, before, before === LATEST_AGENT_VERSION);
    }
  });

  it('validates the instance, the type name and the filters', async () => {
    const node = firstLinuxEc2();
    const missing = await expectSdkError(c.ssm.send(new ListInventoryEntriesCommand({InstanceId: node.instanceId, TypeName: undefined as unknown as string})), 'ValidationException');
    expect(missing.message).toContain("Value null at 'typeName' failed to satisfy constraint: Member must not be null");
    await expectSdkError(c.ssm.send(new ListInventoryEntriesCommand({InstanceId: node.instanceId, TypeName: 'Application'})), 'ValidationException');
    await expectSdkError(c.ssm.send(new ListInventoryEntriesCommand({InstanceId: node.instanceId, TypeName: 'AWS:Nope'})), 'InvalidTypeNameException');
    await expectSdkError(c.ssm.send(new ListInventoryEntriesCommand({InstanceId: 'i-0123456789abcdef0', TypeName: 'AWS:Application'})), 'InvalidInstanceId');
    await expectSdkError(c.ssm.send(new ListInventoryEntriesCommand({InstanceId: node.instanceId, TypeName: 'AWS:Application', Filters: [{Key: 'Colour', Values: ['x']}]})), 'InvalidFilter');
    await expectSdkError(c.ssm.send(new ListInventoryEntriesCommand({InstanceId: node.instanceId, TypeName: 'AWS:Application', MaxResults: 51})), 'ValidationException');
    const custom = await c.ssm.send(new ListInventoryEntriesCommand({InstanceId: node.instanceId, TypeName: 'Custom:Nothing'}));
    expect(custom.Entries).toEqual([]);
  });
});

describe('the host node', () => {
  it('reports this machine\'s real Debian packages, interfaces and CPU', async () => {
    const host = hostNodeId(fleet.model);
    expect(host).toBeDefined();
    const id = host ?? '';
    const bash = await entries(id, 'AWS:Application', [{Key: 'Name', Values: ['bash', 'coreutils']}]);
    expect(bash.map((r) => r['Name'])).toEqual(['bash', 'coreutils']);
    expect(bash[0]?.['PackageId']).toMatch(/^bash_.+_(amd64|arm64|[a-z0-9]+)\.deb$/);
    expect(bash[0]?.['Architecture']).not.toBe('');
    const all = await entries(id, 'AWS:Application');
    expect(all.length).toBeGreaterThan(20);
    const net = await entries(id, 'AWS:Network');
    const external = Object.entries(os.networkInterfaces()).filter(([, a]) => (a ?? []).some((x) => !x.internal)).map(([n]) => n).sort();
    expect(net.map((r) => r['Name'])).toEqual(external.length > 0 ? external : Object.keys(os.networkInterfaces()).sort());
    const cpu = await entries(id, 'AWS:InstanceDetailedInformation');
    expect(cpu[0]?.['CPUs']).toBe(String(os.cpus().length));
    // Patch compliance follows the real packages: installed at their real version, nothing missing.
    const patches = (await c.ssm.send(new DescribeInstancePatchesCommand({InstanceId: id, MaxResults: 100}))).Patches ?? [];
    const bashPatch = patches.find((p) => p.KBId?.startsWith('bash.'));
    expect(bashPatch?.State).toBe('INSTALLED');
    expect(bashPatch?.Title).toContain(`:${bash[0]?.['Version'] ?? '?'}-`);
    expect(patches.filter((p) => p.State === 'MISSING' || p.State === 'FAILED')).toEqual([]);
  });
});

describe('GetInventorySchema', () => {
  it('lists the types with uppercase STRING attributes and pages them', async () => {
    const schemas = [];
    for await (const page of paginateGetInventorySchema({client: c.ssm, pageSize: 50}, {})) schemas.push(...(page.Schemas ?? []));
    const app = schemas.find((s) => s.TypeName === 'AWS:Application');
    expect(app?.Version).toBe('1.1');
    expect(app?.Attributes).toContainEqual({Name: 'PackageId', DataType: 'STRING'});
    expect(schemas.find((s) => s.TypeName === 'AWS:PatchSummary')?.Attributes).toContainEqual({Name: 'MissingCount', DataType: 'NUMBER'});
    const one = await c.ssm.send(new GetInventorySchemaCommand({TypeName: 'AWS:Network'}));
    expect(one.Schemas?.map((s) => s.TypeName)).toEqual(['AWS:Network']);
    const served = await c.ssm.send(new GetInventorySchemaCommand({Aggregator: true}));
    expect(served.Schemas?.map((s) => s.TypeName)).toContain('AWS:InstanceInformation');
    expect(served.Schemas?.map((s) => s.TypeName)).not.toContain('AWS:File');
  });

  it('rejects MaxResults below 50 and unknown types', async () => {
    const small = await expectSdkError(c.ssm.send(new GetInventorySchemaCommand({MaxResults: 10})), 'ValidationException');
    expect(small.message).toContain('Member must have value greater than or equal to 50');
    await expectSdkError(c.ssm.send(new GetInventorySchemaCommand({MaxResults: 201})), 'ValidationException');
    await expectSdkError(c.ssm.send(new GetInventorySchemaCommand({TypeName: 'AWS:Nope'})), 'InvalidTypeNameException');
  });
});

describe('determinism', () => {
  it('the same seed serves the same packages; another seed differs', async () => {
    const twin = await startLocalFleet({nodes: 120, seed: 'inventory-tests'});
    const other = await startLocalFleet({nodes: 120, seed: 'inventory-tests-2'});
    try {
      const strip = (rows: readonly Record<string, string>[]): string[] => rows.map((r) => `${r['Name']}=${r['Version']}-${r['Release']}`);
      const read = async (f: LocalFleet): Promise<string[][]> => {
        const res = await fleetClients(f).ssm.send(new GetInventoryCommand({ResultAttributes: [{TypeName: 'AWS:Application'}], MaxResults: 20}));
        return (res.Entities ?? []).map((e) => [e.Id ?? '', ...strip(e.Data?.['AWS:Application']?.Content ?? [])]);
      };
      const a = await read(fleet);
      expect(await read(twin)).toEqual(a);
      expect(await read(other)).not.toEqual(a);
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });
});
