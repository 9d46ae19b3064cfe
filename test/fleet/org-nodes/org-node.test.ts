// The organisation view's pure parts: where a node's row lives, the title's counts, the messages, and the config's
// org.context (the management context that reads the sync).
import {describe, expect, it} from 'vitest';
import type {ContextInfo} from '../../../src/fleet/contexts/context.js';
import {parseContextSettings} from '../../../src/fleet/contexts/context-config.js';
import {
  createSyncCommand, missingSyncMessage, noRoleMessage, placeOfNode, summaryNote, type OrgNode,
} from '../../../src/fleet/org-nodes/org-node.js';

const info = (name: string, region: string, accountId: string, alias?: string): ContextInfo => ({
  spec: {name, region, ...(alias ? {alias} : {})}, accountId, credentials: {kind: 'valid'}, requestsPerSecond: 0, throttlesLastMinute: 0, inFlight: 0,
});

const node = (accountId: string, region: string, pingStatus: OrgNode['pingStatus'] = 'Online'): OrgNode => ({
  instanceId: 'i-0123456789abcdef0', name: 'web', accountId, region, pingStatus, platformType: 'Linux', platformName: 'Ubuntu',
  platformVersion: '24.04', agentVersion: '3.3.1345.0', ipAddress: '10.0.0.1', computerName: 'web', resourceType: 'EC2Instance',
});

describe('organisation nodes', () => {
  it('a node lives in the connected context of its account and region, else in an org context of its own', () => {
    const infos = [info('prod:us-east-1', 'us-east-1', '111111111111', 'prod'), info('prod:eu-west-1', 'eu-west-1', '111111111111')];
    expect(placeOfNode(node('111111111111', 'us-east-1'), infos)).toEqual({context: 'prod:us-east-1', account: 'prod', region: 'us-east-1'});
    expect(placeOfNode(node('111111111111', 'eu-west-1'), infos)).toEqual({context: 'prod:eu-west-1', account: '111111111111', region: 'eu-west-1'});
    expect(placeOfNode(node('222222222222', 'eu-west-1'), infos))
      .toEqual({context: 'org:222222222222:eu-west-1', account: '222222222222', region: 'eu-west-1'});
  });

  it('the title counts nodes, accounts and online ones, then the summary per region and platform', () => {
    const rows = [node('1', 'us-east-1'), node('2', 'us-east-1', 'ConnectionLost'), node('2', 'eu-west-1')];
    expect(summaryNote({total: 3, byRegion: {'us-east-1': 2, 'eu-west-1': 1}, byPlatform: {Linux: 3}}, rows))
      .toBe('3 nodes · 2 accounts · 2 online · us-east-1 2 · eu-west-1 1 · Linux 3');
    expect(summaryNote(undefined, rows.slice(0, 1))).toBe('1 node · 1 account · 1 online');
  });

  it('messages name the config keys and the command that fixes it', () => {
    expect(createSyncCommand('org-nodes', ['us-east-1', 'eu-west-1'])).toBe('aws ssm create-resource-data-sync --sync-name org-nodes ' +
      "--sync-type SyncFromSource --sync-source 'SourceType=AwsOrganizations,AwsOrganizationsSource={OrganizationSourceType=EntireOrganization}," +
      "SourceRegions=us-east-1,eu-west-1,IncludeFutureRegions=true'");
    expect(missingSyncMessage('AWS-QuickSetup-ManagedNode', false, {region: 'us-east-1', existing: []}))
      .toMatch(/^no org\.syncName in the config and no AWS-QuickSetup-ManagedNode sync \(Quick Setup's\) in us-east-1; create one/);
    expect(noRoleMessage('222222222222')).toContain('set org.roleName in the config');
  });

  it('org.context names the management context; anything else in org is refused', () => {
    expect(parseContextSettings({org: {syncName: 'org-nodes', context: 'mgmt-use1'}}).settings.org)
      .toEqual({syncName: 'org-nodes', context: 'mgmt-use1'});
    expect(parseContextSettings({org: {syncName: 'org-nodes', context: 'a b'}}).errors)
      .toEqual([expect.stringContaining('org.context must be the name of a context')]);
    expect(parseContextSettings({org: {syncName: 'org-nodes', role: 'x'}}).errors)
      .toEqual(['org: unknown field "role" (known: syncName, roleName, context)']);
  });
});
