import {
  CreateDocumentCommand,
  DeleteDocumentCommand,
  DescribeDocumentCommand,
  DescribeDocumentPermissionCommand,
  GetDocumentCommand,
  ListDocumentsCommand,
  ListDocumentVersionsCommand,
  ModifyDocumentPermissionCommand,
  SendCommandCommand,
  UpdateDocumentCommand,
  UpdateDocumentDefaultVersionCommand,
} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../../src/local/index.js';
import {expectSdkError, fleetClients, type FleetClients} from '../../../helpers/fleet-clients.js';
import {linuxNodes, waitForInvocation} from '../../../helpers/run-command.js';

let fleet: LocalFleet;
let c: FleetClients;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 10, seed: 'documents-tests'});
  c = fleetClients(fleet);
});
afterAll(async () => {
  await fleet.close();
});

const YAML_V1 = `schemaVersion: '2.2'
description: Writes a marker file
parameters:
  marker:
    type: String
    default: hello
mainSteps:
  - action: aws:runShellScript
    name: writeMarker
    inputs:
      runCommand:
        - echo {{ marker }} > marker.txt
`;
const yamlV = (n: number): string => YAML_V1.replace('hello', `hello-${n}`);
const json = (steps: unknown, extra: Record<string, unknown> = {}): string => JSON.stringify({schemaVersion: '2.2', description: 'd', mainSteps: steps, ...extra});
const STEP = {action: 'aws:runShellScript', name: 'run', inputs: {runCommand: ['true']}};

describe('documents: create, versions, default version', () => {
  it('creates a YAML document, versions it, moves the default, and reads any version', async () => {
    const created = await c.ssm.send(new CreateDocumentCommand({Name: 'Fleet-Marker', Content: YAML_V1, DocumentFormat: 'YAML', DocumentType: 'Command', VersionName: 'first'}));
    expect(created.DocumentDescription).toMatchObject({Name: 'Fleet-Marker', DocumentVersion: '1', LatestVersion: '1', DefaultVersion: '1', DocumentFormat: 'YAML', VersionName: 'first', SchemaVersion: '2.2', PlatformTypes: ['Linux', 'MacOS'], Owner: fleet.model.accountId});
    expect(created.DocumentDescription?.Parameters).toEqual([{Name: 'marker', Type: 'String', Description: '', DefaultValue: 'hello'}]);

    const updated = await c.ssm.send(new UpdateDocumentCommand({Name: 'Fleet-Marker', Content: yamlV(2), DocumentFormat: 'YAML', DocumentVersion: '$LATEST', VersionName: 'second'}));
    // A new version does not become the default by itself.
    expect(updated.DocumentDescription).toMatchObject({DocumentVersion: '2', LatestVersion: '2', DefaultVersion: '1'});

    const byDefault = await c.ssm.send(new GetDocumentCommand({Name: 'Fleet-Marker'}));
    expect(byDefault).toMatchObject({DocumentVersion: '1', VersionName: 'first', DocumentFormat: 'YAML', Content: YAML_V1});
    const byName = await c.ssm.send(new GetDocumentCommand({Name: 'Fleet-Marker', VersionName: 'second'}));
    expect(byName.Content).toBe(yamlV(2));
    const asJson = await c.ssm.send(new GetDocumentCommand({Name: 'Fleet-Marker', DocumentVersion: '$LATEST', DocumentFormat: 'JSON'}));
    expect(JSON.parse(asJson.Content ?? '')).toMatchObject({schemaVersion: '2.2', parameters: {marker: {default: 'hello-2'}}});

    const moved = await c.ssm.send(new UpdateDocumentDefaultVersionCommand({Name: 'Fleet-Marker', DocumentVersion: '2'}));
    expect(moved.Description).toEqual({Name: 'Fleet-Marker', DefaultVersion: '2', DefaultVersionName: 'second'});
    const described = await c.ssm.send(new DescribeDocumentCommand({Name: 'Fleet-Marker'}));
    expect(described.Document).toMatchObject({DocumentVersion: '2', DefaultVersion: '2', VersionName: 'second', LatestVersion: '2'});
    const v1 = await c.ssm.send(new DescribeDocumentCommand({Name: 'Fleet-Marker', DocumentVersion: '1'}));
    expect(v1.Document?.VersionName).toBe('first');

    const versions = await c.ssm.send(new ListDocumentVersionsCommand({Name: 'Fleet-Marker'}));
    expect(versions.DocumentVersions?.map((x) => [x.DocumentVersion, x.VersionName, x.IsDefaultVersion])).toEqual([['1', 'first', false], ['2', 'second', true]]);

    const mine = await c.ssm.send(new ListDocumentsCommand({Filters: [{Key: 'Owner', Values: ['Self']}]}));
    expect(mine.DocumentIdentifiers?.map((d) => [d.Name, d.DocumentVersion, d.DocumentFormat])).toEqual([['Fleet-Marker', '2', 'YAML']]);
    const amazon = await c.ssm.send(new ListDocumentsCommand({Filters: [{Key: 'Owner', Values: ['Amazon']}]}));
    expect(amazon.DocumentIdentifiers?.map((d) => d.Name)).not.toContain('Fleet-Marker');
  });

  it('refuses duplicate content, a reused version name, an old version and a missing one', async () => {
    await expectSdkError(c.ssm.send(new UpdateDocumentCommand({Name: 'Fleet-Marker', Content: YAML_V1, DocumentFormat: 'YAML', DocumentVersion: '$LATEST'})), 'DuplicateDocumentContent');
    await expectSdkError(c.ssm.send(new UpdateDocumentCommand({Name: 'Fleet-Marker', Content: yamlV(9), DocumentFormat: 'YAML', VersionName: 'first'})), 'DuplicateDocumentVersionName');
    await expectSdkError(c.ssm.send(new UpdateDocumentCommand({Name: 'Fleet-Marker', Content: yamlV(9), DocumentFormat: 'YAML', DocumentVersion: '1'})), 'InvalidDocumentVersion');
    await expectSdkError(c.ssm.send(new GetDocumentCommand({Name: 'Fleet-Marker', DocumentVersion: '7'})), 'InvalidDocumentVersion');
    await expectSdkError(c.ssm.send(new GetDocumentCommand({Name: 'Fleet-Marker', VersionName: 'nope'})), 'InvalidDocumentVersion');
    await expectSdkError(c.ssm.send(new UpdateDocumentDefaultVersionCommand({Name: 'Fleet-Marker', DocumentVersion: '5'})), 'InvalidDocumentVersion');
    await expectSdkError(c.ssm.send(new DescribeDocumentCommand({Name: 'Fleet-Nothing'})), 'InvalidDocument');
    await expectSdkError(c.ssm.send(new CreateDocumentCommand({Name: 'Fleet-Marker', Content: yamlV(3), DocumentFormat: 'YAML'})), 'DocumentAlreadyExists');
  });

  it('stops at the version limit', async () => {
    await c.ssm.send(new CreateDocumentCommand({Name: 'Fleet-Many', Content: json([STEP], {description: 'v1'})}));
    // The store is filled directly (999 requests would only test the wire); the limit is checked over the wire.
    const {documentStore} = await import('../../../../src/local/ssm/documents/document-store.js');
    const record = documentStore(fleet.model).get('Fleet-Many');
    const first = record?.versions.get('1');
    if (record === undefined || first === undefined) throw new Error('Fleet-Many was not created');
    for (let n = 2; n <= 1000; n++) record.versions.set(String(n), {...first, version: String(n), hash: `h${n}`});
    record.latest = 1000;
    record.issued = 1000;
    const err = await expectSdkError(c.ssm.send(new UpdateDocumentCommand({Name: 'Fleet-Many', Content: json([STEP], {description: 'v1001'})})), 'DocumentVersionLimitExceeded');
    expect(err.message).toMatch(/too many versions/);
  });

  it('deletes one version, then the whole document', async () => {
    await c.ssm.send(new CreateDocumentCommand({Name: 'Fleet-Delete', Content: json([STEP], {description: 'a'})}));
    await c.ssm.send(new UpdateDocumentCommand({Name: 'Fleet-Delete', Content: json([STEP], {description: 'b'})}));
    await expectSdkError(c.ssm.send(new DeleteDocumentCommand({Name: 'Fleet-Delete', DocumentVersion: '1'})), 'InvalidDocumentOperation'); // the default
    await c.ssm.send(new DeleteDocumentCommand({Name: 'Fleet-Delete', DocumentVersion: '2'}));
    const versions = await c.ssm.send(new ListDocumentVersionsCommand({Name: 'Fleet-Delete'}));
    expect(versions.DocumentVersions?.map((x) => x.DocumentVersion)).toEqual(['1']);
    await c.ssm.send(new DeleteDocumentCommand({Name: 'Fleet-Delete'}));
    await expectSdkError(c.ssm.send(new DescribeDocumentCommand({Name: 'Fleet-Delete'})), 'InvalidDocument');
  });

  it('Amazon documents cannot be changed, shared or deleted', async () => {
    await expectSdkError(c.ssm.send(new UpdateDocumentCommand({Name: 'AWS-RunShellScript', Content: json([STEP])})), 'InvalidDocumentOperation');
    await expectSdkError(c.ssm.send(new DeleteDocumentCommand({Name: 'AWS-RunShellScript'})), 'InvalidDocumentOperation');
    await expectSdkError(c.ssm.send(new ModifyDocumentPermissionCommand({Name: 'AWS-RunShellScript', PermissionType: 'Share', AccountIdsToAdd: ['111122223333']})), 'InvalidDocumentOperation');
    await expectSdkError(c.ssm.send(new CreateDocumentCommand({Name: 'AWS-Mine', Content: json([STEP])})), 'ValidationException');
  });
});

describe('documents: Run Command runs authored documents', () => {
  it('sends the version asked for, its script rendered with the parameters', async () => {
    const echo = (word: string): string => json([{action: 'aws:runShellScript', name: 'say', inputs: {runCommand: [`echo "${word} {{ who }}"`]}}], {parameters: {who: {type: 'String', default: 'you'}}});
    await c.ssm.send(new CreateDocumentCommand({Name: 'Fleet-Echo', Content: echo('hello')}));
    await c.ssm.send(new UpdateDocumentCommand({Name: 'Fleet-Echo', Content: echo('bonjour')}));
    const node = linuxNodes(fleet)[0]?.instanceId ?? '';
    const run = async (version: string | undefined): Promise<string | undefined> => {
      const sent = await c.ssm.send(new SendCommandCommand({DocumentName: 'Fleet-Echo', DocumentVersion: version, InstanceIds: [node], Parameters: {who: ['fleet']}}));
      return (await waitForInvocation(c.ssm, sent.Command?.CommandId ?? '', node)).StandardOutputContent;
    };
    expect(await run(undefined)).toBe('hello fleet\n'); // the default version
    expect(await run('$LATEST')).toBe('bonjour fleet\n');
    expect(await run('2')).toBe('bonjour fleet\n');
    await expectSdkError(c.ssm.send(new SendCommandCommand({DocumentName: 'Fleet-Echo', DocumentVersion: '9', InstanceIds: [node]})), 'InvalidDocumentVersion');
    await expectSdkError(c.ssm.send(new SendCommandCommand({DocumentName: 'Fleet-Echo', DocumentVersion: 'latest', InstanceIds: [node]})), 'ValidationException');
    await expectSdkError(c.ssm.send(new SendCommandCommand({DocumentName: 'Fleet-Echo', InstanceIds: [node], Parameters: {nope: ['x']}})), 'InvalidParameters');
  });
});

describe('documents: sharing', () => {
  it('shares with accounts and with everyone, unshares, and a shared document cannot be deleted', async () => {
    await c.ssm.send(new CreateDocumentCommand({Name: 'Fleet-Shared', Content: json([STEP])}));
    await c.ssm.send(new ModifyDocumentPermissionCommand({Name: 'Fleet-Shared', PermissionType: 'Share', AccountIdsToAdd: ['111122223333', '444455556666'], SharedDocumentVersion: '$LATEST'}));
    let perm = await c.ssm.send(new DescribeDocumentPermissionCommand({Name: 'Fleet-Shared', PermissionType: 'Share'}));
    expect(perm.AccountIds).toEqual(['111122223333', '444455556666']);
    expect(perm.AccountSharingInfoList).toEqual([{AccountId: '111122223333', SharedDocumentVersion: '$LATEST'}, {AccountId: '444455556666', SharedDocumentVersion: '$LATEST'}]);
    await expectSdkError(c.ssm.send(new DeleteDocumentCommand({Name: 'Fleet-Shared'})), 'InvalidDocumentOperation');

    await c.ssm.send(new ModifyDocumentPermissionCommand({Name: 'Fleet-Shared', PermissionType: 'Share', AccountIdsToAdd: ['All'], AccountIdsToRemove: ['111122223333']}));
    perm = await c.ssm.send(new DescribeDocumentPermissionCommand({Name: 'Fleet-Shared', PermissionType: 'Share'}));
    expect(perm.AccountIds).toEqual(['444455556666', 'all']);
    const pub = await c.ssm.send(new ListDocumentsCommand({Filters: [{Key: 'Owner', Values: ['Public']}, {Key: 'Name', Values: ['Fleet-']}]}));
    expect(pub.DocumentIdentifiers?.map((d) => d.Name)).toEqual(['Fleet-Shared']);

    await c.ssm.send(new ModifyDocumentPermissionCommand({Name: 'Fleet-Shared', PermissionType: 'Share', AccountIdsToRemove: ['all', '444455556666']}));
    perm = await c.ssm.send(new DescribeDocumentPermissionCommand({Name: 'Fleet-Shared', PermissionType: 'Share'}));
    expect(perm.AccountIds).toEqual([]);
    await c.ssm.send(new DeleteDocumentCommand({Name: 'Fleet-Shared'}));
  });

  it('validates account ids and the permission type', async () => {
    await c.ssm.send(new CreateDocumentCommand({Name: 'Fleet-Share-Check', Content: json([STEP])}));
    await expectSdkError(c.ssm.send(new ModifyDocumentPermissionCommand({Name: 'Fleet-Share-Check', PermissionType: 'Share', AccountIdsToAdd: ['12345']})), 'ValidationException');
    const many = Array.from({length: 21}, (_, i) => String(100000000000 + i));
    await expectSdkError(c.ssm.send(new ModifyDocumentPermissionCommand({Name: 'Fleet-Share-Check', PermissionType: 'Share', AccountIdsToAdd: many})), 'ValidationException');
    await expectSdkError(c.ssm.send(new DescribeDocumentPermissionCommand({Name: 'Fleet-Nothing', PermissionType: 'Share'})), 'InvalidDocument');
  });
});

describe('documents: content validation names what is wrong', () => {
  it.each([
    ['not JSON', '{"schemaVersion": "2.2",', 'JSON', 'InvalidDocumentContent', /not valid JSON/],
    ['no schemaVersion', JSON.stringify({mainSteps: [STEP]}), 'JSON', 'InvalidDocumentContent', /schemaVersion is missing/],
    ['an unsupported schema', JSON.stringify({schemaVersion: '3.0', mainSteps: [STEP]}), 'JSON', 'InvalidDocumentSchemaVersion', /3\.0/],
    ['no mainSteps', JSON.stringify({schemaVersion: '2.2'}), 'JSON', 'InvalidDocumentContent', /mainSteps/],
    ['an empty runtimeConfig', JSON.stringify({schemaVersion: '1.2', runtimeConfig: {}}), 'JSON', 'InvalidDocumentContent', /runtimeConfig/],
    ['a step without action', json([{name: 'x', inputs: {}}]), 'JSON', 'InvalidDocumentContent', /mainSteps\[0\] has no valid action/],
    ['two steps with one name', json([STEP, STEP]), 'JSON', 'InvalidDocumentContent', /used twice/],
    ['a parameter without type', json([STEP], {parameters: {p: {description: 'x'}}}), 'JSON', 'InvalidDocumentContent', /Parameter "p" has no type/],
    ['a Command parameter of type Integer', json([STEP], {parameters: {p: {type: 'Integer'}}}), 'JSON', 'InvalidDocumentContent', /type "Integer"/],
    ['bad YAML', 'schemaVersion: "2.2"\nmainSteps:\n  - action: aws:runShellScript\n   name: x\n', 'YAML', 'InvalidDocumentContent', /not valid YAML \(line \d\)/],
  ])('%s', async (_what, content, format, code, message) => {
    const err = await expectSdkError(c.ssm.send(new CreateDocumentCommand({Name: 'Fleet-Invalid', Content: content, DocumentFormat: format as 'JSON' | 'YAML'})), code);
    expect(err.message).toMatch(message);
  });

  it('an invalid new version leaves the document as it was', async () => {
    await c.ssm.send(new CreateDocumentCommand({Name: 'Fleet-Keep', Content: json([STEP])}));
    await expectSdkError(c.ssm.send(new UpdateDocumentCommand({Name: 'Fleet-Keep', Content: JSON.stringify({schemaVersion: '2.2', mainSteps: []})})), 'InvalidDocumentContent');
    const d = await c.ssm.send(new DescribeDocumentCommand({Name: 'Fleet-Keep'}));
    expect(d.Document?.LatestVersion).toBe('1');
  });
});
