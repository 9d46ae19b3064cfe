/**
 * Fast readers and writers of single header fields (64-bit ints, digests, padded types, wire-order MessageIds):
 * the per-message hot paths the codec and the ack writer share.
 */
import {hash, randomFillSync} from 'node:crypto';

import {MESSAGE_TYPE_LENGTH} from './message-layout.js';

export const I64_MIN = -(1n << 63n);
export const I64_MAX = (1n << 63n) - 1n;
export const U64_MAX = (1n << 64n) - 1n;
export const TWO_32 = 0x1_0000_0000;
/** |hi| below this: hi·2³² + lo is a safe integer, so the 64-bit field can be read and written as a number. */
const SAFE_HI = 0x20_0000;

export function toBigInt(value: bigint | number, field: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field} must be an integer, got ${value}`);
  return BigInt(value);
}

export function isU32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;
}

export function sha256(bytes: Uint8Array): Buffer {
  return hash('sha256', bytes, 'buffer');
}

/**
 * SHA-256 as a 32-char latin1 string (one char per byte). The per-message paths use this: one-shot (no Hash
 * object) and a V8 string instead of a new Buffer, roughly halving the cost of a 1 KiB digest.
 */
export function sha256Latin1(bytes: Uint8Array): string {
  return hash('sha256', bytes, 'binary'); // 'binary' is Node's name for latin1
}

/** Whether the 32 bytes at `offset` of `buf` are the digest `latin1` (sha256Latin1's string), without a second string. */
export function digestAt(buf: Buffer, offset: number, latin1: string): boolean {
  for (let i = 0; i < latin1.length; i++) {
    if (latin1.charCodeAt(i) !== buf[offset + i]) return false;
  }
  return latin1.length === 32;
}

/** A safe integer as a big-endian 64-bit field (two's complement), without going through BigInt. */
export function writeSafeInt64(out: Buffer, value: number, offset: number): void {
  const hi = Math.floor(value / TWO_32);
  out.writeInt32BE(hi, offset);
  out.writeUInt32BE(value - hi * TWO_32, offset + 4);
}

/** The MessageType field of each type seen so far: UTF-8, right-padded with spaces (a handful of constants). */
const paddedTypes = new Map<string, Buffer>();
const PADDED_TYPES_LIMIT = 64;

export function paddedType(type: string): Buffer {
  let padded = paddedTypes.get(type);
  if (padded !== undefined) return padded;
  const bytes = Buffer.from(type, 'utf8');
  if (bytes.length > MESSAGE_TYPE_LENGTH) throw new RangeError(`message type longer than ${MESSAGE_TYPE_LENGTH} bytes`);
  padded = Buffer.alloc(MESSAGE_TYPE_LENGTH, 0x20);
  bytes.copy(padded);
  if (paddedTypes.size < PADDED_TYPES_LIMIT) paddedTypes.set(type, padded);
  return padded;
}

/**
 * Whether `buf` holds `part` at `at`. A plain loop: for the few dozen bytes compared here it is cheaper than
 * Buffer#compare's call into C++.
 */
export function holds(buf: Buffer, at: number, part: Buffer): boolean {
  if (at + part.length > buf.length) return false;
  for (let i = 0; i < part.length; i++) {
    if (buf[at + i] !== part[i]) return false;
  }
  return true;
}

/** A signed 64-bit field as a BigInt, through a number when it is a safe integer (one BigInt, not four). */
export function readInt64(buf: Buffer, offset: number): bigint {
  const hi = buf.readInt32BE(offset);
  if (hi >= -SAFE_HI && hi < SAFE_HI) return BigInt(hi * TWO_32 + buf.readUInt32BE(offset + 4));
  return buf.readBigInt64BE(offset);
}

export function readUint64(buf: Buffer, offset: number): bigint {
  const hi = buf.readUInt32BE(offset);
  if (hi < SAFE_HI) return BigInt(hi * TWO_32 + buf.readUInt32BE(offset + 4));
  return buf.readBigUInt64BE(offset);
}

/** Hex digit values by UTF-16 code unit; 0xff: not a hex digit. */
const HEX_VALUE = new Uint8Array(0x1_0000).fill(0xff);
for (let i = 0; i < 16; i++) {
  HEX_VALUE[i.toString(16).charCodeAt(0)] = i;
  HEX_VALUE[i.toString(16).toUpperCase().charCodeAt(0)] = i;
}
export const HYPHEN = 0x2d;
/** Where each of the 16 bytes' two hex digits start in 8-4-4-4-12 text. */
const UUID_DIGIT_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/**
 * Writes a canonical 8-4-4-4-12 UUID (either case) in wire order (second half first, spec §3) at `offset`.
 * False, with the bytes partly written, when the text is not a canonical UUID.
 */
export function writeUuidWire(out: Buffer, offset: number, text: string): boolean {
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
export function readUuidWire(buf: Buffer, offset: number): string {
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

/** The next 16 random bytes of the pool, with the version 4 and RFC 4122 variant bits set (RFC byte order). */
function nextRandomId(): number {
  if (idPoolAt === idPool.length) {
    randomFillSync(idPool);
    idPoolAt = 0;
  }
  const at = idPoolAt;
  idPool[at + 6] = ((idPool[at + 6] ?? 0) & 0x0f) | 0x40;
  idPool[at + 8] = ((idPool[at + 8] ?? 0) & 0x3f) | 0x80;
  idPoolAt += 16;
  return at;
}

/**
 * Writes a new MessageId, as {@link newMessageId} would make it, straight into a frame in wire order (no text
 * made and parsed back): for frames whose id nobody reads back, like acks.
 */
export function writeNewMessageId(out: Buffer, offset: number): void {
  const at = nextRandomId();
  // RFC byte n sits at wire position n + 8 (mod 16): the second half first.
  for (let n = 0; n < 16; n++) out[offset + ((n + 8) & 15)] = idPool[at + n] ?? 0;
}

/**
 * A random (version 4) UUID for a MessageId, like crypto.randomUUID: random bytes from a pooled CSPRNG fill. The
 * text is built flat in one step, which makes it cheaper to write into a frame than randomUUID's.
 */
export function newMessageId(): string {
  const from = nextRandomId();
  for (let n = 0; n < 16; n++) {
    const byte = idPool[from + n] ?? 0;
    const at = UUID_DIGIT_AT[n] ?? 0;
    uuidText[at] = HEX_DIGIT[byte >> 4] ?? 0;
    uuidText[at + 1] = HEX_DIGIT[byte & 15] ?? 0;
  }
  return uuidText.toString('latin1');
}
