// The organisation's managed nodes through one resource data sync: ListNodes (every page of 50) and ListNodesSummary
// with the SyncName, called in the management account. A sync that is not there becomes one sentence naming the syncs
// that are (ListResourceDataSync lists SyncFromSource syncs only when asked for that type) and the command to make one.
import {ListNodesCommand, ListNodesSummaryCommand, ListResourceDataSyncCommand, type Node} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import {errorMapping} from '../error-mapping.js';
import {allPages, pageToken} from '../pages.js';
import {sanitizeText as clean} from '../../fleet/sanitize.js';
import type {PingStatus, PlatformType, ResourceType} from '../../fleet/instances/instance.js';
import {
  DEFAULT_ORG_SYNC, missingSyncMessage, OrgNodesError, type OrgErrorKind, type OrgNode, type OrgNodesApi, type OrgSummary,
} from '../../fleet/org-nodes/org-node.js';

const LIST_NODES_PAGE_MAX = 50;

const KINDS: Readonly<Record<string, OrgErrorKind>> = {ResourceDataSyncNotFoundException: 'no-sync'};
const {mapped, toError} = errorMapping(KINDS, OrgNodesError);

/** ListNodes' InstanceStatus is the agent's connection as the sync saw it: Active is DescribeInstanceInformation's Online. */
const PING: Readonly<Record<string, PingStatus>> = {Active: 'Online', ConnectionLost: 'ConnectionLost', Inactive: 'Inactive'};
const PLATFORMS: readonly PlatformType[] = ['Linux', 'Windows', 'MacOS'];
const RESOURCE_TYPES: readonly ResourceType[] = ['EC2Instance', 'ManagedInstance'];

function nodeOf(n: Node): OrgNode {
  const i = n.NodeType?.Instance ?? {};
  const platform = PLATFORMS.find((p) => p === i.PlatformType) ?? 'Unknown';
  const resource = RESOURCE_TYPES.find((r) => r === i.ResourceType) ?? 'Unknown';
  return {
    instanceId: clean(n.Id ?? ''), name: clean(i.Name ?? ''), accountId: clean(n.Owner?.AccountId ?? ''), region: clean(n.Region ?? ''),
    pingStatus: PING[i.InstanceStatus ?? ''] ?? 'Unknown', platformType: platform, platformName: clean(i.PlatformName ?? ''),
    platformVersion: clean(i.PlatformVersion ?? ''), agentVersion: clean(i.AgentVersion ?? ''), ipAddress: clean(i.IpAddress ?? ''),
    computerName: clean(i.ComputerName ?? ''), resourceType: resource,
    ...(n.CaptureTime ? {capturedAt: n.CaptureTime.getTime()} : {}),
  };
}

export function orgNodesApi(aws: Pick<AwsClients, 'ssm' | 'target'>): OrgNodesApi {
  /** A sync that is not there: name the SyncFromSource syncs that are (when they can be listed). */
  const explained = async <T>(syncName: string, call: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    try {
      return await mapped(call);
    } catch (e) {
      const err = toError(e);
      if (err.kind !== 'no-sync') throw err;
      const existing = await allPages(async (token) => {
        const res = await aws.ssm.send(new ListResourceDataSyncCommand({SyncType: 'SyncFromSource', ...pageToken(token)}), {abortSignal: signal});
        return {items: res.ResourceDataSyncItems, next: res.NextToken};
      }).then((items) => items.map((s) => clean(s.SyncName ?? '')).filter(Boolean), () => []);
      const region = aws.target.region || (await aws.ssm.config.region().catch(() => ''));
      throw new OrgNodesError('no-sync', missingSyncMessage(syncName, syncName !== DEFAULT_ORG_SYNC, {region, existing}), err.code);
    }
  };
  return {
    list: (syncName, o = {}) => explained(syncName, async () => {
      const rows: OrgNode[] = [];
      await allPages(async (token) => {
        const res = await aws.ssm.send(new ListNodesCommand({SyncName: syncName, MaxResults: LIST_NODES_PAGE_MAX, ...pageToken(token)}),
          {abortSignal: o.signal});
        for (const n of res.Nodes ?? []) rows.push(nodeOf(n));
        o.onProgress?.([...rows]);
        return {items: [], next: res.NextToken};
      });
      return rows;
    }, o.signal),
    // One call set: counts per region and per platform type (two aggregators of one ListNodesSummary).
    summary: (syncName, signal) => explained(syncName, async () => {
      const rows = await allPages(async (token) => {
        const res = await aws.ssm.send(new ListNodesSummaryCommand({
          SyncName: syncName, MaxResults: LIST_NODES_PAGE_MAX, ...pageToken(token),
          Aggregators: [
            {AggregatorType: 'Count', TypeName: 'Instance', AttributeName: 'Region'},
            {AggregatorType: 'Count', TypeName: 'Instance', AttributeName: 'PlatformType'},
          ],
        }), {abortSignal: signal});
        return {items: res.Summary, next: res.NextToken};
      });
      const byRegion: Record<string, number> = {};
      const byPlatform: Record<string, number> = {};
      let total = 0;
      for (const r of rows) {
        const count = Number(r['Count'] ?? 0);
        if (!Number.isFinite(count)) continue;
        const region = r['Region'];
        const platform = r['PlatformType'];
        if (region !== undefined) {
          byRegion[clean(region)] = (byRegion[clean(region)] ?? 0) + count;
          total += count;
        } else if (platform !== undefined) byPlatform[clean(platform)] = (byPlatform[clean(platform)] ?? 0) + count;
      }
      return {total, byRegion, byPlatform} satisfies OrgSummary;
    }, signal),
  };
}
