/**
 * An smux v1 session over the PayloadType 1 bytes of a mux port session (spec §7): streams opened by the client
 * (ids 3, 5, 7, …), accepted by the agent, PSH data both ways, FIN when a side is done, NOP keepalive. Transport
 * agnostic: bytes come in through `receive` and go out through `send`, so the client and the local fleet's agent
 * share it.
 */
import {EventEmitter} from 'node:events';

import {
  SMUX_HEADER_SIZE,
  SMUX_KEEPALIVE_INTERVAL_MS,
  SMUX_KEEPALIVE_TIMEOUT_MS,
  SMUX_MAX_FRAME_SIZE,
  SMUX_VERSION,
  SmuxClientStreamIds,
  SmuxCmd,
  SmuxFrameReader,
  encodeFrame,
} from './smux.js';

/**
 * The bytes of encodePsh(streamId, data) in one buffer, built in place: the data is copied once rather than into
 * each frame and then again to join them (a 64 KiB socket read is two 32 KiB PSH frames).
 */
function pshBytes(streamId: number, data: Uint8Array): Buffer {
  const frames = Math.ceil(data.length / SMUX_MAX_FRAME_SIZE);
  const out = Buffer.allocUnsafe(data.length + frames * SMUX_HEADER_SIZE);
  let at = 0;
  for (let start = 0; start < data.length; start += SMUX_MAX_FRAME_SIZE) {
    const piece = data.subarray(start, start + SMUX_MAX_FRAME_SIZE);
    out[at] = SMUX_VERSION;
    out[at + 1] = SmuxCmd.Psh;
    out.writeUInt16LE(piece.length, at + 2);
    out.writeUInt32LE(streamId, at + 4);
    out.set(piece, at + SMUX_HEADER_SIZE);
    at += SMUX_HEADER_SIZE + piece.length;
  }
  return out;
}

export interface MuxStreamEvents {
  data: [Buffer];
  /** The peer sent FIN: no more data will come. */
  end: [];
}

export class MuxStream extends EventEmitter<MuxStreamEvents> {
  private finSent = false;
  private finReceived = false;

  constructor(
    readonly id: number,
    private readonly session: MuxSession,
  ) {
    super();
  }

  get writable(): boolean {
    return !this.finSent && !this.session.closed;
  }

  write(data: Uint8Array): void {
    if (!this.writable || data.length === 0) return;
    this.session.sendFrames([pshBytes(this.id, data)]);
  }

  /** FIN (once); the stream is forgotten once both sides have sent FIN. */
  end(): void {
    if (this.finSent) return;
    this.finSent = true;
    if (!this.session.closed) this.session.sendFrames([encodeFrame({cmd: SmuxCmd.Fin, streamId: this.id})]);
    if (this.finReceived) this.session.forget(this.id);
  }

  /** @internal */
  receiveFin(): void {
    if (this.finReceived) return;
    this.finReceived = true;
    this.emit('end');
    if (this.finSent) this.session.forget(this.id);
  }
}

export interface MuxSessionOptions {
  /** client: opens streams; server (the agent): accepts them. */
  role: 'client' | 'server';
  /** Bytes for the peer (PayloadType 1). */
  send: (bytes: Buffer) => void;
  /** NOP every 10 s (spec §7: only with old peers). */
  keepalive: boolean;
  /** Close when nothing arrives for 30 s (default: as `keepalive`). */
  keepaliveTimeout?: boolean;
  /** Server: a stream the client opened (SYN). */
  onStream?: (stream: MuxStream) => void;
  /** The session died (protocol error, keepalive timeout); every stream has received `end`. */
  onClose?: (why: string) => void;
  keepaliveIntervalMs?: number;
  keepaliveTimeoutMs?: number;
}

export class MuxSession {
  /** Bytes come in as data-channel payloads, never written to again: kept as they are until whole frames are read. */
  private readonly reader = new SmuxFrameReader(true);
  private readonly streams = new Map<number, MuxStream>();
  private readonly ids = new SmuxClientStreamIds();
  private readonly options: MuxSessionOptions;
  private nopTimer: NodeJS.Timeout | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private heard = false;
  private isClosed = false;

  constructor(options: MuxSessionOptions) {
    this.options = options;
    if (options.keepalive) {
      this.nopTimer = setInterval(() => this.sendFrames([encodeFrame({cmd: SmuxCmd.Nop, streamId: 0})]), options.keepaliveIntervalMs ?? SMUX_KEEPALIVE_INTERVAL_MS);
      this.nopTimer.unref();
    }
    if (options.keepaliveTimeout ?? options.keepalive) {
      // As smux's keepalive(): every timeout window, the session must have received something.
      this.deadlineTimer = setInterval(() => {
        if (!this.heard) this.close('smux keepalive timeout');
        this.heard = false;
      }, options.keepaliveTimeoutMs ?? SMUX_KEEPALIVE_TIMEOUT_MS);
      this.deadlineTimer.unref();
    }
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get streamCount(): number {
    return this.streams.size;
  }

  /** Client: a new stream (SYN sent), or undefined when the session is closed or out of ids. */
  open(): MuxStream | undefined {
    if (this.isClosed || this.options.role !== 'client') return undefined;
    const id = this.ids.next();
    if (id === undefined) return undefined;
    const stream = new MuxStream(id, this);
    this.streams.set(id, stream);
    this.sendFrames([encodeFrame({cmd: SmuxCmd.Syn, streamId: id})]);
    return stream;
  }

  /** Bytes from the peer, in order; frames may span calls. */
  receive(bytes: Uint8Array): void {
    if (this.isClosed) return;
    this.heard = true;
    const result = this.reader.push(bytes);
    for (const frame of result.frames) {
      if (this.isClosed) return;
      switch (frame.cmd) {
        case SmuxCmd.Syn:
          // SYN for an existing stream is ignored; only the server accepts streams.
          if (this.options.role === 'server' && !this.streams.has(frame.streamId)) {
            const stream = new MuxStream(frame.streamId, this);
            this.streams.set(frame.streamId, stream);
            this.options.onStream?.(stream);
          }
          break;
        case SmuxCmd.Psh:
          // PSH for an unknown stream is discarded.
          this.streams.get(frame.streamId)?.emit('data', frame.data);
          break;
        case SmuxCmd.Fin:
          this.streams.get(frame.streamId)?.receiveFin();
          break;
        default:
          // NOP is keepalive only; UPD is v2 flow control, which v1 peers never send.
          break;
      }
    }
    if (result.error !== undefined) this.close(result.error);
  }

  /** @internal */
  sendFrames(frames: readonly Buffer[]): void {
    if (this.isClosed || frames.length === 0) return;
    // One send per write: the frames of a large write fill 1024-byte data-channel payloads back to back.
    this.options.send(frames.length === 1 ? (frames[0] as Buffer) : Buffer.concat(frames));
  }

  /** @internal */
  forget(id: number): void {
    this.streams.delete(id);
  }

  /** Ends every stream (they see `end`) and stops the keepalive. */
  close(why = 'closed'): void {
    if (this.isClosed) return;
    this.isClosed = true;
    clearInterval(this.nopTimer);
    clearInterval(this.deadlineTimer);
    for (const stream of [...this.streams.values()]) stream.receiveFin();
    this.streams.clear();
    this.options.onClose?.(why);
  }
}
