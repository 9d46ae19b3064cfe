/**
 * The binary data-channel message (spec §3) and acknowledgements (§4). Pure: no clock, no randomness inside
 * (callers inject `now()` and `newId()`), so the TS client and the local agent emulator share it.
 */
import {hash, randomFillSync} from 'node:crypto';

import {goField, goJson, parseJsonObject} from './go-json.js';

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
  /**
   * Copy the payload and digest out of the frame (default true). The data channel passes false: its frames come
   * fresh from the socket and are never reused, so views save an allocation and a copy per message.
   */
  copyPayload?: boolean;
}

/** Injected clock and id source. */
export interface MessageContext {
  now(): number;
  newId(): string;
}

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const U64_MAX = (1n << 64n) - 1n;
const TWO_32 = 0x1_0000_0000;
/** |hi| below this: hi·2³² + lo is a safe integer, so the 64-bit field can be read and written as a number. */
const SAFE_HI = 0x20_0000;

function toBigInt(value: bigint | number, field: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field} must be an integer, got ${value}`);
  return BigInt(value);
}

function isU32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;
}

export function sha256(bytes: Uint8Array): Buffer {
  return hash('sha256', bytes, 'buffer');
}

/**
 * SHA-256 as a 32-char latin1 string (one char per byte). The per-message paths use this: one-shot (no Hash
 * object) and a V8 string instead of a new Buffer, roughly halving the cost of a 1 KiB digest.
 */
function sha256Latin1(bytes: Uint8Array): string {
  return hash('sha256', bytes, 'binary'); // 'binary' is Node's name for latin1
}

/** A safe integer as a big-endian 64-bit field (two's complement), without going through BigInt. */
function writeSafeInt64(out: Buffer, value: number, offset: number): void {
  const hi = Math.floor(value / TWO_32);
  out.writeInt32BE(hi, offset);
  out.writeUInt32BE(value - hi * TWO_32, offset + 4);
}

/** The MessageType field of each type seen so far: UTF-8, right-padded with spaces (a handful of constants). */
const paddedTypes = new Map<string, Buffer>();
const PADDED_TYPES_LIMIT = 64;

function paddedType(type: string): Buffer {
  let padded = paddedTypes.get(type);
  if (padded !== undefined) return padded;
  const bytes = Buffer.from(type, 'utf8');
  if (bytes.length > MESSAGE_TYPE_LENGTH) throw new RangeError(`message type longer than ${MESSAGE_TYPE_LENGTH} bytes`);
  padded = Buffer.alloc(MESSAGE_TYPE_LENGTH, 0x20);
  bytes.copy(padded);
  if (paddedTypes.size < PADDED_TYPES_LIMIT) paddedTypes.set(type, padded);
  return padded;
}

/** Hex digit values by UTF-16 code unit; 0xff: not a hex digit. */
const HEX_VALUE = new Uint8Array(0x1_0000).fill(0xff);
for (let i = 0; i < 16; i++) {
  HEX_VALUE[i.toString(16).charCodeAt(0)] = i;
  HEX_VALUE[i.toString(16).toUpperCase().charCodeAt(0)] = i;
}
const HYPHEN = 0x2d;
/** Where each of the 16 bytes' two hex digits start in 8-4-4-4-12 text. */
const UUID_DIGIT_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/**
 * Writes a canonical 8-4-4-4-12 UUID (either case) in wire order (second half first, spec §3) at `offset`.
 * False, with the bytes partly written, when the text is not a canonical UUID.
 */
function writeUuidWire(out: Buffer, offset: number, text: string): boolean {
  if (text.length !== 36) return false;
  if (text.charCodeAt(8) !== HYPHEN || text.charCodeAt(13) !== HYPHEN || text.charCodeAt(18) !== HYPHEN || text.charCodeAt(23) !== HYPHEN) {
    return false;
  }
  let invalid = 0;
  for (let n = 0; n < 16; n++) {
    const at = UUID_DIGIT_AT[n] ?? 0;
    const high = HEX_VALUE[text.charCodeAt(at)] ?? 0xff;
    const low = HEX_VALUE[text.charCodeAt(at + 1)] ?? 0xff;
    invalid |= high | low;
    // RFC byte n sits at wire position n + 8 (mod 16).
    out[offset + ((n + 8) & 15)] = (high << 4) | low;
  }
  return invalid < 16;
}

/** The canonical lowercase text of a MessageId stored in wire order at `offset` (16 bytes in bounds). */
function readUuidWire(buf: Buffer, offset: number): string {
  // RFC byte n is at wire position n + 8 (mod 16).
  for (let n = 0; n < 16; n++) {
    const byte = buf[offset + ((n + 8) & 15)] ?? 0;
    const at = UUID_DIGIT_AT[n] ?? 0;
    uuidText[at] = HEX_DIGIT[byte >> 4] ?? 0;
    uuidText[at + 1] = HEX_DIGIT[byte & 15] ?? 0;
  }
  return uuidText.toString('latin1');
}

/** Scratch for {@link readUuidWire}: the text is built here and read out as one flat string. */
const uuidText = Buffer.from('00000000-0000-0000-0000-000000000000', 'latin1');
const HEX_DIGIT = Buffer.from('0123456789abcdef', 'latin1');

/** Random bytes for {@link newMessageId}, refilled 256 ids at a time. */
const idPool = Buffer.alloc(16 * 256);
let idPoolAt = idPool.length;

/**
 * A random (version 4) UUID for a MessageId, like crypto.randomUUID: random bytes from a pooled CSPRNG fill. The
 * text is built flat in one step, which makes it cheaper to write into a frame than randomUUID's.
 */
export function newMessageId(): string {
  if (idPoolAt === idPool.length) {
    randomFillSync(idPool);
    idPoolAt = 0;
  }
  for (let n = 0; n < 16; n++) {
    let byte = idPool[idPoolAt + n] ?? 0;
    if (n === 6) byte = (byte & 0x0f) | 0x40; // version 4
    else if (n === 8) byte = (byte & 0x3f) | 0x80; // RFC 4122 variant
    const at = UUID_DIGIT_AT[n] ?? 0;
    uuidText[at] = HEX_DIGIT[byte >> 4] ?? 0;
    uuidText[at + 1] = HEX_DIGIT[byte & 15] ?? 0;
  }
  idPoolAt += 16;
  return uuidText.toString('latin1');
}

/** Serialises a message exactly as the plugin and the agent do. Throws RangeError on values that cannot be encoded. */
export function encodeMessage(m: OutgoingMessage): Buffer {
  const out = encodeHeader(m, m.payload.length);
  out.set(m.payload, Offset.Payload);
  out.write(sha256Latin1(m.payload), Offset.PayloadDigest, DIGEST_LENGTH, 'latin1');
  return out;
}

/** A frame for a payload of `payloadLength` bytes, every header field but the digest written; the caller adds both. */
function encodeHeader(m: Omit<OutgoingMessage, 'payload'>, payloadLength: number): Buffer {
  const type = paddedType(m.messageType);
  if (!Number.isSafeInteger(m.createdDate) || m.createdDate < 0) {
    throw new RangeError(`createdDate must be a non-negative integer (ms), got ${m.createdDate}`);
  }
  const seq = m.sequenceNumber;
  if (typeof seq === 'number') {
    if (!Number.isSafeInteger(seq)) throw new RangeError(`sequenceNumber must be an integer, got ${seq}`);
  } else if (seq < I64_MIN || seq > I64_MAX) {
    throw new RangeError(`sequenceNumber ${seq} is outside int64`);
  }
  const flags = m.flags;
  if (typeof flags === 'number') {
    if (!Number.isSafeInteger(flags)) throw new RangeError(`flags must be an integer, got ${flags}`);
    if (flags < 0) throw new RangeError(`flags ${flags} is outside uint64`);
  } else if (flags < 0n || flags > U64_MAX) {
    throw new RangeError(`flags ${flags} is outside uint64`);
  }
  if (!isU32(m.payloadType)) throw new RangeError(`payloadType ${m.payloadType} is outside uint32`);

  // Every header byte is written below or by the caller, so the buffer needs no zeroing.
  const out = Buffer.allocUnsafe(PAYLOAD_OFFSET + payloadLength);
  if (!writeUuidWire(out, Offset.MessageId, m.messageId)) {
    throw new RangeError(`messageId is not a UUID: ${JSON.stringify(m.messageId)}`);
  }
  out.writeUInt32BE(HEADER_LENGTH, Offset.HeaderLength);
  out.set(type, Offset.MessageType);
  out.writeUInt32BE(m.schemaVersion ?? SCHEMA_VERSION, Offset.SchemaVersion);
  writeSafeInt64(out, m.createdDate, Offset.CreatedDate);
  if (typeof seq === 'number') writeSafeInt64(out, seq, Offset.SequenceNumber);
  else out.writeBigInt64BE(seq, Offset.SequenceNumber);
  if (typeof flags === 'number') writeSafeInt64(out, flags, Offset.Flags);
  else out.writeBigUInt64BE(flags, Offset.Flags);
  out.writeUInt32BE(m.payloadType, Offset.PayloadType);
  out.writeUInt32BE(payloadLength, Offset.PayloadLength);
  return out;
}

/** Go's strings.TrimSpace set (ASCII plus the Unicode White_Space characters). */
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const GO_TRIM = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');

/**
 * Whether `buf` holds `part` at `at`. A plain loop: for the few dozen bytes compared here it is cheaper than
 * Buffer#compare's call into C++.
 */
function holds(buf: Buffer, at: number, part: Buffer): boolean {
  if (at + part.length > buf.length) return false;
  for (let i = 0; i < part.length; i++) {
    if (buf[at + i] !== part[i]) return false;
  }
  return true;
}

/** The types we know, space-padded as writers put them: most frames match one byte for byte. */
const KNOWN_TYPES = Object.values(MessageType).map((type) => ({type, padded: paddedType(type)}));

function readMessageType(buf: Buffer): string {
  for (const known of KNOWN_TYPES) {
    if (holds(buf, Offset.MessageType, known.padded)) {
      return known.type;
    }
  }
  let start = Offset.MessageType;
  let end = start + MESSAGE_TYPE_LENGTH;
  while (start < end && buf[start] === 0) start++;
  while (end > start && buf[end - 1] === 0) end--;
  return buf.toString('utf8', start, end).replace(GO_TRIM, '');
}

/** A signed 64-bit field as a BigInt, through a number when it is a safe integer (one BigInt, not four). */
function readInt64(buf: Buffer, offset: number): bigint {
  const hi = buf.readInt32BE(offset);
  if (hi >= -SAFE_HI && hi < SAFE_HI) return BigInt(hi * TWO_32 + buf.readUInt32BE(offset + 4));
  return buf.readBigInt64BE(offset);
}

function readUint64(buf: Buffer, offset: number): bigint {
  const hi = buf.readUInt32BE(offset);
  if (hi < SAFE_HI) return BigInt(hi * TWO_32 + buf.readUInt32BE(offset + 4));
  return buf.readBigUInt64BE(offset);
}

/**
 * Parses one frame following the plugin's rules. Never throws: any malformed input yields `{ok: false}`.
 * Frames that fail validation must be dropped and not acked.
 */
export function decodeMessage(input: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  try {
    return decodeUnchecked(input, options.verifyDigest ?? true, options.copyPayload ?? true);
  } catch (error) {
    // Defensive: the checks below should make this unreachable.
    return {ok: false, error: `undecodable message: ${(error as Error).message}`};
  }
}

function decodeUnchecked(input: Uint8Array, verifyDigest: boolean, copy: boolean): DecodeResult {
  if (!(input instanceof Uint8Array)) return {ok: false, error: 'message is not a byte array'};
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.length);
  if (buf.length < PAYLOAD_OFFSET) {
    return {ok: false, error: `message too short: ${buf.length} bytes (minimum ${PAYLOAD_OFFSET})`};
  }
  const headerLength = buf.readUInt32BE(Offset.HeaderLength);
  if (headerLength + 4 > buf.length) {
    return {ok: false, error: `HeaderLength ${headerLength} points beyond the ${buf.length}-byte message`};
  }
  const view = buf.subarray(headerLength + 4);
  const payload = copy ? Buffer.from(view) : view;
  const digest = buf.subarray(Offset.PayloadDigest, Offset.PayloadDigest + DIGEST_LENGTH);
  const payloadLength = buf.readUInt32BE(Offset.PayloadLength);
  const hi = buf.readUInt32BE(Offset.CreatedDate);
  const message: DecodedMessage = {
    headerLength,
    messageType: readMessageType(buf),
    schemaVersion: buf.readUInt32BE(Offset.SchemaVersion),
    // Rounded once, as Number(BigInt) would.
    createdDate: hi * TWO_32 + buf.readUInt32BE(Offset.CreatedDate + 4),
    sequenceNumber: readInt64(buf, Offset.SequenceNumber),
    flags: readUint64(buf, Offset.Flags),
    messageId: readUuidWire(buf, Offset.MessageId),
    payloadDigest: copy ? Buffer.from(digest) : digest,
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
  if (verifyDigest && m.payloadLength !== 0 && sha256Latin1(m.payload) !== m.payloadDigest.toString('latin1')) {
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

/** Ids as we write them (lowercase hex and hyphens) need no escaping. */
const PLAIN_ID = /^[0-9a-f-]*$/;
const ackHead = (typeJson: string): string => `{"AcknowledgedMessageType":${typeJson},"AcknowledgedMessageId":`;
const ACK_MIDDLE = ',"AcknowledgedMessageSequenceNumber":';
const ACK_TAIL = ',"IsSequentialMessage":true}';
/** The ack payload's bytes up to the id's opening quote, for each message type we know (ASCII, nothing escaped). */
const ACK_HEADS = new Map<string, Buffer>(Object.values(MessageType).map((type) => [type, Buffer.from(`${ackHead(goJson(type))}"`, 'latin1')]));

function ackSequenceText(seq: bigint | number): string {
  return typeof seq === 'number' && Number.isSafeInteger(seq) ? String(seq) : toBigInt(seq, 'sequenceNumber').toString();
}

/** Compact Go JSON of an ack payload, fields in Go struct order. */
export function ackPayloadJson(acked: AckTarget): string {
  const id = acked.messageId;
  return `${ackHead(goJson(acked.messageType))}${PLAIN_ID.test(id) ? `"${id}"` : goJson(id)}${ACK_MIDDLE}${ackSequenceText(acked.sequenceNumber)}${ACK_TAIL}`;
}

/** A complete `acknowledge` frame: seq 0, Flags 3, PayloadType 0, a fresh MessageId. */
export function buildAck(acked: AckTarget, ctx: MessageContext): Buffer {
  const header = {
    messageType: MessageType.Acknowledge,
    createdDate: ctx.now(),
    sequenceNumber: 0,
    flags: MessageFlag.SynFin,
    messageId: ctx.newId(),
    payloadType: PayloadType.Unset,
  };
  const head = ACK_HEADS.get(acked.messageType);
  const id = acked.messageId;
  let out: Buffer;
  if (head !== undefined && PLAIN_ID.test(id)) {
    // The usual ack (a type we know, an id as we write them): ackPayloadJson's bytes, written in place.
    const seq = ackSequenceText(acked.sequenceNumber);
    out = encodeHeader(header, head.length + id.length + 1 + ACK_MIDDLE.length + seq.length + ACK_TAIL.length);
    const at = Offset.Payload + head.copy(out, Offset.Payload);
    out.write(`${id}"${ACK_MIDDLE}${seq}${ACK_TAIL}`, at, 'latin1');
  } else {
    const json = ackPayloadJson(acked);
    out = encodeHeader(header, Buffer.byteLength(json, 'utf8'));
    out.write(json, Offset.Payload, 'utf8');
  }
  out.write(sha256Latin1(out.subarray(Offset.Payload)), Offset.PayloadDigest, DIGEST_LENGTH, 'latin1');
  return out;
}

export type AckParseResult = {ok: true; ack: AckContent} | {ok: false; error: string};

/**
 * Reads an ack payload as Go's json.Unmarshal would (case-insensitive keys, missing strings → ''), except that a
 * missing or non-integer sequence number is an error here: Go would read 0 and ack the wrong message.
 */
export function parseAckPayload(payload: Uint8Array): AckParseResult {
  const fast = parseCanonicalAck(payload);
  if (fast !== undefined) return {ok: true, ack: fast};
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

/**
 * Acks exactly as Go and we write them: compact, Go field order, strings of plain ASCII (type [a-z_]*, id [0-9a-f-]*),
 * a sequence number without leading zeros. For those, this reads from the bytes what the JSON path below would,
 * without a string, a parse tree or a regular expression per ack; anything else returns undefined.
 */
const ACK_PARTS = {
  type: Buffer.from('{"AcknowledgedMessageType":"', 'latin1'),
  id: Buffer.from('","AcknowledgedMessageId":"', 'latin1'),
  seq: Buffer.from('","AcknowledgedMessageSequenceNumber":', 'latin1'),
  sequential: Buffer.from(',"IsSequentialMessage":', 'latin1'),
  true: Buffer.from('true}', 'latin1'),
  false: Buffer.from('false}', 'latin1'),
};
const CANONICAL_ACK_MAX_LENGTH = 256;
/** At most this many digits: the JSON path refuses anything beyond the safe integers anyway. */
const SEQ_MAX_DIGITS = 16;

const isTypeByte = (b: number): boolean => (b >= 0x61 && b <= 0x7a) || b === 0x5f;
const isIdByte = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || b === HYPHEN;
const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;


/** Where the run of bytes accepted by `accept` that starts at `at` ends. */
function runEnd(buf: Buffer, at: number, accept: (b: number) => boolean): number {
  let end = at;
  while (end < buf.length && accept(buf[end] ?? 0)) end++;
  return end;
}

function parseCanonicalAck(payload: Uint8Array): AckContent | undefined {
  if (payload.length > CANONICAL_ACK_MAX_LENGTH) return undefined;
  const buf = Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.length);
  if (!holds(buf, 0, ACK_PARTS.type)) return undefined;
  const typeStart = ACK_PARTS.type.length;
  const typeEnd = runEnd(buf, typeStart, isTypeByte);
  if (!holds(buf, typeEnd, ACK_PARTS.id)) return undefined;
  const idStart = typeEnd + ACK_PARTS.id.length;
  const idEnd = runEnd(buf, idStart, isIdByte);
  if (!holds(buf, idEnd, ACK_PARTS.seq)) return undefined;
  let at = idEnd + ACK_PARTS.seq.length;
  const negative = buf[at] === HYPHEN;
  if (negative) at++;
  const digitsEnd = runEnd(buf, at, isDigit);
  const digits = digitsEnd - at;
  if (digits === 0 || digits > SEQ_MAX_DIGITS || (digits > 1 && buf[at] === 0x30)) return undefined;
  let value = 0;
  for (let i = at; i < digitsEnd; i++) value = value * 10 + ((buf[i] ?? 0) - 0x30);
  if (!Number.isSafeInteger(value)) return undefined;
  if (!holds(buf, digitsEnd, ACK_PARTS.sequential)) return undefined;
  const flagAt = digitsEnd + ACK_PARTS.sequential.length;
  const sequential = holds(buf, flagAt, ACK_PARTS.true);
  const end = flagAt + (sequential ? ACK_PARTS.true.length : ACK_PARTS.false.length);
  if (!(sequential || holds(buf, flagAt, ACK_PARTS.false)) || end !== buf.length) return undefined;
  return {
    acknowledgedMessageType: buf.toString('latin1', typeStart, typeEnd),
    acknowledgedMessageId: buf.toString('latin1', idStart, idEnd),
    acknowledgedMessageSequenceNumber: negative ? -value : value,
    isSequentialMessage: sequential,
  };
}
