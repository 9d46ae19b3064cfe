// Shared setup for the port-forward tests: a local fleet, an SDK client, the demo web node, forwards and servers
// cleaned up after each test, and a hashing server/client pair for byte-exact transfers.

import {createHash, randomBytes} from 'node:crypto';
import net from 'node:net';
import {SSM} from '@aws-sdk/client-ssm';
import {afterAll, afterEach, beforeAll, vi} from 'vitest';

import {startLocalFleet, type FleetNode, type LocalFleet} from '../../src/local/index.js';
import {sessionServiceFor, type SessionService} from '../../src/local/ssm/sessions/session-service.js';
import {PortForward, type PortForwardOptions} from '../../src/session/port-forward.js';

export interface PortForwardFleet {
  readonly fleet: LocalFleet;
  readonly service: SessionService;
  readonly ssm: SSM;
  /** The node whose fleetdeck:forward tag names the demo page. */
  readonly web: FleetNode;
  readonly webPort: number;
  open(extra?: Partial<PortForwardOptions>): Promise<PortForward>;
  hashServer(size: number): Promise<HashServer>;
  /** A port that refuses connections (a server bound, then closed). */
  closedPort(): Promise<number>;
}

export function usePortForwardFleet(seed: string): PortForwardFleet {
  let state: {fleet: LocalFleet; service: SessionService; ssm: SSM; web: FleetNode; webPort: number} | undefined;
  const forwards: PortForward[] = [];
  const servers: net.Server[] = [];
  beforeAll(async () => {
    const fleet = await startLocalFleet({nodes: 12, seed});
    const service = sessionServiceFor(fleet.model);
    const webPort = await service.demoWeb.ready;
    const web = service.demoWeb.node;
    if (web === undefined) throw new Error('no demo web node');
    const ssm = new SSM({endpoint: fleet.endpoint, region: fleet.region, credentials: fleet.credentials, maxAttempts: 1});
    state = {fleet, service, ssm, web, webPort};
  });
  afterEach(async () => {
    await Promise.all(forwards.splice(0).map((f) => f.stop()));
    for (const s of servers.splice(0)) s.close();
    state?.service.configure({agentVersion: undefined});
  });
  afterAll(async () => {
    await state?.fleet.close();
  });
  const get = (): NonNullable<typeof state> => {
    if (state === undefined) throw new Error('the local fleet is not started yet');
    return state;
  };
  const listen = async (server: net.Server): Promise<number> => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  };
  return {
    get fleet() { return get().fleet; },
    get service() { return get().service; },
    get ssm() { return get().ssm; },
    get web() { return get().web; },
    get webPort() { return get().webPort; },
    open: async (extra = {}) => {
      const s = get();
      const forward = await PortForward.open({api: s.ssm, target: s.web.instanceId, remotePort: s.webPort, ...extra});
      forwards.push(forward);
      return forward;
    },
    hashServer: async (size) => {
      const {server, out} = createHashServer(size);
      out.port = await listen(server);
      return out;
    },
    // Below the ephemeral range (32768+), where no other test's listen(0) lands while this one dials it.
    closedPort: async () => {
      for (;;) {
        const port = 20_000 + Math.floor(Math.random() * 10_000);
        const refused = await new Promise<boolean>((resolve) => {
          const probe = net.connect({port, host: '127.0.0.1'});
          probe.once('connect', () => {
            probe.destroy();
            resolve(false);
          });
          probe.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
        });
        if (refused) return port;
      }
    },
  };
}

export async function until(check: () => boolean, message: string, timeout = 10_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check()) throw new Error(`timed out waiting for ${message}`);
    },
    {timeout, interval: 5},
  );
}

/** Per connection: hashes what it receives and, once the client speaks, sends `size` random bytes. */
export interface HashServer {
  port: number;
  /** SHA-256 (hex) of each connection's `size` received bytes. */
  received: string[];
  /** SHA-256 (hex) of what each connection sent. */
  sent: string[];
}

function createHashServer(size: number): {server: net.Server; out: HashServer} {
  const out: HashServer = {port: 0, received: [], sent: []};
  const server = net.createServer({allowHalfOpen: true}, (socket) => {
    const inHash = createHash('sha256');
    let got = 0;
    let sending = false;
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      if (got < size) inHash.update(chunk.subarray(0, size - got));
      got += chunk.length;
      if (got >= size && got - chunk.length < size) out.received.push(got === size ? inHash.digest('hex') : `overrun: ${got} bytes`);
      if (sending) return;
      // The server speaks second, so basic mode (whose first connection is dialled before any client) loses nothing.
      sending = true;
      const data = randomBytes(size);
      out.sent.push(createHash('sha256').update(data).digest('hex'));
      socket.write(data);
    });
    socket.on('end', () => socket.end());
  });
  return {server, out};
}

/** One client connection: sends `size` random bytes, reads `size` bytes, then closes; both hashes (hex). */
export function transfer(port: number, size: number, onProgress?: (received: number) => void): Promise<{sent: string; received: string}> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({port, host: '127.0.0.1', allowHalfOpen: true});
    const data = randomBytes(size);
    const inHash = createHash('sha256');
    let got = 0;
    let written = false;
    const finish = (): void => {
      if (!written || got < size) return;
      socket.end();
      resolve({sent: createHash('sha256').update(data).digest('hex'), received: inHash.digest('hex')});
    };
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      inHash.update(chunk);
      got += chunk.length;
      onProgress?.(got);
      if (got > size) reject(new Error(`received ${got} bytes, expected ${size}`));
      finish();
    });
    socket.on('end', () => {
      if (got < size) reject(new Error(`connection ended after ${got} of ${size} bytes`));
    });
    socket.write(data, () => {
      written = true;
      finish();
    });
  });
}
