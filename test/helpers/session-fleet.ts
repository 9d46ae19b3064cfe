// A local fleet for Session Manager tests: SDK clients, its session service, an online node to open sessions on,
// and data-channel WebSockets that are cut (with every session) after each test.
import {afterAll, afterEach, beforeAll} from 'vitest';
import {WebSocket} from 'ws';
import {startLocalFleet, type FleetNode, type LocalFleet, type LocalFleetOptions} from '../../src/local/index.js';
import {sessionServiceFor, type SessionService} from '../../src/local/ssm/sessions/session-service.js';
import {fleetClients, type FleetClients} from './fleet-clients.js';

/** A shell environment with no rc files' effects to wait out: TERM=dumb (no bracketed paste), a fixed prompt. */
export const plainShellEnv = (n: FleetNode, dir: string): Record<string, string> =>
  ({PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, TERM: 'dumb', LANG: 'C.UTF-8', PS1: `${n.instanceId}$ `});

export interface SessionFleet {
  readonly fleet: LocalFleet;
  readonly c: FleetClients;
  readonly service: SessionService;
  /** The first managed node `opts.node` accepts. */
  readonly online: FleetNode;
  /** Opens a data-channel WebSocket to `streamUrl` with `onMessage` wired; resolves once it is open. */
  openStream(streamUrl: string, onMessage: (data: Buffer) => void): Promise<WebSocket>;
}

export interface SessionFleetOptions extends LocalFleetOptions {
  node: (n: FleetNode) => boolean;
  /** Shells with no rc files, TERM=dumb and the prompt `<instance id>$ `, for tests that read what a shell prints. */
  plainShells?: boolean;
}

export function useSessionFleet(opts: SessionFleetOptions): SessionFleet {
  let started: {fleet: LocalFleet; c: FleetClients; service: SessionService; online: FleetNode} | undefined;
  const sockets: WebSocket[] = [];
  beforeAll(async () => {
    const {node: accepts, plainShells, ...fleetOpts} = opts;
    const fleet = await startLocalFleet(fleetOpts);
    const service = sessionServiceFor(fleet.model);
    if (plainShells === true) {
      service.configure({env: plainShellEnv});
    }
    const online = fleet.model.managed().find(accepts);
    if (online === undefined) throw new Error('no node in the fleet fits the test');
    started = {fleet, c: fleetClients(fleet), service, online};
  });
  afterEach(() => {
    for (const ws of sockets.splice(0)) ws.terminate();
    for (const s of started?.service.all() ?? []) s.terminate('test cleanup');
  });
  afterAll(async () => {
    await started?.fleet.close();
  });
  const get = () => {
    if (started === undefined) throw new Error('the local fleet is not started yet (use it inside a test)');
    return started;
  };
  return {
    get fleet() {
      return get().fleet;
    },
    get c() {
      return get().c;
    },
    get service() {
      return get().service;
    },
    get online() {
      return get().online;
    },
    async openStream(streamUrl, onMessage) {
      const ws = new WebSocket(streamUrl);
      sockets.push(ws);
      ws.on('message', onMessage);
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      return ws;
    },
  };
}
