/**
 * The binary data-channel message (spec §3) and acknowledgements (§4). Pure: no clock, no randomness inside
 * (callers inject `now()` and `newId()`), so the TS client and the local agent emulator share it.
 */
import {createHash} from 'node:crypto';

import {goField, goJson, parseJsonObject} from './go-json.js';
import {isUuid, uuidFromWire, uuidToWire} from './uuid-wire.js';

export const MessageType = {
  InputStreamData: 'input_stream_data',
  OutputStreamData: 'output_stream_data',
  Acknowledge: 'acknowledge',
  ChannelClosed: 'channel_closed',
  StartPublication: 'start_publication',
  PausePublication: 'pause_publication',
  AgentSessionState: 'agent_session_state',
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];
export type StreamMessageType = typeof MessageType.InputStreamData | typeof MessageType.OutputStreamData;

export const PayloadType = {
  Unset: 0,
  /** The data payload in both directions (keystrokes, shell output, TCP bytes). */
  Output: 1,
  Error: 2,
  Size: 3,
  Parameter: 4,
  HandshakeRequest: 5,
  HandshakeResponse: 6,
  HandshakeComplete: 7,
  EncChallengeRequest: 8,
  EncChallengeResponse: 9,
  Flag: 10,
  StdErr: 11,
  ExitCode: 12,
} as const;
export type PayloadType = (typeof PayloadType)[keyof typeof PayloadType];

/** The u32 carried by a PayloadType.Flag payload. */
export const FlagPayload = {DisconnectToPort: 1, TerminateSession: 2, ConnectToPortError: 3} as const;
export type FlagPayload = (typeof FlagPayload)[keyof typeof FlagPayload];

/** Header Flags bits (written, never read by either side): bit 0 SYN, bit 1 FIN; acks carry both. */
export const MessageFlag = {None: 0, Syn: 1, Fin: 2, SynFin: 3} as const;

export const SCHEMA_VERSION = 1;
/** What writers put in HeaderLength: the offset of PayloadLength, not of the payload. */
export const HEADER_LENGTH = 116;
export const MESSAGE_TYPE_LENGTH = 32;
export const PAYLOAD_OFFSET = 120;
export const DIGEST_LENGTH = 32;
/** StreamDataPayloadSize: neither side sends more than this per stream message. */
export const STREAM_DATA_PAYLOAD_SIZE = 1024;

export const Offset = {
  HeaderLength: 0,
  MessageType: 4,
  SchemaVersion: 36,
  CreatedDate: 40,
  SequenceNumber: 48,
  Flags: 56,
  MessageId: 64,
  PayloadDigest: 80,
  PayloadType: 112,
  PayloadLength: 116,
  Payload: 120,
} as const;

export interface OutgoingMessage {
  messageType: MessageType;
  schemaVersion?: 1;
  /** Milliseconds since the Unix epoch. */
  createdDate: number;
  sequenceNumber: bigint | number;
  flags: bigint | number;
  /** Canonical UUID text. */
  messageId: string;
  payloadType: PayloadType;
  payload: Uint8Array;
}

export interface DecodedMessage {
  headerLength: number;
  /** NULs then whitespace trimmed from both ends; may be a type we do not know. */
  messageType: string;
  schemaVersion: number;
  createdDate: number;
  sequenceNumber: bigint;
  flags: bigint;
  messageId: string;
  payloadDigest: Buffer;
  payloadType: number;
  /** PayloadLength as written; not used for slicing. */
  payloadLength: number;
  /** True when PayloadLength differs from the number of payload bytes actually present. */
  payloadLengthMismatch: boolean;
  /** A copy of the bytes from HeaderLength + 4 to the end of the frame. */
  payload: Buffer;
}

export type DecodeResult = {ok: true; message: DecodedMessage} | {ok: false; error: string};

export interface DecodeOptions {
  /** Check SHA-256(payload) like the plugin (default true); the real agent does not check. */
  verifyDigest?: boolean;
}

/** Injected clock and id source. */
export interface MessageContext {
  now(): number;
  newId(): string;
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

function toBigInt(value: bigint | number, field: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field} must be an integer, got ${value}`);
  return BigInt(value);
}

function isU32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;
}

export function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/** Serialises a message exactly as the plugin and the agent do. Throws RangeError on values that cannot be encoded. */
export function encodeMessage(m: OutgoingMessage): Buffer {
  const type = Buffer.from(m.messageType, 'utf8');
  if (type.length > MESSAGE_TYPE_LENGTH) throw new RangeError(`message type longer than ${MESSAGE_TYPE_LENGTH} bytes`);
  if (!Number.isSafeInteger(m.createdDate) || m.createdDate < 0) {
    throw new RangeError(`createdDate must be a non-negative integer (ms), got ${m.createdDate}`);
  }
  const seq = toBigInt(m.sequenceNumber, 'sequenceNumber');
  if (seq < I64_MIN || seq > I64_MAX) throw new RangeError(`sequenceNumber ${seq} is outside int64`);
  const flags = toBigInt(m.flags, 'flags');
  if (flags < 0n || flags > U64_MAX) throw new RangeError(`flags ${flags} is outside uint64`);
  if (!isU32(m.payloadType)) throw new RangeError(`payloadType ${m.payloadType} is outside uint32`);
  if (!isUuid(m.messageId)) throw new RangeError(`messageId is not a UUID: ${JSON.stringify(m.messageId)}`);

  const out = Buffer.alloc(PAYLOAD_OFFSET + m.payload.length);
  out.writeUInt32BE(HEADER_LENGTH, Offset.HeaderLength);
  out.fill(0x20, Offset.MessageType, Offset.MessageType + MESSAGE_TYPE_LENGTH);
  type.copy(out, Offset.MessageType);
  out.writeUInt32BE(m.schemaVersion ?? SCHEMA_VERSION, Offset.SchemaVersion);
  out.writeBigUInt64BE(BigInt(m.createdDate), Offset.CreatedDate);
  out.writeBigInt64BE(seq, Offset.SequenceNumber);
  out.writeBigUInt64BE(flags, Offset.Flags);
  uuidToWire(m.messageId).copy(out, Offset.MessageId);
  sha256(m.payload).copy(out, Offset.PayloadDigest);
  out.writeUInt32BE(m.payloadType, Offset.PayloadType);
  out.writeUInt32BE(m.payload.length, Offset.PayloadLength);
  out.set(m.payload, Offset.Payload);
  return out;
}

/** Go's strings.TrimSpace set (ASCII plus the Unicode White_Space characters). */
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const GO_TRIM = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');

function readMessageType(buf: Buffer): string {
  let start = Offset.MessageType;
  let end = start + MESSAGE_TYPE_LENGTH;
  while (start < end && buf[start] === 0) start++;
  while (end > start && buf[end - 1] === 0) end--;
  return buf.toString('utf8', start, end).replace(GO_TRIM, '');
}

/**
 * Parses one frame following the plugin's rules. Never throws: any malformed input yields `{ok: false}`.
 * Frames that fail validation must be dropped and not acked.
 */
export function decodeMessage(input: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  try {
    return decodeUnchecked(input, options.verifyDigest ?? true);
  } catch (error) {
    // Defensive: the checks below should make this unreachable.
    return {ok: false, error: `undecodable message: ${(error as Error).message}`};
  }
}

function decodeUnchecked(input: Uint8Array, verifyDigest: boolean): DecodeResult {
  if (!(input instanceof Uint8Array)) return {ok: false, error: 'message is not a byte array'};
  const buf = Buffer.from(input.buffer, input.byteOffset, input.length);
  if (buf.length < PAYLOAD_OFFSET) {
    return {ok: false, error: `message too short: ${buf.length} bytes (minimum ${PAYLOAD_OFFSET})`};
  }
  const headerLength = buf.readUInt32BE(Offset.HeaderLength);
  if (headerLength + 4 > buf.length) {
    return {ok: false, error: `HeaderLength ${headerLength} points beyond the ${buf.length}-byte message`};
  }
  const payload = Buffer.from(buf.subarray(headerLength + 4));
  const payloadLength = buf.readUInt32BE(Offset.PayloadLength);
  const message: DecodedMessage = {
    headerLength,
    messageType: readMessageType(buf),
    schemaVersion: buf.readUInt32BE(Offset.SchemaVersion),
    createdDate: Number(buf.readBigUInt64BE(Offset.CreatedDate)),
    sequenceNumber: buf.readBigInt64BE(Offset.SequenceNumber),
    flags: buf.readBigUInt64BE(Offset.Flags),
    messageId: uuidFromWire(buf, Offset.MessageId),
    payloadDigest: Buffer.from(buf.subarray(Offset.PayloadDigest, Offset.PayloadDigest + DIGEST_LENGTH)),
    payloadType: buf.readUInt32BE(Offset.PayloadType),
    payloadLength,
    payloadLengthMismatch: payloadLength !== payload.length,
    payload,
  };
  const invalid = validate(message, verifyDigest);
  return invalid === undefined ? {ok: true, message} : {ok: false, error: invalid};
}

function validate(m: DecodedMessage, verifyDigest: boolean): string | undefined {
  if (m.messageType === MessageType.StartPublication || m.messageType === MessageType.PausePublication) return undefined;
  if (m.headerLength === 0) return 'HeaderLength cannot be zero';
  if (m.messageType === '') return 'MessageType is missing';
  if (m.createdDate === 0) return 'CreatedDate is missing';
  if (verifyDigest && m.payloadLength !== 0 && !sha256(m.payload).equals(m.payloadDigest)) {
    return 'payload digest mismatch';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Acknowledgements (§4)

/** The fields of a received message that an ack refers to. */
export interface AckTarget {
  messageType: string;
  messageId: string;
  sequenceNumber: bigint | number;
}

export interface AckContent {
  acknowledgedMessageType: string;
  acknowledgedMessageId: string;
  acknowledgedMessageSequenceNumber: number;
  isSequentialMessage: boolean;
}

/** Compact Go JSON of an ack payload, fields in Go struct order. */
export function ackPayloadJson(acked: AckTarget): string {
  const seq = toBigInt(acked.sequenceNumber, 'sequenceNumber');
  return (
    `{"AcknowledgedMessageType":${goJson(acked.messageType)},` +
    `"AcknowledgedMessageId":${goJson(acked.messageId)},` +
    `"AcknowledgedMessageSequenceNumber":${seq.toString()},` +
    `"IsSequentialMessage":true}`
  );
}

/** A complete `acknowledge` frame: seq 0, Flags 3, PayloadType 0, a fresh MessageId. */
export function buildAck(acked: AckTarget, ctx: MessageContext): Buffer {
  return encodeMessage({
    messageType: MessageType.Acknowledge,
    createdDate: ctx.now(),
    sequenceNumber: 0,
    flags: MessageFlag.SynFin,
    messageId: ctx.newId(),
    payloadType: PayloadType.Unset,
    payload: Buffer.from(ackPayloadJson(acked), 'utf8'),
  });
}

export type AckParseResult = {ok: true; ack: AckContent} | {ok: false; error: string};

/**
 * Reads an ack payload as Go's json.Unmarshal would (case-insensitive keys, missing strings → ''), except that a
 * missing or non-integer sequence number is an error here: Go would read 0 and ack the wrong message.
 */
export function parseAckPayload(payload: Uint8Array): AckParseResult {
  const parsed = parseJsonObject(payload);
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  const seq = goField(o, 'AcknowledgedMessageSequenceNumber');
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) {
    return {ok: false, error: 'AcknowledgedMessageSequenceNumber is missing or not an integer'};
  }
  const type = goField(o, 'AcknowledgedMessageType') ?? '';
  const id = goField(o, 'AcknowledgedMessageId') ?? '';
  const sequential = goField(o, 'IsSequentialMessage') ?? false;
  if (typeof type !== 'string' || typeof id !== 'string' || typeof sequential !== 'boolean') {
    return {ok: false, error: 'ack payload has a field of the wrong type'};
  }
  return {
    ok: true,
    ack: {
      acknowledgedMessageType: type,
      acknowledgedMessageId: id,
      acknowledgedMessageSequenceNumber: seq,
      isSequentialMessage: sequential,
    },
  };
}
