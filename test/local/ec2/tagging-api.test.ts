import {GetResourcesCommand, type GetResourcesCommandInput, type ResourceTagMapping} from '@aws-sdk/client-resource-groups-tagging-api';
import {ListTagsForResourceCommand} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type FleetNode, type LocalFleet} from '../../../src/local/index.js';
import {expectSdkError, fleetClients, type FleetClients} from '../../helpers/fleet-clients.js';

let fleet: LocalFleet;
let c: FleetClients;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 200, seed: 'tagging-tests', region: 'eu-central-1'});
  c = fleetClients(fleet);
});
afterAll(async () => {
  await fleet.close();
});

/** Follows PaginationToken by hand, as the real API ends with an empty-string token. */
async function collect(input: GetResourcesCommandInput): Promise<{list: ResourceTagMapping[]; pages: number; lastToken: string | undefined}> {
  const list: ResourceTagMapping[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const out = await c.tagging.send(new GetResourcesCommand({...input, PaginationToken: token}));
    list.push(...(out.ResourceTagMappingList ?? []));
    token = out.PaginationToken;
    pages++;
  } while (token !== undefined && token !== '');
  return {list, pages, lastToken: token};
}

const toRecord = (m: ResourceTagMapping): Record<string, string> =>
  Object.fromEntries((m.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));

describe('GetResources', () => {
  it('returns every hybrid node with its tags as ssm:managed-instance ARNs, in pages, ending with an empty token', async () => {
    const {list, pages, lastToken} = await collect({ResourceTypeFilters: ['ssm:managed-instance'], ResourcesPerPage: 7});
    const hybrids = fleet.model.hybridNodes();
    expect(list.map((m) => m.ResourceARN)).toEqual(
      hybrids.map((n) => `arn:aws:ssm:eu-central-1:${fleet.model.accountId}:managed-instance/${n.instanceId}`),
    );
    expect(pages).toBe(Math.ceil(hybrids.length / 7));
    expect(lastToken).toBe('');
    for (const [i, m] of list.entries()) expect(toRecord(m)).toEqual((hybrids[i] as FleetNode).tags);
  });

  it('agrees with ListTagsForResource for a hybrid node', async () => {
    const node = fleet.model.hybridNodes()[2] as FleetNode;
    const {list} = await collect({ResourceTypeFilters: ['ssm:managed-instance']});
    const mapping = list.find((m) => m.ResourceARN?.endsWith(`/${node.instanceId}`)) as ResourceTagMapping;
    const direct = await c.ssm.send(new ListTagsForResourceCommand({ResourceType: 'ManagedInstance', ResourceId: node.instanceId}));
    expect(mapping.Tags).toEqual(direct.TagList);
  });

  it('returns EC2 instances (not terminated ones) for ec2:instance and for the bare service name', async () => {
    const expected = fleet.model
      .ec2Nodes()
      .filter((n) => n.ec2?.state !== 'terminated')
      .map((n) => `arn:aws:ec2:eu-central-1:${fleet.model.accountId}:instance/${n.instanceId}`);
    expect((await collect({ResourceTypeFilters: ['ec2:instance']})).list.map((m) => m.ResourceARN)).toEqual(expected);
    expect((await collect({ResourceTypeFilters: ['ec2']})).list.map((m) => m.ResourceARN)).toEqual(expected);
    const all = await collect({});
    expect(all.list).toHaveLength(expected.length + fleet.model.hybridNodes().length);
  });

  it('applies TagFilters: AND across keys, OR across values, key-only filters', async () => {
    const {list} = await collect({
      ResourceTypeFilters: ['ssm:managed-instance'],
      TagFilters: [
        {Key: 'Env', Values: ['prod', 'staging']},
        {Key: 'Site', Values: ['dc1']},
      ],
    });
    const expected = fleet.model
      .hybridNodes()
      .filter((n) => ['prod', 'staging'].includes(n.tags['Env'] ?? '') && n.tags['Site'] === 'dc1')
      .map((n) => n.instanceId);
    expect(expected.length).toBeGreaterThan(0);
    expect(list.map((m) => m.ResourceARN?.split('/')[1])).toEqual(expected);
    const keyOnly = await collect({TagFilters: [{Key: 'CostCenter'}]});
    expect(keyOnly.list.length).toBe(fleet.model.all().filter((n) => 'CostCenter' in n.tags && n.ec2?.state !== 'terminated').length);
  });

  it('looks up explicit ARNs, but not together with filters', async () => {
    const node = fleet.model.hybridNodes()[0] as FleetNode;
    const arn = `arn:aws:ssm:eu-central-1:${fleet.model.accountId}:managed-instance/${node.instanceId}`;
    const out = await c.tagging.send(new GetResourcesCommand({ResourceARNList: [arn, `${arn}x`]}));
    expect(out.ResourceTagMappingList?.map((m) => m.ResourceARN)).toEqual([arn]);
    await expectSdkError(c.tagging.send(new GetResourcesCommand({ResourceARNList: [arn], ResourceTypeFilters: ['ssm']})), 'InvalidParameterException');
  });

  it('rejects ResourcesPerPage outside 1–100 and a forged PaginationToken', async () => {
    await expectSdkError(c.tagging.send(new GetResourcesCommand({ResourcesPerPage: 101})), 'InvalidParameterException');
    await expectSdkError(c.tagging.send(new GetResourcesCommand({ResourcesPerPage: 0})), 'InvalidParameterException');
    await expectSdkError(c.tagging.send(new GetResourcesCommand({PaginationToken: 'bm90IGEgdG9rZW4='})), 'InvalidParameterException');
  });

  it('signs with the tagging service name: an ssm-scoped signature is refused', async () => {
    const {rawRequest} = await import('../../helpers/fleet-clients.js');
    const res = await rawRequest(fleet, {target: 'ResourceGroupsTaggingAPI_20170126.GetResources', body: '{}', service: 'ssm'});
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({__type: 'InvalidSignatureException'});
    const ok = await rawRequest(fleet, {target: 'ResourceGroupsTaggingAPI_20170126.GetResources', body: '{}', service: 'tagging'});
    expect(ok.status).toBe(200);
  });
});
