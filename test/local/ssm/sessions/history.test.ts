// Session Manager history and preferences in the local fleet, through the real SDK and the native session client
// over real WebSockets: Active then History, TerminateSession of another client's session, the preferences document
// (idle timeout, maximum duration, run-as, shell profile) and the 30-day History, on the session service's clock.

import {
  CreateDocumentCommand, DeleteDocumentCommand, DescribeSessionsCommand, GetDocumentCommand, SSM, TerminateSessionCommand,
  UpdateDocumentCommand, type Session,
} from '@aws-sdk/client-ssm';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';

import {
  DEFAULT_SESSION_PREFERENCES, PREFERENCES_DOCUMENT, preferencesContent, type SessionPreferences,
} from '../../../../src/fleet/sessions/preferences.js';
import {IDLE_TIMEOUT_OUTPUT, MAX_DURATION_OUTPUT} from '../../../../src/local/ssm/sessions/index.js';
import {SessionClient, type SessionApi} from '../../../../src/session/client.js';
import {sessionApi} from '../../../../src/aws/sessions/start-session.js';
import {fleetControlClient} from '../../../../src/local/control-client.js';
import {expectSdkError, rawRequest} from '../../../helpers/fleet-clients.js';
import {useSessionFleet} from '../../../helpers/session-fleet.js';
import {until} from '../../../helpers/wait.js';

const local = useSessionFleet({nodes: 12, seed: 'session-history', node: (n) => n.pingStatus === 'Online' && n.platformType === 'Linux', plainShells: true});
const MINUTE = 60_000;
/** How far the session service's clock is ahead of the real one. */
let offset = 0;
let api: SessionApi;
/** A second SDK client: another operator's. */
let other: SSM;
const clients: SessionClient[] = [];

beforeAll(() => {
  const config = {endpoint: local.fleet.endpoint, region: local.fleet.region, credentials: local.fleet.credentials, maxAttempts: 1};
  api = sessionApi({ssm: new SSM(config)});
  other = new SSM(config);
  local.service.configure({now: () => Date.now() + offset});
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.detach();
  offset = 0;
  await local.c.ssm.send(new DeleteDocumentCommand({Name: PREFERENCES_DOCUMENT})).catch(() => undefined);
});

async function shell(extra: {reason?: string} = {}): Promise<{client: SessionClient; text: () => string}> {
  const chunks: Buffer[] = [];
  const client = await SessionClient.start({
    api, target: local.online.instanceId, size: {cols: 100, rows: 30}, onOutput: (b) => chunks.push(b), ...extra,
  });
  clients.push(client);
  const text = (): string => Buffer.concat(chunks).toString('utf8');
  await until(() => text().includes(`${local.online.instanceId}$ `), 'the prompt');
  return {client, text};
}

async function describeOne(state: 'Active' | 'History', sessionId: string): Promise<Session | undefined> {
  const res = await local.c.ssm.send(new DescribeSessionsCommand({State: state, Filters: [{key: 'SessionId', value: sessionId}]}));
  return res.Sessions?.[0];
}

async function savePreferences(change: Partial<SessionPreferences>): Promise<void> {
  const content = preferencesContent({...DEFAULT_SESSION_PREFERENCES, ...change});
  await local.c.ssm.send(new CreateDocumentCommand({Name: PREFERENCES_DOCUMENT, DocumentType: 'Session', DocumentFormat: 'JSON', Content: content}));
}

describe('DescribeSessions', () => {
  it('shows a session started through the SDK as Active, then in History once it ends', async () => {
    const {client} = await shell({reason: 'disk full on /var'});
    const active = await describeOne('Active', client.sessionId);
    expect(active).toMatchObject({
      Target: local.online.instanceId, Status: 'Connected', DocumentName: 'SSM-SessionManagerRunShell', Reason: 'disk full on /var',
      Owner: `arn:aws:iam::${local.fleet.model.accountId}:user/fleetdeck`,
    });
    expect(active?.EndDate).toBeUndefined();
    const closed = client.whenClosed();
    client.write('exit\r');
    await closed;
    expect(await describeOne('Active', client.sessionId)).toBeUndefined();
    const ended = await describeOne('History', client.sessionId);
    expect(ended?.Status).toBe('Terminated');
    expect(ended?.EndDate?.getTime()).toBeGreaterThanOrEqual(ended?.StartDate?.getTime() ?? Infinity);
  });

  it('keeps History for 30 days', async () => {
    const {client} = await shell();
    const closed = client.whenClosed();
    client.write('exit\r');
    await closed;
    offset = 29 * 24 * 60 * MINUTE;
    expect(await describeOne('History', client.sessionId)).toBeDefined();
    offset = 31 * 24 * 60 * MINUTE;
    await until(() => local.service.get(client.sessionId) === undefined, 'the 31-day-old session to leave History');
    expect(await describeOne('History', client.sessionId)).toBeUndefined();
  });
});

describe('TerminateSession', () => {
  it("ends another client's session: its data channel closes with who terminated it", async () => {
    const {client} = await shell();
    const closed = client.whenClosed();
    await other.send(new TerminateSessionCommand({SessionId: client.sessionId}));
    const info = await closed;
    expect(info.output).toBe(`The session was terminated by arn:aws:iam::${local.fleet.model.accountId}:user/fleetdeck.`);
    expect(info.text).toContain(`SessionId: ${client.sessionId} : The session was terminated by`);
    expect(client.state).toBe('closed');
    expect((await describeOne('History', client.sessionId))?.Status).toBe('Terminated');
  });
});

describe('owners', () => {
  it("records the signer as the owner: another operator's session is theirs, and ending mine names them", async () => {
    const alice = await fleetControlClient(local.fleet).createCaller('alice');
    expect(alice.arn).toBe(`arn:aws:iam::${local.fleet.model.accountId}:user/alice`);
    const aliceSsm = new SSM({endpoint: local.fleet.endpoint, region: local.fleet.region, maxAttempts: 1, credentials: alice.credentials});
    const chunks: Buffer[] = [];
    const hers = await SessionClient.start({api: sessionApi({ssm: aliceSsm}), target: local.online.instanceId, size: {cols: 80, rows: 24}, onOutput: (b) => chunks.push(b)});
    clients.push(hers);
    expect(hers.sessionId).toMatch(/^alice-[0-9a-f]{17}$/);
    const {client: mine} = await shell();
    const byAlice = await local.c.ssm.send(new DescribeSessionsCommand({State: 'Active', Filters: [{key: 'Owner', value: alice.arn}]}));
    expect(byAlice.Sessions?.map((s) => s.SessionId)).toEqual([hers.sessionId]);
    const closed = mine.whenClosed();
    await aliceSsm.send(new TerminateSessionCommand({SessionId: mine.sessionId}));
    expect((await closed).output).toBe(`The session was terminated by ${alice.arn}.`);
    const bad = await rawRequest(local.fleet, {target: 'FleetdeckLocal.CreateCaller', body: JSON.stringify({UserName: 'bad name'})});
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('ValidationException');
  });
});

describe('preferences (SSM-SessionManagerRunShell)', () => {
  it('ends a session after the idle timeout without input, even while it prints (on the fleet clock)', async () => {
    await savePreferences({idleSessionTimeout: '2'});
    const {client, text} = await shell();
    const closed = client.whenClosed();
    client.write('while :; do echo tick; sleep 0.2; done\r');
    await until(() => text().includes('tick\r\ntick'), 'output flowing');
    await fleetControlClient(local.fleet).advanceClock(2 * MINUTE + 1_000);
    const info = await closed;
    expect(info.output).toBe(IDLE_TIMEOUT_OUTPUT);
    expect((await describeOne('History', client.sessionId))?.Status).toBe('Terminated');
  });

  it('ends a session at the maximum duration, which DescribeSessions reports', async () => {
    await savePreferences({maxSessionDuration: '90', idleSessionTimeout: '60'});
    const {client} = await shell();
    expect((await describeOne('Active', client.sessionId))?.MaxSessionDuration).toBe('90');
    const closed = client.whenClosed();
    offset = 90 * MINUTE;
    expect((await closed).output).toBe(MAX_DURATION_OUTPUT);
  });

  it('types the Linux shell profile first and records the run-as user', async () => {
    await savePreferences({runAsEnabled: true, runAsDefaultUser: 'deploy', shellProfile: {linux: 'echo profile-$((6*7))', windows: ''}});
    const {client, text} = await shell();
    await until(() => text().includes('profile-42'), 'the shell profile output');
    expect(local.service.get(client.sessionId)?.policy?.runAsUser).toBe('deploy');
    expect(local.service.logEntries().find((e) => e.sessionId === client.sessionId && e.msg === 'session started')?.fields)
      .toMatchObject({runAs: 'deploy'});
  });

  it('are read back with GetDocument, changed with UpdateDocument ($LATEST), and refused out of range', async () => {
    await savePreferences({idleSessionTimeout: '15'});
    const got = await local.c.ssm.send(new GetDocumentCommand({Name: PREFERENCES_DOCUMENT}));
    expect(got.DocumentType).toBe('Session');
    expect(JSON.parse(got.Content ?? '{}')).toMatchObject({sessionType: 'Standard_Stream', inputs: {idleSessionTimeout: '15'}});
    await local.c.ssm.send(new UpdateDocumentCommand({
      Name: PREFERENCES_DOCUMENT, DocumentVersion: '$LATEST', Content: preferencesContent({...DEFAULT_SESSION_PREFERENCES, idleSessionTimeout: '1'}),
    }));
    const {client} = await shell();
    expect(local.service.get(client.sessionId)?.policy?.idleMs).toBe(MINUTE);
    for (const bad of [{idleSessionTimeout: '61'}, {idleSessionTimeout: '0'}, {maxSessionDuration: '1441'}]) {
      await expectSdkError(local.c.ssm.send(new UpdateDocumentCommand({
        Name: PREFERENCES_DOCUMENT, DocumentVersion: '$LATEST', Content: preferencesContent({...DEFAULT_SESSION_PREFERENCES, ...bad}),
      })), 'InvalidDocumentContent');
    }
    const wrongType = JSON.stringify({schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: {runAsEnabled: 'yes'}});
    await expectSdkError(local.c.ssm.send(new UpdateDocumentCommand({Name: PREFERENCES_DOCUMENT, DocumentVersion: '$LATEST', Content: wrongType})), 'InvalidDocumentContent');
  });
});
