/**
 * Sequencing, acknowledgement and retransmission of stream messages (spec §4), for either side of the data
 * channel. Pure and driven by calls: it never touches a socket or a timer. Callers write `write` frames to the
 * WebSocket (before acting on `deliver`), hand `deliver` to the session handler, and call `tick()` every 100 ms.
 */
import {chunkPayload} from './chunk.js';
import {
  type DecodedMessage,
  MessageFlag,
  MessageType,
  PayloadType,
  STREAM_DATA_PAYLOAD_SIZE,
  type StreamMessageType,
  ackedSequenceNumber,
  buildAck,
  PAYLOAD_OFFSET,
  decodeMessage,
  encodeMessageInto,
  parseAckPayload,
} from './message.js';
import {type ChannelClosedPayload, parseChannelClosedPayload} from './payloads.js';

export type ChannelRole = 'client' | 'agent';

export const RESEND_INTERVAL_MS = 100;
export const INITIAL_SRTT_MS = 100;
export const INITIAL_RTO_MS = 200;
export const CLOCK_GRANULARITY_MS = 10;
export const MAX_RTO_MS = 1000;
export const DEFAULT_BUFFER_LIMIT = 10_000;

export interface ChannelOptions {
  role: ChannelRole;
  now(): number;
  newId(): string;
  /** Stream type we send: client input_stream_data, agent output_stream_data. */
  sendType?: StreamMessageType;
  /** Stream type we sequence on receipt: the other one by default. */
  receiveType?: StreamMessageType;
  /** Out-of-order messages kept (default 10 000). */
  incomingLimit?: number;
  /** Unacked messages kept for retransmission (default 10 000). */
  outgoingLimit?: number;
  /** When the outgoing buffer is full: the plugin evicts the oldest, the agent sends without storing. */
  outgoingOverflow?: 'evict-oldest' | 'send-unstored';
  /** Ack duplicates again (default true, both sides of ours). */
  reackDuplicates?: boolean;
  /** Payload types acked and delivered even while the handler is not ready: client 5/7/8, agent 6/9. */
  handshakePayloadTypes?: readonly number[];
  /** Never split a UTF-8 character across payloads (agent default). */
  keepUtf8Whole?: boolean;
  /** Flags 1 on the stream message with seq 0 (agent default). */
  synOnFirst?: boolean;
  /** Stop sending and resending on pause_publication (agent default; the plugin ignores both). */
  honorPublication?: boolean;
  /** Check payload digests of received frames (default true). */
  verifyDigest?: boolean;
  /** Initial handler readiness (default true). */
  ready?: boolean;
}

export type ChannelEvent =
  | {type: 'ack'; sequenceNumber: number; matched: boolean}
  | {type: 'channel_closed'; message: DecodedMessage; closed?: ChannelClosedPayload}
  | {type: 'publication'; paused: boolean};

export interface ReceiveResult {
  /** In-order stream messages for the session handler. */
  deliver: DecodedMessage[];
  /** Frames to send now (acks; after a start_publication, the held-back stream messages). */
  write: Buffer[];
  event?: ChannelEvent;
  /** Why nothing (or not everything) was delivered. */
  dropped?: string;
}

export interface UnackedMessage {
  sequenceNumber: number;
  messageId: string;
  payloadType: number;
  frame: Buffer;
  /** undefined while held back by pause_publication. */
  lastSent: number | undefined;
  resends: number;
}

const ROLE_DEFAULTS = {
  client: {
    sendType: MessageType.InputStreamData,
    receiveType: MessageType.OutputStreamData,
    outgoingOverflow: 'evict-oldest',
    handshakePayloadTypes: [PayloadType.HandshakeRequest, PayloadType.HandshakeComplete, PayloadType.EncChallengeRequest],
    keepUtf8Whole: false,
    synOnFirst: false,
    honorPublication: false,
  },
  agent: {
    sendType: MessageType.OutputStreamData,
    receiveType: MessageType.InputStreamData,
    outgoingOverflow: 'send-unstored',
    handshakePayloadTypes: [PayloadType.HandshakeResponse, PayloadType.EncChallengeResponse],
    keepUtf8Whole: true,
    synOnFirst: true,
    honorPublication: true,
  },
} as const;

const MAX_SAFE_SEQUENCE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE_SEQUENCE = BigInt(Number.MIN_SAFE_INTEGER);

export class DataChannelState {
  readonly sendType: StreamMessageType;
  readonly receiveType: StreamMessageType;
  private readonly now: () => number;
  private readonly newId: () => string;
  /** For buildAck: the same clock and ids, one object for every ack. */
  private readonly context: {now(): number; newId(): string};
  private readonly incomingLimit: number;
  private readonly outgoingLimit: number;
  private readonly overflow: 'evict-oldest' | 'send-unstored';
  private readonly reackDuplicates: boolean;
  private readonly handshakeTypes: ReadonlySet<number>;
  private readonly keepUtf8Whole: boolean;
  private readonly synOnFirst: boolean;
  private readonly honorPublication: boolean;
  private readonly verifyDigest: boolean;

  private nextSeq = 0;
  private expected = 0;
  /** Insertion order is sequence order, so the first entry is the oldest unacked. */
  private readonly outgoing = new Map<number, UnackedMessage>();
  private readonly incoming = new Map<number, DecodedMessage>();
  private handlerReady: boolean;
  private isPaused = false;
  private roundTrip = INITIAL_SRTT_MS;
  private roundTripVariation = 0;
  private retransmissionTimeout = INITIAL_RTO_MS;

  constructor(options: ChannelOptions) {
    const d = ROLE_DEFAULTS[options.role];
    this.now = options.now;
    this.newId = options.newId;
    this.context = {now: options.now, newId: options.newId};
    this.sendType = options.sendType ?? d.sendType;
    this.receiveType = options.receiveType ?? d.receiveType;
    this.incomingLimit = options.incomingLimit ?? DEFAULT_BUFFER_LIMIT;
    this.outgoingLimit = options.outgoingLimit ?? DEFAULT_BUFFER_LIMIT;
    this.overflow = options.outgoingOverflow ?? d.outgoingOverflow;
    this.reackDuplicates = options.reackDuplicates ?? true;
    this.handshakeTypes = new Set(options.handshakePayloadTypes ?? d.handshakePayloadTypes);
    this.keepUtf8Whole = options.keepUtf8Whole ?? d.keepUtf8Whole;
    this.synOnFirst = options.synOnFirst ?? d.synOnFirst;
    this.honorPublication = options.honorPublication ?? d.honorPublication;
    this.verifyDigest = options.verifyDigest ?? true;
    this.handlerReady = options.ready ?? true;
  }

  get expectedSequenceNumber(): number { return this.expected; }
  get nextSequenceNumber(): number { return this.nextSeq; }
  get rto(): number { return this.retransmissionTimeout; }
  get srtt(): number { return this.roundTrip; }
  get rttvar(): number { return this.roundTripVariation; }
  get paused(): boolean { return this.isPaused; }
  get ready(): boolean { return this.handlerReady; }
  get bufferedCount(): number { return this.incoming.size; }
  get unackedCount(): number { return this.outgoing.size; }

  /** Sequences `bytes` as one or more stream messages (≤1024 bytes each) and returns the frames to write now. */
  send(payloadType: PayloadType, bytes: Uint8Array, options: {keepUtf8Whole?: boolean} = {}): Buffer[] {
    const out: Buffer[] = [];
    const chunks = chunkPayload(bytes, STREAM_DATA_PAYLOAD_SIZE, options.keepUtf8Whole ?? this.keepUtf8Whole);
    // The frames of one write share one allocation (a 64 KB read is 64 frames).
    let size = 0;
    for (const chunk of chunks) size += PAYLOAD_OFFSET + chunk.length;
    const frames = Buffer.allocUnsafe(size);
    let at = 0;
    for (const chunk of chunks) {
      const sequenceNumber = this.nextSeq++;
      const messageId = this.newId();
      const now = this.now();
      const frame = frames.subarray(at, at + PAYLOAD_OFFSET + chunk.length);
      at += frame.length;
      encodeMessageInto(frame, {
        messageType: this.sendType,
        createdDate: now,
        sequenceNumber,
        flags: this.synOnFirst && sequenceNumber === 0 ? MessageFlag.Syn : MessageFlag.None,
        messageId,
        payloadType,
        payload: chunk,
      });
      const entry: UnackedMessage = {sequenceNumber, messageId, payloadType, frame, lastSent: undefined, resends: 0};
      if (!this.isPaused) {
        entry.lastSent = now;
        out.push(frame);
      }
      this.store(entry);
    }
    return out;
  }

  private store(entry: UnackedMessage): void {
    if (this.outgoing.size >= this.outgoingLimit) {
      if (this.overflow === 'send-unstored') return;
      const oldest = this.outgoing.keys().next();
      if (!oldest.done) this.outgoing.delete(oldest.value);
    }
    this.outgoing.set(entry.sequenceNumber, entry);
  }

  /** Handles one received frame. */
  receive(frame: Uint8Array): ReceiveResult {
    // The usual ack (one for each message sent) is read straight from its bytes.
    const acked = Buffer.isBuffer(frame) ? ackedSequenceNumber(frame, this.verifyDigest) : undefined;
    if (acked !== undefined) return this.acknowledged(acked);
    // Views into the frame, not copies: frames come fresh from the socket and are never reused.
    const decoded = decodeMessage(frame, {verifyDigest: this.verifyDigest, copyPayload: false});
    if (!decoded.ok) return {deliver: [], write: [], dropped: `invalid message: ${decoded.error}`};
    const m = decoded.message;
    switch (m.messageType) {
      case MessageType.Acknowledge: {
        const ack = parseAckPayload(m.payload);
        if (!ack.ok) return {deliver: [], write: [], dropped: `invalid ack: ${ack.error}`};
        return this.acknowledged(ack.ack.acknowledgedMessageSequenceNumber);
      }
      case MessageType.ChannelClosed: {
        const parsed = parseChannelClosedPayload(m.payload);
        const event: ChannelEvent = parsed.ok
          ? {type: 'channel_closed', message: m, closed: parsed.closed}
          : {type: 'channel_closed', message: m};
        return {deliver: [], write: [], event};
      }
      case MessageType.PausePublication:
      case MessageType.StartPublication: {
        const paused = m.messageType === MessageType.PausePublication;
        if (!this.honorPublication) return {deliver: [], write: [], event: {type: 'publication', paused}};
        if (paused) {
          this.isPaused = true;
          return {deliver: [], write: [], event: {type: 'publication', paused}};
        }
        return {deliver: [], write: this.unpause(), event: {type: 'publication', paused}};
      }
      default:
        if (m.messageType === this.receiveType) return this.receiveStream(m);
        return {deliver: [], write: [], dropped: `ignored message type ${JSON.stringify(m.messageType)}`};
    }
  }

  private acknowledged(sequenceNumber: number): ReceiveResult {
    const write = this.unpause();
    return {deliver: [], write, event: {type: 'ack', sequenceNumber, matched: this.onAck(sequenceNumber)}};
  }

  private receiveStream(m: DecodedMessage): ReceiveResult {
    const write = this.unpause();
    const result: ReceiveResult = {deliver: [], write};
    const seqBig = m.sequenceNumber;
    if (seqBig > MAX_SAFE_SEQUENCE || seqBig < MIN_SAFE_SEQUENCE) {
      result.dropped = `sequence number ${seqBig} out of range`;
      return result;
    }
    const seq = Number(seqBig);
    // What the acks refer to, with the sequence number as a number (its text is made without BigInt).
    const acked = {messageType: m.messageType, messageId: m.messageId, sequenceNumber: seq};
    if (seq === this.expected) {
      if (!this.handshakeTypes.has(m.payloadType) && !this.handlerReady) {
        result.dropped = 'handler not ready';
        return result;
      }
      write.push(buildAck(acked, this.context));
      result.deliver.push(m);
      this.expected++;
      if (this.incoming.size > 0) this.release(result.deliver);
    } else if (seq > this.expected) {
      if (this.incoming.has(seq)) {
        write.push(buildAck(acked, this.context));
        result.dropped = 'duplicate of a buffered message';
      } else if (this.incoming.size < this.incomingLimit) {
        write.push(buildAck(acked, this.context));
        // Kept for a while: copies, so a buffered message does not pin the socket chunk its frame was cut from.
        this.incoming.set(seq, {...m, payload: Buffer.from(m.payload), payloadDigest: Buffer.from(m.payloadDigest)});
      } else {
        result.dropped = 'incoming buffer full';
      }
    } else {
      if (this.reackDuplicates) write.push(buildAck(acked, this.context));
      result.dropped = 'duplicate';
    }
    return result;
  }

  /** Buffered messages (already acked) that are now in order, as long as the handler can take them. */
  private release(out: DecodedMessage[] = []): DecodedMessage[] {
    for (let m = this.incoming.get(this.expected); m !== undefined; m = this.incoming.get(this.expected)) {
      if (!this.handshakeTypes.has(m.payloadType) && !this.handlerReady) break;
      this.incoming.delete(this.expected);
      out.push(m);
      this.expected++;
    }
    return out;
  }

  /** Marks the session handler (not) ready; becoming ready releases buffered in-order messages. */
  setReady(ready: boolean): DecodedMessage[] {
    this.handlerReady = ready;
    return ready ? this.release() : [];
  }

  /** Removes the acked message (matched on sequence number only) and updates the RTO. False when unknown. */
  onAck(sequenceNumber: number): boolean {
    const entry = this.outgoing.get(sequenceNumber);
    if (entry === undefined) return false;
    if (entry.lastSent !== undefined) this.updateRto(this.now() - entry.lastSent);
    this.outgoing.delete(sequenceNumber);
    return true;
  }

  private updateRto(roundTrip: number): void {
    this.roundTripVariation = 0.75 * this.roundTripVariation + 0.25 * Math.abs(this.roundTrip - roundTrip);
    this.roundTrip = 0.875 * this.roundTrip + 0.125 * roundTrip;
    const rto = this.roundTrip + Math.max(CLOCK_GRANULARITY_MS, 4 * this.roundTripVariation);
    this.retransmissionTimeout = Math.min(rto, MAX_RTO_MS);
  }

  /** Every 100 ms: resend the oldest unacked message (identical bytes) if it is overdue. Updates lastSent. */
  tick(now: number = this.now()): Buffer[] {
    if (this.isPaused) return [];
    const oldest = this.outgoing.values().next();
    if (oldest.done) return [];
    const entry = oldest.value;
    if (entry.lastSent !== undefined && !(now - entry.lastSent > this.retransmissionTimeout)) return [];
    if (entry.lastSent !== undefined) entry.resends++;
    entry.lastSent = now;
    return [entry.frame];
  }

  /** Unacked messages, oldest first (sequence numbers and buffers survive reconnects). */
  unacked(): readonly UnackedMessage[] {
    return [...this.outgoing.values()];
  }

  /** After a reconnect: every unacked frame, oldest first, to resend at once. */
  resume(now: number = this.now()): Buffer[] {
    if (this.isPaused) return [];
    const frames: Buffer[] = [];
    for (const entry of this.outgoing.values()) {
      if (entry.lastSent !== undefined) entry.resends++;
      entry.lastSent = now;
      frames.push(entry.frame);
    }
    return frames;
  }

  /** Leaves the paused state (agent: start_publication, or any stream data or ack) and flushes held-back frames. */
  private unpause(): Buffer[] {
    if (!this.isPaused) return [];
    this.isPaused = false;
    const now = this.now();
    const frames: Buffer[] = [];
    for (const entry of this.outgoing.values()) {
      if (entry.lastSent !== undefined) continue;
      entry.lastSent = now;
      frames.push(entry.frame);
    }
    return frames;
  }
}

export function createDataChannel(options: ChannelOptions): DataChannelState {
  return new DataChannelState(options);
}
