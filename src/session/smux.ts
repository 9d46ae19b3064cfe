/**
 * smux v1 framing (spec §7; xtaci/smux v1.5.15 frame.go / session.go recvLoop), as carried by the PayloadType 1
 * bytes of a mux port session. Header: version u8, cmd u8, length u16 LE, stream id u32 LE, then the data.
 */

export const SmuxCmd = {Syn: 0, Fin: 1, Psh: 2, Nop: 3, Upd: 4} as const;
export type SmuxCmd = (typeof SmuxCmd)[keyof typeof SmuxCmd];

export const SMUX_VERSION = 1;
export const SMUX_HEADER_SIZE = 8;
/** DefaultConfig().MaxFrameSize: writes are split into PSH frames of at most this many bytes. */
export const SMUX_MAX_FRAME_SIZE = 32_768;
/** cmdUPD always carries 8 bytes (consumed u32 LE, window u32 LE). */
export const SMUX_UPD_SIZE = 8;
/** Keepalive defaults: a NOP every 10 s, session dead when nothing arrives for 30 s. */
export const SMUX_KEEPALIVE_INTERVAL_MS = 10_000;
export const SMUX_KEEPALIVE_TIMEOUT_MS = 30_000;

export interface SmuxFrame {
  cmd: SmuxCmd;
  streamId: number;
  /** PSH data or the 8 UPD bytes; empty for the other commands. */
  data: Buffer;
}

const isU32 = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff;

/**
 * One frame. Only PSH (any length ≤ 65 535) and UPD (exactly 8 bytes) may carry data: smux does not read a
 * body for SYN/FIN/NOP, so data there would desynchronise the peer. Throws RangeError on such misuse.
 */
export function encodeFrame(frame: {cmd: SmuxCmd; streamId: number; data?: Uint8Array}): Buffer {
  const data = frame.data ?? new Uint8Array(0);
  if (!isU32(frame.streamId)) throw new RangeError(`stream id ${frame.streamId} is not a uint32`);
  if (!Number.isInteger(frame.cmd) || frame.cmd < SmuxCmd.Syn || frame.cmd > SmuxCmd.Upd) throw new RangeError(`unknown smux cmd ${frame.cmd}`);
  if (frame.cmd === SmuxCmd.Upd && data.length !== SMUX_UPD_SIZE) throw new RangeError('UPD carries exactly 8 bytes');
  if (frame.cmd !== SmuxCmd.Psh && frame.cmd !== SmuxCmd.Upd && data.length > 0) {
    throw new RangeError('only PSH and UPD frames carry data');
  }
  if (data.length > 0xffff) throw new RangeError(`frame data of ${data.length} bytes exceeds 65535`);
  const out = Buffer.alloc(SMUX_HEADER_SIZE + data.length);
  out.writeUInt8(SMUX_VERSION, 0);
  out.writeUInt8(frame.cmd, 1);
  out.writeUInt16LE(data.length, 2);
  out.writeUInt32LE(frame.streamId, 4);
  out.set(data, SMUX_HEADER_SIZE);
  return out;
}

/** A stream write as smux does it: PSH frames of at most `maxFrameSize` bytes (none for empty data). */
export function encodePsh(streamId: number, data: Uint8Array, maxFrameSize = SMUX_MAX_FRAME_SIZE): Buffer[] {
  if (!Number.isInteger(maxFrameSize) || maxFrameSize < 1 || maxFrameSize > 0xffff) {
    throw new RangeError('maxFrameSize must be within 1..65535');
  }
  const frames: Buffer[] = [];
  for (let start = 0; start < data.length; start += maxFrameSize) {
    frames.push(encodeFrame({cmd: SmuxCmd.Psh, streamId, data: data.subarray(start, start + maxFrameSize)}));
  }
  return frames;
}

export interface SmuxReadResult {
  frames: SmuxFrame[];
  /** Set once the stream is invalid (wrong version, unknown cmd); the session must be torn down. */
  error?: string;
}

/**
 * Incremental frame reader: push arbitrary chunks (frames span data-channel messages) and get whole frames.
 * Like smux's recvLoop, the length field is ignored for SYN/FIN/NOP and UPD always consumes 8 bytes.
 */
export class SmuxFrameReader {
  /**
   * @param keepChunks keep the pushed chunks themselves rather than copies: for callers whose chunks are never
   * written to again (the data channel's payloads are views into frames fresh from the socket).
   */
  constructor(private readonly keepChunks = false) {}

  private chunks: Buffer[] = [];
  private buffered = 0;
  private header: {cmd: SmuxCmd; streamId: number; bodyLength: number} | undefined;
  private failure: string | undefined;

  get error(): string | undefined { return this.failure; }
  /** Bytes received but not yet part of a returned frame (including a parsed header awaiting its body). */
  get pendingBytes(): number { return this.buffered + (this.header === undefined ? 0 : SMUX_HEADER_SIZE); }

  push(chunk: Uint8Array): SmuxReadResult {
    if (this.failure !== undefined) return {frames: [], error: this.failure};
    if (chunk.length > 0) {
      this.chunks.push(this.keepChunks && Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      this.buffered += chunk.length;
    }
    const frames: SmuxFrame[] = [];
    for (;;) {
      if (this.header === undefined) {
        if (this.buffered < SMUX_HEADER_SIZE) break;
        const h = this.take(SMUX_HEADER_SIZE);
        const version = h.readUInt8(0);
        const cmd = h.readUInt8(1);
        if (version !== SMUX_VERSION) return this.fail(frames, `invalid smux protocol version ${version}`);
        if (cmd > SmuxCmd.Upd) return this.fail(frames, `invalid smux cmd ${cmd}`);
        const length = h.readUInt16LE(2);
        const bodyLength = cmd === SmuxCmd.Psh ? length : cmd === SmuxCmd.Upd ? SMUX_UPD_SIZE : 0;
        this.header = {cmd: cmd as SmuxCmd, streamId: h.readUInt32LE(4), bodyLength};
      }
      if (this.buffered < this.header.bodyLength) break;
      const data = this.take(this.header.bodyLength);
      frames.push({cmd: this.header.cmd, streamId: this.header.streamId, data});
      this.header = undefined;
    }
    return {frames};
  }

  private fail(frames: SmuxFrame[], error: string): SmuxReadResult {
    this.failure = error;
    this.chunks = [];
    this.buffered = 0;
    return {frames, error};
  }

  /** Removes and returns exactly n buffered bytes (n ≤ buffered). */
  private take(n: number): Buffer {
    const first = this.chunks[0];
    if (first !== undefined && first.length >= n) {
      const out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      return out;
    }
    const out = Buffer.alloc(n);
    let filled = 0;
    while (filled < n) {
      const head = this.chunks[0];
      if (head === undefined) throw new Error('smux reader invariant broken');
      const count = Math.min(head.length, n - filled);
      head.copy(out, filled, 0, count);
      filled += count;
      if (count === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(count);
    }
    this.buffered -= n;
    return out;
  }
}

/** Client stream ids as smux's OpenStream hands them out: 3, 5, 7, … (counter from 1, +2 before use). */
export class SmuxClientStreamIds {
  /** @param last the last id issued (1 for a fresh session). */
  constructor(private last = 1) {}

  /** The next id, or undefined once the uint32 space is exhausted (smux's ErrGoAway). */
  next(): number | undefined {
    const id = this.last + 2;
    if (id > 0xffff_ffff) return undefined;
    this.last = id;
    return id;
  }
}
