/**
 * A port forward over Session Manager (spec §7): a local TCP listener whose connections travel through one port
 * session to a port on the node (or a host it reaches). Mux mode (agent > 3.0.196.0) carries every connection as an
 * smux stream; basic mode serves one connection at a time, as the plugin does. The listener stays up while the
 * data channel drops: SessionClient resumes the same session (connections survive); when the session itself ends,
 * a new one is started with backoff. Counters and status are for the forwards view and `fleetdeck forward`.
 */
import {EventEmitter} from 'node:events';
import net from 'node:net';

import type {HandshakeInfo, SessionClosed} from './client.js';
import {FlagPayload} from './message.js';
import type {MuxSession} from './mux-session.js';
import {
  DEFAULT_RESTART,
  STABLE_SESSION_MS,
  UNACKED_HIGH,
  UNACKED_LOW,
  closedMessage,
  isDefinitive,
  messageOf,
} from './port-forward-policy.js';
import {listenLocal} from './port-forward-listener.js';
import {pipeIntoSession, pipeThroughStream, type PipeHooks} from './port-forward-pipes.js';
import type {Attempt, Connection, ForwardStats, ForwardStatus, PortForwardEvents, PortForwardOptions} from './port-forward-types.js';
import {awaitHandshake, clientMux, portSessionMode, startPortClient} from './port-session.js';

// The forward's public API, re-exported so importers keep using this module.
export {listenErrorMessage} from './port-forward-listener.js';
export type {ForwardMode, ForwardStats, ForwardStatus, PortForwardEvents, PortForwardOptions} from './port-forward-types.js';

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

  private async listen(port: number): Promise<void> {
    this.boundPort = await listenLocal(this.server, this.bindAddress, port, (err) => this.log('listener error', {message: err.message}));
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
    const client = await startPortClient(this.options, this.boundPort, {
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
    await awaitHandshake(handshake, this.options.handshakeTimeoutMs ?? 15_000);
  }

  private onHandshake(attempt: Attempt, info: HandshakeInfo): void {
    const {mode, keepalive} = portSessionMode(info);
    attempt.mode = mode;
    attempt.keepalive = keepalive;
    this.log('port session handshake', {agentVersion: info.agentVersion, mode: attempt.mode, keepalive: attempt.keepalive});
  }

  private onReady(attempt: Attempt): void {
    if (this.attempt !== attempt || attempt.ready) return;
    attempt.ready = true;
    attempt.readyAt = this.now();
    const mode = attempt.mode ?? 'basic';
    this.current.mode = mode;
    if (mode === 'mux') {
      attempt.mux = clientMux(attempt.keepalive ?? true, (bytes) => this.sendToAgent(attempt, bytes), (why) => {
        if (this.attempt === attempt && !this.stopped) {
          this.log('smux session closed', {why});
          void attempt.client?.terminate();
        }
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
    this.pace(attempt);
  }

  /** Holds local reads back while too much input is unacked (the 'acked' listener lets them go again). */
  private pace(attempt: Attempt): void {
    if (!this.paused && (attempt.client?.sequence.unacked ?? 0) >= UNACKED_HIGH) this.setPaused(true);
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
    conn.socket.write(bytes);
    this.moved('in', bytes.length);
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
    pipeThroughStream(conn.socket, stream, {...this.pipeHooks(attempt), pace: () => this.pace(attempt)});
  }

  private attachBasic(attempt: Attempt, conn: Connection): void {
    this.basicCurrent = conn;
    pipeIntoSession(conn.socket, (data) => this.sendToAgent(attempt, data), this.pipeHooks(attempt));
  }

  private pipeHooks(attempt: Attempt): PipeHooks {
    return {live: () => this.attempt === attempt, moved: (direction, bytes) => this.moved(direction, bytes)};
  }

  /** Counts bytes a connection moved and reports the change. */
  private moved(direction: 'in' | 'out', bytes: number): void {
    if (direction === 'in') this.current.bytesIn += bytes;
    else this.current.bytesOut += bytes;
    this.changed();
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
