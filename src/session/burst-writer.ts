/**
 * The frames of a burst leave their WebSocket in one socket write. Data-channel messages are queued here and, at
 * the end of the tick, written as one buffer holding every WebSocket frame of the burst (a run of acks, a chunked
 * write): one allocation and one write, not a header, a masked copy and a stream write per message. While small
 * bursts keep coming (a flood read a few KB at a time, as a shell printing a large file reads its pty), a small
 * burst is held up to a millisecond for the next ones, so the flood leaves in a few large writes rather than one
 * small one per read: loopback TCP costs about as much per write as per 10 KB. A lone frame (a keystroke, its echo)
 * and a large burst leave at once.
 *
 * Frames written to the socket by the WebSocket itself (pings, the close frame) do not wait here: before closing,
 * call flush() so the queued messages go first.
 */
import type {Writable} from 'node:stream';

import {encodeWebSocketFrames} from './ws-frames.js';

/** A burst of at least this many frames, flushed within the last FLOOD_GAP_MS, makes the next small burst wait. */
const FLOOD_FRAMES = 4;
const FLOOD_GAP_MS = 2;
/** How long a small burst during a flood waits for more. */
const FLOOD_HOLD_MS = 1;
/** A burst this large leaves at once: holding it saves nothing. */
const LARGE_BURST_FRAMES = 24;

export interface BurstWriterOptions {
  /** Mask each frame (a client's frames must be masked, a server's must not: RFC 6455 §5.1). */
  mask: boolean;
  /** Whether the WebSocket may still send data frames (checked when the burst is written). */
  open(): boolean;
}

export class BurstWriter {
  private queued: Uint8Array[] = [];
  private scheduled = false;
  private held = false;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private lastFlushFrames = 0;

  constructor(private readonly socket: Pick<Writable, 'write'>, private readonly options: BurstWriterOptions) {}

  /** Queues one binary message; it leaves with the rest of its burst. */
  send(message: Uint8Array): void {
    this.queued.push(message);
    if (this.scheduled) {
      // A held burst that has grown large goes now (also when the timer is late on a busy machine).
      if (this.held && this.queued.length === LARGE_BURST_FRAMES) process.nextTick(this.flush);
      return;
    }
    this.scheduled = true;
    process.nextTick(this.endOfTick);
  }

  /** Whether frames are being held past the end of their tick (for tests). */
  get holding(): boolean {
    return this.held;
  }

  private readonly endOfTick = (): void => {
    if (!this.scheduled || this.held) return;
    const flood = this.lastFlushFrames >= FLOOD_FRAMES && performance.now() - this.lastFlushAt < FLOOD_GAP_MS;
    if (flood && this.queued.length < LARGE_BURST_FRAMES) {
      this.held = true;
      setTimeout(this.flush, FLOOD_HOLD_MS);
      return;
    }
    this.flush();
  };

  /** Writes the queued frames now (in one socket write). */
  readonly flush = (): void => {
    if (!this.scheduled) return;
    const messages = this.queued;
    this.queued = [];
    this.scheduled = false;
    this.held = false;
    this.lastFlushAt = performance.now();
    this.lastFlushFrames = messages.length;
    if (messages.length === 0 || !this.options.open()) return;
    this.socket.write(encodeWebSocketFrames(messages, this.options.mask));
  };
}
