/**
 * Frames written in a burst leave their socket together. The socket under a WebSocket is corked at the first frame
 * and uncorked at the end of the tick (a run of acks, a chunked write: one syscall, not one each). While small
 * bursts keep coming (a flood read a few KB at a time, as a shell printing a large file reads its pty), a small
 * burst is held up to a millisecond for the next ones, so the flood leaves in a few large writes rather than one
 * small one per read: loopback TCP costs about as much per write as per 10 KB. A lone frame (a keystroke, its echo)
 * and a large burst leave at once.
 */
import type {Writable} from 'node:stream';

/** A burst of at least this many frames, flushed within the last FLOOD_GAP_MS, makes the next small burst wait. */
const FLOOD_FRAMES = 4;
const FLOOD_GAP_MS = 2;
/** How long a small burst during a flood waits for more. */
const FLOOD_HOLD_MS = 1;
/** A burst this large leaves at once: holding it saves nothing. */
const LARGE_BURST_FRAMES = 24;

export class BurstWriter {
  private corked = false;
  private held = false;
  private frames = 0;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private lastFlushFrames = 0;

  constructor(private readonly socket: Pick<Writable, 'cork' | 'uncork'>) {}

  /** Call before each frame is written to the socket (through the WebSocket or directly). */
  frame(): void {
    this.frames++;
    if (this.corked) {
      // A held burst that has grown large goes now (also when the timer is late on a busy machine).
      if (this.held && this.frames >= LARGE_BURST_FRAMES) process.nextTick(this.flush);
      return;
    }
    this.corked = true;
    this.socket.cork();
    process.nextTick(this.endOfTick);
  }

  /** Whether frames are being held past the end of their tick (for tests). */
  get holding(): boolean {
    return this.held;
  }

  private readonly endOfTick = (): void => {
    if (!this.corked || this.held) return;
    const flood = this.lastFlushFrames >= FLOOD_FRAMES && performance.now() - this.lastFlushAt < FLOOD_GAP_MS;
    if (flood && this.frames < LARGE_BURST_FRAMES) {
      this.held = true;
      setTimeout(this.flush, FLOOD_HOLD_MS);
      return;
    }
    this.flush();
  };

  private readonly flush = (): void => {
    if (!this.corked) return;
    this.corked = false;
    this.held = false;
    this.lastFlushAt = performance.now();
    this.lastFlushFrames = this.frames;
    this.frames = 0;
    this.socket.uncork();
  };
}
