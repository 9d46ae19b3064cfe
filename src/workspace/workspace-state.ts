// The shell workspaces' drawable state (tabs, layouts, focus, modes) and the pure bookkeeping over it: each function
// takes workspaces and returns new ones, so ShellWorkspaces only decides when to call them and what to redraw.
import {arrange, MIN_PANE, paneIds, paneRects, removePane, splitPane, terminalSize, type LayoutNode} from './layout.js';

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

export const INITIAL_SHELLS_STATE: ShellsState = {
  visible: false, workspaces: [], active: 0, mode: 'normal', tick: 0, shells: 0,
  scroll: {back: 0, query: '', typing: ''}, listCursor: 0,
};

/**
 * Where the workspaces keep that state: the shells slice of the app store (store/shells-slice.ts), so the screen
 * selects from one store. `subscribe` hears only changes of this state.
 */
export interface ShellsStatePort {
  get(): ShellsState;
  set(patch: Partial<ShellsState>): void;
  subscribe(listener: (state: ShellsState, prev: ShellsState) => void): () => void;
}

/** Pane `id` is in view in `ws` (in its layout, or the one zoomed). */
export function showsPane(ws: Workspace | undefined, id: string): boolean {
  if (!ws) return false;
  return ws.zoom ? ws.zoom === id : paneIds(ws.layout).includes(id);
}

/** Every workspace without pane `id`; a workspace goes with its last pane, and `active` follows what is left. */
export function removeFromWorkspaces(workspaces: readonly Workspace[], active: number, id: string): {workspaces: Workspace[]; active: number} {
  const out: Workspace[] = [];
  let next = active;
  workspaces.forEach((ws, i) => {
    const layout = removePane(ws.layout, id);
    if (!layout) {
      if (i < active || (i === active && next === workspaces.length - 1)) next = Math.max(0, next - 1);
      return;
    }
    const ids = paneIds(layout);
    const oldIds = paneIds(ws.layout);
    const focus = ws.focus === id ? (ids[Math.max(0, oldIds.indexOf(id) - 1)] ?? ids[0] ?? '') : ws.focus;
    const kept: Workspace = {...ws, layout, focus};
    if (ws.zoom === id) delete kept.zoom;
    out.push(kept);
  });
  return {workspaces: out, active: Math.min(next, Math.max(0, out.length - 1))};
}

/** Focus moved `delta` panes in reading order (a zoomed workspace shows the newly focused pane zoomed, as tmux does). */
export function cycleFocus(ws: Workspace, delta: number): Workspace {
  const ids = paneIds(ws.layout);
  if (ids.length < 2) return ws;
  const i = ids.indexOf(ws.focus);
  const focus = ids[(i + delta + ids.length) % ids.length] ?? ws.focus;
  const next: Workspace = {...ws, focus};
  if (ws.zoom) next.zoom = focus;
  return next;
}

/** Zoom on the focused pane, or off (a workspace of one pane does not zoom). */
export function toggleZoom(ws: Workspace): Workspace {
  const next = {...ws};
  if (ws.zoom) delete next.zoom;
  else if (paneIds(ws.layout).length > 1) next.zoom = ws.focus;
  return next;
}

/**
 * The focused pane split in `dir` with the new pane `id` (taking focus unless `keepFocus`), unzoomed; undefined when
 * the focused pane, laid out in `area`, is too small to split.
 */
export function splitFocused(ws: Workspace, dir: 'row' | 'column', id: string, area: {cols: number; rows: number},
  keepFocus: boolean): Workspace | undefined {
  const focus = ws.focus;
  // The size the pane has in the layout (not zoomed).
  const rect = paneRects(arrange(ws.layout, {x: 0, y: 0, width: area.cols, height: area.rows})).get(focus);
  const size = rect ? terminalSize(rect) : undefined;
  const tooSmall = !size || (dir === 'row' ? (size.cols - 1) / 2 < MIN_PANE.cols : (size.rows + 1) / 2 - 1 < MIN_PANE.rows);
  if (tooSmall) return undefined;
  const next: Workspace = {...ws, layout: splitPane(ws.layout, focus, dir, id), focus: keepFocus ? focus : id};
  delete next.zoom;
  return next;
}

/** `index` wrapped into 0..n-1 (next/previous workspace cycle round). */
export function wrapIndex(index: number, n: number): number {
  return ((index % n) + n) % n;
}
