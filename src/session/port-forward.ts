/**
 * A port forward over Session Manager (spec §7): a local TCP listener whose connections travel through one port
 * session to a port on the node (or a host it reaches). Mux mode (agent > 3.0.196.0) carries every connection as an
 * smux stream; basic mode serves one connection at a time, as the plugin does. The listener stays up while the
 * data channel drops: SessionClient resumes the same session (connections survive); when the session itself ends,
 * a new one is started with backoff. Counters and status are for the forwards view and `fleetdeck forward`.
 */
import {EventEmitter} from 'node:events';
import net from 'node:net';

import {SessionClient, type HandshakeInfo, type ReconnectPolicy, type SessionApi, type SessionClosed} from './client.js';
import {FlagPayload} from './message.js';
import {MuxSession, type MuxStream} from './mux-session.js';
import {portForwardRequest} from './port-forward-documents.js';
import type {OpenTransport} from './transport.js';
import {clientKeepaliveEnabled, useMux} from './versions.js';

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

/** Pause local reads with this many input messages unacked; resume at LOW. */
const UNACKED_HIGH = 4096;
const UNACKED_LOW = 1024;
const DEFAULT_RESTART = {firstDelayMs: 500, maxDelayMs: 30_000, attempts: 10};

/** Errors a new session cannot fix: bad input or missing rights. */
function isDefinitive(err: unknown): boolean {
  const name = err instanceof Error ? err.name : '';
  return ['ValidationException', 'InvalidDocument', 'AccessDeniedException', 'InvalidParameters', 'InvalidTarget'].includes(name);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The listen error a user can act on. */
export function listenErrorMessage(err: NodeJS.ErrnoException, address: string, port: number): string {
  if (err.code === 'EADDRINUSE') return `local port ${port} on ${address} is already in use`;
  if (err.code === 'EACCES') return `no permission to listen on ${address}:${port}`;
  if (err.code === 'EADDRNOTAVAIL') return `${address} is not an address of this machine`;
  return `cannot listen on ${address}:${port}: ${err.message}`;
}

interface Connection {
  socket: net.Socket;
  stream?: MuxStream;
}

/** One live port session (a SessionClient plus mux or basic state); replaced when the session ends. */
interface Attempt {
  client?: SessionClient;
  mode?: ForwardMode;
  keepalive?: boolean;
  mux?: MuxSession;
  ready: boolean;
  readyAt?: number;
}

/** A session that lasted this long counts as a success: the next restart starts a fresh series. */
const STABLE_SESSION_MS = 10_000;

export interface PortForwardEvents {
  /** Status or counters changed. */
  change: [];
}

export class PortForward extends EventEmitter<PortForwardEvents> {
  readonly options: PortForwardOptions;
  readonly bindAddress: string;
  private readonly now: () => number;
  private readonly server: net.Server;
  private boundPort = 0;
  private readonly connections = new Set<Connection>();
  /** Basic mode: connections waiting for their turn; any mode: connections waiting for a session. */
  private readonly waiting: Connection[] = [];
  private basicCurrent: Connection | undefined;
  private attempt: Attempt | undefined;
  private paused = false;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private restartFailures = 0;
  private current: ForwardStats;

  private constructor(options: PortForwardOptions) {
    super();
    this.options = options;
    this.bindAddress = options.bindAddress ?? '127.0.0.1';
    this.now = options.now ?? Date.now;
    this.current = {
      status: 'starting', mode: undefined, sessionId: undefined, connections: 0, openConnections: 0, bytesIn: 0, bytesOut: 0,
      startedAt: this.now(), lastError: undefined,
    };
    this.server = net.createServer({allowHalfOpen: true}, (socket) => this.accept(socket));
  }

  /**
   * Listens first (a taken port fails before any AWS call), then starts the session and waits for the handshake.
   * Rejects, with the listener closed and the session terminated, when either fails.
   */
  static async open(options: PortForwardOptions): Promise<PortForward> {
    const forward = new PortForward(options);
    await forward.listen(options.localPort ?? 0);
    try {
      await forward.startSession();
    } catch (err) {
      await forward.stop();
      throw err;
    }
    return forward;
  }

  get localPort(): number {
    return this.boundPort;
  }

  /** "127.0.0.1:PORT" ("[::1]:PORT" for IPv6). */
  get localAddress(): string {
    return `${this.bindAddress.includes(':') ? `[${this.bindAddress}]` : this.bindAddress}:${this.boundPort}`;
  }

  get stats(): ForwardStats {
    return {...this.current, openConnections: this.connections.size};
  }

  private log(msg: string, fields?: Record<string, unknown>): void {
    this.options.log?.(msg, fields);
  }

  private changed(): void {
    const status = this.current.status;
    if (status === 'listening' || status === 'active') this.current.status = this.connections.size > 0 ? 'active' : 'listening';
    this.emit('change');
  }

  private setStatus(status: ForwardStatus, lastError?: string): void {
    this.current.status = status;
    if (lastError !== undefined) this.current.lastError = lastError;
    this.changed();
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => reject(new Error(listenErrorMessage(err, this.bindAddress, port)));
      this.server.once('error', onError);
      this.server.listen({port, host: this.bindAddress, exclusive: true}, () => {
        this.server.off('error', onError);
        this.server.on('error', (err) => this.log('listener error', {message: err.message}));
        const address = this.server.address();
        this.boundPort = address !== null && typeof address === 'object' ? address.port : port;
        resolve();
      });
    });
  }

  // ---- the session ----

  private async startSession(): Promise<void> {
    const attempt: Attempt = {ready: false};
    this.attempt = attempt;
    let handshakeDone!: () => void;
    let handshakeFailed!: (err: Error) => void;
    const handshake = new Promise<void>((resolve, reject) => {
      handshakeDone = resolve;
      handshakeFailed = reject;
    });
    const {documentName, parameters} = portForwardRequest({
      portNumber: this.options.remotePort,
      localPortNumber: this.boundPort,
      ...(this.options.remoteHost === undefined ? {} : {host: this.options.remoteHost}),
    });
    const client = await SessionClient.start({
      api: this.options.api,
      target: this.options.target,
      documentName,
      parameters,
      ...(this.options.reason === undefined ? {} : {reason: this.options.reason}),
      // No Size message: a port session has no terminal (the plugin sends none either).
      size: {cols: 80, rows: 24},
      sendSize: false,
      ...(this.options.reconnect === undefined ? {} : {reconnect: this.options.reconnect}),
      ...(this.options.openTransport === undefined ? {} : {openTransport: this.options.openTransport}),
      ...(this.options.log === undefined ? {} : {log: this.options.log}),
      onOutput: (bytes) => this.onOutput(attempt, bytes),
      onHandshake: (info) => this.onHandshake(attempt, info),
      onHandshakeComplete: (message) => {
        if (message !== '') this.log('agent message', {message});
        this.onReady(attempt);
        handshakeDone();
      },
      onFlag: (flag) => this.onFlag(attempt, flag),
    });
    attempt.client = client;
    this.current.sessionId = client.sessionId;
    if (this.stopped || this.attempt !== attempt) {
      await client.terminate();
      return;
    }
    client.on('acked', (unacked) => {
      if (this.paused && unacked <= UNACKED_LOW) this.setPaused(false);
    });
    client.on('state', (state) => {
      if (this.attempt !== attempt || this.stopped) return;
      if (state === 'reconnecting') this.setStatus('reconnecting', 'data channel dropped; resuming');
      else if (state === 'connected' && attempt.ready) this.setStatus('listening');
    });
    client.on('closed', (closed) => {
      handshakeFailed(new Error(closedMessage(closed)));
      this.onSessionClosed(attempt, closed);
    });
    const timeoutMs = this.options.handshakeTimeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('the agent did not complete the port-forwarding handshake')), timeoutMs);
    });
    try {
      await Promise.race([handshake, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private onHandshake(attempt: Attempt, info: HandshakeInfo): void {
    const props = typeof info.properties === 'object' && info.properties !== null ? (info.properties as Record<string, unknown>) : {};
    // §7: mux only for LocalPortForwarding and an agent newer than 3.0.196.0.
    attempt.mode = props['type'] === 'LocalPortForwarding' && useMux(info.agentVersion) ? 'mux' : 'basic';
    attempt.keepalive = clientKeepaliveEnabled(info.agentVersion);
    this.log('port session handshake', {agentVersion: info.agentVersion, mode: attempt.mode, keepalive: attempt.keepalive});
  }

  private onReady(attempt: Attempt): void {
    if (this.attempt !== attempt || attempt.ready) return;
    attempt.ready = true;
    attempt.readyAt = this.now();
    const mode = attempt.mode ?? 'basic';
    this.current.mode = mode;
    if (mode === 'mux') {
      attempt.mux = new MuxSession({
        role: 'client',
        keepalive: attempt.keepalive ?? true,
        // NOPs keep an old agent's smux alive; a dead agent shows up as a dropped data channel instead, and an
        // agent that does not send NOPs itself (ClientVersion > 1.2.331.0) must not make an idle tunnel time out.
        keepaliveTimeout: false,
        send: (bytes) => this.sendToAgent(attempt, bytes),
        onClose: (why) => {
          if (this.attempt === attempt && !this.stopped) {
            this.log('smux session closed', {why});
            void attempt.client?.terminate();
          }
        },
      });
    }
    this.setStatus('listening');
    const waiting = this.waiting.splice(0);
    for (const conn of waiting) this.route(conn);
  }

  private sendToAgent(attempt: Attempt, bytes: Uint8Array): void {
    const client = attempt.client;
    if (client === undefined || this.attempt !== attempt) return;
    client.write(bytes);
    if (!this.paused && client.sequence.unacked >= UNACKED_HIGH) this.setPaused(true);
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    for (const conn of this.connections) {
      if (paused) conn.socket.pause();
      else if (!this.waiting.includes(conn)) conn.socket.resume();
    }
  }

  private onOutput(attempt: Attempt, bytes: Buffer): void {
    if (this.attempt !== attempt) return;
    if (attempt.mux !== undefined) {
      attempt.mux.receive(bytes);
      return;
    }
    // Basic mode: without a connection the plugin drops output.
    const conn = this.basicCurrent;
    if (conn === undefined) return;
    this.current.bytesIn += bytes.length;
    conn.socket.write(bytes);
    this.changed();
  }

  private onFlag(attempt: Attempt, flag: number): void {
    if (this.attempt !== attempt || flag !== FlagPayload.ConnectToPortError) return;
    const target = `${this.options.remoteHost ?? 'localhost'}:${this.options.remotePort}`;
    this.current.lastError = `connection to ${target} failed on the node`;
    this.log('connect to port failed', {target});
    if (attempt.mode === 'basic') this.basicCurrent?.socket.destroy();
    this.changed();
  }

  private onSessionClosed(attempt: Attempt, closed: SessionClosed): void {
    if (this.attempt !== attempt) return;
    attempt.mux?.close('session closed');
    if (attempt.readyAt !== undefined && this.now() - attempt.readyAt >= STABLE_SESSION_MS) this.restartFailures = 0;
    attempt.ready = false;
    this.attempt = undefined;
    if (this.stopped) return;
    // Connections cannot move to another session: close them; the listener stays up.
    for (const conn of [...this.connections]) {
      if (!this.waiting.includes(conn)) conn.socket.destroy();
    }
    this.basicCurrent = undefined;
    this.log('port session ended', {reason: closed.reason, output: closed.output, error: closed.error?.message});
    this.scheduleRestart(closedMessage(closed));
  }

  private scheduleRestart(why: string): void {
    if (this.stopped || this.restartTimer !== undefined) return;
    const policy = {...DEFAULT_RESTART, ...this.options.restart};
    if (this.restartFailures >= policy.attempts) {
      this.fail(why);
      return;
    }
    const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** this.restartFailures);
    this.restartFailures++;
    this.setStatus('reconnecting', why);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.startSession().catch((err: unknown) => {
        if (this.stopped) return;
        this.log('new port session failed', {message: messageOf(err)});
        if (this.attempt?.ready !== true) {
          void this.attempt?.client?.terminate();
          this.attempt = undefined;
        }
        if (isDefinitive(err)) {
          clearTimeout(this.restartTimer);
          this.restartTimer = undefined;
          this.fail(messageOf(err));
        }
        else if (this.attempt === undefined) this.scheduleRestart(messageOf(err));
      });
    }, delay);
    this.restartTimer.unref();
  }

  /** No session can be had: refuse new connections rather than park them forever (restart opens it again). */
  private fail(why: string): void {
    this.server.close();
    for (const conn of [...this.connections]) conn.socket.destroy();
    this.waiting.length = 0;
    this.setStatus('failed', why);
  }

  // ---- local connections ----

  private accept(socket: net.Socket): void {
    if (this.stopped) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    // Paused until routed: a 'data' listener must not start the flow while reads are held back.
    socket.pause();
    const conn: Connection = {socket};
    this.connections.add(conn);
    this.current.connections++;
    socket.on('error', (err) => this.log('local connection error', {message: err.message}));
    socket.on('close', () => this.release(conn));
    this.route(conn);
    this.changed();
  }

  /** Attach a connection to the live session, or park it until there is one (or, in basic mode, its turn). */
  private route(conn: Connection): void {
    const attempt = this.attempt;
    if (attempt === undefined || !attempt.ready || (attempt.mode === 'basic' && this.basicCurrent !== undefined)) {
      if (!this.waiting.includes(conn)) this.waiting.push(conn);
      return;
    }
    if (attempt.mux !== undefined) this.attachMux(attempt, attempt.mux, conn);
    else this.attachBasic(attempt, conn);
    if (!this.paused) conn.socket.resume();
  }

  private attachMux(attempt: Attempt, mux: MuxSession, conn: Connection): void {
    const stream = mux.open();
    if (stream === undefined) {
      conn.socket.destroy();
      return;
    }
    conn.stream = stream;
    const {socket} = conn;
    socket.on('data', (data: Buffer) => {
      if (this.attempt !== attempt) return;
      this.current.bytesOut += data.length;
      stream.write(data);
      if (!this.paused && (attempt.client?.sequence.unacked ?? 0) >= UNACKED_HIGH) this.setPaused(true);
      this.changed();
    });
    socket.on('end', () => stream.end());
    socket.on('close', () => stream.end());
    stream.on('data', (data) => {
      this.current.bytesIn += data.length;
      socket.write(data);
      this.changed();
    });
    stream.on('end', () => socket.end());
  }

  private attachBasic(attempt: Attempt, conn: Connection): void {
    this.basicCurrent = conn;
    const {socket} = conn;
    socket.on('data', (data: Buffer) => {
      if (this.attempt !== attempt) return;
      this.current.bytesOut += data.length;
      this.sendToAgent(attempt, data);
      this.changed();
    });
    socket.on('end', () => socket.end());
  }

  private release(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    const at = this.waiting.indexOf(conn);
    if (at >= 0) this.waiting.splice(at, 1);
    if (this.basicCurrent === conn) {
      this.basicCurrent = undefined;
      // The plugin's DisconnectToPort: the agent closes its connection and redials on the next data.
      const attempt = this.attempt;
      if (attempt?.client !== undefined && !this.stopped) attempt.client.sendFlag(FlagPayload.DisconnectToPort);
      const next = this.waiting.shift();
      if (next !== undefined) this.route(next);
    }
    this.changed();
  }

  // ---- control ----

  /** Closes the listener and every connection, and terminates the session. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.server.close();
    for (const conn of this.connections) conn.socket.destroy();
    this.connections.clear();
    this.waiting.length = 0;
    const attempt = this.attempt;
    attempt?.mux?.close('stopped');
    this.current.status = 'stopped';
    this.emit('change');
    if (attempt?.client !== undefined) await attempt.client.terminate();
  }
}

function closedMessage(closed: SessionClosed): string {
  if (closed.output !== '') return closed.output;
  if (closed.error !== undefined) return closed.error.message;
  return closed.reason === 'exited' ? `session ${closed.sessionId} was closed by the agent` : `session ${closed.sessionId} ${closed.reason}`;
}
