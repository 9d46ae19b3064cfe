/** Acknowledgements (spec §4): writing ack frames and reading ack payloads, each with a fast path for the usual shape. */
import {goField, goJson, parseJsonObject} from './go-json.js';
import {encodeHeader} from './message-codec.js';
import {
  HYPHEN,
  TWO_32,
  digestAt,
  holds,
  newMessageId,
  paddedType,
  sha256Latin1,
  toBigInt,
  writeNewMessageId,
  writeSafeInt64,
  writeUuidWire,
} from './message-fields.js';
import {DIGEST_LENGTH, MessageFlag, MessageType, Offset, PAYLOAD_OFFSET, PayloadType, type MessageContext} from './message-layout.js';

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

/**
 * An ack's header up to PayloadLength with every field that never changes (HeaderLength, type, schema, seq 0,
 * Flags 3, PayloadType 0); CreatedDate and MessageId are written over it for each ack.
 */
const ACK_HEADER = encodeHeader({
  messageType: MessageType.Acknowledge,
  createdDate: 1,
  sequenceNumber: 0,
  flags: MessageFlag.SynFin,
  messageId: '00000000-0000-4000-8000-000000000000',
  payloadType: PayloadType.Unset,
}, 0).subarray(0, Offset.PayloadLength);

/** An ack frame for `payloadLength` payload bytes: every header field but the digest written. */
function ackHeader(ctx: MessageContext, payloadLength: number): Buffer {
  const createdDate = ctx.now();
  if (!Number.isSafeInteger(createdDate) || createdDate < 0) {
    throw new RangeError(`createdDate must be a non-negative integer (ms), got ${createdDate}`);
  }
  const out = Buffer.allocUnsafe(PAYLOAD_OFFSET + payloadLength);
  ACK_HEADER.copy(out, 0);
  writeSafeInt64(out, createdDate, Offset.CreatedDate);
  // The default id source writes its random bytes straight into the frame: nobody reads an ack's id back.
  if (ctx.newId === newMessageId) {
    writeNewMessageId(out, Offset.MessageId);
  } else {
    const messageId = ctx.newId();
    if (!writeUuidWire(out, Offset.MessageId, messageId)) throw new RangeError(`messageId is not a UUID: ${JSON.stringify(messageId)}`);
  }
  out.writeUInt32BE(payloadLength, Offset.PayloadLength);
  return out;
}

/** A complete `acknowledge` frame: seq 0, Flags 3, PayloadType 0, a fresh MessageId. */
export function buildAck(acked: AckTarget, ctx: MessageContext): Buffer {
  const head = ACK_HEADS.get(acked.messageType);
  const id = acked.messageId;
  let out: Buffer;
  if (head !== undefined && PLAIN_ID.test(id)) {
    // The usual ack (a type we know, an id as we write them): ackPayloadJson's bytes, written in place.
    const seq = ackSequenceText(acked.sequenceNumber);
    out = ackHeader(ctx, head.length + id.length + 1 + ACK_MIDDLE.length + seq.length + ACK_TAIL.length);
    const at = Offset.Payload + head.copy(out, Offset.Payload);
    out.write(`${id}"${ACK_MIDDLE}${seq}${ACK_TAIL}`, at, 'latin1');
  } else {
    const json = ackPayloadJson(acked);
    out = ackHeader(ctx, Buffer.byteLength(json, 'utf8'));
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

/** Where the canonical id (36 characters as we and the agent write them, or any run of [0-9a-f-]) starting at `at` ends. */
function idEnd(buf: Buffer, at: number): number {
  // The usual id: 8-4-4-4-12 lowercase hex, checked in one pass without a call per byte.
  if (at + 36 < buf.length && buf[at + 36] === 0x22) {
    let ok = true;
    for (let i = at; i < at + 36 && ok; i++) {
      const b = buf[i] ?? 0;
      ok = (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || b === HYPHEN;
    }
    if (ok) return at + 36;
  }
  return runEnd(buf, at, isIdByte);
}

function parseCanonicalAck(payload: Uint8Array): AckContent | undefined {
  const buf = Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.length);
  const scan = scanCanonicalAck(buf, 0);
  if (scan === undefined) return undefined;
  return {
    acknowledgedMessageType: buf.toString('latin1', scan.typeStart, scan.typeEnd),
    acknowledgedMessageId: buf.toString('latin1', scan.idStart, scan.idEnd),
    acknowledgedMessageSequenceNumber: scan.sequenceNumber,
    isSequentialMessage: scan.sequential,
  };
}

interface CanonicalAck {
  typeStart: number;
  typeEnd: number;
  idStart: number;
  idEnd: number;
  sequenceNumber: number;
  sequential: boolean;
}

/** Where the fields of the canonical ack payload from `start` to the end of `buf` are; undefined when it is not one. */
function scanCanonicalAck(buf: Buffer, start: number): CanonicalAck | undefined {
  if (buf.length - start > CANONICAL_ACK_MAX_LENGTH) return undefined;
  if (!holds(buf, start, ACK_PARTS.type)) return undefined;
  const typeStart = start + ACK_PARTS.type.length;
  const typeEnd = runEnd(buf, typeStart, isTypeByte);
  if (!holds(buf, typeEnd, ACK_PARTS.id)) return undefined;
  const idStart = typeEnd + ACK_PARTS.id.length;
  const idStop = idEnd(buf, idStart);
  if (!holds(buf, idStop, ACK_PARTS.seq)) return undefined;
  let at = idStop + ACK_PARTS.seq.length;
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
  return {typeStart, typeEnd, idStart, idEnd: idStop, sequenceNumber: negative ? -value : value, sequential};
}

const ACK_TYPE = paddedType(MessageType.Acknowledge);

/**
 * The sequence number a whole `acknowledge` frame acks, read from its bytes when the frame is valid (the checks of
 * decodeMessage, digest included when `verifyDigest`) and its payload is a canonical ack: what decodeMessage then
 * parseAckPayload would give, without a decoded message, strings or BigInts per ack. Undefined: anything else (an
 * invalid frame, another type, another shape of payload), which the general path then reads and judges.
 */
export function ackedSequenceNumber(frame: Buffer, verifyDigest: boolean): number | undefined {
  if (frame.length < PAYLOAD_OFFSET || !holds(frame, Offset.MessageType, ACK_TYPE)) return undefined;
  const headerLength = frame.readUInt32BE(Offset.HeaderLength);
  if (headerLength === 0 || headerLength + 4 > frame.length) return undefined;
  if (frame.readUInt32BE(Offset.CreatedDate) * TWO_32 + frame.readUInt32BE(Offset.CreatedDate + 4) === 0) return undefined;
  const start = headerLength + 4;
  if (verifyDigest && frame.readUInt32BE(Offset.PayloadLength) !== 0
    && !digestAt(frame, Offset.PayloadDigest, sha256Latin1(frame.subarray(start)))) {
    return undefined;
  }
  return scanCanonicalAck(frame, start)?.sequenceNumber;
}
