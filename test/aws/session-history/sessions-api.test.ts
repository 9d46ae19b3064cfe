// The Session Manager history and preferences adapter against the local fleet: Active and History lists,
// terminating a session another client holds, preferences read, validated, created, updated and sanitized.

import {CreateDocumentCommand, DeleteDocumentCommand, DescribeDocumentCommand, SSM} from '@aws-sdk/client-ssm';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';

import {sessionsApi} from '../../../src/aws/session-history/sessions-api.js';
import {sessionApi} from '../../../src/aws/sessions/start-session.js';
import {SessionsError, type SessionsApi} from '../../../src/fleet/sessions/port.js';
import {DEFAULT_SESSION_PREFERENCES, PREFERENCES_DOCUMENT, type SessionPreferences} from '../../../src/fleet/sessions/preferences.js';
import {SessionClient} from '../../../src/session/client.js';
import {useSessionFleet} from '../../helpers/session-fleet.js';
import {until} from '../../helpers/wait.js';

const local = useSessionFleet({nodes: 12, seed: 'session-history-adapter', node: (n) => n.pingStatus === 'Online' && n.platformType === 'Linux', plainShells: true});
let api: SessionsApi;
let shells: SSM;
const clients: SessionClient[] = [];

beforeAll(() => {
  api = sessionsApi({ssm: local.c.ssm});
  shells = new SSM({endpoint: local.fleet.endpoint, region: local.fleet.region, credentials: local.fleet.credentials, maxAttempts: 1});
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.detach();
  await local.c.ssm.send(new DeleteDocumentCommand({Name: PREFERENCES_DOCUMENT})).catch(() => undefined);
});

async function shell(): Promise<SessionClient> {
  const client = await SessionClient.start({
    api: sessionApi({ssm: shells}), target: local.online.instanceId, size: {cols: 80, rows: 24}, onOutput: () => undefined, reason: 'incident 42',
  });
  clients.push(client);
  return client;
}

async function rejection(call: Promise<unknown>): Promise<SessionsError> {
  const err: unknown = await call.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SessionsError);
  return err as SessionsError;
}

const prefs = (change: Partial<SessionPreferences>): SessionPreferences => ({...DEFAULT_SESSION_PREFERENCES, shellProfile: {...DEFAULT_SESSION_PREFERENCES.shellProfile}, ...change});

describe('sessions', () => {
  it('lists Active sessions, terminates one another client holds, and finds it in History', async () => {
    const started = [await shell(), await shell(), await shell()];
    const active = await api.list('Active', [{key: 'Target', value: local.online.instanceId}]);
    expect(active.map((s) => s.sessionId)).toEqual(expect.arrayContaining(started.map((c) => c.sessionId)));
    const row = active.find((s) => s.sessionId === started[0]?.sessionId);
    expect(row).toMatchObject({target: local.online.instanceId, documentName: 'SSM-SessionManagerRunShell', reason: 'incident 42', endDate: undefined});
    expect(row?.owner).toMatch(/:user\/fleetdeck$/);
    const victim = started[1];
    if (victim === undefined) throw new Error('no session');
    const closed = victim.whenClosed();
    await api.terminate(victim.sessionId);
    expect((await closed).output).toContain('terminated by');
    const history = await api.list('History', [{key: 'SessionId', value: victim.sessionId}]);
    expect(history.map((s) => s.status)).toEqual(['Terminated']);
    expect(history[0]?.endDate).toBeGreaterThanOrEqual(history[0]?.startDate ?? Infinity);
  });

  it('says not-found for a session that does not exist and invalid for a bad filter', async () => {
    expect((await rejection(api.terminate('fleetdeck-00000000000000000'))).kind).toBe('not-found');
    expect((await rejection(api.list('Active', [{key: 'InvokedAfter', value: 'yesterday'}]))).kind).toBe('invalid');
  });
});

describe('preferences', () => {
  it('are the defaults until saved; saving creates the document, then updates it and makes it the default', async () => {
    expect(await api.getPreferences()).toEqual(DEFAULT_SESSION_PREFERENCES);
    await api.updatePreferences(prefs({idleSessionTimeout: '10', runAsEnabled: true, runAsDefaultUser: 'ops'}));
    expect(await api.getPreferences()).toMatchObject({idleSessionTimeout: '10', runAsEnabled: true, runAsDefaultUser: 'ops'});
    await api.updatePreferences(prefs({idleSessionTimeout: '5'}));
    await api.updatePreferences(prefs({idleSessionTimeout: '5'})); // the same again changes nothing
    expect((await api.getPreferences()).idleSessionTimeout).toBe('5');
    const described = await local.c.ssm.send(new DescribeDocumentCommand({Name: PREFERENCES_DOCUMENT}));
    expect(described.Document).toMatchObject({DocumentType: 'Session', DefaultVersion: '2', LatestVersion: '2'});
    const client = await shell();
    await until(() => local.service.get(client.sessionId)?.policy !== undefined, 'the session');
    expect(local.service.get(client.sessionId)?.policy?.idleMs).toBe(5 * 60_000);
  });

  it('refuses invalid preferences before sending anything', async () => {
    const err = await rejection(api.updatePreferences(prefs({idleSessionTimeout: '61', runAsEnabled: true})));
    expect(err.kind).toBe('invalid');
    expect(err.message).toContain('1 to 60');
    expect(err.message).toContain('Run As needs a default operating system user');
    expect(await api.getPreferences()).toEqual(DEFAULT_SESSION_PREFERENCES);
  });

  it('sanitizes what the document holds', async () => {
    const content = JSON.stringify({schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: {
      runAsEnabled: false, runAsDefaultUser: 'x\u001b[2Jy', shellProfile: {linux: 'echo hi\u001b]52;c;AAAA\u0007\ncd /srv', windows: ''},
    }});
    await local.c.ssm.send(new CreateDocumentCommand({Name: PREFERENCES_DOCUMENT, DocumentType: 'Session', Content: content}));
    const got = await api.getPreferences();
    expect(got.runAsDefaultUser).toBe('x␛[2Jy');
    expect(got.shellProfile.linux).toBe('echo hi␛]52;c;AAAA␇\ncd /srv');
  });
});
