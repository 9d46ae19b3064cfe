// The documents adapter through the real SDK against the local fleet: the list with owners (this account's, Amazon's)
// and the latest version of this account's documents, one version's description and content, every version, who a
// document is shared with, and errors mapped to kinds with sanitized messages.
import {CreateDocumentCommand, ModifyDocumentPermissionCommand, UpdateDocumentCommand, UpdateDocumentDefaultVersionCommand} from '@aws-sdk/client-ssm';
import {beforeAll, describe, expect, it} from 'vitest';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {documentsApi} from '../../../src/aws/documents/document-api.js';
import {DocumentError, type DocumentsApi} from '../../../src/fleet/documents/port.js';

const f = useFleetClients({nodes: 2, seed: 'documents-adapter'});
const api = (): DocumentsApi => documentsApi(f.aws);

const V1 = 'schemaVersion: "2.2"\ndescription: greets\nparameters:\n  who:\n    type: String\n    default: world\n    description: who to greet\nmainSteps:\n  - action: aws:runShellScript\n    name: greet\n    inputs:\n      runCommand:\n        - echo "hello {{ who }}"\n';
const V2 = V1.replace('echo "hello {{ who }}"', 'echo "hello, {{ who }}"\n        - uptime');

async function failure(call: Promise<unknown>): Promise<DocumentError> {
  try {
    await call;
  } catch (err) {
    expect(err).toBeInstanceOf(DocumentError);
    return err as DocumentError;
  }
  throw new Error('expected a DocumentError');
}

beforeAll(async () => {
  await f.aws.ssm.send(new CreateDocumentCommand({Name: 'Greeter', Content: V1, DocumentFormat: 'YAML', DocumentType: 'Command', VersionName: 'first'}));
  await f.aws.ssm.send(new UpdateDocumentCommand({Name: 'Greeter', Content: V2, DocumentFormat: 'YAML', DocumentVersion: '$LATEST'}));
  await f.aws.ssm.send(new ModifyDocumentPermissionCommand({Name: 'Greeter', PermissionType: 'Share', AccountIdsToAdd: ['111122223333']}));
});

describe('documents adapter', () => {
  it('lists every owner: this account\'s documents with their latest version, Amazon\'s with their default', async () => {
    const list = await api().list();
    const mine = list.find((d) => d.name === 'Greeter');
    expect(mine).toMatchObject({ownership: 'mine', documentType: 'Command', format: 'YAML', defaultVersion: '1', defaultVersionName: 'first', latestVersion: '2'});
    expect(mine?.lastModified).toBeGreaterThan(Date.now() - 60_000);
    const shell = list.find((d) => d.name === 'AWS-RunShellScript');
    expect(shell).toMatchObject({ownership: 'amazon', owner: 'Amazon', documentType: 'Command'});
    expect(shell?.platformTypes).toContain('Linux');
    expect(list.filter((d) => d.ownership === 'mine').map((d) => d.name)).toEqual(['Greeter']);
  });

  it('describes a version with its parameters, reads its content, lists the versions', async () => {
    const d = await api().describe('Greeter');
    expect(d).toMatchObject({version: '1', versionName: 'first', defaultVersion: '1', latestVersion: '2', ownership: 'mine', description: 'greets'});
    expect(d.parameters).toEqual([{name: 'who', type: 'String', description: 'who to greet', defaultValue: 'world'}]);
    const latest = await api().content('Greeter', '2');
    expect(latest).toMatchObject({name: 'Greeter', version: '2', format: 'YAML'});
    expect(latest.content).toContain('uptime');
    expect((await api().content('Greeter')).content).toBe(V1);
    const versions = await api().versions('Greeter');
    expect(versions.map((v) => [v.version, v.versionName, v.isDefault])).toEqual([['1', 'first', true], ['2', undefined, false]]);
  });

  it('follows a new default version', async () => {
    await f.aws.ssm.send(new UpdateDocumentDefaultVersionCommand({Name: 'Greeter', DocumentVersion: '2'}));
    expect((await api().describe('Greeter')).defaultVersion).toBe('2');
    expect((await api().versions('Greeter')).find((v) => v.isDefault)?.version).toBe('2');
    await f.aws.ssm.send(new UpdateDocumentDefaultVersionCommand({Name: 'Greeter', DocumentVersion: '1'}));
  });

  it('says who a document is shared with', async () => {
    expect((await api().permissions('Greeter')).accountIds).toEqual(['111122223333']);
  });

  it('maps errors to kinds, with messages safe for the screen', async () => {
    const missing = await failure(api().describe('NoSuchDocument'));
    expect(missing.kind).toBe('not-found');
    expect(missing.code).toBe('InvalidDocument');
    const version = await failure(api().content('Greeter', '9'));
    expect(version.kind).toBe('version-not-found');
    const amazon = await failure(api().permissions('AWS-RunShellScript'));
    expect(amazon.kind).toBe('refused');
    const hostile = await failure(api().describe('bad\u001b[2Jname'));
    expect(hostile.message).not.toMatch(/\u001b/);
  });
});

describe('documents adapter: writes', () => {
  it('creates, adds a version, sets the default, shares and unshares, deletes', async () => {
    const created = await api().create({name: 'Writer', content: V1, format: 'YAML', documentType: 'Command', versionName: 'one'});
    expect(created).toMatchObject({name: 'Writer', version: '1', versionName: 'one', ownership: 'mine'});
    const v2 = await api().update('Writer', V2, 'YAML', 'two');
    expect(v2).toMatchObject({version: '2', versionName: 'two', defaultVersion: '1', latestVersion: '2'});
    await api().setDefaultVersion('Writer', '2');
    expect((await api().describe('Writer')).defaultVersion).toBe('2');
    await api().share('Writer', ['444455556666', '777788889999'], []);
    expect((await api().permissions('Writer')).accountIds).toEqual(['444455556666', '777788889999']);
    // A shared document cannot be deleted: unshare first.
    expect((await failure(api().delete('Writer'))).kind).toBe('refused');
    await api().share('Writer', [], ['444455556666', '777788889999']);
    await api().delete('Writer');
    expect((await failure(api().describe('Writer'))).kind).toBe('not-found');
  });

  it('reports duplicates and bad content as SSM does', async () => {
    expect((await failure(api().update('Greeter', V1, 'YAML'))).code).toBe('DuplicateDocumentContent');
    const bad = await failure(api().create({name: 'Broken', content: 'schemaVersion: "2.2"\nmainSteps: []\n', format: 'YAML', documentType: 'Command'}));
    expect(bad).toMatchObject({kind: 'invalid', code: 'InvalidDocumentContent'});
  });
});
