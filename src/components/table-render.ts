// Pure table layout and row rendering: which columns fit, how wide each is, and each row as one styled string.
import type {Column, ColumnContext} from './columns.js';
import {displayWidth, padCell, truncate} from '../fleet/format.js';
import {sanitizeText} from '../fleet/sanitize.js';
import {bold, highlight, tone} from './style.js';

export interface LaidColumn<T> {
  col: Column<T>;
  width: number;
}

const GAP = 1;
/** Two cells at the start of each row: the mark indicator and a space. */
export const MARK_WIDTH = 2;

/** The widest a whole value may claim for a `whole` column; beyond it the value is cut. */
const WHOLE_MAX = 24;

/**
 * Lay the columns out in `width` cells. `longest` (the widest value of each column in the rows, when known) bounds
 * the text (flex) columns: none grows past its longest value or title, so the room goes to what would be cut or
 * hidden, and a `whole` column claims its longest value before columns of lower importance keep theirs.
 *
 * Each column has a least width (its `minWidth` if it may be cut, else its width; a `whole` column its longest
 * value) and a most width (a flex column's longest value or title, unbounded without rows; else its width). The
 * other columns are hidden, the least important first, before a whole value or a cuttable column gives up room; a
 * cuttable column is cut last. The room left goes first to cut columns, back to their width, then to the flex
 * columns below their most width, evenly.
 */
export function layoutColumns<T>(
  cols: readonly Column<T>[],
  width: number,
  longest?: (col: Column<T>) => number | undefined,
): LaidColumn<T>[] {
  const bounds = new Map(cols.map((c) => {
    const long = longest?.(c);
    // The title with its sort arrow must stay readable.
    // Only text (flex) columns are bounded by their values: fixed ones hold values that change with the clock.
    const most = !c.flex ? c.width : long === undefined ? Infinity : Math.max(c.title.length + 1, long);
    const base = Math.min(c.width, most);
    const least = c.whole && long !== undefined ? Math.max(base, Math.min(most, WHOLE_MAX)) : Math.min(c.minWidth ?? base, base);
    return [c, {least, base, most}] as const;
  }));
  const bound = (c: Column<T>) => bounds.get(c) ?? {least: c.width, base: c.width, most: c.width};
  const need = (cs: readonly Column<T>[], w: (c: Column<T>) => number) =>
    MARK_WIDTH + cs.reduce((n, c) => n + w(c), 0) + GAP * (cs.length - 1);
  const uncut = (c: Column<T>) => (c.minWidth === undefined ? bound(c).least : bound(c).base);
  const least = (c: Column<T>) => bound(c).least;
  let shown = cols.slice();
  const hideWorst = (may: (c: Column<T>) => boolean): boolean => {
    const candidates = shown.filter(may);
    if (candidates.length === 0) return false;
    const worst = candidates.reduce((a, b) => (b.priority > a.priority ? b : a));
    shown = shown.filter((c) => c !== worst);
    return true;
  };
  // A whole value and an uncut column come before every other column: those go first, the least important first.
  while (shown.length > 1 && need(shown, uncut) > width && hideWorst((c) => !c.whole && c.minWidth === undefined));
  // Then cuttable columns are cut, and if that is not enough, the least important of what is left goes.
  while (shown.length > 1 && need(shown, least) > width) hideWorst(() => true);
  const widths = new Map(shown.map((c) => [c, bound(c).least]));
  let spare = Math.max(0, width - need(shown, least));
  // Cut columns back to their width, the most important first.
  for (const c of [...shown].sort((a, b) => a.priority - b.priority)) {
    const w = widths.get(c) ?? 0;
    const give = Math.min(spare, Math.max(0, bound(c).base - w));
    widths.set(c, w + give);
    spare -= give;
  }
  // Then the rest, evenly among the flex columns (fixed ones are at their width), none past its most width.
  let open = shown.filter((c) => c.flex && (widths.get(c) ?? 0) < bound(c).most);
  while (spare > 0 && open.length > 0) {
    const each = Math.max(1, Math.floor(spare / open.length));
    for (const c of open) {
      if (spare === 0) break;
      const w = widths.get(c) ?? 0;
      const give = Math.min(each, spare, bound(c).most - w);
      widths.set(c, w + give);
      spare -= give;
    }
    open = open.filter((c) => (widths.get(c) ?? 0) < bound(c).most);
  }
  return shown.map((col) => ({col, width: widths.get(col) ?? col.width}));
}

/** How many rows are measured for `longest`: enough for a screenful and beyond, bounded for big fleets. */
const MEASURED_ROWS = 2000;

/**
 * Display widths of cells already measured, per row (one slot per column, in the order of the columns measured).
 * Valid for one set of columns and rows: at 50,000 rows a filter keystroke would otherwise format and measure
 * 2,000 rows × every column again, most of its frame.
 */
export type WidthCache<T> = Map<T, Uint16Array>;

/** The widest value of each column over (the first rows of) `rows`, for layoutColumns. */
export function longestValues<T>(
  cols: readonly Column<T>[],
  rows: readonly T[],
  ctx: ColumnContext,
  cache?: WidthCache<T>,
): (col: Column<T>) => number | undefined {
  if (rows.length === 0) return () => undefined;
  const widest = new Array<number>(cols.length).fill(0);
  const n = Math.min(rows.length, MEASURED_ROWS);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row === undefined) continue;
    let widths = cache?.get(row);
    if (widths === undefined) {
      widths = new Uint16Array(cols.length);
      for (let c = 0; c < cols.length; c++) {
        widths[c] = Math.min(0xffff, displayWidth(cellText(cols[c] as Column<T>, row, ctx)));
      }
      cache?.set(row, widths);
    }
    for (let c = 0; c < cols.length; c++) {
      const w = widths[c] ?? 0;
      if (w > (widest[c] ?? 0)) widest[c] = w;
    }
  }
  const byCol = new Map(cols.map((c, i) => [c, widest[i] ?? 0]));
  return (c) => byCol.get(c);
}

/** A cell's text, safe for the screen even if a row skipped the loader's sanitizing (a cheap test when clean). */
const cellText = <T>(col: Column<T>, row: T, ctx: ColumnContext): string => sanitizeText(col.text(row, ctx));

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
    // The cursor row is one inverse run over its text: per-cell colours inside it would end the inverse early.
    const plain = laid.map(({col, width}) => padCell(truncate(cellText(col, row, ctx), width), width, col.align ?? 'left'));
    return highlight(mark + plain.join(' '.repeat(GAP)));
  }
  if (state.marked) {
    // Marked rows are one accent run, like the cursor row, so the mark reads across the whole line.
    const plain = laid.map(({col, width}) => padCell(truncate(cellText(col, row, ctx), width), width, col.align ?? 'left'));
    return tone(mark + plain.join(' '.repeat(GAP)), 'accent');
  }
  const cells = laid.map(({col, width}) => {
    const text = padCell(truncate(cellText(col, row, ctx), width), width, col.align ?? 'left');
    return tone(text, col.tone?.(row, ctx));
  });
  return mark + cells.join(' '.repeat(GAP));
}
