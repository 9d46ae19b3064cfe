// A resource table's state as pure functions: rows → sorted → filtered (visible), a cursor that keeps its row
// across refreshes, and marks by row id. Every view's table uses this; the store only holds the states.
import {compileFilter, type FilterSchema} from './filter.js';
import {buildTextIndex, searchTextIndex, type TextIndex} from './text-index.js';
import {collationKey, collator} from './collation-key.js';

export type SortValue = string | number;

export interface TableSpec<T> {
  rowId: (row: T) => string;
  /** Sort keys by column id; the column ids double as the sort choices. */
  sortValues: Readonly<Record<string, (row: T) => SortValue>>;
  /** Sort keys known only at run time (extra tag columns: `tag:Env`). */
  dynamicSort?: (key: string) => ((row: T) => SortValue) | undefined;
  filter: FilterSchema<T>;
}

function sortValueFor<T>(spec: TableSpec<T>, key: string): ((row: T) => SortValue) | undefined {
  return spec.sortValues[key] ?? spec.dynamicSort?.(key);
}

export interface TableState<T> {
  rows: readonly T[];
  sorted: readonly T[];
  visible: readonly T[];
  /** The filter as typed; `appliedFilter` is the last one that compiled (what `visible` reflects). */
  filterText: string;
  appliedFilter: string;
  filterError?: string;
  predicate?: (row: T) => boolean;
  /** The applied filter is only plain free-text terms: typing more can only narrow it. */
  appliedNarrows?: boolean;
  sortKey: string;
  sortDesc: boolean;
  /** Sort keys beyond the spec's own, offered by `cycleSort` (the extra tag columns on screen). */
  extraSortKeys?: readonly string[];
  cursor: number;
  cursorId?: string;
  /**
   * The user has moved the cursor: from then on it stays on its row (by id) as rows arrive, refresh, filter and
   * sort. Until then it stays on the first row, so a fleet that loads page by page opens at its top.
   */
  cursorMoved?: boolean;
  top: number;
  marks: ReadonlySet<string>;
  /** The last row toggled: one end of a range mark. */
  anchorId?: string;
  /** Free-text search index over `sorted`, built at the first free-text filter after the rows or sort changed. */
  textIndex?: TextIndex<T>;
  /** The rows are a first page shown before the view's first load (view-sync.ts seedRows): it streams over them. */
  seeded?: boolean;
}

/** Below this many rows to filter, one predicate call per row costs less than building the index. */
const INDEX_MIN_ROWS = 2_000;

export function initTable<T>(sortKey: string): TableState<T> {
  return {
    rows: [], sorted: [], visible: [], filterText: '', appliedFilter: '', sortKey, sortDesc: false,
    cursor: 0, top: 0, marks: new Set(),
  };
}

/** AWS resource ids (i-0a1b…, mi-…, command ids): hex, where numeric collation would read "09f" after "0a1". */
const RESOURCE_ID = /^[a-z]+-[0-9a-f]{8,}$/;

/**
 * A row with its sort key computed once, whether that key is a resource id, its collation key (text), and its
 * position in the rows.
 */
interface Keyed<T> {
  row: T;
  k: SortValue;
  id: boolean;
  c: string | undefined;
  i: number;
}

function keyed<T>(row: T, get: (row: T) => SortValue, i: number): Keyed<T> {
  const k = get(row);
  const text = typeof k === 'string';
  return {row, k, id: text && RESOURCE_ID.test(k), c: text ? collationKey(k) : undefined, i};
}

/** Numbers numerically, two resource ids by code unit, other text by the collator (by collation key when both have one). */
function compare<T>(x: Keyed<T>, y: Keyed<T>): number {
  const a = x.k;
  const b = y.k;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (x.id && y.id) return a < b ? -1 : a > b ? 1 : 0;
  const cx = x.c;
  const cy = y.c;
  if (cx !== undefined && cy !== undefined) return cx < cy ? -1 : cx > cy ? 1 : 0;
  return collator.compare(String(a), String(b));
}

/** The table's order: by key (descending if asked), then by position in the rows (a stable sort). */
function ordering<T>(desc: boolean): (x: Keyed<T>, y: Keyed<T>) => number {
  const dir = desc ? -1 : 1;
  return (x, y) => compare(x, y) * dir || x.i - y.i;
}

function sortRows<T>(spec: TableSpec<T>, rows: readonly T[], key: string, desc: boolean): T[] {
  const get = sortValueFor(spec, key);
  if (!get) return rows.slice();
  // Decorate once: sort keys are computed n times, not n log n times.
  const dec = rows.map((row, i) => keyed(row, get, i));
  dec.sort(ordering(desc));
  return dec.map((d) => d.row);
}

/**
 * `rows` in the order sortRows gives them, reusing `prevSorted` (the rows before, already in that order under the
 * same key): the rows kept from before are merged with the new ones, and only the new ones are sorted. Rows that
 * stream in page by page (30,000 from six contexts) then cost a page's sort per update, not the whole table's.
 * Falls back to a full sort whenever the kept rows are not in order any more (a kept row's key changed, or rows
 * moved relative to each other), so the result is always the full sort's.
 */
export function resortRows<T>(spec: TableSpec<T>, prevSorted: readonly T[], rows: readonly T[], key: string,
  desc: boolean): T[] {
  const get = sortValueFor(spec, key);
  if (!get || prevSorted.length === 0) return sortRows(spec, rows, key, desc);
  const at = new Map<T, number>();
  for (let i = 0; i < rows.length; i++) at.set(rows[i] as T, i);
  // A row object listed twice has two positions: sort afresh rather than guess which one a kept row is.
  if (at.size !== rows.length) return sortRows(spec, rows, key, desc);
  const order = ordering<T>(desc);
  const isKept = new Uint8Array(rows.length);
  const kept: Keyed<T>[] = [];
  for (const row of prevSorted) {
    const i = at.get(row);
    if (i === undefined) continue;
    if (isKept[i] === 1) return sortRows(spec, rows, key, desc);
    isKept[i] = 1;
    const k = keyed(row, get, i);
    const before = kept[kept.length - 1];
    if (before !== undefined && order(before, k) >= 0) return sortRows(spec, rows, key, desc);
    kept.push(k);
  }
  const added: Keyed<T>[] = [];
  for (let i = 0; i < rows.length; i++) if (isKept[i] === 0) added.push(keyed(rows[i] as T, get, i));
  added.sort(order);
  const out = new Array<T>(rows.length);
  let a = 0;
  let b = 0;
  let o = 0;
  while (a < kept.length && b < added.length) {
    const x = kept[a] as Keyed<T>;
    const y = added[b] as Keyed<T>;
    if (order(x, y) < 0) {
      out[o++] = x.row;
      a++;
    } else {
      out[o++] = y.row;
      b++;
    }
  }
  while (a < kept.length) out[o++] = (kept[a++] as Keyed<T>).row;
  while (b < added.length) out[o++] = (added[b++] as Keyed<T>).row;
  return out;
}

/**
 * Re-derive visible rows and put the cursor back on the row it was on (by id), else clamp. `from` is the list to
 * filter when it is known to contain every match (a narrowing filter filters the current visible rows).
 */
function derive<T>(spec: TableSpec<T>, st: TableState<T>, sorted: readonly T[], from: readonly T[] = sorted,
  matched?: readonly T[]): TableState<T> {
  const pred = st.predicate;
  const visible = matched ?? (pred ? from.filter(pred) : sorted);
  let cursor = st.cursorMoved ? st.cursor : 0;
  if (st.cursorMoved && st.cursorId !== undefined) {
    // The same row object when the rows did not change (a filter, a sort): a native identity search, and no
    // search by id when it is gone (ids are unique among the same rows). New rows (a refresh) are found by id.
    const prev = st.visible[st.cursor];
    const same = prev !== undefined && st.sorted.length > 0 && sorted === st.sorted;
    let idx = same ? visible.indexOf(prev) : -1;
    if (idx < 0 && !same) idx = visible.findIndex((r) => spec.rowId(r) === st.cursorId);
    if (idx >= 0) cursor = idx;
  }
  cursor = Math.max(0, Math.min(cursor, visible.length - 1));
  const row = visible[cursor];
  // An index of other rows would keep them (and their 7 MB of text) alive: it goes when the rows or order change.
  const textIndex = st.textIndex?.rows === sorted ? st.textIndex : undefined;
  return {...st, sorted, visible, cursor, cursorId: row ? spec.rowId(row) : undefined, textIndex};
}

export function setRows<T>(spec: TableSpec<T>, st: TableState<T>, rows: readonly T[]): TableState<T> {
  const next = derive(spec, {...st, rows}, resortRows(spec, st.sorted, rows, st.sortKey, st.sortDesc));
  // Marks on rows that disappeared are dropped so counts and actions never reach a vanished node.
  if (next.marks.size === 0) return next;
  const ids = new Set(rows.map(spec.rowId));
  const marks = new Set([...next.marks].filter((id) => ids.has(id)));
  return marks.size === next.marks.size ? next : {...next, marks};
}

/** Apply a filter; a bad one records the error and keeps the last good result on screen. */
export function setFilter<T>(spec: TableSpec<T>, st: TableState<T>, text: string): TableState<T> {
  const res = compileFilter(text, spec.filter);
  if (!res.ok) return {...st, filterText: text, filterError: res.error};
  const trimmed = text.trim();
  const narrows = res.terms.every((t) => t.kind === 'text' && !t.negated);
  const base = {...st, filterText: text, appliedFilter: trimmed, filterError: undefined,
    predicate: trimmed ? res.predicate : undefined, appliedNarrows: narrows};
  // Typing more free text can only narrow a free-text filter: filter what is visible, not all rows (50,000).
  const narrowing = narrows && st.appliedNarrows === true && st.appliedFilter !== '' && trimmed.startsWith(st.appliedFilter);
  const from = narrowing ? st.visible : st.sorted;
  const needle = res.needles.reduce((a, b) => (b.length > a.length ? b : a), '');
  // Narrowed to a few rows already, checking each costs less than one search through every row's text.
  if (!trimmed || needle === '' || from.length < Math.max(INDEX_MIN_ROWS, st.sorted.length / 8)) {
    return derive(spec, base, st.sorted, from);
  }
  // The longest plain substring finds the candidates; other terms, if any, are checked on those only.
  const textIndex = st.textIndex?.rows === st.sorted ? st.textIndex : buildTextIndex(st.sorted, spec.filter.text);
  const candidates = searchTextIndex(textIndex, needle);
  const only = res.terms.length === 1;
  return derive(spec, {...base, textIndex}, st.sorted, from, only ? candidates : candidates.filter(res.predicate));
}

/**
 * Ready the free-text index for a filter about to be typed (the prompt opening): building it over 50,000 rows
 * costs a frame, better spent before the first keystroke than in it.
 */
export function prepareFilter<T>(spec: TableSpec<T>, st: TableState<T>): TableState<T> {
  if (st.sorted.length < INDEX_MIN_ROWS || st.textIndex?.rows === st.sorted) return st;
  return {...st, textIndex: buildTextIndex(st.sorted, spec.filter.text)};
}

export function setSort<T>(spec: TableSpec<T>, st: TableState<T>, key: string, desc: boolean): TableState<T> {
  if (!sortValueFor(spec, key)) return st;
  return derive(spec, {...st, sortKey: key, sortDesc: desc}, sortRows(spec, st.rows, key, desc));
}

/** Cycle the sort column through the spec's keys in declaration order. */
export function cycleSort<T>(spec: TableSpec<T>, st: TableState<T>, step: 1 | -1): TableState<T> {
  const keys = [...Object.keys(spec.sortValues), ...(st.extraSortKeys ?? [])];
  const i = keys.indexOf(st.sortKey);
  const key = keys[(i + step + keys.length) % keys.length] ?? st.sortKey;
  return setSort(spec, st, key, false);
}

export type CursorMove = number | 'home' | 'end';

export function moveCursor<T>(spec: TableSpec<T>, st: TableState<T>, move: CursorMove, height: number): TableState<T> {
  const n = st.visible.length;
  if (n === 0) return st;
  const target = move === 'home' ? 0 : move === 'end' ? n - 1 : st.cursor + move;
  const cursor = Math.max(0, Math.min(n - 1, target));
  const row = st.visible[cursor];
  return {...st, cursor, cursorId: row ? spec.rowId(row) : undefined, cursorMoved: true,
    top: clampTop(st.top, cursor, height, n)};
}

/** The first visible row index so that the cursor is on screen; derived again on every render (resizes). */
export function clampTop(top: number, cursor: number, height: number, total: number): number {
  const h = Math.max(1, height);
  let t = top;
  if (cursor < t) t = cursor;
  if (cursor >= t + h) t = cursor - h + 1;
  return Math.max(0, Math.min(t, Math.max(0, total - h)));
}

export function cursorRow<T>(st: TableState<T>): T | undefined {
  return st.visible[st.cursor];
}

export function toggleMark<T>(spec: TableSpec<T>, st: TableState<T>): TableState<T> {
  const row = cursorRow(st);
  if (!row) return st;
  const id = spec.rowId(row);
  const marks = new Set(st.marks);
  if (marks.has(id)) marks.delete(id);
  else marks.add(id);
  return {...st, marks, anchorId: id};
}

/** Mark every visible row between the anchor (last toggled row) and the cursor, inclusive. */
export function markRange<T>(spec: TableSpec<T>, st: TableState<T>): TableState<T> {
  const from = st.anchorId === undefined ? -1 : st.visible.findIndex((r) => spec.rowId(r) === st.anchorId);
  if (from < 0) return toggleMark(spec, st);
  const [a, b] = from <= st.cursor ? [from, st.cursor] : [st.cursor, from];
  const marks = new Set(st.marks);
  for (let i = a; i <= b; i++) {
    const row = st.visible[i];
    if (row) marks.add(spec.rowId(row));
  }
  return {...st, marks};
}

export function markAllVisible<T>(spec: TableSpec<T>, st: TableState<T>): TableState<T> {
  const marks = new Set(st.marks);
  for (const row of st.visible) marks.add(spec.rowId(row));
  return {...st, marks};
}

export function clearMarks<T>(st: TableState<T>): TableState<T> {
  return st.marks.size === 0 ? st : {...st, marks: new Set(), anchorId: undefined};
}
