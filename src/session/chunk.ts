/** Splitting stream data into ≤1024-byte payloads, optionally never cutting a UTF-8 character in two (agent). */
import {STREAM_DATA_PAYLOAD_SIZE} from './message.js';

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && (byte & 0xc0) === 0x80;

/** Length of the UTF-8 sequence a lead byte announces, or 0 when it is not a multi-byte lead byte. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Where to end a chunk that starts at `start` and may run to `limit` (exclusive): `limit` itself unless that
 * would cut a well-formed multi-byte character, in which case the character's start. Invalid sequences are cut
 * anywhere, and a chunk never comes back empty.
 */
export function utf8SafeCut(bytes: Uint8Array, start: number, limit: number): number {
  if (limit >= bytes.length) return bytes.length;
  if (!isContinuation(bytes[limit])) return limit;
  let lead = limit - 1;
  while (lead > start && lead > limit - 4 && isContinuation(bytes[lead])) lead--;
  const length = sequenceLength(bytes[lead] ?? 0);
  if (lead > start && length > 0 && lead + length > limit) return lead;
  return limit;
}

/**
 * Splits `bytes` into payloads of at most `maxSize` bytes: views into `bytes`, not copies (each is copied once,
 * into its message frame). Empty input gives no chunks.
 */
export function chunkPayload(bytes: Uint8Array, maxSize = STREAM_DATA_PAYLOAD_SIZE, keepUtf8Whole = false): Buffer[] {
  if (!Number.isInteger(maxSize) || maxSize < 4) throw new RangeError('maxSize must be an integer ≥ 4');
  const chunks: Buffer[] = [];
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let start = 0;
  while (start < bytes.length) {
    const limit = Math.min(start + maxSize, bytes.length);
    const end = keepUtf8Whole ? utf8SafeCut(bytes, start, limit) : limit;
    chunks.push(buf.subarray(start, end));
    start = end;
  }
  return chunks;
}

/**
 * How many trailing bytes form the beginning of a well-formed but unfinished UTF-8 character (0–3). A pty reader
 * can hold them back until the next read, as the agent's shell plugin does.
 */
export function incompleteUtf8TailLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if (isContinuation(byte)) continue;
    const length = sequenceLength(byte);
    return length > back ? back : 0;
  }
  return 0;
}
