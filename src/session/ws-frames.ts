/**
 * WebSocket binary frames (RFC 6455 §5.2) of several messages in one buffer, for one socket write. The framing and
 * the client's masking are the `ws` library's own (Sender.frame: FIN, opcode 2, a fresh random masking key per
 * client frame); only the putting together is ours. The data channel never negotiates compression, so no frame sets
 * RSV1.
 */
import * as ws from 'ws';

interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  /** The data is the caller's: masking copies it rather than change it in place. */
  readOnly: boolean;
  rsv1: boolean;
}

/** ws exports its frame builder (ws/wrapper.mjs) without a type for it in @types/ws. */
const {Sender} = ws as unknown as {Sender: {frame(data: Buffer, options: FrameOptions): Buffer[]}};

const BINARY = 0x02;

/** One buffer holding a binary frame for each message, in order (masked when `mask`, as a client sends them). */
export function encodeWebSocketFrames(messages: readonly Uint8Array[], mask: boolean): Buffer {
  const parts: Buffer[] = [];
  for (const m of messages) {
    parts.push(...Sender.frame(Buffer.from(m.buffer, m.byteOffset, m.byteLength), {fin: true, opcode: BINARY, mask, readOnly: true, rsv1: false}));
  }
  return parts.length === 1 ? parts[0] as Buffer : Buffer.concat(parts);
}
