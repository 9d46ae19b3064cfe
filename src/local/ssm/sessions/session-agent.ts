// The agent side of one Session Manager session in the local fleet (ssm-session-protocol.md §2–§6, §11): the
// WebSocket data channel (first text frame with the session's current token, then binary messages), the agent's
// DataChannelState (sequencing, acks, retransmission, resume) and the session's lifecycle. What flows over the
// channel is a shell (session-shell.ts) or a port forward (session-port.ts). A dropped socket keeps the session
// (Disconnected) and the pty; a socket opened with the token from ResumeSession continues the same sequence numbers,
// and unacked output is resent.

import {createHash, randomBytes, randomUUID, timingSafeEqual} from 'node:crypto';
import type {Duplex} from 'node:stream';
import {WebSocket, type RawData} from 'ws';

import {BurstWriter} from '../../../session/burst-writer.js';
import {DataChannelState, RESEND_INTERVAL_MS} from '../../../session/channel.js';
import {newMessageId, PayloadType} from '../../../session/message.js';
import {buildChannelClosed, parseOpenDataChannel, type TerminalSize} from '../../../session/payloads.js';
import type {PtyExit} from '../../../terminal/pty.js';
import type {PortMode} from './port-forward-agent.js';
import type {AgentSessionInit, SessionLogEntry, SessionStatus} from './session-agent-types.js';
import {AgentPortSession} from './session-port.js';
import {AgentShell} from './session-shell.js';

export type {AgentSessionInit, PortSessionTarget, SessionLog, SessionLogEntry, SessionStatus, ShellCommand} from './session-agent-types.js';

/** The agent pings every 54 s and gives up without a pong within the next interval (§2). */
const PING_INTERVAL_MS = 54_000;
const FIRST_FRAME_TIMEOUT_MS = 10_000;
/** After the shell exits: how long to wait for the client to ack the last output before channel_closed (§6). */
const FLUSH_TIMEOUT_MS = 2_000;
const DEFAULT_IDLE_TIMEOUT_MS = 20 * 60_000;

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

export class AgentSession {
  readonly sessionId: string;
  readonly target: string;
  readonly documentName: string;
  readonly owner: string;
  readonly reason: string | undefined;
  readonly startDate: number;
  endDate: number | undefined;
  status: SessionStatus = 'Connecting';
  /** What the account's preferences hold this session to (absent for sessions made outside the service). */
  readonly policy: AgentSessionInit['policy'];
  /** When the client last sent input (or attached): the idle timeout counts from here. */
  lastInputAt: number;
  /** What the client reported in its OpenDataChannel frame. */
  clientId: string | undefined;
  clientVersion: string | undefined;

  private readonly init: AgentSessionInit;
  private readonly channel: DataChannelState;
  /** Exactly one of these carries the session's data: a shell session, or a port session. */
  private readonly shell: AgentShell | undefined;
  private readonly port: AgentPortSession | undefined;
  private token: string | undefined;
  private socket: WebSocket | undefined;
  private ended = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly sockets = new Set<WebSocket>();
  /** For each WebSocket, its TCP socket's burst writer: the frames of a burst (and of a flood) leave together. */
  private readonly writers = new WeakMap<WebSocket, BurstWriter>();

  constructor(init: AgentSessionInit) {
    this.init = init;
    this.sessionId = init.sessionId;
    this.target = init.target;
    this.documentName = init.documentName;
    this.owner = init.owner;
    this.reason = init.reason;
    this.startDate = init.now();
    this.policy = init.policy;
    this.lastInputAt = this.startDate;
    this.channel = new DataChannelState({role: 'agent', now: init.now, newId: newMessageId, outgoingLimit: 100_000});
    const log = this.log.bind(this);
    const fail = (output: string): void => this.finish('Failed', output);
    const terminate = (why: string): void => this.terminate(why);
    const unacked = (): number => this.channel.unackedCount;
    if (init.port === undefined) {
      this.shell = new AgentShell(init, {
        send: (bytes) => this.write(this.channel.send(PayloadType.Output, bytes)),
        unacked, fail, terminate, log,
        ended: () => this.ended,
        exited: () => this.onShellExit(),
      });
    } else {
      this.port = new AgentPortSession(init.port, init.documentName, {
        send: (type, payload, options) => this.write(this.channel.send(type, payload, options)),
        unacked, fail, terminate, log,
        now: init.now,
      });
    }
    this.armIdleTimer();
  }

  get active(): boolean {
    return !this.ended;
  }

  /** Unacked output messages (for tests and diagnostics). */
  get unackedCount(): number {
    return this.channel.unackedCount;
  }

  get connected(): boolean {
    return this.socket !== undefined;
  }

  /** The shell's exit, once it has exited. */
  get exit(): PtyExit | undefined {
    return this.shell?.exit;
  }

  /** The client's first Size message, once it has sent one. */
  get initialSize(): TerminalSize | undefined {
    return this.shell?.initialSize;
  }

  /** The shell's pty size (the default until the client's Size arrives). */
  get terminalSize(): TerminalSize | undefined {
    return this.shell?.size;
  }

  /** Port sessions: basic or mux, once the handshake chose it. */
  get portMode(): PortMode | undefined {
    return this.port?.mode;
  }

  private get shellExited(): boolean {
    return this.shell?.exited ?? false;
  }

  /** A fresh token (StartSession, ResumeSession); any earlier unused token stops working. */
  issueToken(): string {
    this.token = randomBytes(96).toString('base64');
    return this.token;
  }

  private log(level: SessionLogEntry['level'], msg: string, fields?: Record<string, unknown>): void {
    this.init.log({level, sessionId: this.sessionId, msg, ...(fields === undefined ? {} : {fields})});
  }

  /** Takes an upgraded WebSocket; it becomes the session's socket once its first frame carries the current token. */
  accept(ws: WebSocket, raw?: Duplex): void {
    this.sockets.add(ws);
    if (raw !== undefined) this.writers.set(ws, new BurstWriter(raw, {mask: false, open: () => ws.readyState === WebSocket.OPEN}));
    let opened = false;
    let rejected = false;
    const reject = (why: string): void => {
      rejected = true;
      this.log('warn', 'data channel rejected', {why});
      ws.close(1008, 'Unauthorized');
      // Do not wait for the peer's close frame.
      setTimeout(() => ws.terminate(), 1_000).unref();
    };
    const deadline = setTimeout(() => reject('no OpenDataChannel frame'), FIRST_FRAME_TIMEOUT_MS);
    deadline.unref();
    ws.on('error', (err) => this.log('debug', 'socket error', {message: err.message}));
    ws.on('message', (data, isBinary) => {
      try {
        if (rejected) return;
        const bytes = toBuffer(data);
        if (!opened) {
          clearTimeout(deadline);
          if (isBinary) return reject('the first frame is not a text frame');
          const parsed = parseOpenDataChannel(bytes);
          if (!parsed.ok) return reject(`invalid OpenDataChannel frame: ${parsed.error}`);
          if (!this.consumeToken(parsed.frame.tokenValue)) return reject('invalid or expired token');
          opened = true;
          this.attach(ws, parsed.frame.clientId, parsed.frame.clientVersion);
          return;
        }
        if (this.socket === ws) this.onFrame(bytes);
      } catch (err) {
        this.log('warn', 'frame handling failed', {message: (err as Error).message});
      }
    });
    ws.on('close', () => {
      clearTimeout(deadline);
      this.sockets.delete(ws);
      if (this.socket === ws) this.detach();
    });
  }

  private consumeToken(presented: string): boolean {
    if (this.ended || this.token === undefined || presented === '') return false;
    if (!sameSecret(this.token, presented)) return false;
    this.token = undefined;
    return true;
  }

  private attach(ws: WebSocket, clientId: string | undefined, clientVersion: string | undefined): void {
    const previous = this.socket;
    this.socket = ws;
    if (previous !== undefined) previous.terminate();
    this.clientId = clientId;
    this.clientVersion = clientVersion;
    this.lastInputAt = this.init.now();
    this.status = this.shellExited ? 'Terminating' : 'Connected';
    this.clearTimer('idleTimer');
    this.log('info', previous === undefined && this.channel.nextSequenceNumber === 0 ? 'data channel opened' : 'data channel resumed', {
      unacked: this.channel.unackedCount,
    });
    this.tickTimer ??= setInterval(() => this.write(this.channel.tick()), RESEND_INTERVAL_MS);
    this.tickTimer.unref();
    this.startPings(ws);
    this.write(this.channel.resume());
    this.port?.start();
    this.shell?.start();
    if (this.shellExited) this.armFlushTimer();
    this.maybeFinish();
  }

  private startPings(ws: WebSocket): void {
    this.clearTimer('pingTimer');
    let alive = true;
    ws.on('pong', () => {
      alive = true;
    });
    this.pingTimer = setInterval(() => {
      if (!alive) {
        this.log('info', 'no pong from the client; dropping the socket');
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping(Buffer.from('keepalive'));
    }, PING_INTERVAL_MS);
    this.pingTimer.unref();
  }

  private detach(): void {
    this.socket = undefined;
    this.clearTimer('tickTimer');
    this.clearTimer('pingTimer');
    this.clearTimer('flushTimer');
    if (this.ended) return;
    this.status = 'Disconnected';
    this.log('info', 'data channel disconnected', {unacked: this.channel.unackedCount});
    this.armIdleTimer();
  }

  private armIdleTimer(): void {
    this.clearTimer('idleTimer');
    this.idleTimer = setTimeout(() => this.terminate('idle timeout'), this.init.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
    this.idleTimer.unref();
  }

  private clearTimer(name: 'tickTimer' | 'pingTimer' | 'idleTimer' | 'flushTimer'): void {
    const timer = this[name];
    if (timer === undefined) return;
    clearTimeout(timer);
    this[name] = undefined;
  }

  private write(frames: readonly Buffer[]): void {
    const ws = this.socket;
    if (ws === undefined || ws.readyState !== WebSocket.OPEN || frames.length === 0) return;
    const writer = this.writers.get(ws);
    for (const frame of frames) {
      if (writer !== undefined) writer.send(frame);
      else ws.send(frame, {binary: true});
    }
  }

  // ---- incoming ----

  private onFrame(bytes: Buffer): void {
    const result = this.channel.receive(bytes);
    this.write(result.write);
    if (result.dropped !== undefined && result.deliver.length === 0) {
      const hostile = result.dropped.startsWith('invalid') || result.dropped.startsWith('ignored') || result.dropped.includes('out of range');
      this.log(hostile ? 'warn' : 'debug', 'frame dropped', {why: result.dropped, bytes: bytes.length});
    }
    if (result.event?.type === 'ack') this.onAck();
    if (result.deliver.length > 0) this.lastInputAt = this.init.now();
    for (const m of result.deliver) {
      if (this.port === undefined) this.shell?.handle(m);
      else this.port.handle(m);
    }
  }

  private onAck(): void {
    this.port?.onAck();
    this.shell?.onAck();
    this.maybeFinish();
  }

  private onShellExit(): void {
    if (this.socket !== undefined) {
      this.status = 'Terminating';
      this.armFlushTimer();
    }
    this.maybeFinish();
  }

  private armFlushTimer(): void {
    this.clearTimer('flushTimer');
    this.flushTimer = setTimeout(() => this.finish('Terminated', ''), FLUSH_TIMEOUT_MS);
    this.flushTimer.unref();
  }

  /** After the shell exits: channel_closed once the client has acked every output message. */
  private maybeFinish(): void {
    if (this.shellExited && !this.ended && this.socket !== undefined && this.channel.unackedCount === 0) {
      this.finish('Terminated', '');
    }
  }

  /** TerminateSession (API or Flag), idle timeout, fleet shutdown; `output` is channel_closed's Output (the client shows it). */
  terminate(why: string, output = ''): void {
    if (this.ended) return;
    this.log('info', 'session terminated', {why});
    this.status = 'Terminating';
    this.finish('Terminated', output);
  }

  private finish(status: 'Terminated' | 'Failed', output: string): void {
    if (this.ended) return;
    this.ended = true;
    this.token = undefined;
    this.status = status;
    this.endDate = this.init.now();
    for (const name of ['tickTimer', 'pingTimer', 'idleTimer', 'flushTimer'] as const) this.clearTimer(name);
    this.port?.close();
    const ws = this.socket;
    if (ws !== undefined && ws.readyState === WebSocket.OPEN) {
      this.write([buildChannelClosed({sessionId: this.sessionId, destinationId: this.target, output}, {now: this.init.now, newId: randomUUID})]);
    }
    for (const socket of this.sockets) {
      // The frames still queued (channel_closed last) go before the close frame.
      this.writers.get(socket)?.flush();
      socket.close(1000, 'Session closed');
    }
    this.shell?.kill();
  }

  /** Drops the current socket abruptly (no close frame), as a network failure would; the session stays. */
  dropConnection(): boolean {
    const ws = this.socket;
    if (ws === undefined) return false;
    ws.terminate();
    return true;
  }

  /** Fleet shutdown: terminate and drop every socket at once. */
  destroy(): void {
    this.terminate('local fleet closing');
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    this.shell?.destroy();
  }
}
