// Distributor in the local fleet through the real SDK: Amazon's Package documents and their versions, packages of
// the account's, and AWS-ConfigureAWSPackage run by Run Command on real local processes, changing the nodes'
// inventory (AWS:Application) only when it succeeds.

import {
  CreateDocumentCommand, DescribeDocumentCommand, GetDocumentCommand, GetInventoryCommand, ListDocumentVersionsCommand,
  ListDocumentsCommand, ListInventoryEntriesCommand, SendCommandCommand, type SSMClient,
} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';

import {configurePackageParameters, parseManifest, type ConfigurePackageRequest} from '../../../../src/fleet/distributor/package.js';
import type {FleetNode} from '../../../../src/local/index.js';
import {useFleetClients} from '../../../helpers/local-fleet.js';
import {expectSdkError} from '../../../helpers/fleet-clients.js';
import {linuxNodes, waitForCommand, waitForInvocation} from '../../../helpers/run-command.js';

const ctx = useFleetClients({nodes: 60, seed: 'distributor'});
const ssm = (): SSMClient => ctx.aws.ssm;

/** Online Linux nodes that report AWS:Application (about one node in twelve collects no inventory). */
async function inventoried(count: number): Promise<FleetNode[]> {
  const out: FleetNode[] = [];
  for (const n of linuxNodes(ctx.fleet)) {
    const res = await ssm().send(new ListInventoryEntriesCommand({InstanceId: n.instanceId, TypeName: 'AWS:Application', MaxResults: 1}));
    if ((res.Entries ?? []).length > 0) out.push(n);
    if (out.length === count) return out;
  }
  throw new Error('not enough inventoried Linux nodes');
}

async function applicationVersion(instanceId: string, name: string): Promise<string | undefined> {
  const res = await ssm().send(new ListInventoryEntriesCommand({
    InstanceId: instanceId, TypeName: 'AWS:Application', Filters: [{Key: 'Name', Values: [name], Type: 'Equal'}],
  }));
  return res.Entries?.[0]?.['Version'];
}

async function configure(nodes: readonly FleetNode[], req: ConfigurePackageRequest): Promise<string> {
  const res = await ssm().send(new SendCommandCommand({
    DocumentName: 'AWS-ConfigureAWSPackage', InstanceIds: nodes.map((n) => n.instanceId), Parameters: configurePackageParameters(req),
  }));
  const id = res.Command?.CommandId ?? '';
  await waitForCommand(ssm(), id);
  return id;
}

describe('Package documents', () => {
  it("lists Amazon's packages with their versions and manifests", async () => {
    const listed = await ssm().send(new ListDocumentsCommand({Filters: [{Key: 'DocumentType', Values: ['Package']}, {Key: 'Owner', Values: ['Amazon']}]}));
    expect(listed.DocumentIdentifiers?.map((d) => d.Name)).toEqual(expect.arrayContaining(['AmazonCloudWatchAgent', 'AWSCodeDeployAgent', 'AWSPVDriver']));
    const cw = await ssm().send(new DescribeDocumentCommand({Name: 'AmazonCloudWatchAgent'}));
    expect(cw.Document).toMatchObject({DocumentType: 'Package', Owner: 'Amazon', VersionName: '1.300049.1', PlatformTypes: ['Windows', 'Linux']});
    const versions = await ssm().send(new ListDocumentVersionsCommand({Name: 'AmazonCloudWatchAgent'}));
    expect(versions.DocumentVersions?.map((v) => [v.VersionName, v.IsDefaultVersion])).toEqual([['1.300032.2', false], ['1.300042.1', false], ['1.300049.1', true]]);
    const got = await ssm().send(new GetDocumentCommand({Name: 'AmazonCloudWatchAgent', VersionName: '1.300042.1'}));
    const manifest = parseManifest(got.Content ?? '');
    expect(manifest.ok && manifest.manifest.version).toBe('1.300042.1');
    expect(manifest.ok && Object.keys(manifest.manifest.packages)).toEqual(['amazon', 'redhat', 'ubuntu', 'windows']);
  });

  it('refuses a Package document whose content is not a manifest', async () => {
    await expectSdkError(ssm().send(new CreateDocumentCommand({
      Name: 'Bad-Package', DocumentType: 'Package', Content: JSON.stringify({schemaVersion: '2.0', version: '1.0'}),
    })), 'InvalidDocumentContent');
  });
});

describe('AWS-ConfigureAWSPackage on local nodes', () => {
  it('installs a version on two nodes, upgrades to the default version, then uninstalls; inventory follows', async () => {
    const nodes = await inventoried(2);
    const installed = await configure(nodes, {action: 'Install', name: 'AmazonCloudWatchAgent', version: '1.300032.2'});
    for (const n of nodes) {
      const inv = await waitForInvocation(ssm(), installed, n.instanceId);
      expect(inv.StatusDetails).toBe('Success');
      expect(inv.StandardOutputContent).toContain('Successfully installed AmazonCloudWatchAgent 1.300032.2');
      expect(await applicationVersion(n.instanceId, 'amazon-cloudwatch-agent')).toBe('1.300032.2');
    }
    const having = await ssm().send(new GetInventoryCommand({Filters: [{Key: 'AWS:Application.Name', Values: ['amazon-cloudwatch-agent'], Type: 'Equal'}, {Key: 'AWS:Application.Version', Values: ['1.300032.2'], Type: 'Equal'}]}));
    expect(having.Entities?.map((e) => e.Id).sort()).toEqual(nodes.map((n) => n.instanceId).sort());

    await configure(nodes, {action: 'Install', name: 'AmazonCloudWatchAgent', installationType: 'Uninstall and reinstall'});
    for (const n of nodes) expect(await applicationVersion(n.instanceId, 'amazon-cloudwatch-agent')).toBe('1.300049.1');

    await configure(nodes, {action: 'Uninstall', name: 'AmazonCloudWatchAgent'});
    for (const n of nodes) expect(await applicationVersion(n.instanceId, 'amazon-cloudwatch-agent')).toBeUndefined();
  });

  it('fails for an unknown package, an unknown version, a package for another platform, and a version not installed', async () => {
    const [node] = await inventoried(1);
    if (node === undefined) throw new Error('no node');
    const cases: [ConfigurePackageRequest, string][] = [
      [{action: 'Install', name: 'NoSuchPackage'}, 'Failed to retrieve the manifest of package NoSuchPackage'],
      [{action: 'Install', name: 'AWSCodeDeployAgent', version: '9.9.9'}, 'Package AWSCodeDeployAgent has no version 9.9.9.'],
      [{action: 'Install', name: 'AWSPVDriver'}, 'Package AWSPVDriver 8.4.3 is not available for'],
    ];
    for (const [req, message] of cases) {
      const id = await configure([node], req);
      const inv = await waitForInvocation(ssm(), id, node.instanceId);
      expect(inv.StatusDetails).toBe('Failed');
      expect(inv.StandardErrorContent).toContain(message);
    }
    await configure([node], {action: 'Install', name: 'AWSCodeDeployAgent', version: '1.7.0'});
    const wrong = await configure([node], {action: 'Uninstall', name: 'AWSCodeDeployAgent', version: '1.6.0'});
    expect((await waitForInvocation(ssm(), wrong, node.instanceId)).StandardErrorContent).toContain('version 1.6.0 is not installed (version 1.7.0 is)');
    expect(await applicationVersion(node.instanceId, 'codedeploy-agent')).toBe('1.7.0');
    await expectSdkError(ssm().send(new SendCommandCommand({
      DocumentName: 'AWS-ConfigureAWSPackage', InstanceIds: [node.instanceId], Parameters: {action: ['Remove'], name: ['AWSCodeDeployAgent']},
    })), 'InvalidParameters');
  });

  it("installs a package of the account's under its own name", async () => {
    const [node] = await inventoried(1);
    if (node === undefined) throw new Error('no node');
    const manifest = {
      schemaVersion: '2.0', version: '2.1.0', publisher: 'Example Corp',
      packages: {_any: {_any: {_any: {file: 'agent.zip'}}}}, files: {'agent.zip': {checksums: {sha256: '0'.repeat(64)}}},
    };
    await ssm().send(new CreateDocumentCommand({Name: 'ExampleAgent', DocumentType: 'Package', VersionName: '2.1.0', Content: JSON.stringify(manifest)}));
    const id = await configure([node], {action: 'Install', name: 'ExampleAgent'});
    expect((await waitForInvocation(ssm(), id, node.instanceId)).StatusDetails).toBe('Success');
    const res = await ssm().send(new ListInventoryEntriesCommand({InstanceId: node.instanceId, TypeName: 'AWS:Application', Filters: [{Key: 'Name', Values: ['ExampleAgent'], Type: 'Equal'}]}));
    expect(res.Entries?.[0]).toMatchObject({Name: 'ExampleAgent', Version: '2.1.0', Publisher: 'Example Corp'});
  });
});
