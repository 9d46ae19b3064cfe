// The documents views in the real App (Ink), with the real adapters over the local fleet: the list by owner, a
// document's detail (parameters, versions, sharing, content, searched), a diff between two versions, Run Command
// from a Command document, and what read-only mode and a non-Command document refuse.
import {CreateDocumentCommand, ListCommandsCommand, UpdateDocumentCommand} from '@aws-sdk/client-ssm';
import {readAudit} from '../../../src/audit.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import {documentsApi} from '../../../src/aws/documents/document-api.js';
import {associationsApi} from '../../../src/aws/associations/association-api.js';

const local = useFleetClients({nodes: 12, seed: 'documents-views'});
const renderApp = useAppRenderer();

const V1 = 'schemaVersion: "2.2"\ndescription: greets\nparameters:\n  who:\n    type: String\n    default: world\n    description: who to greet\nmainSteps:\n  - action: aws:runShellScript\n    name: greet\n    inputs:\n      runCommand:\n        - echo "hello {{ who }}"\n';
const V2 = V1.replace('echo "hello {{ who }}"', 'echo "hello, {{ who }}"\n        - uptime');

// The audit log (a run is audited) goes to a directory of this file's own.
const savedState = process.env['XDG_STATE_HOME'];
afterAll(() => {
  if (savedState === undefined) delete process.env['XDG_STATE_HOME'];
  else process.env['XDG_STATE_HOME'] = savedState;
});

beforeAll(async () => {
  process.env['XDG_STATE_HOME'] = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-docs-'));
  await local.aws.ssm.send(new CreateDocumentCommand({Name: 'Greeter', Content: V1, DocumentFormat: 'YAML', DocumentType: 'Command', VersionName: 'first'}));
  await local.aws.ssm.send(new UpdateDocumentCommand({Name: 'Greeter', Content: V2, DocumentFormat: 'YAML', DocumentVersion: '$LATEST'}));
  await local.aws.ssm.send(new CreateDocumentCommand({Name: 'Team-ShellPrefs', DocumentType: 'Session', DocumentFormat: 'JSON',
    Content: JSON.stringify({schemaVersion: '1.0', description: 'shell preferences', sessionType: 'Standard_Stream', inputs: {idleSessionTimeout: '20'}})}));
});

async function setup(readOnly = false) {
  const store: AppStore = createAppStore({size: {cols: 150, rows: 40}});
  const loader = new FleetLoader(local.aws);
  const services: Services = {
    loadFleet: (o) => loader.load(o), runCommand: runCommandApi(local.aws), documents: documentsApi(local.aws),
    associations: associationsApi(local.aws), identity: 'local',
  };
  const app = renderApp({store, services, readOnly, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  const frame = (pred: (s: string) => boolean, what: string) => app.frame(pred, what, 10_000);
  await frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
  await app.press(':', ...'docs', '\r');
  await frame((s) => /Documents \d+\/\d+/.test(s) && s.includes('AWS-RunShellScript'), 'the documents');
  return {store, press: app.press, frame};
}

describe('documents views', () => {
  it('lists by owner with default and latest versions, opens the detail and searches the content', async () => {
    const {press, frame} = await setup();
    await press('/', ...'owner:mine greet', '\r');
    const mine = await frame((s) => /Documents 1\/\d+/.test(s), 'only this account\'s document');
    expect(mine).toMatch(/Greeter\s+mine\s+Command\s+YAML\s+\S*Linux\S*\s+1 \(first\)\s+2\b/);
    await press('\r');
    const detail = await frame((s) => s.includes('Parameters') && s.includes('Content (YAML'), 'the detail');
    expect(detail).toMatch(/who\s+String\s+world\s+who to greet/);
    expect(detail).toMatch(/Version\s+1 \(first\)\s+default 1 · latest 2/);
    expect(detail).toMatch(/Shared with\s*\n\s+\(not shared\)/);
    await press('/', ...'hello', '\r');
    const found = await frame((s) => /\/hello 1\/1/.test(s), 'the search note');
    expect(found).toMatch(/echo "hello \{\{ who \}\}"/);
  });

  it('diffs two marked versions', async () => {
    const {press, frame} = await setup();
    await press('/', ...'Greeter', '\r', 'V');
    await frame((s) => /Versions Greeter|Versions 2\/2/.test(s) && /\bfirst\b/.test(s), 'the versions');
    await press(' ', ' ', 'd');
    const diff = await frame((s) => s.includes('version 1 → 2'), 'the diff');
    expect(diff).toMatch(/\+1 -1|\+2 -1/);
    expect(diff).toMatch(/- +echo "hello \{\{ who \}\}"/);
    expect(diff).toMatch(/\+ +- uptime/);
  });

  it('opens Run Command with a Command document; refuses other types and read-only mode', async () => {
    const {store, press, frame} = await setup();
    await press('/', ...'name:AWS-RunPatchBaseline', '\r');
    await frame((s) => /Documents 1\//.test(s), 'one document');
    await press('r');
    expect(store.getState().runForm?.document).toBe('AWS-RunPatchBaseline');
    store.getState().setRunForm(undefined);
    await press('/', '\x15', ...'type:session', '\r');
    const session = await frame((s) => /Documents [1-9]\d*\//.test(s) && /Session/.test(s), 'a Session document');
    expect(session).toMatch(/Session/);
    await press('r');
    await frame((s) => s.includes('Run Command runs Command documents; this one is Session'), 'the refusal');
    expect(store.getState().runForm).toBeUndefined();
    await press('a');
    await frame((s) => s.includes('associations run Command and Automation documents'), 'no association with it either');
    const ro = await setup(true);
    await ro.press('r');
    await ro.frame((s) => s.includes('read-only mode: Run Command is off'), 'read-only refusal');
    expect(ro.store.getState().runForm).toBeUndefined();
  });

  it('r on a version runs that version: the confirmation names it, the CLI line has --document-version, SendCommand gets it, audited', async () => {
    const {store, press, frame} = await setup();
    await press(':', ...'instances', '\r');
    await frame((s) => /Managed instances [1-9]\d*\//.test(s), 'the instances');
    const target = store.getState().instances.find((i) => i.platformType === 'Linux' && i.pingStatus === 'Online')?.instanceId ?? '';
    await press('/', ...target, '\r', ' ', '\x1b', '\x1b');
    await press(':', ...'docs', '\r');
    await frame((s) => /Documents \d+\/\d+/.test(s), 'the documents');
    await press('/', ...'Greeter', '\r', 'V');
    await frame((s) => /Versions Greeter 2\/2/.test(s) && /\bfirst\b/.test(s), 'the versions');
    // Newest first: version 1 is the last row.
    await press('G', 'r');
    await frame((s) => s.includes('Greeter version 1'), 'the form on version 1');
    expect(store.getState().runForm).toMatchObject({document: 'Greeter', documentVersion: '1'});
    await press('\x13');
    const confirm = await frame((s) => s.includes('Confirm') && s.includes('--document-version'), 'the confirmation');
    expect(confirm).toMatch(/run Greeter version 1 on 1 instance/);
    expect(confirm).toContain("--document-name 'Greeter' --document-version '1'");
    await press('\r');
    const sent = async () => (await local.aws.ssm.send(new ListCommandsCommand({Filters: [{key: 'DocumentName', value: 'Greeter'}]}))).Commands ?? [];
    await expect.poll(async () => (await sent()).length, {timeout: 10_000}).toBe(1);
    expect((await sent())[0]).toMatchObject({DocumentName: 'Greeter', DocumentVersion: '1', InstanceIds: [target]});
    expect(readAudit().find((e) => e['action'] === 'SendCommand' && e['document'] === 'Greeter')).toMatchObject({documentVersion: '1'});
  });

  it('keeps a pane\'s blank lines as rows, so the pane fills the screen to the footer', async () => {
    const {press, frame} = await setup();
    await press('/', ...'name:AWS-RunShellScript', '\r', '\r');
    const detail = await frame((s) => s.includes('Parameters') && s.includes('<r> run'), 'the detail');
    const rows = detail.split('\n');
    const footer = rows.findIndex((l) => l.includes('<r> run'));
    // The content is longer than the screen: the row above the footer holds a line of it.
    expect(rows[footer - 1]?.trim()).not.toBe('');
    expect(detail).toMatch(/Description .*\n\s*\nParameters/);
  });
});
