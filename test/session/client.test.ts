// The native session client over a real WebSocket and a real PTY shell, against the local fleet's agent.

import {createHash} from 'node:crypto';
import {userInfo} from 'node:os';
import {SSM} from '@aws-sdk/client-ssm';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';

import {
  DEFAULT_RECONNECT,
  SessionClient,
  reconnectDelay,
  type SessionApi,
  type SessionClientState,
  type StartOptions,
} from '../../src/session/client.js';
import {fleetClients} from '../helpers/fleet-clients.js';
import {plainShellEnv, useSessionFleet} from '../helpers/session-fleet.js';
import {until} from '../helpers/wait.js';
import {sessionApi} from '../../src/aws/sessions/start-session.js';

const local = useSessionFleet({nodes: 12, seed: 'session-client', node: (n) => n.pingStatus === 'Online', plainShells: true});
let api: SessionApi;
const clients: SessionClient[] = [];

beforeAll(() => {
  api = new SSM({endpoint: local.fleet.endpoint, region: local.fleet.region, credentials: local.fleet.credentials, maxAttempts: 1});
});

afterEach(() => {
  for (const c of clients.splice(0)) c.detach();
});

interface Collected {
  chunks: Buffer[];
  text(): string;
  bytes(): Buffer;
}

function collector(): Collected {
  const chunks: Buffer[] = [];
  return {chunks, bytes: () => Buffer.concat(chunks), text: () => Buffer.concat(chunks).toString('utf8')};
}

async function startClient(out: Collected, extra: Partial<StartOptions> = {}): Promise<SessionClient> {
  const client = await SessionClient.start({
    api,
    target: local.online.instanceId,
    size: {cols: 101, rows: 33},
    onOutput: (b) => out.chunks.push(b),
    ...extra,
  });
  clients.push(client);
  return client;
}

describe('reconnect backoff', () => {
  it('waits 100–199 ms first, doubles, and caps at 5 s', () => {
    expect(reconnectDelay(0, 0)).toBe(100);
    expect(reconnectDelay(0, 0.999)).toBe(199);
    expect(reconnectDelay(1, 0.5)).toBe(300);
    expect(reconnectDelay(4, 0)).toBe(1600);
    expect(reconnectDelay(9, 0.9)).toBe(5000);
    expect(DEFAULT_RECONNECT.attempts).toBe(5);
  });
});

describe('SessionClient against the local fleet', () => {
  it('round-trips an echo through a real shell, with a prompt naming the node', async () => {
    const out = collector();
    const client = await startClient(out);
    expect(client.state).toBe('connected');
    await until(() => out.text().includes(`${local.online.instanceId}$ `), 'the prompt');
    client.write('echo hello-$((40+2))\r');
    await until(() => out.text().includes('hello-42'), 'echo output');
    const session = local.service.get(client.sessionId);
    expect(session?.status).toBe('Connected');
    expect(session?.clientVersion).toBe('1.2.707.0');
    expect(session?.clientId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('uses the default node environment (PS1 names the node, cwd is the node directory)', async () => {
    local.service.configure({env: undefined});
    try {
      const out = collector();
      const client = await startClient(out);
      client.write('pwd; echo "user=$USER id=$AWS_SSM_INSTANCE_ID"\r');
      await until(() => out.text().includes(`id=${local.online.instanceId}`), 'env output');
      expect(out.text()).toContain(`${userInfo().username}@${local.online.name.replace(/[^A-Za-z0-9._-]/g, '')}:`);
      expect(out.text()).toContain(`user=${userInfo().username}`);
      expect(out.text()).toMatch(new RegExp(`/fleetdeck-local-[^/]+/${local.online.instanceId}\\r\\n`));
    } finally {
      local.service.configure({env: plainShellEnv});
    }
  });

  it('spawns the pty with the size sent at open and applies resizes', async () => {
    const out = collector();
    const client = await startClient(out);
    await until(() => local.service.get(client.sessionId)?.initialSize !== undefined, 'the shell to start');
    expect(local.service.get(client.sessionId)?.initialSize).toEqual({cols: 101, rows: 33});
    client.write('stty size\r');
    await until(() => out.text().includes('33 101\r\n'), 'the first size');
    client.resize({cols: 120, rows: 40});
    client.write('stty size\r');
    await until(() => out.text().includes('40 120\r\n'), 'the resized size');
  });

  it('ends with channel_closed when the shell exits', async () => {
    const out = collector();
    const client = await startClient(out);
    const closed = client.whenClosed();
    client.write('echo bye-$((1+1)); exit 3\r');
    const info = await closed;
    expect(info.reason).toBe('exited');
    expect(info.output).toBe('');
    expect(info.text).toBe(`\n\nExiting session with sessionId: ${client.sessionId}.\n\n`);
    expect(out.text()).toContain('bye-2');
    expect(client.state).toBe('closed');
    const session = local.service.get(client.sessionId);
    expect(session?.exit?.exitCode).toBe(3);
    expect(session?.status).toBe('Terminated');
  });

  it('delivers 2 MB of output byte-exact (SHA-256)', async () => {
    const size = 2 * 1024 * 1024;
    const unit = '0123456789abcdefghijklmnopqrstuvwxyz';
    const expected = Buffer.from(unit.repeat(Math.ceil(size / unit.length)).slice(0, size), 'latin1');
    const out = collector();
    const client = await startClient(out);
    client.write(`printf 'S''TART\\n'; yes ${unit} | tr -d '\\n' | head -c ${size}; printf 'E''ND\\n'\r`);
    await until(() => out.bytes().includes('END\r\n'), 'the end marker', 15_000);
    const all = out.bytes();
    const start = all.indexOf('START\r\n') + 'START\r\n'.length;
    const end = all.indexOf('END\r\n', start);
    const body = all.subarray(start, end);
    expect(body.length).toBe(size);
    expect(createHash('sha256').update(body).digest('hex')).toBe(createHash('sha256').update(expected).digest('hex'));
  });

  it('resumes after the socket is killed mid-output with no byte lost or repeated', async () => {
    const out = collector();
    const states: SessionClientState[] = [];
    const client = await startClient(out);
    client.on('state', (s) => states.push(s));
    const lines = 60_000;
    client.write(`seq -f 'line-%g' 1 ${lines}; echo DO''NE\r`);
    await until(() => out.text().includes('line-2000\r\n'), 'some output');
    const session = local.service.get(client.sessionId);
    expect(session?.dropConnection()).toBe(true);
    // Typed while the socket is down: stored unacked and sent after the resume.
    client.write('echo typed-$((3+4))\r');
    await until(() => out.text().includes('typed-7\r\n'), 'output after the resume', 15_000);
    expect(states).toContain('reconnecting');
    expect(client.state).toBe('connected');
    expect(session?.status).toBe('Connected');
    // The tty echoes the typed line (and readline redraws it) wherever it lands in seq's output: remove it.
    const text = out.text().replace(/echo typed-\$\(\(3\+4\)\)(\r\n)?/g, '');
    const seen = [...text.matchAll(/line-(\d+)\r\n/g)].map((m) => Number(m[1]));
    expect(seen.length).toBe(lines);
    expect(seen.every((v, i) => v === i + 1)).toBe(true);
    expect(text.split('DONE\r\n').length).toBe(2);
    expect(text.split('typed-7\r\n').length).toBe(2);
  });

  it('terminate() calls TerminateSession and closes', async () => {
    const out = collector();
    const calls: string[] = [];
    const counting: SessionApi = {
      startSession: (i) => api.startSession(i),
      resumeSession: (i) => api.resumeSession(i),
      terminateSession: (i) => {
        calls.push(i.SessionId);
        return api.terminateSession(i);
      },
    };
    const client = await startClient(out, {api: counting});
    const info = await client.terminate();
    expect(info.reason).toBe('terminated');
    expect(calls).toEqual([client.sessionId]);
    expect(local.service.get(client.sessionId)?.status).toBe('Terminated');
    await until(() => local.service.get(client.sessionId)?.exit !== undefined, 'the pty to exit');
  });

  it('works through a bare SSMClient and resumes a session started elsewhere', async () => {
    const bare = sessionApi({ssm: fleetClients(local.fleet).ssm});
    const started = await bare.startSession({Target: local.online.instanceId});
    const out = collector();
    const client = await SessionClient.resume({
      api: bare,
      sessionId: started.SessionId ?? '',
      size: {cols: 90, rows: 30},
      onOutput: (b) => out.chunks.push(b),
    });
    clients.push(client);
    client.write('stty size; echo one-$((0+1))\r');
    await until(() => out.text().includes('one-1\r\n'), 'output');
    expect(out.text()).toContain('30 90\r\n');
    expect(local.service.get(client.sessionId)?.status).toBe('Connected');
  });

  it('ends with channel_closed when the session is terminated elsewhere', async () => {
    const client = await startClient(collector());
    await until(() => local.service.get(client.sessionId)?.connected === true, 'the agent to accept the socket');
    const info = await new Promise((resolve) => {
      client.once('closed', resolve);
      local.service.get(client.sessionId)?.terminate('test');
    });
    expect(info).toMatchObject({reason: 'exited', sessionId: client.sessionId});
  });

  it('gives up with "disconnected" when the dropped session cannot be resumed', async () => {
    const client = await startClient(collector(), {reconnect: {firstDelayMs: 1, maxDelayMs: 5}});
    const closed = client.whenClosed();
    const session = local.service.get(client.sessionId);
    await until(() => session?.connected === true, 'the agent to accept the socket');
    session?.dropConnection();
    session?.terminate('test');
    const info = await closed;
    expect(info.reason).toBe('disconnected');
    expect(info.error?.name).toBe('DoesNotExistException');
  });
});
