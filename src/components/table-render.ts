// Pure table layout and row rendering: which columns fit, how wide each is, and each row as one styled string.
import type {Column, ColumnContext} from './columns.js';
import {padCell, truncate} from '../fleet/format.js';
import {bold, inverse, tone} from './style.js';

export interface LaidColumn<T> {
  col: Column<T>;
  width: number;
}

const GAP = 1;
/** Two cells at the start of each row: the mark indicator and a space. */
export const MARK_WIDTH = 2;

/** Hide the least important columns until the rest fit, then share the leftover width among flex columns. */
export function layoutColumns<T>(cols: readonly Column<T>[], width: number): LaidColumn<T>[] {
  let shown = cols.slice();
  const need = (cs: readonly Column<T>[]) => MARK_WIDTH + cs.reduce((n, c) => n + c.width, 0) + GAP * (cs.length - 1);
  while (shown.length > 1 && need(shown) > width) {
    const worst = shown.reduce((a, b) => (b.priority > a.priority ? b : a));
    shown = shown.filter((c) => c !== worst);
  }
  const spare = Math.max(0, width - need(shown));
  const flex = shown.filter((c) => c.flex);
  const each = flex.length ? Math.floor(spare / flex.length) : 0;
  let rest = flex.length ? spare - each * flex.length : 0;
  return shown.map((col) => {
    let w = col.width;
    if (col.flex) {
      w += each + (rest > 0 ? 1 : 0);
      if (rest > 0) rest--;
    }
    return {col, width: w};
  });
}

export function renderHeaderRow<T>(laid: readonly LaidColumn<T>[], sortKey: string, sortDesc: boolean): string {
  const cells = laid.map(({col, width}) => {
    const title = col.id === sortKey ? `${col.title}${sortDesc ? '↓' : '↑'}` : col.title;
    return padCell(truncate(title, width), width, col.align ?? 'left');
  });
  return bold(' '.repeat(MARK_WIDTH) + cells.join(' '.repeat(GAP)));
}

export function renderRow<T>(
  laid: readonly LaidColumn<T>[],
  row: T,
  ctx: ColumnContext,
  state: {cursor: boolean; marked: boolean},
): string {
  const mark = state.marked ? '● ' : '  ';
  if (state.cursor) {
    // The cursor row is one inverse run: per-cell colours inside it would end the inverse early.
    const plain = laid.map(({col, width}) => padCell(truncate(col.text(row, ctx), width), width, col.align ?? 'left'));
    return inverse(mark + plain.join(' '.repeat(GAP)));
  }
  if (state.marked) {
    // Marked rows are one accent run, like the cursor row, so the mark reads across the whole line.
    const plain = laid.map(({col, width}) => padCell(truncate(col.text(row, ctx), width), width, col.align ?? 'left'));
    return tone(mark + plain.join(' '.repeat(GAP)), 'accent');
  }
  const cells = laid.map(({col, width}) => {
    const text = padCell(truncate(col.text(row, ctx), width), width, col.align ?? 'left');
    return tone(text, col.tone?.(row, ctx));
  });
  return mark + cells.join(' '.repeat(GAP));
}
