// The Session Manager history and preferences views in the real App (Ink) over the local fleet through the real
// adapter, with real shells over real WebSockets: who is on a node (Active, from the instances view too), the
// history, terminating a session (asked, audited, refused in read-only), and the preferences shown and edited as JSON
// (checked, the change shown field by field, asked, audited).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {SSM} from '@aws-sdk/client-ssm';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createAppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {createAwsClients, type AwsClients} from '../../../src/aws/clients.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {sessionsApi} from '../../../src/aws/session-history/sessions-api.js';
import {sessionApi} from '../../../src/aws/sessions/start-session.js';
import {SessionClient} from '../../../src/session/client.js';
import {DEFAULT_SESSION_PREFERENCES} from '../../../src/fleet/sessions/preferences.js';
import {readAudit} from '../../../src/audit.js';
import {useSessionFleet} from '../../helpers/session-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {until} from '../../helpers/wait.js';

const local = useSessionFleet({nodes: 12, seed: 'session-views', node: (n) => n.pingStatus === 'Online' && n.platformType === 'Linux', plainShells: true});
const renderApp = useAppRenderer();
const clients: SessionClient[] = [];
let aws: AwsClients;
let stateDir = '';
let savedState: string | undefined;

beforeAll(() => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-sessions-'));
  savedState = process.env['XDG_STATE_HOME'];
  process.env['XDG_STATE_HOME'] = stateDir;
  aws = createAwsClients({kind: 'local', region: local.fleet.region, endpoint: local.fleet.endpoint, credentials: local.fleet.credentials, maxAttempts: 1});
});
afterEach(() => {
  for (const c of clients.splice(0)) c.detach();
});
afterAll(() => {
  aws.destroy();
  if (savedState === undefined) delete process.env['XDG_STATE_HOME'];
  else process.env['XDG_STATE_HOME'] = savedState;
});

async function shell(reason: string): Promise<SessionClient> {
  const api = sessionApi({ssm: new SSM({endpoint: local.fleet.endpoint, region: local.fleet.region, credentials: local.fleet.credentials, maxAttempts: 1})});
  let out = '';
  const client = await SessionClient.start({api, target: local.online.instanceId, size: {cols: 100, rows: 30}, reason,
    onOutput: (b) => (out += b.toString('utf8'))});
  clients.push(client);
  await until(() => out.includes(`${local.online.instanceId}$ `), 'the prompt');
  return client;
}

async function setup(readOnly = false, editText?: Services['editText']) {
  const store = createAppStore({size: {cols: 200, rows: 45}});
  const loader = new FleetLoader(aws);
  const services: Services = {loadFleet: (o) => loader.load(o), sessions: sessionsApi(aws), identity: 'local', ...(editText ? {editText} : {})};
  const app = renderApp({store, services, readOnly, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  await app.frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
  return {store, press: app.press, frame: app.frame};
}

describe('sessions views', () => {
  it('shows who is on a node from the instances view, terminates a session after asking, and finds it in the history', async () => {
    const client = await shell('disk full on var');
    const {press, frame} = await setup();
    const id = local.online.instanceId;
    await press('/', ...id, '\r');
    await frame((s) => /Managed instances 1\//.test(s), 'the node');
    await press('w');
    const active = await frame((s) => s.includes(client.sessionId) && /1 connected/.test(s), 'who is on the node');
    expect(active).toMatch(new RegExp(`${id}\\s+\\S.*fleetdeck\\s+Connected\\s+\\S+\\s+\\S+\\s+SSM-SessionManagerRunShell\\s+disk full on var`));
    await press('K');
    await frame((s) => s.includes(`Terminate fleetdeck's session ${client.sessionId} on ${id}?`), 'asked');
    await press('y');
    await frame((s) => s.includes(`terminated ${client.sessionId}`), 'terminated');
    await client.whenClosed();
    expect(readAudit().filter((r) => r['action'] === 'TerminateSession').at(-1)).toMatchObject({sessionId: client.sessionId, target: id});
    await press('h');
    const history = await frame((s) => s.includes(client.sessionId) && s.includes('Terminated'), 'the history');
    expect(history).toMatch(new RegExp(`${id}.*fleetdeck\\s+Terminated.*disk full on var`));
  });

  it('refuses terminating and editing the preferences in read-only mode, saying why', async () => {
    const client = await shell('read-only check');
    const {press, frame} = await setup(true);
    await press(':', ...'sessions', '\r');
    await frame((s) => s.includes(client.sessionId), 'the session');
    await press('K');
    await frame((s) => s.includes('read-only mode: terminating a session is off'), 'refused');
    await press(':', ...'session-prefs', '\r');
    await frame((s) => s.includes('Idle timeout'), 'the preferences');
    await press('e');
    await frame((s) => s.includes('read-only mode: changing the session preferences is off'), 'editing refused');
  });

  it('shows the preferences and edits them as JSON: a bad value refused, the change shown field by field, saved and audited', async () => {
    let edits = 0;
    const editText: NonNullable<Services['editText']> = (text) => {
      const doc = JSON.parse(text) as {inputs: Record<string, unknown>};
      edits++;
      doc.inputs['idleSessionTimeout'] = edits === 1 ? '90' : '5';
      if (edits > 1) Object.assign(doc.inputs, {runAsEnabled: true, runAsDefaultUser: 'ops'});
      return Promise.resolve(JSON.stringify(doc));
    };
    const {press, frame} = await setup(false, editText);
    await press(':', ...'session-prefs', '\r');
    const shown = await frame((s) => s.includes('Idle timeout') && s.includes('KMS key'), 'the preferences');
    expect(shown).toMatch(/Idle timeout\s+20 min/);
    expect(shown).toMatch(/Run as\s+off \(shells run as ssm-user\)/);
    await press('e');
    await frame((s) => s.includes('The idle session timeout is a whole number of minutes from 1 to 60.'), 'a bad timeout refused');
    await press('e');
    await frame((s) => s.includes('Save the session preferences? idleSessionTimeout: 20 → 5 · runAsEnabled: false → true · runAsDefaultUser: (empty) → ops'), 'the change asked');
    await press('y');
    await frame((s) => /Idle timeout\s+5 min/.test(s) && /Run as\s+on: ops/.test(s), 'the saved preferences');
    const saved = await sessionsApi(aws).getPreferences();
    expect(saved).toMatchObject({...DEFAULT_SESSION_PREFERENCES, idleSessionTimeout: '5', runAsEnabled: true, runAsDefaultUser: 'ops', shellProfile: {linux: '', windows: ''}});
    expect(readAudit().filter((r) => r['action'] === 'UpdateDocument').at(-1)).toMatchObject({document: 'SSM-SessionManagerRunShell',
      changes: ['idleSessionTimeout', 'runAsEnabled', 'runAsDefaultUser']});
  });
});
