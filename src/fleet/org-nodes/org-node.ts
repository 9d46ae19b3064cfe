// The organisation's managed nodes as one resource data sync sees them (ListNodes with a SyncName): every node of
// every account and region the sync reads, in one call set through the management account. What the view, the
// headless listing and the routes to a node's own account share.
import {accountLabel, type ContextInfo} from '../contexts/context.js';
import type {RowPlace} from '../contexts/row-place.js';
import type {PingStatus, PlatformType, ResourceType} from '../instances/instance.js';
import {ResourceError, type ErrorKinds} from '../resource-error.js';

/** The sync Quick Setup creates for the organisation (and the console reads) when the config names none. */
export const DEFAULT_ORG_SYNC = 'AWS-QuickSetup-ManagedNode';

/** One managed node; every string has been through sanitizeText. */
export interface OrgNode {
  instanceId: string;
  /** The EC2 Name tag or the hybrid node's name; '' when it has none. */
  name: string;
  accountId: string;
  region: string;
  pingStatus: PingStatus;
  platformType: PlatformType;
  platformName: string;
  platformVersion: string;
  agentVersion: string;
  ipAddress: string;
  computerName: string;
  resourceType: ResourceType;
  /** When the sync last saw the node (CaptureTime), epoch ms. */
  capturedAt?: number;
}

/** Counts over the whole sync (ListNodesSummary): per region and per platform type. */
export interface OrgSummary {
  total: number;
  byRegion: Readonly<Record<string, number>>;
  byPlatform: Readonly<Record<string, number>>;
}

export interface OrgNodesApi {
  /** Every node the sync reads (all pages); `onProgress` gets the rows so far after each page. */
  list(syncName: string, opts?: {signal?: AbortSignal; onProgress?: (rows: OrgNode[]) => void}): Promise<OrgNode[]>;
  summary(syncName: string, signal?: AbortSignal): Promise<OrgSummary>;
}

/** no-sync: the sync does not exist where it was asked for (the message says how to make one). */
export type OrgErrorKind = ErrorKinds<'no-sync' | 'no-role'>;

export class OrgNodesError extends ResourceError<OrgErrorKind> {
  override name = 'OrgNodes';
}

/** The command that makes the organisation-wide sync ListNodes reads (run in the management account). */
export function createSyncCommand(syncName: string, regions: readonly string[]): string {
  return `aws ssm create-resource-data-sync --sync-name ${syncName} --sync-type SyncFromSource --sync-source ` +
    `'SourceType=AwsOrganizations,AwsOrganizationsSource={OrganizationSourceType=EntireOrganization},` +
    `SourceRegions=${regions.length ? regions.join(',') : 'us-east-1'},IncludeFutureRegions=true'`;
}

/**
 * What to say when the sync is not there: which name was tried, the config key, the syncs that do exist and the
 * command that creates one. One line, its start the part that matters (the status line cuts the rest).
 */
export function missingSyncMessage(syncName: string, configured: boolean, where: {region: string; existing: readonly string[]}): string {
  const tried = configured ? `no resource data sync ${syncName} in ${where.region} (org.syncName)` :
    `no org.syncName in the config and no ${syncName} sync (Quick Setup's) in ${where.region}`;
  const others = where.existing.length ? `; SyncFromSource syncs here: ${where.existing.join(', ')}` : '';
  return `${tried}${others}; create one in the management account: ${createSyncCommand(syncName, [where.region])}`;
}

/** The message when a node lives in another account and no role is configured to act there. */
export function roleArn(accountId: string, roleName: string): string {
  return `arn:aws:iam::${accountId}:role/${roleName}`;
}

/**
 * What the aws CLI needs to act as a context the organisation view made by assuming a role: a profile of its own (the
 * CLI takes no role on its command line). Said once above that context's copied commands.
 */
export function assumedCliNote(accountId: string, roleName: string, fromProfile: string | undefined): string {
  return `account ${accountId} as role ${roleName}: add --profile NAME, NAME a profile with role_arn = ${roleArn(accountId, roleName)}` +
    ` and source_profile = ${fromProfile ?? 'the profile fleetdeck started with'}`;
}

export function noRoleMessage(accountId: string): string {
  return `account ${accountId} is not one of your contexts: set org.roleName in the config (an IAM role in every member ` +
    'account that the management account may assume) to act on its nodes';
}

/** The name of the context a node's account and region get when it is not one the user connected. */
export function orgContextName(accountId: string, region: string): string {
  return `org:${accountId}:${region}`;
}

/** The connected context in this account and region, if there is one. */
export function contextAt(infos: readonly ContextInfo[], accountId: string, region: string): ContextInfo | undefined {
  return infos.find((c) => c.accountId === accountId && c.spec.region === region);
}

/** Where a node's row lives: the connected context in its account and region, else the org context made for it. */
export function placeOfNode(node: Pick<OrgNode, 'accountId' | 'region'>, infos: readonly ContextInfo[]): RowPlace {
  const known = contextAt(infos, node.accountId, node.region);
  return known ? {context: known.spec.name, account: accountLabel(known), region: node.region}
    : {context: orgContextName(node.accountId, node.region), account: node.accountId, region: node.region};
}

/** "412 nodes · 3 accounts · us-east-1 200 · eu-west-1 212 · Linux 400 · Windows 12" (accounts from the rows). */
export function summaryNote(summary: OrgSummary | undefined, rows: readonly OrgNode[]): string {
  const accounts = new Set(rows.map((r) => r.accountId)).size;
  const online = rows.filter((r) => r.pingStatus === 'Online').length;
  const nodes = summary?.total ?? rows.length;
  const parts = [`${nodes} node${nodes === 1 ? '' : 's'}`, `${accounts} account${accounts === 1 ? '' : 's'}`, `${online} online`];
  if (summary) {
    parts.push(...Object.entries(summary.byRegion).map(([r, n]) => `${r} ${n}`));
    parts.push(...Object.entries(summary.byPlatform).map(([p, n]) => `${p} ${n}`));
  }
  return parts.join(' · ');
}
