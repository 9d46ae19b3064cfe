// ListNodes and ListNodesSummary through the real SDK: the calling partition's nodes, or every account and region a
// resource data sync reads, with Owner.AccountId and Region on each node, filters and pages.
import {
  CreateResourceDataSyncCommand, ListNodesCommand, ListNodesSummaryCommand,
  paginateListNodes, type ListNodesCommandInput, type Node, type SSMClient,
} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import type {LocalPartition} from '../../../../src/local/index.js';
import {useLocalFleet} from '../../../helpers/local-fleet.js';
import {expectSdkError, fleetClients} from '../../../helpers/fleet-clients.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const local = useLocalFleet({nodes: 20, seed: 'org-nodes', accounts: 3, regions: REGIONS});
const SYNC = 'AWS-QuickSetup-ManagedNode';

const ssmOf = (p: LocalPartition): SSMClient => fleetClients(local.fleet, {credentials: p.credentials, region: p.region}).ssm;
const first = (): LocalPartition => local.fleet.partitions[0] as LocalPartition;

async function allNodes(ssm: SSMClient, input: ListNodesCommandInput, pageSize?: number): Promise<Node[]> {
  const out: Node[] = [];
  for await (const page of paginateListNodes({client: ssm, ...(pageSize === undefined ? {} : {pageSize})}, input)) out.push(...(page.Nodes ?? []));
  return out;
}

describe('ListNodes', () => {
  it('without a SyncName lists the calling partition\'s managed nodes only', async () => {
    const p = local.fleet.partitions[3] as LocalPartition;
    const nodes = await allNodes(ssmOf(p), {});
    expect(nodes.map((n) => n.Id)).toEqual(p.model.managed().map((n) => n.instanceId));
    expect(new Set(nodes.map((n) => `${n.Owner?.AccountId}:${n.Region}`))).toEqual(new Set([`${p.accountId}:${p.region}`]));
  });

  it('with the organisation\'s sync lists every account and region, each node with its account and region', async () => {
    const nodes = await allNodes(ssmOf(first()), {SyncName: SYNC}, 50);
    const expected = local.fleet.partitions.flatMap((p) => p.model.managed().map((n) => `${p.accountId}:${p.region}:${n.instanceId}`));
    expect(nodes.map((n) => `${n.Owner?.AccountId}:${n.Region}:${n.Id}`)).toEqual(expected);
    const sample = nodes.find((n) => n.NodeType?.Instance?.ResourceType === 'EC2Instance');
    expect(sample?.NodeType?.Instance).toMatchObject({AgentType: 'amazon-ssm-agent', ManagedStatus: 'Managed', PlatformType: expect.any(String)});
    expect(sample?.CaptureTime).toBeInstanceOf(Date);
  });

  it('pages of MaxResults follow NextToken to the same list', async () => {
    const ssm = ssmOf(first());
    const paged = await allNodes(ssm, {SyncName: SYNC}, 7);
    const whole = await allNodes(ssm, {SyncName: SYNC}, 50);
    expect(paged.map((n) => n.Id)).toEqual(whole.map((n) => n.Id));
    const one = await ssm.send(new ListNodesCommand({SyncName: SYNC, MaxResults: 7}));
    expect(one.Nodes).toHaveLength(7);
    expect(one.NextToken).toBeTruthy();
    await expectSdkError(ssm.send(new ListNodesCommand({SyncName: SYNC, MaxResults: 51})), 'ValidationException');
    await expectSdkError(ssm.send(new ListNodesCommand({SyncName: SYNC, NextToken: 'forged'})), 'InvalidNextToken');
  });

  it('filters by account, region, platform and id prefix (Equal, NotEqual, BeginWith, ANDed)', async () => {
    const ssm = ssmOf(first());
    const second = local.fleet.partitions[2] as LocalPartition;
    const inEu = await allNodes(ssm, {SyncName: SYNC, Filters: [{Key: 'AccountId', Values: [second.accountId]}, {Key: 'Region', Values: ['eu-west-1']}]});
    const euPart = local.fleet.partitions.find((p) => p.accountId === second.accountId && p.region === 'eu-west-1');
    expect(inEu.map((n) => n.Id)).toEqual(euPart?.model.managed().map((n) => n.instanceId));
    const notLinux = await allNodes(ssm, {SyncName: SYNC, Filters: [{Key: 'PlatformType', Values: ['Linux'], Type: 'NotEqual'}]});
    expect(notLinux.length).toBeGreaterThan(0);
    expect(notLinux.every((n) => n.NodeType?.Instance?.PlatformType !== 'Linux')).toBe(true);
    const hybrid = await allNodes(ssm, {SyncName: SYNC, Filters: [{Key: 'InstanceId', Values: ['mi-'], Type: 'BeginWith'}]});
    expect(hybrid.length).toBe(local.fleet.partitions.reduce((n, p) => n + p.model.managed().filter((x) => x.instanceId.startsWith('mi-')).length, 0));
    await expectSdkError(ssm.send(new ListNodesCommand({Filters: [{Key: 'Colour' as 'Region', Values: ['x']}]})), 'ValidationException');
  });

  it('a sync that does not exist in the calling account is ResourceDataSyncNotFoundException', async () => {
    await expectSdkError(ssmOf(local.fleet.partitions[2] as LocalPartition).send(new ListNodesCommand({SyncName: SYNC})), 'ResourceDataSyncNotFoundException');
  });

  it('a single-account sync reads that account\'s regions only', async () => {
    const p = local.fleet.partitions[2] as LocalPartition;
    const ssm = ssmOf(p);
    await ssm.send(new CreateResourceDataSyncCommand({SyncName: 'mine', SyncType: 'SyncFromSource', SyncSource: {SourceType: 'SingleAccountMultiRegions', SourceRegions: REGIONS}}));
    const nodes = await allNodes(ssm, {SyncName: 'mine'});
    expect(new Set(nodes.map((n) => `${n.Owner?.AccountId}:${n.Region}`))).toEqual(new Set(REGIONS.map((r) => `${p.accountId}:${r}`)));
  });
});

describe('ListNodesSummary', () => {
  it('counts nodes by an attribute, and by two with a nested aggregator', async () => {
    const ssm = ssmOf(first());
    const byRegion = await ssm.send(new ListNodesSummaryCommand({SyncName: SYNC, Aggregators: [{AggregatorType: 'Count', TypeName: 'Instance', AttributeName: 'Region'}]}));
    const count = (region: string): number => local.fleet.partitions.filter((p) => p.region === region).reduce((n, p) => n + p.model.managed().length, 0);
    expect(byRegion.Summary).toEqual(REGIONS.map((r) => ({Region: r, Count: String(count(r))})).sort((a, b) => a.Region.localeCompare(b.Region)));
    const nested = await ssm.send(new ListNodesSummaryCommand({SyncName: SYNC, Aggregators: [{
      AggregatorType: 'Count', TypeName: 'Instance', AttributeName: 'Region',
      Aggregators: [{AggregatorType: 'Count', TypeName: 'Instance', AttributeName: 'PlatformType'}],
    }]}));
    const rows = nested.Summary ?? [];
    expect(rows.every((r) => r['Region'] !== undefined && r['PlatformType'] !== undefined)).toBe(true);
    expect(rows.filter((r) => r['Region'] === 'eu-west-1').reduce((n, r) => n + Number(r['Count']), 0)).toBe(count('eu-west-1'));
    await expectSdkError(ssm.send(new ListNodesSummaryCommand({Aggregators: []})), 'ValidationException');
  });
});
