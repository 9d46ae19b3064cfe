/** Encoding and decoding of whole data-channel frames (spec §3), following the plugin's rules. */
import {
  DIGEST_LENGTH,
  HEADER_LENGTH,
  MESSAGE_TYPE_LENGTH,
  MessageType,
  Offset,
  PAYLOAD_OFFSET,
  SCHEMA_VERSION,
  type DecodedMessage,
  type DecodeOptions,
  type DecodeResult,
  type OutgoingMessage,
} from './message-layout.js';
import {
  I64_MAX,
  I64_MIN,
  TWO_32,
  U64_MAX,
  digestAt,
  holds,
  isU32,
  paddedType,
  readInt64,
  readUint64,
  readUuidWire,
  sha256Latin1,
  writeSafeInt64,
  writeUuidWire,
} from './message-fields.js';

/** Serialises a message exactly as the plugin and the agent do. Throws RangeError on values that cannot be encoded. */
export function encodeMessage(m: OutgoingMessage): Buffer {
  const out = Buffer.allocUnsafe(PAYLOAD_OFFSET + m.payload.length);
  encodeMessageInto(out, m);
  return out;
}

/**
 * encodeMessage into `out`, which must be exactly the frame's length: the frames of one write can share one
 * allocation. Every byte of `out` is written.
 */
export function encodeMessageInto(out: Buffer, m: OutgoingMessage): void {
  if (out.length !== PAYLOAD_OFFSET + m.payload.length) throw new RangeError('the frame buffer does not fit the message');
  writeHeader(out, m, m.payload.length);
  out.set(m.payload, Offset.Payload);
  out.write(sha256Latin1(m.payload), Offset.PayloadDigest, DIGEST_LENGTH, 'latin1');
}

/** A frame for a payload of `payloadLength` bytes, every header field but the digest written; the caller adds both. */
export function encodeHeader(m: Omit<OutgoingMessage, 'payload'>, payloadLength: number): Buffer {
  // Every header byte is written below or by the caller, so the buffer needs no zeroing.
  const out = Buffer.allocUnsafe(PAYLOAD_OFFSET + payloadLength);
  writeHeader(out, m, payloadLength);
  return out;
}

/** Writes every header field but the digest at the start of `out`. */
function writeHeader(out: Buffer, m: Omit<OutgoingMessage, 'payload'>, payloadLength: number): void {
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
}

/** Go's strings.TrimSpace set (ASCII plus the Unicode White_Space characters). */
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const GO_TRIM = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');

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
  if (verifyDigest && m.payloadLength !== 0 && !digestAt(m.payloadDigest, 0, sha256Latin1(m.payload))) {
    return 'payload digest mismatch';
  }
  return undefined;
}
