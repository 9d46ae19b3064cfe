/** A port forward's options, status and counters (what the forwards view and `fleetdeck forward` read), and its internal records. */
import type net from 'node:net';

import type {ReconnectPolicy, SessionApi, SessionClient} from './client.js';
import type {MuxSession, MuxStream} from './mux-session.js';
import type {OpenTransport} from './transport.js';

export type ForwardStatus = 'starting' | 'listening' | 'active' | 'reconnecting' | 'failed' | 'stopped';
export type ForwardMode = 'basic' | 'mux';

export interface ForwardStats {
  status: ForwardStatus;
  mode: ForwardMode | undefined;
  sessionId: string | undefined;
  /** Connections accepted since the forward started. */
  connections: number;
  /** Connections open now. */
  openConnections: number;
  /** Bytes from the remote port to local clients. */
  bytesIn: number;
  /** Bytes from local clients to the remote port. */
  bytesOut: number;
  startedAt: number;
  lastError: string | undefined;
}

export interface PortForwardOptions {
  api: SessionApi;
  target: string;
  remotePort: number;
  /** AWS-StartPortForwardingSessionToRemoteHost when set. */
  remoteHost?: string;
  /** 0 or absent: a free port is chosen. */
  localPort?: number;
  /** Default 127.0.0.1; another address only when asked. */
  bindAddress?: string;
  reason?: string;
  /** For SessionClient's resume of a dropped socket. */
  reconnect?: Partial<ReconnectPolicy>;
  /** New sessions after the old one ended: first delay, doubled up to max, at most `attempts` in a row. */
  restart?: {firstDelayMs?: number; maxDelayMs?: number; attempts?: number};
  /** How long to wait for the agent's HandshakeComplete (default 15 s). */
  handshakeTimeoutMs?: number;
  openTransport?: OpenTransport;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  now?: () => number;
}

export interface PortForwardEvents {
  /** Status or counters changed. */
  change: [];
}

export interface Connection {
  socket: net.Socket;
  stream?: MuxStream;
}

/** One live port session (a SessionClient plus mux or basic state); replaced when the session ends. */
export interface Attempt {
  client?: SessionClient;
  mode?: ForwardMode;
  keepalive?: boolean;
  mux?: MuxSession;
  ready: boolean;
  readyAt?: number;
}
