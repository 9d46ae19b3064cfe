// Resource data syncs through the real SDK: the organisation's node sync a fleet of several accounts starts with, and
// syncs created per account and region, listed by type, refused twice, deleted.
import {CreateResourceDataSyncCommand, DeleteResourceDataSyncCommand, ListResourceDataSyncCommand, type SSMClient} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import type {LocalPartition} from '../../../../src/local/index.js';
import {useLocalFleet} from '../../../helpers/local-fleet.js';
import {expectSdkError, fleetClients} from '../../../helpers/fleet-clients.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const local = useLocalFleet({nodes: 4, seed: 'data-sync', accounts: 2, regions: REGIONS});
const SYNC = 'AWS-QuickSetup-ManagedNode';

const ssmOf = (p: LocalPartition): SSMClient => fleetClients(local.fleet, {credentials: p.credentials, region: p.region}).ssm;
const first = (): LocalPartition => local.fleet.partitions[0] as LocalPartition;

describe('resource data sync', () => {
  it('the organisation\'s node sync is there from the start in the first account\'s first region (as Quick Setup leaves it)', async () => {
    const listed = await ssmOf(first()).send(new ListResourceDataSyncCommand({SyncType: 'SyncFromSource'}));
    expect(listed.ResourceDataSyncItems?.[0]?.SyncSource).toMatchObject({
      SourceType: 'AwsOrganizations', AwsOrganizationsSource: {OrganizationSourceType: 'EntireOrganization'}, SourceRegions: REGIONS,
    });
  });

  it('is listed by its type, refused twice, and deleted', async () => {
    const ssm = ssmOf(first());
    const listed = await ssm.send(new ListResourceDataSyncCommand({SyncType: 'SyncFromSource'}));
    expect(listed.ResourceDataSyncItems?.map((s) => [s.SyncName, s.SyncSource?.SourceType, s.SyncSource?.SourceRegions, s.LastStatus]))
      .toEqual([[SYNC, 'AwsOrganizations', REGIONS, 'Successful']]);
    // Without a type SSM lists the syncs to S3.
    expect((await ssm.send(new ListResourceDataSyncCommand({}))).ResourceDataSyncItems).toEqual([]);
    await expectSdkError(ssm.send(new CreateResourceDataSyncCommand({
      SyncName: SYNC, SyncType: 'SyncFromSource', SyncSource: {SourceType: 'SingleAccountMultiRegions', SourceRegions: REGIONS},
    })), 'ResourceDataSyncAlreadyExistsException');
    await expectSdkError(ssm.send(new CreateResourceDataSyncCommand({SyncName: 'bad', SyncType: 'SyncFromSource'})), 'ResourceDataSyncInvalidConfigurationException');
    await ssm.send(new CreateResourceDataSyncCommand({SyncName: 'temp', SyncType: 'SyncFromSource', SyncSource: {SourceType: 'SingleAccountMultiRegions', SourceRegions: ['eu-west-1']}}));
    await ssm.send(new DeleteResourceDataSyncCommand({SyncName: 'temp', SyncType: 'SyncFromSource'}));
    await expectSdkError(ssm.send(new DeleteResourceDataSyncCommand({SyncName: 'temp'})), 'ResourceDataSyncNotFoundException');
  });

  it('belongs to the account and region it was created in', async () => {
    for (const p of local.fleet.partitions.slice(1)) {
      expect((await ssmOf(p).send(new ListResourceDataSyncCommand({SyncType: 'SyncFromSource'}))).ResourceDataSyncItems).toEqual([]);
    }
  });
});
