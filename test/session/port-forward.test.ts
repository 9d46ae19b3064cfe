// Port forwards through the local fleet: the client's listener, a real port session over a real WebSocket, the
// agent's TCP connections on this machine (the demo HTTP page, hashing servers), in mux and basic mode.

import net from 'node:net';
import {describe, expect, it} from 'vitest';

import {demoPage, FORWARD_TAG} from '../../src/local/ssm/sessions/port-forward-demo.js';
import type {ForwardStatus} from '../../src/session/port-forward.js';
import {transfer, until, usePortForwardFleet} from '../helpers/port-forward.js';

const pf = usePortForwardFleet('port-forward');

async function fetchPage(address: string): Promise<string> {
  const res = await fetch(`http://${address}/`, {headers: {connection: 'close'}});
  expect(res.status).toBe(200);
  return res.text();
}

describe('the demo page', () => {
  it('is named by the fleetdeck:forward tag of an online Linux node', () => {
    expect(pf.web.pingStatus).toBe('Online');
    expect(pf.web.platformType).toBe('Linux');
    expect(pf.web.tags[FORWARD_TAG]).toBe(String(pf.webPort));
  });
});

describe.each(['mux', 'basic'] as const)('%s mode', (mode) => {
  it('fetches the demo HTTP page through a forward on 127.0.0.1', async () => {
    if (mode === 'basic') pf.service.configure({agentVersion: () => '3.0.196.0'});
    const forward = await pf.open();
    expect(forward.stats.mode).toBe(mode);
    expect(forward.bindAddress).toBe('127.0.0.1');
    expect(forward.localPort).toBeGreaterThan(0);
    expect(forward.stats.status).toBe('listening');
    for (let i = 0; i < 2; i++) expect(await fetchPage(forward.localAddress)).toBe(demoPage(pf.web));
    expect(forward.stats.connections).toBe(2);
    expect(forward.stats.bytesIn).toBeGreaterThan(2 * demoPage(pf.web).length);
    expect(forward.stats.bytesOut).toBeGreaterThan(0);
    const session = pf.service.get(forward.stats.sessionId ?? '');
    expect(session?.portMode).toBe(mode);
    expect(session?.documentName).toBe('AWS-StartPortForwardingSession');
  });
});

describe('mode and keepalive from the agent version (spec §7)', () => {
  it.each([
    ['3.3.1345.0', 'mux', false],
    ['3.1.1511.0', 'mux', true],
    ['3.0.196.0', 'basic', true],
  ] as const)('agent %s: %s mode, smux keepalive %s', async (agentVersion, mode, keepalive) => {
    pf.service.configure({agentVersion: () => agentVersion});
    const logged: Record<string, unknown>[] = [];
    const forward = await pf.open({log: (msg, fields) => {
      if (msg === 'port session handshake') logged.push(fields ?? {});
    }});
    expect(logged).toEqual([{agentVersion, mode, keepalive}]);
    expect(forward.stats.mode).toBe(mode);
    expect(pf.service.get(forward.stats.sessionId ?? '')?.portMode).toBe(mode);
    expect(await fetchPage(forward.localAddress)).toBe(demoPage(pf.web));
  });
});

describe('local listener', () => {
  it('uses the local port asked for, and reports a taken port before starting any session', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const before = pf.service.all().length;
      await expect(pf.open({localPort: taken})).rejects.toThrow(`local port ${taken} on 127.0.0.1 is already in use`);
      expect(pf.service.all().length).toBe(before);
    } finally {
      blocker.close();
    }
    const free = await pf.closedPort();
    const forward = await pf.open({localPort: free});
    expect(forward.localPort).toBe(free);
    expect(await fetchPage(`127.0.0.1:${free}`)).toBe(demoPage(pf.web));
  });

  it('binds another address only when asked', async () => {
    const forward = await pf.open({bindAddress: '127.0.0.2'});
    expect(forward.localAddress).toBe(`127.0.0.2:${forward.localPort}`);
    expect(await fetchPage(forward.localAddress)).toBe(demoPage(pf.web));
    await expect(fetch(`http://127.0.0.1:${forward.localPort}/`)).rejects.toThrow();
  });

  it('rejects an unknown instance and frees the port', async () => {
    const free = await pf.closedPort();
    await expect(pf.open({target: 'i-0000000000000dead', localPort: free})).rejects.toThrow(/not connected/);
    const probe = net.createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(free, '127.0.0.1', resolve);
    });
    probe.close();
  });
});

describe('remote hosts', () => {
  it('forwards to a loopback host with AWS-StartPortForwardingSessionToRemoteHost', async () => {
    const forward = await pf.open({remoteHost: '127.0.0.1'});
    expect(await fetchPage(forward.localAddress)).toBe(demoPage(pf.web));
    expect(pf.service.get(forward.stats.sessionId ?? '')?.documentName).toBe('AWS-StartPortForwardingSessionToRemoteHost');
  });

  it('refuses a host that is not loopback with a clear error', async () => {
    await expect(pf.open({remoteHost: '10.0.0.5'})).rejects.toThrow(/only to loopback addresses.*"10\.0\.0\.5"/);
  });

  it('mux: a refused connection closes that local connection and reports it; the forward stays up', async () => {
    const forward = await pf.open({remoteHost: 'localhost', remotePort: await pf.closedPort()});
    const socket = net.connect({port: forward.localPort, host: '127.0.0.1'});
    socket.write('hello');
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await until(() => forward.stats.lastError !== undefined && forward.stats.status === 'listening', 'the error');
    expect(forward.stats.lastError).toMatch(/connection to localhost:\d+ failed on the node/);
  });

  it('basic: a refused first dial ends the session with the agent\'s message; the forward fails after its retries', async () => {
    pf.service.configure({agentVersion: () => '3.0.196.0'});
    const forward = await pf.open({remotePort: await pf.closedPort(), restart: {attempts: 1, firstDelayMs: 10}});
    await until(() => forward.stats.status === 'failed', 'the forward to fail');
    expect(forward.stats.lastError).toMatch(/Unable to start port forwarding: cannot connect to localhost:\d+/);
    // A failed forward refuses connections instead of parking them.
    await expect(fetch(`http://${forward.localAddress}/`)).rejects.toThrow();
  });
});

describe('resilience', () => {
  it('resumes mid-transfer when the WebSocket drops; the transfer completes byte-exact and new connections work', async () => {
    const size = 4 * 1024 * 1024;
    const server = await pf.hashServer(size);
    const forward = await pf.open({remotePort: server.port});
    const statuses: ForwardStatus[] = [];
    forward.on('change', () => {
      if (statuses.at(-1) !== forward.stats.status) statuses.push(forward.stats.status);
    });
    const sessionId = forward.stats.sessionId ?? '';
    let dropped = false;
    const result = await transfer(forward.localPort, size, (got) => {
      if (!dropped && got > size / 4) dropped = pf.service.get(sessionId)?.dropConnection() ?? false;
    });
    expect(dropped).toBe(true);
    await until(() => server.received.length === 1, 'the server to receive every byte');
    expect(result.sent).toBe(server.received[0]);
    expect(result.received).toBe(server.sent[0]);
    expect(statuses).toContain('reconnecting');
    await until(() => forward.stats.status === 'listening', 'the forward to be back up');
    expect(forward.stats.sessionId).toBe(sessionId);
    const again = await transfer(forward.localPort, size);
    await until(() => server.received.length === 2, 'the second connection');
    expect(again.sent).toBe(server.received[1]);
    expect(again.received).toBe(server.sent[1]);
  });

  it('starts a new session when the old one is terminated, on the same local port', async () => {
    const forward = await pf.open({restart: {firstDelayMs: 20}});
    const first = forward.stats.sessionId ?? '';
    pf.service.get(first)?.terminate('test');
    await until(() => forward.stats.sessionId !== first && forward.stats.status === 'listening', 'a new session');
    expect(await fetchPage(forward.localAddress)).toBe(demoPage(pf.web));
    expect(pf.service.get(forward.stats.sessionId ?? '')?.status).toBe('Connected');
  });

  it('stop() closes the listener and terminates the session', async () => {
    const forward = await pf.open();
    const sessionId = forward.stats.sessionId ?? '';
    await forward.stop();
    expect(forward.stats.status).toBe('stopped');
    expect(pf.service.get(sessionId)?.status).toBe('Terminated');
    await expect(fetch(`http://${forward.localAddress}/`)).rejects.toThrow();
  });
});
