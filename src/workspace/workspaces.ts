// The shell workspaces: tabs of split panes, each pane its own session. The coordinator the app talks to: it keeps
// the state SplitLayout draws from (the app store's shells slice, through a port) and decides what each action
// changes, and leaves the parts to their modules: layout bookkeeping to workspace-state.ts, sessions and audit to
// pane-sessions.ts, redraw batching and input priority to redraw-scheduler.ts, keys to mode-keys.ts and
// scroll-mode.ts, forwards panes to forwards-pane.ts.
import {resolveKey, type Keymap} from '../keys/keymap.js';
import type {Lifecycle} from '../lifecycle.js';
import type {AuditEvent} from '../audit.js';
import {sanitizeText} from '../fleet/sanitize.js';
import {arrange, gridLayout, paneIds, paneRects, terminalSize, type Arranged} from './layout.js';
import {prefixChar, splitKeys} from './keys.js';
import type {ShellPane, ShellTarget} from './pane.js';
import {PaneSessions} from './pane-sessions.js';
import {ForwardsPanes, type ForwardsFrame} from './forwards-pane.js';
import type {ForwardRow} from '../fleet/forwards/forwards.js';
import type {ShellLauncher} from './shell.js';
import {RedrawScheduler} from './redraw-scheduler.js';
import {handleWorkspaceInput, type ModeKeysHost} from './mode-keys.js';
import {byName} from '../fleet/instances/instance-names.js';
import {
  cycleFocus, removeFromWorkspaces, showsPane, splitFocused, toggleZoom, wrapIndex,
  type ShellsState, type ShellsStatePort, type Workspace,
} from './workspace-state.js';

export type {ShellTarget} from './pane.js';
export type {ShellsState, ShellsStatePort, Workspace, WorkspaceMode} from './workspace-state.js';
export {lastOutput} from './scroll-mode.js';
export type {ForwardsFrame} from './forwards-pane.js';

/** Panes opened at once by `s` on marked instances. */
export const MAX_PANES_AT_ONCE = 8;

export interface ShellWorkspacesOptions {
  /** Where the workspaces' state lives: the app store's shells slice (store/shells-slice.ts shellsPort). */
  state: ShellsStatePort;
  launcher: ShellLauncher;
  keymap: Keymap;
  /** The prefix key's name ('ctrl+g'). */
  prefixKey: string;
  /** The content area the workspace is drawn in (cols × rows, pane titles included). */
  area: () => {cols: number; rows: number};
  /** "local" or account/region/profile, for the audit log; with several contexts, each node's own. */
  identity: string | ((instanceId: string) => string);
  audit: (event: AuditEvent) => void;
  copy?: (text: string) => void;
  lifecycle?: Lifecycle;
  /** StartSession's Reason. */
  reason?: string;
  /** Flow control: unparsed output (bytes) at which a pane's session is paused and resumed (tests lower them). */
  outputWatermarks?: {high: number; low: number};
  /** The open port forwards, for the forwards pane (absent: no such pane). */
  forwards?: () => readonly ForwardRow[];
  /** Said in every pane's title: who the shells run as when it is not what the remote claims (the local fleet). */
  paneNote?: string;
}

export interface PaneFrame {
  pane: ShellPane;
  focused: boolean;
  rows: string[];
  /** ShellWorkspacesOptions.paneNote. */
  note?: string;
}

/**
 * The workspaces. Besides the API the app uses, the actions the keys run (ModeKeysHost: focusBy, split, …) are
 * public so mode-keys.ts can run them.
 */
export class ShellWorkspaces implements ModeKeysHost {
  /** The shells slice of the app store, as the workspaces read and write it. */
  readonly slice: ShellsStatePort;
  readonly prefixByte: string;
  private readonly panes: PaneSessions;
  /** The port-forwards panes (in the layouts beside the shells). */
  private readonly forwards: ForwardsPanes;
  private nextId = 1;
  private readonly scheduler: RedrawScheduler;
  private readonly unregister: (() => void) | undefined;

  constructor(private readonly options: ShellWorkspacesOptions) {
    this.prefixByte = prefixChar(options.prefixKey);
    this.slice = options.state;
    this.panes = new PaneSessions(options, {
      onChange: (p) => this.scheduler.schedule(p),
      onBell: (p) => {
        if (this.state.visible && this.activeWorkspace()?.focus === p.id) return;
        p.bell = true;
        this.scheduler.schedule();
      },
      onCount: () => this.countShells(),
      onAuditFailed: (message) => this.set({message}),
    });
    this.scheduler = new RedrawScheduler({
      visible: () => this.state.visible,
      isShown: (pane) => showsPane(this.activeWorkspace(), pane.id),
      isFocused: (pane) => this.activeWorkspace()?.focus === pane.id,
      panes: () => this.panes.all(),
      redraw: () => this.redraw(),
    });
    this.forwards = new ForwardsPanes(options.forwards, {
      activeWorkspace: () => this.activeWorkspace(),
      schedule: () => this.scheduler.schedule(),
    });
    this.unregister = options.lifecycle?.register({
      describe: () => {
        const n = this.panes.liveCount();
        return n ? `${n} shell${n === 1 ? '' : 's'}` : undefined;
      },
      closeAll: (reason) => this.closeAll(reason),
    });
  }

  get state(): ShellsState {
    return this.slice.get();
  }

  get prefixKey(): string {
    return this.options.prefixKey;
  }

  get keymap(): Keymap {
    return this.options.keymap;
  }

  set(patch: Partial<ShellsState>): void {
    this.slice.set(patch);
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
    const note = this.options.paneNote;
    return {pane, focused, rows: this.scheduler.rows(pane, focused, back), ...(note === undefined ? {} : {note})};
  }

  /** What SplitLayout draws for a port-forwards pane (undefined: `id` is not one). */
  forwardsFrame(id: string, cols: number, rows: number): ForwardsFrame | undefined {
    return this.forwards.frame(id, cols, rows);
  }

  // ---- opening and closing ----------------------------------------------------------------------------------

  /** A new workspace with one pane per target (at most 8, the first by name), shown at once. */
  open(targets: readonly ShellTarget[]): void {
    if (targets.length === 0) return;
    // Panes read left to right, top to bottom by name (unnamed instances last, by id).
    const chosen = byName(targets, (t) => t.instanceId, new Map(targets.map((t) => [t.instanceId, t.name])))
      .slice(0, MAX_PANES_AT_ONCE);
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
    chosen.forEach((t, i) => this.panes.start(ids[i] ?? '', t, terminalSize(rects.get(ids[i] ?? '') ?? {x: 0, y: 0, width: 80, height: 25})));
    this.redraw();
  }

  private newPaneId(): string {
    return `p${this.nextId++}`;
  }

  private countShells(): void {
    const shells = this.panes.liveCount();
    if (shells !== this.state.shells) this.set({shells});
  }

  /** Closes one pane (terminating its session); the workspace goes when its last pane does. */
  async closePane(id: string, reason = 'closed by the user'): Promise<void> {
    if (this.forwards.delete(id)) {
      this.removeFromLayouts(id);
      return;
    }
    const pane = this.panes.take(id);
    if (!pane) return;
    this.scheduler.forget(pane);
    this.removeFromLayouts(id);
    await this.panes.terminate(pane, reason);
  }

  /** Takes a pane out of its workspace's layout; the workspace goes when its last pane does. */
  private removeFromLayouts(id: string): void {
    const s = this.state;
    const {workspaces, active} = removeFromWorkspaces(s.workspaces, s.active, id);
    this.set({workspaces, active, visible: s.visible && workspaces.length > 0, mode: 'normal', scroll: {back: 0, query: '', typing: ''}});
    this.relayout();
    this.countShells();
  }

  /** Terminates every session (quit, SIGHUP, SIGTERM). */
  async closeAll(reason: string): Promise<void> {
    const ids = [...this.forwards.ids(), ...this.panes.ids()];
    await Promise.allSettled(ids.map((id) => this.closePane(id, reason)));
    this.set({visible: false});
  }

  reconnect(pane: ShellPane): void {
    this.panes.reconnect(pane);
  }

  dispose(): void {
    this.scheduler.dispose();
    this.forwards.dispose();
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

  /** A new shell to the same instance beside (row) or below (column) the focused pane. */
  split(dir: 'row' | 'column'): void {
    const pane = this.focusedPane();
    if (!pane) return;
    const id = this.splitActive(dir, this.newPaneId());
    if (id === undefined) return;
    this.panes.start(id, pane.target, this.paneSize(id));
  }

  /** Splits the focused pane (of either kind), the new pane `id` taking focus; undefined when it is too small. */
  private splitActive(dir: 'row' | 'column', id: string, keepFocus = false): string | undefined {
    const ws = this.activeWorkspace();
    if (!ws) return undefined;
    const next = splitFocused(ws, dir, id, this.options.area(), keepFocus);
    if (!next) {
      this.set({message: 'the pane is too small to split'});
      return undefined;
    }
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
  openForwardsPane(): void {
    if (!this.forwards.available) {
      this.set({message: 'port forwards are not available here'});
      return;
    }
    const ws = this.activeWorkspace();
    if (ws && this.forwards.shownIn(ws)) {
      this.set({message: 'the port forwards are already shown in this workspace'});
      return;
    }
    const id = this.splitActive('row', `f${this.nextId++}`, true);
    if (id === undefined) return;
    this.forwards.add(id);
    this.redraw();
  }

  focusBy(delta: number): void {
    this.updateActive((ws) => cycleFocus(ws, delta));
    const p = this.focusedPane();
    if (p) p.bell = false;
    if (this.activeWorkspace()?.zoom) this.relayout();
    this.redraw();
  }

  toggleZoom(): void {
    this.updateActive(toggleZoom);
    this.relayout();
  }

  toggleBroadcast(): void {
    this.updateActive((ws) => ({...ws, broadcast: !ws.broadcast}));
    this.redraw();
  }

  switchWorkspace(index: number): void {
    const n = this.state.workspaces.length;
    if (n === 0) return;
    this.set({active: wrapIndex(index, n), mode: 'normal', scroll: {back: 0, query: '', typing: ''}});
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
  redraw(): void {
    this.set({tick: this.state.tick + 1});
  }

  // ---- input -------------------------------------------------------------------------------------------------

  /**
   * Raw input typed while the shells are shown. Returns what is left for the dashboard when a key in the middle
   * of `data` hid the shells ('' when everything was used here).
   */
  handleInput(data: string): string {
    return handleWorkspaceInput(this, data);
  }

  typeIntoPanes(text: string): void {
    const ws = this.activeWorkspace();
    const focused = this.focusedPane();
    if (!ws || !focused) return;
    if (!focused.live) {
      // An ended pane takes its reconnect and close commands without the prefix key.
      for (const key of splitKeys(text)) {
        const id = resolveKey(this.keymap, ['pane'], key.name);
        if (id === 'pane.reconnect') this.reconnect(focused);
        else if (id === 'pane.close') void this.closePane(focused.id);
      }
      return;
    }
    const typed = ws.broadcast ? paneIds(ws.layout).flatMap((id) => this.panes.get(id) ?? []) : [focused];
    this.scheduler.prioritize(typed, focused);
    for (const p of typed) p.write(text);
  }

  copy(text: string, what: string): void {
    if (!this.options.copy) {
      this.set({message: 'copying is not available here'});
      return;
    }
    this.options.copy(text);
    this.set({message: `copied ${what} (${text.length} characters) to the clipboard`});
  }
}
