// A workspace pane that shows the port forwards (the `:pf` table) beside the shells they serve: the same columns as
// the view, laid out for the pane's width, one pre-styled line per row. Read-only; `:pf` stops and restarts them.
import type {ForwardRow} from '../fleet/forwards.js';
import {truncate} from '../fleet/format.js';
import {forwardsView} from '../views/forwards/view.js';
import {layoutColumns, renderHeaderRow, renderRow} from '../components/table-render.js';
import {tone} from '../components/style.js';

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
