// The agent side of one Session Manager session in the local fleet (ssm-session-protocol.md §2–§6, §11): the
// WebSocket data channel (first text frame with the session's current token, then binary messages), the agent's
// DataChannelState (sequencing, acks, retransmission, resume) and a real PTY shell spawned once the first Size
// message arrives. A dropped socket keeps the session (Disconnected) and the pty; a socket opened with the token
// from ResumeSession continues the same sequence numbers, and unacked output is resent.

import {createHash, randomBytes, randomUUID, timingSafeEqual} from 'node:crypto';
import type {Duplex} from 'node:stream';
import {WebSocket, type RawData} from 'ws';

import {DataChannelState, RESEND_INTERVAL_MS} from '../session/channel.js';
import {incompleteUtf8TailLength} from '../session/chunk.js';
import {FlagPayload, PayloadType, newMessageId, type DecodedMessage} from '../session/message.js';
import {buildChannelClosed, parseFlagPayload, parseOpenDataChannel, parseSizePayload, type TerminalSize} from '../session/payloads.js';
import {spawnPty, type PtyExit, type PtyProcess} from '../terminal/pty.js';
import {ActionStatus, encodeHandshakeComplete, encodeHandshakeRequest, parseHandshakeResponse, SessionTypeName, sessionTypeAction} from '../session/handshake.js';
import {encodeFlagPayload} from '../session/payloads.js';
import {PORT_TO_REMOTE_HOST_DOCUMENT} from '../session/port-forward-documents.js';
import {agentKeepaliveEnabled, agentUsesMux, useMux} from '../session/versions.js';
import {PortForwardAgent} from './port-forward-agent.js';

export type SessionStatus = 'Connecting' | 'Connected' | 'Disconnected' | 'Terminating' | 'Terminated' | 'Failed';

export interface SessionLogEntry {
  level: 'debug' | 'info' | 'warn';
  sessionId: string;
  msg: string;
  fields?: Record<string, unknown>;
}
export type SessionLog = (entry: SessionLogEntry) => void;

export interface ShellCommand {
  file: string;
  args: readonly string[];
}

export interface AgentSessionInit {
  sessionId: string;
  target: string;
  documentName: string;
  owner: string;
  reason?: string;
  command: ShellCommand;
  cwd: string;
  env: Record<string, string>;
  now: () => number;
  log: SessionLog;
  /** A Connecting or Disconnected session with no socket is terminated after this long (default 20 min). */
  idleTimeoutMs?: number;
  /** A port session (AWS-StartPortForwardingSession…): no shell; handshake, then TCP to host:portNumber. */
  port?: PortSessionTarget;
}

export interface PortSessionTarget {
  host: string;
  portNumber: number;
  localPortNumber: number;
  /** The AgentVersion put in the HandshakeRequest (the node's agent version). */
  agentVersion: string;
}

/** The agent fails a port session whose client does not answer the HandshakeRequest in time (§5). */
const HANDSHAKE_TIMEOUT_MS = 15_000;

/** The agent pings every 54 s and gives up without a pong within the next interval (§2). */
const PING_INTERVAL_MS = 54_000;
const FIRST_FRAME_TIMEOUT_MS = 10_000;
/** After the shell exits: how long to wait for the client to ack the last output before channel_closed (§6). */
const FLUSH_TIMEOUT_MS = 2_000;
const KILL_GRACE_MS = 1_000;
/** Flow control: stop reading the pty with this many unacked output messages, resume below LOW. */
const UNACKED_HIGH = 1024;
const UNACKED_LOW = 256;
/** Keystrokes received before the pty exists (normally none: the client sends Size first). */
const PENDING_INPUT_LIMIT = 1 << 20;
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
  /** The shell's exit, once it has exited. */
  exit: PtyExit | undefined;
  /** The size the pty was spawned with (the client's first Size message). */
  initialSize: TerminalSize | undefined;
  /** What the client reported in its OpenDataChannel frame. */
  clientId: string | undefined;
  clientVersion: string | undefined;

  private readonly init: AgentSessionInit;
  private readonly channel: DataChannelState;
  private token: string | undefined;
  private socket: WebSocket | undefined;
  private pty: PtyProcess | undefined;
  private pendingInput: Buffer[] = [];
  private pendingBytes = 0;
  private utf8Tail: Buffer = Buffer.alloc(0);
  private ptyPaused = false;
  private shellExited = false;
  private ended = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly sockets = new Set<WebSocket>();
  /** The TCP socket under each WebSocket: corked while a burst of frames is written (one syscall, not one each). */
  private readonly rawSockets = new WeakMap<WebSocket, Duplex>();
  private corked: Duplex | undefined;
  private handshakeStartedAt: number | undefined;
  private handshakeTimer: NodeJS.Timeout | undefined;
  private portAgent: PortForwardAgent | undefined;
  /** Port sessions: basic or mux, once the handshake chose it. */
  portMode: 'basic' | 'mux' | undefined;

  constructor(init: AgentSessionInit) {
    this.init = init;
    this.sessionId = init.sessionId;
    this.target = init.target;
    this.documentName = init.documentName;
    this.owner = init.owner;
    this.reason = init.reason;
    this.startDate = init.now();
    this.channel = new DataChannelState({role: 'agent', now: init.now, newId: newMessageId, outgoingLimit: 100_000});
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
    if (raw !== undefined) this.rawSockets.set(ws, raw);
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
    this.status = this.shellExited ? 'Terminating' : 'Connected';
    this.clearTimer('idleTimer');
    this.log('info', previous === undefined && this.channel.nextSequenceNumber === 0 ? 'data channel opened' : 'data channel resumed', {
      unacked: this.channel.unackedCount,
    });
    this.tickTimer ??= setInterval(() => this.write(this.channel.tick()), RESEND_INTERVAL_MS);
    this.tickTimer.unref();
    this.startPings(ws);
    this.write(this.channel.resume());
    if (this.init.port !== undefined && this.handshakeStartedAt === undefined) this.startHandshake(this.init.port);
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
    const raw = this.rawSockets.get(ws);
    if (raw !== undefined && this.corked === undefined) {
      this.corked = raw;
      raw.cork();
      process.nextTick(() => {
        this.corked = undefined;
        raw.uncork();
      });
    }
    for (const frame of frames) ws.send(frame, {binary: true});
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
    for (const m of result.deliver) {
      if (this.init.port === undefined) this.handle(m);
      else this.handlePort(m);
    }
  }

  // ---- port sessions (§5, §7) ----

  private startHandshake(port: PortSessionTarget): void {
    this.handshakeStartedAt = this.init.now();
    const properties = {
      portNumber: String(port.portNumber),
      localPortNumber: String(port.localPortNumber),
      type: 'LocalPortForwarding',
      ...(this.documentName === PORT_TO_REMOTE_HOST_DOCUMENT ? {host: port.host} : {}),
    };
    const request = encodeHandshakeRequest({
      agentVersion: port.agentVersion,
      requestedClientActions: [sessionTypeAction(SessionTypeName.Port, properties)],
    });
    this.write(this.channel.send(PayloadType.HandshakeRequest, request));
    this.handshakeTimer = setTimeout(() => this.finish('Failed', 'The client did not complete the handshake.'), HANDSHAKE_TIMEOUT_MS);
    this.handshakeTimer.unref();
  }

  private handlePort(m: DecodedMessage): void {
    const port = this.init.port;
    if (port === undefined) return;
    if (m.payloadType === PayloadType.HandshakeResponse) {
      if (this.portAgent !== undefined) return;
      clearTimeout(this.handshakeTimer);
      const parsed = parseHandshakeResponse(m.payload);
      const failed = !parsed.ok || parsed.value.processedClientActions.some((a) => a.actionStatus !== ActionStatus.Success);
      if (!parsed.ok || failed) {
        this.log('warn', 'handshake failed', {why: parsed.ok ? parsed.value.errors : parsed.error});
        this.finish('Failed', 'The client rejected the session type.');
        return;
      }
      const clientVersion = parsed.value.clientVersion;
      // Agents up to 3.0.196.0 only know basic mode; newer ones use mux for clients ≥ 1.1.70 (§7).
      this.portMode = useMux(port.agentVersion) && agentUsesMux(clientVersion) ? 'mux' : 'basic';
      const elapsedNs = (this.init.now() - (this.handshakeStartedAt ?? this.init.now())) * 1_000_000;
      this.write(this.channel.send(PayloadType.HandshakeComplete, encodeHandshakeComplete({handshakeTimeToComplete: elapsedNs, customerMessage: ''})));
      this.portAgent = new PortForwardAgent(
        {host: port.host, port: port.portNumber, mode: this.portMode, keepalive: agentKeepaliveEnabled(clientVersion)},
        {
          send: (bytes) => this.write(this.channel.send(PayloadType.Output, bytes, {keepUtf8Whole: false})),
          sendFlag: (flag) => this.write(this.channel.send(PayloadType.Flag, encodeFlagPayload(flag))),
          unacked: () => this.channel.unackedCount,
          fail: (output) => this.finish('Failed', output),
          log: (level, msg, fields) => this.log(level, msg, fields),
        },
      );
      this.log('info', 'port forwarding started', {mode: this.portMode, host: port.host, port: port.portNumber, clientVersion});
      this.portAgent.start();
      return;
    }
    // Before HandshakeComplete, anything else (the client's Size) is acked and discarded, as the agent does.
    if (this.portAgent === undefined) return;
    if (m.payloadType === PayloadType.Output) {
      this.portAgent.input(m.payload);
    } else if (m.payloadType === PayloadType.Flag) {
      const flag = parseFlagPayload(m.payload);
      if (flag === FlagPayload.TerminateSession) this.terminate('TerminateSession flag');
      else if (flag === FlagPayload.DisconnectToPort) this.portAgent.disconnectToPort();
    }
  }

  private onAck(): void {
    this.portAgent?.onAck();
    if (this.ptyPaused && this.channel.unackedCount <= UNACKED_LOW) {
      this.ptyPaused = false;
      this.pty?.resume();
    }
    this.maybeFinish();
  }

  private handle(m: DecodedMessage): void {
    switch (m.payloadType) {
      case PayloadType.Output:
        this.input(m.payload);
        return;
      case PayloadType.Size: {
        const parsed = parseSizePayload(m.payload);
        if (!parsed.ok || parsed.size.cols === 0 || parsed.size.rows === 0) {
          this.log('warn', 'invalid Size payload dropped', {why: parsed.ok ? 'zero size' : parsed.error});
          return;
        }
        const size = {cols: Math.min(parsed.size.cols, 0xffff), rows: Math.min(parsed.size.rows, 0xffff)};
        if (this.pty === undefined) this.spawn(size);
        else this.pty.resize(size.cols, size.rows);
        return;
      }
      case PayloadType.Flag:
        if (parseFlagPayload(m.payload) === FlagPayload.TerminateSession) this.terminate('TerminateSession flag');
        return;
      default:
        this.log('warn', 'payload type ignored', {payloadType: m.payloadType});
    }
  }

  private input(bytes: Buffer): void {
    if (this.shellExited || this.ended) return;
    if (this.pty !== undefined) {
      this.pty.write(bytes);
      return;
    }
    if (this.pendingBytes + bytes.length > PENDING_INPUT_LIMIT) {
      this.log('warn', 'input before the first Size message dropped', {bytes: bytes.length});
      return;
    }
    this.pendingInput.push(bytes);
    this.pendingBytes += bytes.length;
  }

  // ---- the shell ----

  private spawn(size: TerminalSize): void {
    if (this.ended) return;
    this.initialSize = size;
    const {command, cwd, env} = this.init;
    let pty: PtyProcess;
    try {
      pty = spawnPty(command.file, command.args, {cols: size.cols, rows: size.rows, cwd, env});
    } catch (err) {
      this.log('warn', 'shell failed to start', {message: (err as Error).message});
      this.finish('Failed', 'The shell could not be started.');
      return;
    }
    this.pty = pty;
    this.log('info', 'shell started', {pid: pty.pid, cols: size.cols, rows: size.rows});
    pty.onData((data) => this.output(data));
    pty.onExit((exit) => this.onShellExit(exit));
    for (const chunk of this.pendingInput) pty.write(chunk);
    this.pendingInput = [];
    this.pendingBytes = 0;
  }

  private output(data: Buffer): void {
    if (this.ended) return;
    const joined = this.utf8Tail.length === 0 ? data : Buffer.concat([this.utf8Tail, data]);
    const keep = incompleteUtf8TailLength(joined);
    this.utf8Tail = Buffer.from(joined.subarray(joined.length - keep));
    this.sendOutput(joined.subarray(0, joined.length - keep));
  }

  private sendOutput(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.write(this.channel.send(PayloadType.Output, bytes));
    if (!this.ptyPaused && this.channel.unackedCount >= UNACKED_HIGH && this.pty !== undefined) {
      this.ptyPaused = true;
      this.pty.pause();
    }
  }

  private onShellExit(exit: PtyExit): void {
    this.exit = exit;
    this.shellExited = true;
    if (this.ended) return;
    this.log('info', 'shell exited', {exitCode: exit.exitCode, signal: exit.signal});
    this.sendOutput(this.utf8Tail);
    this.utf8Tail = Buffer.alloc(0);
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

  /** TerminateSession (API or Flag), idle timeout, fleet shutdown. */
  terminate(why: string): void {
    if (this.ended) return;
    this.log('info', 'session terminated', {why});
    this.status = 'Terminating';
    this.finish('Terminated', '');
  }

  private finish(status: 'Terminated' | 'Failed', output: string): void {
    if (this.ended) return;
    this.ended = true;
    this.token = undefined;
    this.status = status;
    this.endDate = this.init.now();
    for (const name of ['tickTimer', 'pingTimer', 'idleTimer', 'flushTimer'] as const) this.clearTimer(name);
    clearTimeout(this.handshakeTimer);
    this.portAgent?.close();
    const ws = this.socket;
    if (ws !== undefined && ws.readyState === WebSocket.OPEN) {
      ws.send(buildChannelClosed({sessionId: this.sessionId, destinationId: this.target, output}, {now: this.init.now, newId: randomUUID}), {binary: true});
    }
    for (const socket of this.sockets) socket.close(1000, 'Session closed');
    this.killShell();
  }

  private killShell(): void {
    const pty = this.pty;
    if (pty === undefined || pty.exited) return;
    pty.kill('SIGHUP');
    const hard = setTimeout(() => pty.kill('SIGKILL'), KILL_GRACE_MS);
    hard.unref();
    pty.onExit(() => clearTimeout(hard));
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
    const pty = this.pty;
    if (pty !== undefined && !pty.exited) pty.kill('SIGKILL');
  }
}
