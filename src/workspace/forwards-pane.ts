// A workspace pane that shows the port forwards (the `:pf` table) beside the shells they serve: the same columns as
// the view, laid out for the pane's width, one pre-styled line per row. Read-only; `:pf` stops and restarts them.
// ForwardsPanes keeps which layout panes are such panes and redraws them while shown.
import type {ForwardRow} from '../fleet/forwards/forwards.js';
import {truncate} from '../fleet/format.js';
import {forwardsView} from '../views/forwards/forwards-view.js';
import {layoutColumns, renderHeaderRow, renderRow} from '../components/table-render.js';
import {tone} from '../components/style.js';
import {paneIds} from './layout.js';
import type {Workspace} from './workspace-state.js';

/** How often the pane is redrawn while shown (uptime and byte counts move). */
export const FORWARDS_PANE_REFRESH_MS = 1_000;

/** The table as `height` lines for a pane `cols` wide, oldest forward first (the view's default order). */
export function forwardsPaneLines(rows: readonly ForwardRow[], cols: number, height: number, now: number): string[] {
  const laid = layoutColumns(forwardsView.columns({tagColumns: []}), cols);
  const lines = [renderHeaderRow(laid, '', false)];
  if (rows.length === 0) {
    lines.push(tone(truncate('  no port forwards open (F on an instance starts one)', cols), 'muted'));
  }
  const ctx = {now, newestAgent: {}};
  for (const row of [...rows].sort((a, b) => a.startedAt - b.startedAt)) {
    if (lines.length >= height) break;
    lines.push(renderRow(laid, row, ctx, {cursor: false, marked: false}));
  }
  return lines.slice(0, Math.max(0, height));
}

/** What SplitLayout draws for a port-forwards pane. */
export interface ForwardsFrame {
  focused: boolean;
  rows: string[];
}

/** What the forwards panes ask of the workspaces. */
export interface ForwardsPanesHost {
  activeWorkspace(): Workspace | undefined;
  /** Something on screen changed (a redraw soon). */
  schedule(): void;
}

/** The port-forwards panes of every workspace (no session behind them). */
export class ForwardsPanes {
  private readonly panes = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  /** `list` absent: port forwards are not available (no such pane opens). */
  constructor(private readonly list: (() => readonly ForwardRow[]) | undefined, private readonly host: ForwardsPanesHost) {}

  get available(): boolean {
    return this.list !== undefined;
  }

  ids(): IterableIterator<string> {
    return this.panes.values();
  }

  /** Some pane of `ws` is a forwards pane. */
  shownIn(ws: Workspace): boolean {
    return paneIds(ws.layout).some((p) => this.panes.has(p));
  }

  /** What SplitLayout draws for pane `id` (undefined: it is not a forwards pane). */
  frame(id: string, cols: number, rows: number): ForwardsFrame | undefined {
    if (!this.panes.has(id)) return undefined;
    const list = this.list?.() ?? [];
    return {focused: this.host.activeWorkspace()?.focus === id, rows: forwardsPaneLines(list, cols, rows, Date.now())};
  }

  /** Pane `id` (already in a layout) shows the forwards, redrawn every second while the active workspace has one. */
  add(id: string): void {
    this.panes.add(id);
    this.timer ??= setInterval(() => {
      if (this.panes.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
        return;
      }
      const shown = this.host.activeWorkspace();
      if (shown && this.shownIn(shown)) this.host.schedule();
    }, FORWARDS_PANE_REFRESH_MS);
    this.timer.unref();
  }

  /** Forgets pane `id`; false when it was not a forwards pane. */
  delete(id: string): boolean {
    return this.panes.delete(id);
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
