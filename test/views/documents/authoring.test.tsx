// Authoring documents in the real App (Ink) over the local fleet: a new document written in the editor, refused
// while it has problems (each on its line), created after a question; a new version, made the default; shared and
// unshared; deleted by typing its name (not while shared); every change audited; read-only and Amazon's documents
// refused. The editor is the user's program: here a function stands in for it.
import {describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {documentsApi} from '../../../src/aws/documents/document-api.js';
import {COMMAND_TEMPLATE} from '../../../src/fleet/documents/validate.js';
import {readAudit} from '../../../src/audit.js';
import {usePrivateStateDir} from '../../helpers/state-dir.js';

const local = useFleetClients({nodes: 4, seed: 'documents-authoring'});
const renderApp = useAppRenderer();

usePrivateStateDir('fd-docs-');

async function setup(edits: ((text: string) => string | undefined)[], readOnly = false) {
  const store: AppStore = createAppStore({size: {cols: 150, rows: 40}});
  const loader = new FleetLoader(local.aws);
  const seen: string[] = [];
  const services: Services = {
    loadFleet: (o) => loader.load(o), documents: documentsApi(local.aws), identity: 'local',
    editText: async (text) => {
      seen.push(text);
      const next = edits.shift();
      return next ? next(text) : undefined;
    },
  };
  const app = renderApp({store, services, readOnly, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  const frame = (pred: (s: string) => boolean, what: string) => app.frame(pred, what, 10_000);
  await frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
  await app.press(':', ...'docs', '\r');
  await frame((s) => /Documents \d+\/\d+/.test(s) && s.includes('AWS-RunShellScript'), 'the documents');
  return {store, press: app.press, frame, seen};
}

const actions = () => readAudit().map((e) => e['action']);

describe('authoring documents', () => {
  it('writes a new document and a new version in the editor, checks them, sends them, sets the default, shares, deletes', async () => {
    const {press, frame, seen} = await setup([
      (t) => t.replace('"2.2"', '"3.0"'),
      () => COMMAND_TEMPLATE,
      (t) => t.replace('default: hello', 'default: hello again'),
    ]);
    await press('c', ...'Team-Hello', '\r');
    const bad = await frame((s) => s.includes('New Command document Team-Hello (YAML)') && s.includes('✗ line 1: schemaVersion 3.0'), 'the problem on its line');
    expect(bad).toMatch(/✗ +1 +schemaVersion: "3\.0"/);
    expect(seen[0]).toBe(COMMAND_TEMPLATE);
    await press('\r');
    await frame((s) => s.includes('fix the 1 problem first'), 'not sent');
    await press('e');
    await frame((s) => s.includes('✓ checked: enter sends it'), 'checked');
    await press('\r');
    await frame((s) => s.includes('Create the Command document Team-Hello?'), 'the question');
    await press('y');
    await frame((s) => s.includes('Team-Hello version 1 created') && /Version\s+1\s+default 1 · latest 1/.test(s), 'the new document');
    // A new version from the latest content, then made the default.
    await press('e');
    await frame((s) => s.includes('New version of Team-Hello'), 'the version draft');
    expect(seen[2]).toBe(COMMAND_TEMPLATE);
    await press('\r', 'y');
    await frame((s) => /Version\s+2\s+default 1 · latest 2/.test(s) && s.includes('hello again'), 'version 2');
    await press('V');
    await frame((s) => /Versions \S+ 2\/2/.test(s), 'the versions');
    await press('s');
    await frame((s) => s.includes('Make version 2 the default of Team-Hello?'), 'the default question');
    await press('y');
    await frame((s) => s.includes('version 2 is the default of Team-Hello'), 'the default set');
    expect((await documentsApi(local.aws).describe('Team-Hello')).defaultVersion).toBe('2');
    // Share, refuse to delete while shared, unshare, delete.
    await press('\x1b', '\x1b', 'S', ...'+111122223333', '\r');
    await frame((s) => s.includes('Team-Hello: share with 111122223333?'), 'the share question');
    await press('y');
    await frame((s) => /Shared with\s*\n\s+111122223333/.test(s), 'shared');
    await press('D', ...'Team-Hello', '\r');
    await frame((s) => s.includes('DeleteDocument failed'), 'not while shared');
    await press('S', ...'-111122223333', '\r', 'y');
    await frame((s) => /Shared with\s*\n\s+\(not shared\)/.test(s), 'unshared');
    await press('D', ...'Team-Hello', '\r');
    await frame((s) => s.includes('deleted Team-Hello'), 'deleted');
    expect(actions()).toEqual(expect.arrayContaining(['CreateDocument', 'UpdateDocument', 'UpdateDocumentDefaultVersion', 'ModifyDocumentPermission', 'DeleteDocument']));
  });

  it('refuses in read-only mode, and changes to Amazon\'s documents', async () => {
    const ro = await setup([], true);
    await ro.press('c');
    await ro.frame((s) => s.includes('read-only mode: document changes are off'), 'read-only');
    const rw = await setup([]);
    await rw.press('/', ...'name:AWS-RunShellScript', '\r', 'e');
    await rw.frame((s) => s.includes('only this account\'s documents can be changed'), 'Amazon\'s document');
    expect(rw.seen).toEqual([]);
  });
});
