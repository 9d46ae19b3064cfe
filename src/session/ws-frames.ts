/**
 * WebSocket binary frames (RFC 6455 §5.2), several put together in one buffer: FIN set, opcode 2, no extension
 * (the data channel never negotiates compression), the payload length in 7, 16 or 64 bits, and for a client a
 * fresh random masking key per frame with the payload masked by it (§5.3).
 */
import {randomFillSync} from 'node:crypto';

const FIN_BINARY = 0x82;
const MASK_BIT = 0x80;

/** Random masking keys are taken from this pool, refilled when used up (one system call per 2,048 keys). */
const POOL_SIZE = 8 * 1024;
const pool = Buffer.alloc(POOL_SIZE);
let poolAt = POOL_SIZE;

function headerLength(length: number, mask: boolean): number {
  return (length < 126 ? 2 : length < 0x10000 ? 4 : 10) + (mask ? 4 : 0);
}

/** Writes the frame of `payload` at `at` of `out`; returns where it ends. */
function writeFrame(out: Buffer, at: number, payload: Uint8Array, mask: boolean): number {
  const length = payload.length;
  out[at++] = FIN_BINARY;
  const maskBit = mask ? MASK_BIT : 0;
  if (length < 126) {
    out[at++] = maskBit | length;
  } else if (length < 0x10000) {
    out[at++] = maskBit | 126;
    out.writeUInt16BE(length, at);
    at += 2;
  } else {
    out[at++] = maskBit | 127;
    out.writeUInt32BE(Math.floor(length / 0x1_0000_0000), at);
    out.writeUInt32BE(length >>> 0, at + 4);
    at += 8;
  }
  out.set(payload, at + (mask ? 4 : 0));
  if (!mask) return at + length;
  if (poolAt === POOL_SIZE) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const k0 = pool[poolAt] ?? 0;
  const k1 = pool[poolAt + 1] ?? 0;
  const k2 = pool[poolAt + 2] ?? 0;
  const k3 = pool[poolAt + 3] ?? 0;
  poolAt += 4;
  out[at++] = k0;
  out[at++] = k1;
  out[at++] = k2;
  out[at++] = k3;
  // The payload was copied in whole (one memcpy); masked in place, four bytes a turn.
  const end = at + length;
  let i = at;
  for (; i + 4 <= end; i += 4) {
    out[i] = (out[i] ?? 0) ^ k0;
    out[i + 1] = (out[i + 1] ?? 0) ^ k1;
    out[i + 2] = (out[i + 2] ?? 0) ^ k2;
    out[i + 3] = (out[i + 3] ?? 0) ^ k3;
  }
  if (i < end) out[i] = (out[i] ?? 0) ^ k0;
  if (i + 1 < end) out[i + 1] = (out[i + 1] ?? 0) ^ k1;
  if (i + 2 < end) out[i + 2] = (out[i + 2] ?? 0) ^ k2;
  return end;
}

/** One buffer holding a binary frame for each message, in order (masked when `mask`, as a client sends them). */
export function encodeWebSocketFrames(messages: readonly Uint8Array[], mask: boolean): Buffer {
  let size = 0;
  for (const m of messages) size += headerLength(m.length, mask) + m.length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const m of messages) at = writeFrame(out, at, m, mask);
  return out;
}
