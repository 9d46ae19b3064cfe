// The organisation's nodes through one resource data sync of a local fleet of 3 accounts × 2 regions, with the real
// SDK: ListNodes pages and ListNodesSummary go to the management account's partition alone and cover every account
// and region; a sync that is not there is one sentence naming the config key and the command that makes one.
import {describe, expect, it} from 'vitest';
import {createAwsClients} from '../../../src/aws/clients.js';
import {orgNodesApi} from '../../../src/aws/org-nodes/org-nodes-api.js';
import {DEFAULT_ORG_SYNC, OrgNodesError} from '../../../src/fleet/org-nodes/org-node.js';
import {useLocalFleet} from '../../helpers/local-fleet.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const local = useLocalFleet({accounts: 3, regions: REGIONS, nodes: 40, seed: 'org-nodes'});

function clientsOf(index: number) {
  const p = local.fleet.partitions[index];
  if (!p) throw new Error(`no partition ${index}`);
  return {p, aws: createAwsClients({kind: 'local', region: p.region, endpoint: local.fleet.endpoint, credentials: p.credentials, maxAttempts: 1})};
}

const total = () => local.fleet.partitions.reduce((n, p) => n + p.model.managed().length, 0);

describe('orgNodesApi', () => {
  it('lists every node of every account and region through the management account alone, in pages of 50', async () => {
    const {p, aws} = clientsOf(0);
    local.fleet.resetRequestCounts();
    const progress: number[] = [];
    const rows = await orgNodesApi(aws).list(DEFAULT_ORG_SYNC, {onProgress: (r) => progress.push(r.length)});
    expect(rows).toHaveLength(total());
    expect(total()).toBeGreaterThan(50);
    for (const part of local.fleet.partitions) {
      const ids = rows.filter((r) => r.accountId === part.accountId && r.region === part.region).map((r) => r.instanceId).sort();
      expect(ids).toEqual(part.model.managed().map((n) => n.instanceId).sort());
    }
    const pages = Math.ceil(total() / 50);
    expect(progress).toHaveLength(pages);
    const counts = local.fleet.requestCountsBy();
    expect(counts[`${p.accountId}:${p.region}`]?.['ssm:ListNodes']).toBe(pages);
    const elsewhere = Object.entries(counts).filter(([k, c]) => k !== `${p.accountId}:${p.region}` && (c['ssm:ListNodes'] ?? 0) > 0);
    expect(elsewhere).toEqual([]);
    const online = rows.find((r) => r.pingStatus === 'Online');
    expect(online?.platformType).toMatch(/Linux|Windows|MacOS/);
    expect(online?.agentVersion).not.toBe('');
    aws.destroy();
  });

  it('counts the nodes per region and platform type in one ListNodesSummary', async () => {
    const {aws} = clientsOf(0);
    const summary = await orgNodesApi(aws).summary(DEFAULT_ORG_SYNC);
    expect(summary.total).toBe(total());
    for (const region of REGIONS) {
      const inRegion = local.fleet.partitions.filter((p) => p.region === region).reduce((n, p) => n + p.model.managed().length, 0);
      expect(summary.byRegion[region]).toBe(inRegion);
    }
    expect(Object.values(summary.byPlatform).reduce((a, b) => a + b, 0)).toBe(total());
    aws.destroy();
  });

  it('a sync that is not there names the syncs that are, the config key and the command that makes one', async () => {
    const {aws} = clientsOf(0);
    const err = await orgNodesApi(aws).list('org-nodes-typo').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrgNodesError);
    expect((err as OrgNodesError).kind).toBe('no-sync');
    const message = (err as Error).message;
    expect(message).toContain('no resource data sync org-nodes-typo in us-east-1 (org.syncName)');
    expect(message).toContain(`SyncFromSource syncs here: ${DEFAULT_ORG_SYNC}`);
    expect(message).toContain('aws ssm create-resource-data-sync --sync-name org-nodes-typo --sync-type SyncFromSource');
    aws.destroy();
  });

  it('without a sync named in the config and none from Quick Setup (a member account), says both', async () => {
    const member = local.fleet.partitions.findIndex((p) => p.accountId !== local.fleet.partitions[0]?.accountId);
    const {aws} = clientsOf(member);
    const err = await orgNodesApi(aws).summary(DEFAULT_ORG_SYNC).catch((e: unknown) => e);
    expect((err as OrgNodesError).kind).toBe('no-sync');
    expect((err as Error).message).toContain(`no org.syncName in the config and no ${DEFAULT_ORG_SYNC} sync`);
    expect((err as Error).message).not.toContain('SyncFromSource syncs here');
    aws.destroy();
  });
});
