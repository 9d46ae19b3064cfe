// The shell workspaces: tabs of split panes, each pane its own session. This owns the panes and their sessions,
// the layouts, focus, zoom, broadcast, scroll mode and the workspace list, and routes the raw bytes the user types
// while the shells are on screen (see keys.ts). State for drawing lives in a small zustand store of its own; the
// panes' screens are read at render time, and redraws are batched (pane output can arrive thousands of times a
// second; React and Yoga must not run that often).
import {createStore, type StoreApi} from 'zustand/vanilla';
import {resolveKey, type Keymap} from '../keys/keymap.js';
import type {CommandId} from '../keys/commands.js';
import type {Lifecycle} from '../lifecycle.js';
import type {AuditEvent} from '../audit.js';
import {log} from '../log.js';
import {sanitizeText} from '../fleet/sanitize.js';
import {
  arrange, gridLayout, MIN_PANE, paneIds, paneRects, removePane, splitPane, terminalSize, type Arranged, type LayoutNode,
} from './layout.js';
import {nextKey, prefixChar} from './keys.js';
import {ShellPane, type ShellTarget} from './pane.js';
import {FORWARDS_PANE_REFRESH_MS, forwardsPaneLines} from './forwards-pane.js';
import type {ForwardRow} from '../fleet/forwards.js';
import type {ShellLauncher} from './shell.js';

export type {ShellTarget} from './pane.js';

/** Panes opened at once by `s` on marked instances. */
export const MAX_PANES_AT_ONCE = 8;
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
 * a flooding pane costs tens of ms, and a keystroke arriving meanwhile waits for it), but at most TYPING_HOLD_MS.
 */
const TYPING_PAUSE_MS = 150;
const TYPING_HOLD_MS = 1000;

export interface Workspace {
  id: string;
  name: string;
  layout: LayoutNode;
  focus: string;
  /** The pane shown alone, when zoomed. */
  zoom?: string;
  broadcast: boolean;
}

export type WorkspaceMode = 'normal' | 'prefix' | 'scroll' | 'search' | 'list';

export interface ShellsState {
  /** The shells are on screen (instead of the dashboard's views). */
  visible: boolean;
  workspaces: readonly Workspace[];
  active: number;
  mode: WorkspaceMode;
  /** Bumped whenever something on screen changed (pane output is batched). */
  tick: number;
  /** Sessions open or being opened. */
  shells: number;
  /** One line for the footer (cleared by the next key). */
  message?: string;
  /** Scroll mode: lines scrolled back in the focused pane, the search, the query being typed. */
  scroll: {back: number; query: string; typing: string};
  listCursor: number;
}

export interface ShellWorkspacesOptions {
  launcher: ShellLauncher;
  keymap: Keymap;
  /** The prefix key's name ('ctrl+g'). */
  prefixKey: string;
  /** The content area the workspace is drawn in (cols × rows, pane titles included). */
  area: () => {cols: number; rows: number};
  /** "local" or account/region/profile, for the audit log. */
  identity: string;
  audit: (event: AuditEvent) => void;
  copy?: (text: string) => void;
  lifecycle?: Lifecycle;
  /** StartSession's Reason. */
  reason?: string;
  /** Flow control: unparsed output (bytes) at which a pane's session is paused and resumed (tests lower them). */
  outputWatermarks?: {high: number; low: number};
  /** The open port forwards, for the forwards pane (absent: no such pane). */
  forwards?: () => readonly ForwardRow[];
}

/** What SplitLayout draws for a port-forwards pane. */
export interface ForwardsFrame {
  focused: boolean;
  rows: string[];
}

export interface PaneFrame {
  pane: ShellPane;
  focused: boolean;
  rows: string[];
}

export class ShellWorkspaces {
  readonly store: StoreApi<ShellsState>;
  private readonly panes = new Map<string, ShellPane>();
  /** The ids of the port-forwards panes (in the layouts beside the shells; no session behind them). */
  private readonly forwardsPanes = new Set<string>();
  private forwardsTimer: NodeJS.Timeout | undefined;
  private readonly prefix: string;
  private nextId = 1;
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
  private readonly unregister: (() => void) | undefined;

  constructor(private readonly options: ShellWorkspacesOptions) {
    this.prefix = prefixChar(options.prefixKey);
    this.store = createStore<ShellsState>()(() => ({
      visible: false, workspaces: [], active: 0, mode: 'normal', tick: 0, shells: 0,
      scroll: {back: 0, query: '', typing: ''}, listCursor: 0,
    }));
    this.unregister = options.lifecycle?.register({
      describe: () => {
        const n = this.liveCount();
        return n ? `${n} shell${n === 1 ? '' : 's'}` : undefined;
      },
      closeAll: (reason) => this.closeAll(reason),
    });
  }

  get state(): ShellsState {
    return this.store.getState();
  }

  get prefixKey(): string {
    return this.options.prefixKey;
  }

  private set(patch: Partial<ShellsState>): void {
    this.store.setState(patch);
  }

  private liveCount(): number {
    let n = 0;
    for (const p of this.panes.values()) if (p.live) n++;
    return n;
  }

  activeWorkspace(): Workspace | undefined {
    return this.state.workspaces[this.state.active];
  }

  focusedPane(): ShellPane | undefined {
    const ws = this.activeWorkspace();
    return ws ? this.panes.get(ws.focus) : undefined;
  }

  pane(id: string): ShellPane | undefined {
    return this.panes.get(id);
  }

  /** The active workspace laid out in the content area (one pane when zoomed). */
  arranged(ws: Workspace | undefined = this.activeWorkspace()): Arranged | undefined {
    if (!ws) return undefined;
    const {cols, rows} = this.options.area();
    const rect = {x: 0, y: 0, width: cols, height: rows};
    return arrange(ws.zoom ? {kind: 'pane', id: ws.zoom} : ws.layout, rect);
  }

  /** What SplitLayout draws for one pane. */
  paneFrame(id: string): PaneFrame | undefined {
    const pane = this.panes.get(id);
    if (!pane) return undefined;
    const focused = this.activeWorkspace()?.focus === id;
    const s = this.state;
    const back = focused && (s.mode === 'scroll' || s.mode === 'search') ? s.scroll.back : 0;
    const key = `${focused} ${back} ${pane.screen.cols}x${pane.screen.rows}`;
    const last = this.drawn.get(pane);
    if (last && last.key === key && this.waiting.has(pane)) return {pane, focused, rows: last.rows};
    this.waiting.delete(pane);
    const rows = pane.screen.render({cursor: focused && back === 0, scrollBack: back});
    this.drawn.set(pane, {rows, key, at: Date.now()});
    return {pane, focused, rows};
  }

  /** What SplitLayout draws for a port-forwards pane (undefined: `id` is not one). */
  forwardsFrame(id: string, cols: number, rows: number): ForwardsFrame | undefined {
    if (!this.forwardsPanes.has(id)) return undefined;
    const list = this.options.forwards?.() ?? [];
    return {focused: this.activeWorkspace()?.focus === id, rows: forwardsPaneLines(list, cols, rows, Date.now())};
  }

  // ---- opening and closing ----------------------------------------------------------------------------------

  /** A new workspace with one pane per target (at most 8), shown at once. */
  open(targets: readonly ShellTarget[]): void {
    if (targets.length === 0) return;
    const chosen = targets.slice(0, MAX_PANES_AT_ONCE);
    const ids = chosen.map(() => this.newPaneId());
    const first = chosen[0] as ShellTarget;
    const name = chosen.length === 1 ? sanitizeText(first.name || first.instanceId) : `${chosen.length} shells`;
    const ws: Workspace = {id: `ws${this.nextId++}`, name, layout: gridLayout(ids), focus: ids[0] ?? '', broadcast: false};
    const workspaces = [...this.state.workspaces, ws];
    this.set({
      workspaces, active: workspaces.length - 1, visible: true, mode: 'normal',
      ...(targets.length > MAX_PANES_AT_ONCE ? {message: `opened ${MAX_PANES_AT_ONCE} of ${targets.length} marked instances (at most ${MAX_PANES_AT_ONCE} at once)`} : {message: undefined}),
    });
    const rects = paneRects(this.arranged(ws) as Arranged);
    chosen.forEach((t, i) => this.startPane(ids[i] ?? '', t, terminalSize(rects.get(ids[i] ?? '') ?? {x: 0, y: 0, width: 80, height: 25})));
    this.redraw();
  }

  private newPaneId(): string {
    return `p${this.nextId++}`;
  }

  private startPane(id: string, target: ShellTarget, size: {cols: number; rows: number}): ShellPane {
    const pane = new ShellPane(id, target, size, {
      onChange: (p) => this.scheduleRedraw(p),
      onBell: (p) => {
        if (this.isShownFocused(p.id)) return;
        p.bell = true;
        this.scheduleRedraw();
      },
      onStarted: (p, sessionId) => {
        this.audit({action: 'StartSession', target: p.target.instanceId, reason: this.reason(), sessionId});
        this.countShells();
      },
      onEnded: (p, why, sessionId) => {
        if (sessionId) this.audit({action: 'TerminateSession', target: p.target.instanceId, reason: why, sessionId});
        this.countShells();
      },
    }, this.options.outputWatermarks);
    this.panes.set(id, pane);
    void pane.connect(this.options.launcher, this.reason());
    this.countShells();
    return pane;
  }

  private reason(): string {
    return this.options.reason ?? 'fleetdeck shell';
  }

  private isShownFocused(id: string): boolean {
    return this.state.visible && this.activeWorkspace()?.focus === id;
  }

  private countShells(): void {
    const shells = this.liveCount();
    if (shells !== this.state.shells) this.set({shells});
  }

  private audit(fields: Omit<AuditEvent, 'identity'>): void {
    try {
      this.options.audit({identity: this.options.identity, ...fields} as AuditEvent);
    } catch (err) {
      // An unaudited action must not pass silently.
      log.error('audit write failed', {message: err instanceof Error ? err.message : String(err)});
      this.set({message: `audit log write failed: ${err instanceof Error ? err.message : String(err)}`});
    }
  }

  /** Closes one pane (terminating its session); the workspace goes when its last pane does. */
  async closePane(id: string, reason = 'closed by the user'): Promise<void> {
    if (this.forwardsPanes.delete(id)) {
      this.removeFromLayouts(id);
      return;
    }
    const pane = this.panes.get(id);
    if (!pane) return;
    const wasLive = pane.live;
    const sessionId = pane.sessionId;
    this.panes.delete(id);
    this.drawn.delete(pane);
    this.waiting.delete(pane);
    this.removeFromLayouts(id);
    try {
      await pane.close();
      if (wasLive && sessionId) this.audit({action: 'TerminateSession', target: pane.target.instanceId, reason, sessionId});
    } catch (err) {
      log.warn('terminate failed', {paneId: id, message: err instanceof Error ? err.message : String(err)});
    } finally {
      pane.dispose();
      this.countShells();
    }
  }

  /** Takes a pane out of its workspace's layout; the workspace goes when its last pane does. */
  private removeFromLayouts(id: string): void {
    const s = this.state;
    const workspaces: Workspace[] = [];
    let active = s.active;
    s.workspaces.forEach((ws, i) => {
      const layout = removePane(ws.layout, id);
      if (!layout) {
        if (i < s.active || (i === s.active && active === s.workspaces.length - 1)) active = Math.max(0, active - 1);
        return;
      }
      const ids = paneIds(layout);
      const oldIds = paneIds(ws.layout);
      const focus = ws.focus === id ? (ids[Math.max(0, oldIds.indexOf(id) - 1)] ?? ids[0] ?? '') : ws.focus;
      const next: Workspace = {...ws, layout, focus};
      if (ws.zoom === id) delete next.zoom;
      workspaces.push(next);
    });
    active = Math.min(active, Math.max(0, workspaces.length - 1));
    this.set({workspaces, active, visible: s.visible && workspaces.length > 0, mode: 'normal', scroll: {back: 0, query: '', typing: ''}});
    this.relayout();
    this.countShells();
  }

  /** Terminates every session (quit, SIGHUP, SIGTERM). */
  async closeAll(reason: string): Promise<void> {
    const ids = [...this.forwardsPanes, ...this.panes.keys()];
    await Promise.allSettled(ids.map((id) => this.closePane(id, reason)));
    this.set({visible: false});
  }

  dispose(): void {
    clearTimeout(this.tickTimer);
    clearInterval(this.forwardsTimer);
    this.endPriority();
    this.unregister?.();
  }

  // ---- layout -----------------------------------------------------------------------------------------------

  /** Sizes every pane of every workspace to its place in the current area (the terminal or the layout changed). */
  relayout(): void {
    for (const ws of this.state.workspaces) {
      const a = this.arranged(ws);
      if (!a) continue;
      for (const [id, rect] of paneRects(a)) this.panes.get(id)?.resize(terminalSize(rect));
    }
    this.redraw();
  }

  private updateActive(fn: (ws: Workspace) => Workspace): void {
    const s = this.state;
    const ws = s.workspaces[s.active];
    if (!ws) return;
    const next = fn(ws);
    if (next === ws) return;
    const workspaces = [...s.workspaces];
    workspaces[s.active] = next;
    this.set({workspaces});
  }

  private split(dir: 'row' | 'column'): void {
    const pane = this.focusedPane();
    if (!pane) return;
    const id = this.splitFocused(dir, this.newPaneId());
    if (id === undefined) return;
    this.startPane(id, pane.target, this.paneSize(id));
  }

  /** Splits the focused pane (of either kind), the new pane `id` taking focus; undefined when it is too small. */
  private splitFocused(dir: 'row' | 'column', id: string, keepFocus = false): string | undefined {
    const ws = this.activeWorkspace();
    if (!ws) return undefined;
    const focus = ws.focus;
    // The size the pane has in the layout (not zoomed).
    const {cols, rows} = this.options.area();
    const rect = paneRects(arrange(ws.layout, {x: 0, y: 0, width: cols, height: rows})).get(focus);
    const size = rect ? terminalSize(rect) : undefined;
    const tooSmall = !size || (dir === 'row' ? (size.cols - 1) / 2 < MIN_PANE.cols : (size.rows + 1) / 2 - 1 < MIN_PANE.rows);
    if (tooSmall) {
      this.set({message: 'the pane is too small to split'});
      return undefined;
    }
    const layout = splitPane(ws.layout, focus, dir, id);
    const next: Workspace = {...ws, layout, focus: keepFocus ? focus : id};
    delete next.zoom;
    this.updateActive(() => next);
    this.relayout();
    return id;
  }

  /** A pane's size in the active workspace's layout. */
  private paneSize(id: string): {cols: number; rows: number} {
    const rect = paneRects(this.arranged() as Arranged).get(id);
    return terminalSize(rect ?? {x: 0, y: 0, width: 80, height: 25});
  }

  /** The port forwards as a pane beside the focused one (the shell keeps focus), redrawn every second while shown. */
  private openForwardsPane(): void {
    if (!this.options.forwards) {
      this.set({message: 'port forwards are not available here'});
      return;
    }
    const ws = this.activeWorkspace();
    if (ws && paneIds(ws.layout).some((p) => this.forwardsPanes.has(p))) {
      this.set({message: 'the port forwards are already shown in this workspace'});
      return;
    }
    const id = this.splitFocused('row', `f${this.nextId++}`, true);
    if (id === undefined) return;
    this.forwardsPanes.add(id);
    this.forwardsTimer ??= setInterval(() => {
      if (this.forwardsPanes.size === 0) {
        clearInterval(this.forwardsTimer);
        this.forwardsTimer = undefined;
        return;
      }
      const shown = this.activeWorkspace();
      if (shown && paneIds(shown.layout).some((p) => this.forwardsPanes.has(p))) this.scheduleRedraw();
    }, FORWARDS_PANE_REFRESH_MS);
    this.forwardsTimer.unref();
    this.redraw();
  }

  private focusBy(delta: number): void {
    this.updateActive((ws) => {
      const ids = paneIds(ws.layout);
      if (ids.length < 2) return ws;
      const i = ids.indexOf(ws.focus);
      const focus = ids[(i + delta + ids.length) % ids.length] ?? ws.focus;
      const next: Workspace = {...ws, focus};
      // Moving focus while zoomed shows the newly focused pane zoomed, as tmux does.
      if (ws.zoom) next.zoom = focus;
      return next;
    });
    const p = this.focusedPane();
    if (p) p.bell = false;
    if (this.activeWorkspace()?.zoom) this.relayout();
    this.redraw();
  }

  private switchWorkspace(index: number): void {
    const n = this.state.workspaces.length;
    if (n === 0) return;
    this.set({active: ((index % n) + n) % n, mode: 'normal', scroll: {back: 0, query: '', typing: ''}});
    const p = this.focusedPane();
    if (p) p.bell = false;
    this.redraw();
  }

  // ---- showing -----------------------------------------------------------------------------------------------

  show(): boolean {
    if (this.state.workspaces.length === 0) return false;
    this.set({visible: true, mode: 'normal'});
    const p = this.focusedPane();
    if (p) p.bell = false;
    this.relayout();
    return true;
  }

  hide(): void {
    this.set({visible: false, mode: 'normal', message: undefined});
  }

  /** Draws now; panes whose output redraw is not due yet show their last drawn rows. */
  private redraw(): void {
    this.set({tick: this.state.tick + 1});
  }

  /**
   * A pane's output is drawn at most once per FRAME_MS (BACKGROUND_FRAME_MS when it is not focused), the first
   * time after a quiet spell at once. The first output of a pane just typed into (its echo) is drawn at once, even
   * while another pane floods the screen; the panes held for it wait. `pane` undefined: something else changed.
   */
  private scheduleRedraw(pane?: ShellPane): void {
    if (!this.state.visible) return;
    if (pane === undefined) {
      this.armTick(Date.now());
      return;
    }
    // A pane not on screen (another workspace, or zoomed away) costs no frames; it is drawn afresh when shown.
    if (!this.isShown(pane)) {
      this.waiting.delete(pane);
      return;
    }
    this.waiting.add(pane);
    if (pane === this.echoAwaited) {
      this.echoAwaited = undefined;
      this.waiting.delete(pane);
      this.redraw();
      this.endPriority();
      return;
    }
    this.armTick(this.dueAt(pane));
  }

  private isShown(pane: ShellPane): boolean {
    const ws = this.activeWorkspace();
    if (!ws) return false;
    return ws.zoom ? ws.zoom === pane.id : paneIds(ws.layout).includes(pane.id);
  }

  private dueAt(pane: ShellPane): number {
    const background = this.activeWorkspace()?.focus !== pane.id;
    const drawnAt = this.drawn.get(pane)?.at ?? 0;
    const due = drawnAt + (background ? BACKGROUND_FRAME_MS : FRAME_MS);
    if (!this.typed || this.typed.panes.has(pane)) return due;
    return Math.max(due, Math.min(this.typed.at + TYPING_PAUSE_MS, drawnAt + TYPING_HOLD_MS));
  }

  private armTick(due: number): void {
    const at = Math.max(Date.now(), due);
    if (this.tickTimer && this.tickDue <= at) return;
    clearTimeout(this.tickTimer);
    this.tickDue = at;
    this.tickTimer = setTimeout(() => this.onTick(), at - Date.now());
  }

  /** Draws the panes whose redraw is due (held panes wait for the end of input priority); re-arms for the rest. */
  private onTick(): void {
    this.tickTimer = undefined;
    const now = Date.now();
    let next = Infinity;
    for (const p of this.waiting) {
      if (this.priority && !this.priority.panes.has(p)) continue;
      const due = this.dueAt(p);
      if (due <= now + 1) this.waiting.delete(p);
      else next = Math.min(next, due);
    }
    this.redraw();
    if (next !== Infinity) this.armTick(next);
  }

  /** Input priority for the panes just typed into: every other pane's output waits (see INPUT_PRIORITY_MS). */
  private prioritize(typed: readonly ShellPane[]): void {
    const panes = new Set(typed);
    this.typed = {panes, at: Date.now()};
    clearTimeout(this.priority?.timer);
    this.priority = {panes, timer: setTimeout(() => this.endPriority(), INPUT_PRIORITY_MS)};
    for (const p of this.panes.values()) {
      if (panes.has(p)) p.release();
      else p.hold();
    }
  }

  private endPriority(): void {
    if (!this.priority) return;
    clearTimeout(this.priority.timer);
    this.priority = undefined;
    for (const p of this.panes.values()) p.release();
    let next = Infinity;
    for (const p of this.waiting) next = Math.min(next, this.dueAt(p));
    if (next !== Infinity) this.armTick(next);
  }

  // ---- input -------------------------------------------------------------------------------------------------

  /**
   * Raw input typed while the shells are shown. Returns what is left for the dashboard when a key in the middle
   * of `data` hid the shells ('' when everything was used here).
   */
  handleInput(data: string): string {
    let i = 0;
    if (this.state.message !== undefined) this.set({message: undefined});
    while (i < data.length) {
      if (!this.state.visible) return data.slice(i);
      if (this.state.mode === 'normal') {
        const p = data.indexOf(this.prefix, i);
        const end = p === -1 ? data.length : p;
        if (end > i) this.typeIntoPanes(data.slice(i, end));
        if (p === -1) return '';
        i = p + 1;
        this.set({mode: 'prefix'});
        continue;
      }
      const key = nextKey(data, i);
      i = key.end;
      this.handleModeKey(key.name, key.text);
    }
    return '';
  }

  private typeIntoPanes(text: string): void {
    const ws = this.activeWorkspace();
    const focused = this.focusedPane();
    if (!ws || !focused) return;
    if (!focused.live) {
      // An ended pane offers: r reconnects, x closes.
      for (let i = 0; i < text.length;) {
        const key = nextKey(text, i);
        i = key.end;
        if (key.name === 'r') this.reconnect(focused);
        else if (key.name === 'x') void this.closePane(focused.id);
      }
      return;
    }
    this.echoAwaited = focused;
    const typed = ws.broadcast ? paneIds(ws.layout).flatMap((id) => this.panes.get(id) ?? []) : [focused];
    this.prioritize(typed);
    for (const p of typed) p.write(text);
  }

  private reconnect(pane: ShellPane): void {
    if (pane.live) return;
    void pane.connect(this.options.launcher, this.reason()).then(() => this.countShells());
    this.countShells();
  }

  private handleModeKey(name: string, text: string): void {
    const s = this.state;
    switch (s.mode) {
      case 'prefix': {
        this.set({mode: 'normal'});
        // The prefix twice sends it through.
        if (text === this.prefix) return this.typeIntoPanes(this.prefix);
        const id = resolveKey(this.options.keymap, ['pane'], name);
        if (id) return this.runPaneCommand(id);
        this.set({message: `${this.options.prefixKey} ${name || 'that key'}: no such pane command (the footer lists them after ${this.options.prefixKey}; ? on the dashboard has all keys)`});
        return;
      }
      case 'scroll':
        return this.scrollKey(name);
      case 'search':
        return this.searchKey(name, text);
      case 'list':
        return this.listKey(name);
      default:
        return;
    }
  }

  private runPaneCommand(id: CommandId): void {
    const pane = this.focusedPane();
    switch (id) {
      case 'pane.next':
        return this.focusBy(1);
      case 'pane.prev':
        return this.focusBy(-1);
      case 'pane.splitStacked':
        return this.split('column');
      case 'pane.splitSide':
        return this.split('row');
      case 'pane.zoom':
        this.updateActive((ws) => {
          const next = {...ws};
          if (ws.zoom) delete next.zoom;
          else if (paneIds(ws.layout).length > 1) next.zoom = ws.focus;
          return next;
        });
        return this.relayout();
      case 'pane.close': {
        // The focused pane of either kind (a forwards pane has no session).
        const focus = this.activeWorkspace()?.focus;
        if (focus) void this.closePane(focus);
        return;
      }
      case 'pane.broadcast':
        this.updateActive((ws) => ({...ws, broadcast: !ws.broadcast}));
        return this.redraw();
      case 'pane.scroll':
        if (pane) this.set({mode: 'scroll', scroll: {back: 0, query: this.state.scroll.query, typing: ''}});
        return this.redraw();
      case 'pane.copy':
        if (pane) this.copy(lastOutput(pane), 'the last output');
        return;
      case 'pane.reconnect':
        if (pane) this.reconnect(pane);
        return;
      case 'pane.workspaces':
        this.set({mode: 'list', listCursor: this.state.active});
        return this.redraw();
      case 'pane.nextWorkspace':
        return this.switchWorkspace(this.state.active + 1);
      case 'pane.prevWorkspace':
        return this.switchWorkspace(this.state.active - 1);
      case 'pane.newWorkspace':
        if (pane) this.open([pane.target]);
        return;
      case 'pane.forwards':
        return this.openForwardsPane();
      case 'pane.back':
        return this.hide();
      default:
        return;
    }
  }

  private copy(text: string, what: string): void {
    if (!this.options.copy) {
      this.set({message: 'copying is not available here'});
      return;
    }
    this.options.copy(text);
    this.set({message: `copied ${what} (${text.length} characters) to the clipboard`});
  }

  private setBack(back: number): void {
    const pane = this.focusedPane();
    const max = pane?.screen.scrollbackLength ?? 0;
    this.set({scroll: {...this.state.scroll, back: Math.max(0, Math.min(max, back))}});
    this.redraw();
  }

  private scrollKey(name: string): void {
    const pane = this.focusedPane();
    if (!pane) return this.set({mode: 'normal'});
    const {back} = this.state.scroll;
    const page = Math.max(1, pane.screen.rows - 1);
    switch (resolveKey(this.options.keymap, ['scroll'], name)) {
      case 'scroll.up':
        return this.setBack(back + 1);
      case 'scroll.down':
        return this.setBack(back - 1);
      case 'scroll.pageUp':
        return this.setBack(back + page);
      case 'scroll.pageDown':
        return this.setBack(back - page);
      case 'scroll.top':
        return this.setBack(pane.screen.scrollbackLength);
      case 'scroll.bottom':
        return this.setBack(0);
      case 'scroll.search':
        this.set({mode: 'search', scroll: {...this.state.scroll, typing: ''}});
        return this.redraw();
      case 'scroll.nextMatch':
        return this.findMatch(-1);
      case 'scroll.prevMatch':
        return this.findMatch(1);
      case 'scroll.copy': {
        const top = pane.screen.baseY - back;
        return this.copy(pane.screen.text(top, top + pane.screen.rows).replace(/\n+$/, ''), 'the lines in view');
      }
      case 'scroll.exit':
        this.set({mode: 'normal', scroll: {...this.state.scroll, back: 0}});
        return this.redraw();
      default:
        return;
    }
  }

  /** Moves the view so the next match (older: -1, newer: +1) is the top line. */
  private findMatch(direction: -1 | 1): void {
    const pane = this.focusedPane();
    const query = this.state.scroll.query;
    if (!pane || !query) return;
    const top = pane.screen.baseY - this.state.scroll.back;
    const line = direction < 0 ? pane.screen.searchBackward(query, top) : pane.screen.searchForward(query, top);
    if (line === undefined) {
      this.set({message: `no ${direction < 0 ? 'older' : 'newer'} match for "${query}"`});
      return;
    }
    this.setBack(pane.screen.baseY - line);
  }

  private searchKey(name: string, text: string): void {
    const sc = this.state.scroll;
    if (name === 'enter') {
      this.set({mode: 'scroll', scroll: {...sc, query: sc.typing || sc.query, typing: ''}});
      // Search from the bottom of the view: a match already on screen counts.
      const pane = this.focusedPane();
      if (pane && (sc.typing || sc.query)) {
        const bottom = pane.screen.baseY - sc.back + pane.screen.rows;
        const line = pane.screen.searchBackward(sc.typing || sc.query, bottom);
        if (line === undefined) this.set({message: `no match for "${sc.typing || sc.query}"`});
        else this.setBack(Math.max(0, pane.screen.baseY - line));
      }
      return this.redraw();
    }
    if (name === 'esc') {
      this.set({mode: 'scroll', scroll: {...sc, typing: ''}});
      return this.redraw();
    }
    if (name === 'backspace') {
      this.set({scroll: {...sc, typing: sc.typing.slice(0, -1)}});
      return this.redraw();
    }
    if (name === 'space') text = ' ';
    if (text.length === 0 || /[\x00-\x1f\x7f]/.test(text)) return;
    this.set({scroll: {...sc, typing: sc.typing + text}});
    this.redraw();
  }

  private listKey(name: string): void {
    const s = this.state;
    const n = s.workspaces.length;
    if (/^[1-9]$/.test(name) && Number(name) <= n) return this.switchWorkspace(Number(name) - 1);
    switch (resolveKey(this.options.keymap, ['workspaces'], name)) {
      case 'workspaces.down':
        this.set({listCursor: Math.min(n - 1, s.listCursor + 1)});
        return this.redraw();
      case 'workspaces.up':
        this.set({listCursor: Math.max(0, s.listCursor - 1)});
        return this.redraw();
      case 'workspaces.open':
        return this.switchWorkspace(s.listCursor);
      case 'workspaces.close':
        this.set({mode: 'normal'});
        return this.redraw();
      default:
        return;
    }
  }
}

/**
 * The output of the last command: the lines between the previous prompt and the current one, found by the text
 * before the cursor on the cursor's line (the prompt). The whole screen when no earlier prompt is found.
 */
export function lastOutput(pane: ShellPane): string {
  const screen = pane.screen;
  const cursorLine = screen.cursorLine;
  const buffer = screen.term.buffer.active;
  const prompt = buffer.getLine(cursorLine)?.translateToString(true, 0, buffer.cursorX).trim() ?? '';
  if (prompt !== '') {
    for (let y = cursorLine - 1; y >= 0; y--) {
      if (!buffer.getLine(y)?.translateToString(true).startsWith(prompt)) continue;
      // Skip the rest of a long command line (wrapped rows).
      let from = y + 1;
      while (from < cursorLine && buffer.getLine(from)?.isWrapped) from++;
      return screen.text(from, cursorLine).replace(/\n+$/, '');
    }
  }
  return screen.text(screen.baseY, screen.baseY + screen.rows).replace(/\n+$/, '');
}
