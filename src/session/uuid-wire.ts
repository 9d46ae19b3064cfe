/**
 * MessageId wire order (spec §3): with b[0..15] the RFC 4122 bytes of the canonical text, the wire holds
 * b[8..15] then b[0..7] (Go's putUuid/getUuid write the "least-significant long" first). JSON always uses the
 * lowercase 8-4-4-4-12 text.
 */

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const UUID_BYTE_LENGTH = 16;

/** True for canonical 8-4-4-4-12 hex text (either case). */
export function isUuid(text: string): boolean {
  return UUID_TEXT.test(text);
}

/** RFC 4122 byte order of a canonical UUID. Throws RangeError on anything else. */
export function uuidToBytes(uuid: string): Buffer {
  if (!isUuid(uuid)) throw new RangeError(`not a canonical UUID: ${JSON.stringify(uuid)}`);
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

/** Canonical lowercase text of 16 RFC-order bytes. */
export function uuidFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== UUID_BYTE_LENGTH) throw new RangeError(`UUID needs 16 bytes, got ${bytes.length}`);
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The 16 wire bytes of a MessageId: second half first. */
export function uuidToWire(uuid: string): Buffer {
  const b = uuidToBytes(uuid);
  return Buffer.concat([b.subarray(8, 16), b.subarray(0, 8)]);
}

/** Reads a MessageId stored at `offset` (16 bytes, halves swapped). Throws RangeError when out of bounds. */
export function uuidFromWire(wire: Uint8Array, offset = 0): string {
  if (offset < 0 || offset + UUID_BYTE_LENGTH > wire.length) {
    throw new RangeError(`UUID at offset ${offset} is outside a ${wire.length}-byte buffer`);
  }
  const w = Buffer.from(wire.buffer, wire.byteOffset + offset, UUID_BYTE_LENGTH);
  return uuidFromBytes(Buffer.concat([w.subarray(8, 16), w.subarray(0, 8)]));
}
