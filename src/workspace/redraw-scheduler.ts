// When the shell panes are redrawn. Pane output can arrive thousands of times a second and React and Yoga must not
// run that often, so output redraws are batched per pane (focused and background rates), and typing takes
// priority: the other panes' output is held until the typed pane's echo is drawn.
import type {ShellPane} from './pane.js';

/**
 * Shortest gap between two redraws caused by pane output (10 Hz). Ink's own frame throttle only limits writes:
 * React, Yoga and Ink's output grid still run on every store update, so streaming output must not update faster.
 * The first update after a quiet spell goes out at once (a keystroke's echo is not delayed).
 */
const FRAME_MS = 100;
/** The same for a pane that is not the focused one (4 Hz): a background flood costs fewer frames. */
const BACKGROUND_FRAME_MS = 250;
/**
 * Input priority: after a keystroke, the other panes' output is held (not parsed, not drawn; their sessions run on
 * under the usual flow control) until the typed pane's echo has been drawn, or at most this long (a shell need not
 * echo).
 */
const INPUT_PRIORITY_MS = 150;
/**
 * While the user types into one pane, another pane's output waits for a pause in the typing this long (a frame of
 * a flooding pane costs tens of ms, and a keystroke arriving meanwhile waits for it), but at most TYPING_HOLD_MS:
 * then it is drawn in the frame of the typed pane's next echo. Not in a frame of its own: Ink writes at most one
 * frame per 1000/maxFps ms, so an echo coming just after it would wait out the rest of that interval.
 * TYPING_HOLD_MS later still (the typed pane does not echo), it is drawn anyway.
 */
const TYPING_PAUSE_MS = 150;
const TYPING_HOLD_MS = 1000;
/**
 * ...unless its output has stopped this long: the end of a burst (a command's last lines, its prompt) is drawn at
 * once, not at the next pause in the typing. A flood never goes quiet this long, so it still waits.
 */
const OUTPUT_QUIET_MS = 100;

/** What the scheduler asks of the workspaces. */
export interface RedrawHost {
  /** The shells are on screen. */
  visible(): boolean;
  /** The pane is in the active workspace's view (not in another workspace, not zoomed away). */
  isShown(pane: ShellPane): boolean;
  /** The pane is the active workspace's focused one. */
  isFocused(pane: ShellPane): boolean;
  /** Every open pane. */
  panes(): Iterable<ShellPane>;
  /** Draws now. */
  redraw(): void;
}

export class RedrawScheduler {
  private tickTimer: NodeJS.Timeout | undefined;
  /** When tickTimer fires. */
  private tickDue = 0;
  /**
   * The rows each pane showed when last drawn, and when. A pane whose output changed waits in `waiting` until its
   * own redraw is due; meanwhile every frame (another pane's echo, say) shows its last drawn rows, which Ink reuses
   * without tokenising them again.
   */
  private readonly drawn = new Map<ShellPane, {rows: string[]; key: string; at: number}>();
  private readonly waiting = new Set<ShellPane>();
  /** Input priority in force: the panes typed into, and when it ends at the latest. */
  private priority: {panes: ReadonlySet<ShellPane>; timer: NodeJS.Timeout} | undefined;
  /** The panes typed into last, and when. */
  private typed: {panes: ReadonlySet<ShellPane>; at: number} | undefined;
  /** The pane typed into last, until its next output (the echo) has been drawn. */
  private echoAwaited: ShellPane | undefined;
  /** When each pane's output last changed its screen. */
  private readonly outputAt = new Map<ShellPane, number>();
  /** Something other than pane output changed: the next tick draws even if no pane is due. */
  private dirty = false;

  constructor(private readonly host: RedrawHost) {}

  /** The rows to draw for `pane`: its last drawn rows while its redraw is not due, else its screen now. */
  rows(pane: ShellPane, focused: boolean, back: number): string[] {
    const key = `${focused} ${back} ${pane.screen.cols}x${pane.screen.rows}`;
    const last = this.drawn.get(pane);
    if (last && last.key === key && this.waiting.has(pane)) return last.rows;
    this.waiting.delete(pane);
    const rows = pane.screen.render({cursor: focused && back === 0, scrollBack: back});
    this.drawn.set(pane, {rows, key, at: Date.now()});
    return rows;
  }

  /** A closed pane is forgotten. */
  forget(pane: ShellPane): void {
    this.drawn.delete(pane);
    this.waiting.delete(pane);
    this.outputAt.delete(pane);
  }

  /**
   * A pane's output is drawn at most once per FRAME_MS (BACKGROUND_FRAME_MS when it is not focused), the first
   * time after a quiet spell at once. The first output of a pane just typed into (its echo) is drawn at once, even
   * while another pane floods the screen; the panes held for it wait. `pane` undefined: something else changed.
   */
  schedule(pane?: ShellPane): void {
    if (!this.host.visible()) return;
    if (pane === undefined) {
      this.dirty = true;
      this.armTick(Date.now());
      return;
    }
    // A pane not on screen (another workspace, or zoomed away) costs no frames; it is drawn afresh when shown.
    if (!this.host.isShown(pane)) {
      this.waiting.delete(pane);
      return;
    }
    this.waiting.add(pane);
    this.outputAt.set(pane, Date.now());
    if (pane === this.echoAwaited) {
      this.echoAwaited = undefined;
      this.waiting.delete(pane);
      // Panes held past TYPING_HOLD_MS are drawn in this frame.
      const now = Date.now();
      for (const p of this.waiting) {
        if ((this.drawn.get(p)?.at ?? 0) + TYPING_HOLD_MS <= now) this.waiting.delete(p);
      }
      this.host.redraw();
      this.endPriority();
      return;
    }
    this.armTick(this.dueAt(pane));
  }

  /**
   * Input priority for the panes just typed into (`echo` the one whose echo ends it): every other pane's output
   * waits (see INPUT_PRIORITY_MS).
   */
  prioritize(typed: readonly ShellPane[], echo: ShellPane): void {
    this.echoAwaited = echo;
    const panes = new Set(typed);
    this.typed = {panes, at: Date.now()};
    clearTimeout(this.priority?.timer);
    this.priority = {panes, timer: setTimeout(() => this.endPriority(), INPUT_PRIORITY_MS)};
    for (const p of this.host.panes()) {
      if (panes.has(p)) p.release();
      else p.hold();
    }
  }

  dispose(): void {
    clearTimeout(this.tickTimer);
    this.endPriority();
  }

  private dueAt(pane: ShellPane): number {
    const background = !this.host.isFocused(pane);
    const drawnAt = this.drawn.get(pane)?.at ?? 0;
    const due = drawnAt + (background ? BACKGROUND_FRAME_MS : FRAME_MS);
    if (!this.typed || this.typed.panes.has(pane)) return due;
    const quietAt = (this.outputAt.get(pane) ?? 0) + OUTPUT_QUIET_MS;
    return Math.max(due, Math.min(this.typed.at + TYPING_PAUSE_MS, drawnAt + 2 * TYPING_HOLD_MS, quietAt));
  }

  private armTick(due: number): void {
    const at = Math.max(Date.now(), due);
    if (this.tickTimer && this.tickDue <= at) return;
    clearTimeout(this.tickTimer);
    this.tickDue = at;
    this.tickTimer = setTimeout(() => this.onTick(), at - Date.now());
  }

  /**
   * Draws the panes whose redraw is due (held panes wait for the end of input priority); re-arms for the rest. No
   * frame when nothing is due: a tick armed for a pane whose output went on is only a look.
   */
  private onTick(): void {
    this.tickTimer = undefined;
    const now = Date.now();
    let next = Infinity;
    let draw = this.dirty;
    for (const p of this.waiting) {
      if (this.priority && !this.priority.panes.has(p)) continue;
      const due = this.dueAt(p);
      if (due <= now + 1) {
        this.waiting.delete(p);
        draw = true;
      } else {
        next = Math.min(next, due);
      }
    }
    this.dirty = false;
    if (draw) this.host.redraw();
    if (next !== Infinity) this.armTick(next);
  }

  private endPriority(): void {
    if (!this.priority) return;
    clearTimeout(this.priority.timer);
    this.priority = undefined;
    for (const p of this.host.panes()) p.release();
    let next = Infinity;
    for (const p of this.waiting) next = Math.min(next, this.dueAt(p));
    if (next !== Infinity) this.armTick(next);
  }
}
