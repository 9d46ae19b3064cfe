/**
 * The native Session Manager client (spec §2–§6): starts or resumes a session through an injected SSM API, dials
 * the data channel, sends Size at open and on resize, turns input bytes into PayloadType 1 messages, delivers
 * output bytes in order, acks, retransmits on the 100 ms tick, pings, ends on channel_closed, and survives dropped
 * sockets with ResumeSession and backoff while keeping sequence numbers (no byte lost or repeated).
 * No UI here: the caller owns the terminal.
 */
import {EventEmitter} from 'node:events';

import {DataChannelState, RESEND_INTERVAL_MS} from './channel.js';
import type {ResumeOptions, SessionClientEvents, SessionClientOptions, SessionClientState, SessionClosed, StartOptions} from './client-types.js';
import {encodeHandshakeResponse, answerHandshakeRequest, parseHandshakeComplete, parseHandshakeRequest} from './handshake.js';
import {PayloadType, newMessageId, type DecodedMessage, type FlagPayload} from './message.js';
import {channelClosedText, encodeFlagPayload, encodeSizePayload, parseFlagPayload, type TerminalSize} from './payloads.js';
import {DEFAULT_RECONNECT, KEEPALIVE_INTERVAL_MS, STABLE_CONNECTION_MS, errorOf, isDefinitive, reconnectDelay, type ReconnectPolicy} from './reconnect.js';
import type {StartSessionInput} from './session-api.js';
import {clientIdForProcess, openWebSocketTransport, type Transport} from './transport.js';
import {CLIENT_VERSION} from './versions.js';

// The client's public API, re-exported so importers keep using this module.
export {type SessionApi, type SessionCredentials, type StartSessionInput} from './session-api.js';
export {DEFAULT_RECONNECT, KEEPALIVE_INTERVAL_MS, reconnectDelay, type ReconnectPolicy} from './reconnect.js';
export type {HandshakeInfo, ResumeOptions, SessionClientEvents, SessionClientOptions, SessionClientState, SessionClosed, StartOptions} from './client-types.js';

export class SessionClient extends EventEmitter<SessionClientEvents> {
  readonly sessionId: string;
  private readonly options: SessionClientOptions;
  private readonly policy: ReconnectPolicy;
  private readonly now: () => number;
  private readonly channel: DataChannelState;
  private streamUrl: string;
  private transport: Transport | undefined;
  private generation = 0;
  private failures = 0;
  private connectedAt = 0;
  private size: TerminalSize;
  private currentState: SessionClientState = 'connecting';
  private closedInfo: SessionClosed | undefined;
  private terminating = false;
  private reconnecting = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private keepaliveTimer: NodeJS.Timeout | undefined;
  private readonly closedPromise: Promise<SessionClosed>;
  private resolveClosed!: (info: SessionClosed) => void;

  private constructor(options: SessionClientOptions, sessionId: string, streamUrl: string) {
    super();
    this.options = options;
    this.sessionId = sessionId;
    this.streamUrl = streamUrl;
    this.policy = {...DEFAULT_RECONNECT, ...options.reconnect};
    this.now = options.now ?? Date.now;
    this.size = options.size;
    this.channel = new DataChannelState({role: 'client', now: this.now, newId: newMessageId});
    this.closedPromise = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  /** StartSession, then open the data channel and send Size. Rejects (after TerminateSession) when it cannot connect. */
  static async start(options: StartOptions): Promise<SessionClient> {
    const input: StartSessionInput = {Target: options.target};
    if (options.documentName !== undefined) input.DocumentName = options.documentName;
    if (options.parameters !== undefined) input.Parameters = options.parameters;
    if (options.reason !== undefined) input.Reason = options.reason;
    const creds = await options.api.startSession(input);
    const {SessionId: sessionId, TokenValue: token, StreamUrl: url} = creds;
    if (!sessionId || !token || !url) throw new Error('StartSession returned no SessionId, TokenValue or StreamUrl');
    const client = new SessionClient(options, sessionId, url);
    await client.firstConnect(token, true);
    return client;
  }

  /**
   * Adopts a session started elsewhere (StartSession by another component): ResumeSession for a fresh token, then
   * open the data channel. This client's sequence numbers start at 0, so the session's data channel must not have
   * carried data yet; reconnects within one SessionClient keep their sequence numbers (that is `reconnect`).
   */
  static async resume(options: ResumeOptions): Promise<SessionClient> {
    const creds = await options.api.resumeSession({SessionId: options.sessionId});
    const url = options.streamUrl ?? creds.StreamUrl;
    if (!creds.TokenValue || !url) throw new Error(`ResumeSession returned no token for ${options.sessionId}: the session timed out`);
    const client = new SessionClient(options, options.sessionId, url);
    await client.firstConnect(creds.TokenValue, false);
    return client;
  }

  get state(): SessionClientState {
    return this.currentState;
  }

  /** Set once the session is over. */
  get closed(): SessionClosed | undefined {
    return this.closedInfo;
  }

  whenClosed(): Promise<SessionClosed> {
    return this.closedPromise;
  }

  /** Sequence numbers in use (for diagnostics and tests). */
  get sequence(): {nextOutgoing: number; expectedIncoming: number; unacked: number} {
    return {nextOutgoing: this.channel.nextSequenceNumber, expectedIncoming: this.channel.expectedSequenceNumber, unacked: this.channel.unackedCount};
  }

  private log(msg: string, fields?: Record<string, unknown>): void {
    this.options.log?.(msg, fields);
  }

  private setState(state: SessionClientState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.emit('state', state);
  }

  private async firstConnect(token: string, terminateOnFailure: boolean): Promise<void> {
    this.tickTimer = setInterval(() => this.tick(), RESEND_INTERVAL_MS);
    this.tickTimer.unref();
    this.keepaliveTimer = setInterval(() => this.transport?.ping(), this.options.keepaliveIntervalMs ?? KEEPALIVE_INTERVAL_MS);
    this.keepaliveTimer.unref();
    // Size at open (seq 0): the agent resizes the shell it started when the channel opened.
    if (this.options.sendSize !== false) this.channel.send(PayloadType.Size, encodeSizePayload(this.size));
    try {
      await this.open(token);
      return;
    } catch (err) {
      this.log('first connection failed; resuming', {message: errorOf(err).message});
    }
    await this.reconnect();
    const closed = this.closedInfo;
    if (closed === undefined) return;
    if (terminateOnFailure) await this.options.api.terminateSession({SessionId: this.sessionId}).catch(() => undefined);
    throw closed.error ?? new Error(`could not connect to session ${this.sessionId}`);
  }

  private async open(token: string): Promise<void> {
    const generation = ++this.generation;
    const transport = await (this.options.openTransport ?? openWebSocketTransport)({
      streamUrl: this.streamUrl,
      tokenValue: token,
      clientId: clientIdForProcess(),
      clientVersion: CLIENT_VERSION,
      handlers: {
        onFrame: (frame) => {
          if (generation === this.generation) this.onFrame(frame);
        },
        onClose: (info) => {
          if (generation === this.generation) this.onTransportClose(info);
        },
      },
    });
    if (this.closedInfo !== undefined || generation !== this.generation) {
      transport.close();
      return;
    }
    this.transport = transport;
    this.connectedAt = this.now();
    transport.ping();
    // Everything unacked (the first Size, input typed while disconnected) goes out again, oldest first.
    for (const frame of this.channel.resume()) transport.send(frame);
    this.setState('connected');
  }

  private tick(): void {
    const transport = this.transport;
    if (transport === undefined || !transport.open) return;
    for (const frame of this.channel.tick()) transport.send(frame);
  }

  private sendFrames(frames: readonly Buffer[]): void {
    const transport = this.transport;
    if (transport === undefined || !transport.open) return;
    for (const frame of frames) transport.send(frame);
  }

  private onFrame(frame: Buffer): void {
    const result = this.channel.receive(frame);
    this.sendFrames(result.write);
    if (result.dropped !== undefined && result.deliver.length === 0 && result.event === undefined) {
      if (result.dropped.startsWith('invalid')) this.log('frame dropped', {why: result.dropped});
      return;
    }
    this.failures = 0;
    if (result.event?.type === 'ack') this.emit('acked', this.channel.unackedCount);
    if (result.event?.type === 'channel_closed') {
      const output = result.event.closed?.output ?? '';
      this.finish({reason: this.terminating ? 'terminated' : 'exited', output});
      return;
    }
    for (const m of result.deliver) this.handle(m);
  }

  private handle(m: DecodedMessage): void {
    switch (m.payloadType) {
      case PayloadType.Output:
      case PayloadType.StdErr:
      case PayloadType.ExitCode:
        if (m.payload.length === 0) return;
        try {
          this.options.onOutput(m.payload);
        } catch (err) {
          // The caller's bug must not break the protocol (the message is already acked).
          this.log('onOutput threw', {message: errorOf(err).message});
        }
        return;
      case PayloadType.HandshakeRequest: {
        const request = parseHandshakeRequest(m.payload);
        if (!request.ok) {
          this.log('invalid HandshakeRequest', {why: request.error});
          return;
        }
        const decision = answerHandshakeRequest(request.value, CLIENT_VERSION);
        this.sendFrames(this.channel.send(PayloadType.HandshakeResponse, encodeHandshakeResponse(decision.response)));
        this.options.onHandshake?.({agentVersion: request.value.agentVersion, sessionType: decision.sessionType, properties: decision.properties});
        return;
      }
      case PayloadType.HandshakeComplete: {
        const complete = parseHandshakeComplete(m.payload);
        if (this.options.onHandshakeComplete !== undefined) {
          this.options.onHandshakeComplete(complete.ok ? complete.value.customerMessage : '');
          return;
        }
        if (complete.ok && complete.value.customerMessage !== '') this.options.onOutput(Buffer.from(`${complete.value.customerMessage}\n`, 'utf8'));
        return;
      }
      case PayloadType.Flag:
        if (this.options.onFlag !== undefined && parseFlagPayload(m.payload) !== undefined) {
          this.options.onFlag(parseFlagPayload(m.payload) ?? 0);
          return;
        }
        this.log('payload type ignored', {payloadType: m.payloadType});
        return;
      default:
        this.log('payload type ignored', {payloadType: m.payloadType});
    }
  }

  private onTransportClose(info: {code: number; reason: string}): void {
    this.transport = undefined;
    if (this.closedInfo !== undefined) return;
    this.log('data channel dropped', {code: info.code, reason: info.reason});
    if (this.now() - this.connectedAt >= STABLE_CONNECTION_MS) this.failures = 0;
    this.reconnect().catch((err: unknown) => this.log('reconnect failed', {message: errorOf(err).message}));
  }

  /** ResumeSession and redial with backoff; the channel state (sequence numbers, unacked data) carries over. */
  private async reconnect(): Promise<void> {
    if (this.reconnecting || this.closedInfo !== undefined) return;
    this.reconnecting = true;
    this.setState('reconnecting');
    let lastError: Error | undefined;
    try {
      while (this.failures < this.policy.attempts) {
        const delay = reconnectDelay(this.failures, (this.options.random ?? Math.random)(), this.policy);
        this.failures++;
        await new Promise<void>((resolve) => setTimeout(resolve, delay));
        if (this.closedInfo !== undefined) return;
        try {
          const creds = await this.options.api.resumeSession({SessionId: this.sessionId});
          if (this.closedInfo !== undefined) return;
          if (!creds.TokenValue) {
            lastError = new Error('ResumeSession returned no token: the session timed out');
            break;
          }
          await this.open(creds.TokenValue);
          return;
        } catch (err) {
          lastError = errorOf(err);
          this.log('resume attempt failed', {attempt: this.failures, message: lastError.message});
          if (isDefinitive(err)) break;
        }
      }
      this.finish({reason: 'disconnected', output: '', ...(lastError === undefined ? {} : {error: lastError})});
    } finally {
      this.reconnecting = false;
    }
  }

  /** Keystrokes or any input bytes (PayloadType 1, ≤1024 bytes per message). Ignored once closed. */
  write(data: Uint8Array | string): void {
    if (this.closedInfo !== undefined) return;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (bytes.length === 0) return;
    this.sendFrames(this.channel.send(PayloadType.Output, bytes));
  }

  /** A Flag payload (DisconnectToPort, TerminateSession) as a sequenced message. */
  sendFlag(flag: FlagPayload): void {
    if (this.closedInfo !== undefined) return;
    this.sendFrames(this.channel.send(PayloadType.Flag, encodeFlagPayload(flag)));
  }

  /** Sends Size when it changed. */
  resize(size: TerminalSize): void {
    if (this.closedInfo !== undefined) return;
    if (size.cols === this.size.cols && size.rows === this.size.rows) return;
    this.size = size;
    this.sendFrames(this.channel.send(PayloadType.Size, encodeSizePayload(size)));
  }

  /** TerminateSession through the API, then close. */
  async terminate(): Promise<SessionClosed> {
    if (this.closedInfo !== undefined) return this.closedInfo;
    this.terminating = true;
    let error: Error | undefined;
    try {
      await this.options.api.terminateSession({SessionId: this.sessionId});
    } catch (err) {
      error = errorOf(err);
    }
    this.finish({reason: 'terminated', output: '', ...(error === undefined ? {} : {error})});
    return this.closedInfo ?? this.closedPromise;
  }

  /** Closes the socket without terminating: the session stays on the agent (Disconnected) and can be resumed. */
  detach(): void {
    this.finish({reason: 'disconnected', output: ''});
  }

  private finish(info: Omit<SessionClosed, 'sessionId' | 'text'>): void {
    if (this.closedInfo !== undefined) return;
    const closed: SessionClosed = {...info, sessionId: this.sessionId, text: channelClosedText(this.sessionId, info.output)};
    this.closedInfo = closed;
    clearInterval(this.tickTimer);
    clearInterval(this.keepaliveTimer);
    const transport = this.transport;
    this.transport = undefined;
    this.generation++;
    transport?.close(1000, '');
    this.setState('closed');
    this.resolveClosed(closed);
    this.emit('closed', closed);
  }
}
