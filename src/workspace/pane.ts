// One shell pane: its emulated screen and the session behind it. Output goes into the emulator only; the
// emulator's replies (cursor position reports and the like) go back to the shell.
import type {PaneScreen} from '../terminal/screen.js';
import {createPaneScreen} from '../terminal/worker-screen.js';
import {sanitizeText} from '../fleet/sanitize.js';
import type {ShellConnection, ShellEnd, ShellLauncher, ShellSize} from './shell.js';

export interface ShellTarget {
  instanceId: string;
  /** The instance's Name tag, or '' (untrusted: sanitize before drawing). */
  name: string;
}

export type PaneState = 'connecting' | 'open' | 'reconnecting' | 'ended';

export interface PaneHooks {
  /** The screen or the state changed (called often; the owner batches redraws). */
  onChange(pane: ShellPane): void;
  onBell(pane: ShellPane): void;
  onStarted(pane: ShellPane, sessionId: string): void;
  /** The session ended by itself (not by close()). */
  onEnded(pane: ShellPane, why: string, sessionId: string | undefined): void;
}

/** Output not yet parsed by the emulator above which the session is paused, and below which it resumes. */
export const OUTPUT_WATERMARKS = {high: 2 * 1024 * 1024, low: 256 * 1024};

/** The most output the emulator is handed at once (a few ms of parsing). */
export const OUTPUT_SLICE = 64 * 1024;

/**
 * Output for a screen parsed on another thread waits this long for more before it is handed over (less than a whole
 * slice): a flood arriving a few KB per read crosses to the other thread in a few large messages, not thousands.
 * An echo is handed over at once.
 */
const OFF_THREAD_COALESCE_MS = 2;
/**
 * While a flood goes on (output was handed over less than this long ago), output waits up to this long, or until
 * a whole slice has come: every message to the other thread wakes it, and the answer wakes this one.
 */
const OFF_THREAD_FLOOD_COALESCE_MS = 10;

export function describeEnd(end: ShellEnd): string {
  const detail = end.detail ? `: ${sanitizeText(end.detail)}` : '';
  switch (end.reason) {
    case 'exited':
      return 'the shell exited';
    case 'terminated':
      return `session terminated${detail}`;
    case 'disconnected':
      return `connection lost${detail}`;
  }
}

export class ShellPane {
  readonly screen: PaneScreen;
  state: PaneState = 'connecting';
  /** Why the session ended (state 'ended'). */
  endReason = '';
  /** A bell rang while the pane was not focused. */
  bell = false;
  private conn: ShellConnection | undefined;
  private closing = false;
  private generation = 0;
  /** Output not yet handed to the emulator, and its size. */
  private pending: Buffer[] = [];
  private queued = 0;
  private feedScheduled = false;
  /** The timer of a hand-over waiting for more output (a screen parsed on another thread). */
  private coalesceTimer: NodeJS.Timeout | undefined;
  private lastFedAt = Number.NEGATIVE_INFINITY;
  private holding = false;
  private disposed = false;
  private throttled = false;
  /** The session is paused (flow control). */
  private paused = false;
  /** Input was sent and no output has come back since. */
  private echoPending = false;

  constructor(readonly id: string, readonly target: ShellTarget, size: ShellSize, private readonly hooks: PaneHooks,
    private readonly watermarks = OUTPUT_WATERMARKS, createScreen: (size: ShellSize) => PaneScreen = createPaneScreen) {
    this.screen = createScreen(size);
    this.screen.onData((reply) => this.conn?.write(reply));
    this.screen.onBell(() => hooks.onBell(this));
  }

  get sessionId(): string | undefined {
    return this.conn?.sessionId;
  }

  get live(): boolean {
    return this.state !== 'ended';
  }

  /** Starts a session at the pane's current size (again after an end: the screen is kept). */
  async connect(launcher: ShellLauncher, reason: string): Promise<void> {
    const generation = ++this.generation;
    this.state = 'connecting';
    this.endReason = '';
    this.closing = false;
    this.hooks.onChange(this);
    const mine = () => generation === this.generation && !this.closing;
    try {
      const conn = await launcher({
        target: this.target.instanceId,
        size: {cols: this.screen.cols, rows: this.screen.rows},
        reason,
        onOutput: (bytes) => {
          if (generation === this.generation) this.queueOutput(bytes);
        },
        onState: (s) => {
          if (!mine() || this.state === 'ended') return;
          this.state = s === 'connected' ? 'open' : 'reconnecting';
          this.hooks.onChange(this);
        },
        onEnd: (end) => {
          if (!mine() || this.state === 'ended') return;
          this.end(describeEnd(end));
          this.hooks.onEnded(this, this.endReason, this.conn?.sessionId);
        },
      });
      if (generation !== this.generation) {
        await conn.terminate();
        return;
      }
      this.conn = conn;
      // A new session starts unpaused; pause it at once if this pane is still behind.
      this.paused = false;
      this.updateFlow();
      // onEnd may already have run (a shell that exits at once).
      if ((this.state as PaneState) === 'ended') return;
      this.state = 'open';
      this.hooks.onStarted(this, conn.sessionId);
      // The layout may have changed while StartSession was on its way.
      conn.resize({cols: this.screen.cols, rows: this.screen.rows});
      this.hooks.onChange(this);
    } catch (err) {
      if (generation !== this.generation) return;
      this.end(`could not start: ${sanitizeText(err instanceof Error ? err.message : String(err))}`);
      this.hooks.onEnded(this, this.endReason, undefined);
    }
  }

  /** Output received and not parsed yet: queued here plus the slice in the emulator (flow control counts both). */
  get behindBytes(): number {
    return this.queued + this.screen.pendingBytes;
  }

  /** Output is held back (another pane has input priority). */
  get held(): boolean {
    return this.holding;
  }

  /**
   * Holds this pane's output: nothing more is parsed until release(), so another pane's echo has the event loop to
   * itself. The session keeps running (holds are short); held output waits here, under the usual flow control.
   * A screen parsed on another thread is not held: its parse takes nothing from the event loop, and a flood keeps
   * its pace while another pane is typed into.
   */
  hold(): void {
    this.holding = true;
  }

  release(): void {
    if (!this.holding) return;
    this.holding = false;
    this.scheduleFeed();
  }

  /**
   * Output arrives in messages of at most 1 KB and is queued here; the emulator gets it in slices of at most
   * OUTPUT_SLICE, as long as less than the screen's in-flight limit is unparsed (one slice when parsing happens on
   * this thread, so a keystroke never waits behind a long parse).
   */
  private queueOutput(bytes: Buffer): void {
    this.pending.push(bytes);
    this.queued += bytes.byteLength;
    // The answer to a keystroke goes to the emulator at once: every turn of a busy event loop costs a frame.
    if (this.echoPending) {
      this.echoPending = false;
      this.feed();
    } else if (this.coalesceTimer !== undefined && this.queued >= OUTPUT_SLICE) {
      // A whole slice is there: no reason to wait for more.
      clearTimeout(this.coalesceTimer);
      this.coalesceTimer = undefined;
      this.feedScheduled = false;
      this.feed();
    } else {
      this.scheduleFeed();
    }
    this.updateFlow();
  }

  /** Another slice may go to the emulator now. */
  private get canFeed(): boolean {
    if (this.disposed || this.queued === 0 || (this.holding && !this.screen.offThread)) return false;
    return this.screen.pendingBytes === 0 || this.screen.pendingBytes + OUTPUT_SLICE <= this.screen.inFlightLimit;
  }

  private scheduleFeed(): void {
    if (this.feedScheduled || !this.canFeed) return;
    this.feedScheduled = true;
    const run = () => {
      this.feedScheduled = false;
      this.coalesceTimer = undefined;
      this.feed();
    };
    if (this.screen.offThread && this.queued < OUTPUT_SLICE) {
      const flood = performance.now() - this.lastFedAt < OFF_THREAD_FLOOD_COALESCE_MS;
      this.coalesceTimer = setTimeout(run, flood ? OFF_THREAD_FLOOD_COALESCE_MS : OFF_THREAD_COALESCE_MS);
    } else {
      setImmediate(run);
    }
  }

  /** The next slices of queued output to the emulator (one parse pass and one change notification each). */
  private feed(): void {
    if (!this.canFeed) return;
    while (this.canFeed) this.feedSlice();
    this.lastFedAt = performance.now();
  }

  private feedSlice(): void {
    const parts: Buffer[] = [];
    let size = 0;
    while (size < OUTPUT_SLICE && this.pending.length > 0) {
      const chunk = this.pending[0] as Buffer;
      const take = Math.min(chunk.byteLength, OUTPUT_SLICE - size);
      if (take === chunk.byteLength) this.pending.shift();
      else this.pending[0] = chunk.subarray(take);
      parts.push(take === chunk.byteLength ? chunk : chunk.subarray(0, take));
      size += take;
    }
    this.queued -= size;
    this.screen.write(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, size), () => {
      this.updateFlow();
      this.hooks.onChange(this);
      this.scheduleFeed();
    });
  }

  /** The session is paused while output is more than the high watermark behind, until it is down to the low one. */
  private updateFlow(): void {
    const behind = this.behindBytes;
    if (!this.throttled && behind >= this.watermarks.high) this.throttled = true;
    else if (this.throttled && behind <= this.watermarks.low) this.throttled = false;
    if (this.throttled === this.paused) return;
    this.paused = this.throttled;
    if (this.paused) this.conn?.pause();
    else this.conn?.resume();
  }

  private end(why: string): void {
    this.state = 'ended';
    this.endReason = why;
    // Said in the pane itself, where the user is looking, after the output still queued.
    const note = Buffer.from(`\r\n\x1b[0;7m ${why} \x1b[0m\r\n`);
    this.pending.push(note);
    this.queued += note.byteLength;
    this.feed();
    this.hooks.onChange(this);
  }

  write(data: Uint8Array | string): void {
    if (this.state !== 'open' && this.state !== 'reconnecting') return;
    this.echoPending = true;
    this.conn?.write(data);
  }

  resize(size: ShellSize): void {
    if (size.cols === this.screen.cols && size.rows === this.screen.rows) return;
    this.screen.resize(size.cols, size.rows);
    if (this.live) this.conn?.resize({cols: this.screen.cols, rows: this.screen.rows});
    this.hooks.onChange(this);
  }

  /** Terminates the session (if any); the pane is going away. */
  async close(): Promise<void> {
    this.closing = true;
    this.generation++;
    const conn = this.conn;
    const wasLive = this.live;
    this.state = 'ended';
    this.endReason = 'closed';
    if (conn && wasLive) await conn.terminate();
  }

  dispose(): void {
    this.disposed = true;
    this.screen.dispose();
  }
}
