// `fleetdeck org-nodes list`: the organisation's managed nodes without the UI, read through one resource data sync in
// the first context (the management account), each with its account and region.
import {loadConfig} from '../../config/config.js';
import {DEFAULT_ORG_SYNC, summaryNote} from '../../fleet/org-nodes/org-node.js';
import {formatJson, formatTable} from '../headless-output.js';
import type {ResourceCommandContext} from '../resources.js';
import {positional, runVerb, stringFlag, type Verb} from '../resource-verbs.js';
import type {OrgNodesApi} from '../../fleet/org-nodes/org-node.js';

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

/** --sync, else the config's org.syncName, else Quick Setup's sync (as the console reads it). */
function syncName(ctx: ResourceCommandContext): string {
  return stringFlag(ctx, 'sync') ?? loadConfig(stringFlag(ctx, 'config')).org?.syncName ?? DEFAULT_ORG_SYNC;
}

const list: Verb<OrgNodesApi> = async (ctx, api) => {
  positional(ctx, 0, 0, '[--sync NAME]', 'org-nodes');
  const sync = syncName(ctx);
  const {port} = await api();
  // The summary first: one call that says at once when the sync is not there.
  const summary = await port.summary(sync);
  const rows = await port.list(sync);
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson(rows.map((n) => ({Id: n.instanceId, AccountId: n.accountId, Region: n.region, Name: n.name,
      PingStatus: n.pingStatus, PlatformType: n.platformType, PlatformName: n.platformName, PlatformVersion: n.platformVersion,
      AgentVersion: n.agentVersion, IpAddress: n.ipAddress, ComputerName: n.computerName, ResourceType: n.resourceType,
      CaptureTime: iso(n.capturedAt)}))));
    return 0;
  }
  ctx.stdout.write(formatTable(['ACCOUNT', 'REGION', 'ID', 'NAME', 'PING', 'PLATFORM', 'AGENT', 'IP'], rows.map((n) => [
    n.accountId, n.region, n.instanceId, n.name, n.pingStatus, `${n.platformName} ${n.platformVersion}`.trim(), n.agentVersion, n.ipAddress])));
  ctx.stderr.write(`${summaryNote(summary, rows)} · sync ${sync}\n`);
  return 0;
};

export function run(ctx: ResourceCommandContext): Promise<number> {
  return runVerb(ctx, 'org-nodes', {list}, async (aws) => (await import('../../aws/org-nodes/org-nodes-api.js')).orgNodesApi(aws));
}
