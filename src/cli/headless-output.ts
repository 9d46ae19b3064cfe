// What headless commands print. Tables are for people: every cell sanitized and cut to a bounded width, so one long
// or hostile value cannot blow up the layout or reach the terminal as a control sequence. JSON is for programs: the
// values as AWS sent them, with JSON escaping for every character a terminal could act on or that hides text.
import {AsyncLocalStorage} from 'node:async_hooks';
import {displayWidth, padCell, truncate, type Align} from '../fleet/format.js';
import {sanitizeText} from '../fleet/sanitize.js';

/** Widest a headless table cell gets (as in `fleetdeck instances`); longer values end with `…` (JSON has them whole). */
export const MAX_CELL_WIDTH = 40;

/** A table as a command formatted it: what a run over several contexts merges into one table with ACCOUNT and REGION. */
export interface FormattedTable {
  text: string;
  titles: readonly string[];
  rows: readonly (readonly string[])[];
  aligns: readonly Align[];
}

const recording = new AsyncLocalStorage<FormattedTable[]>();

/** Runs `fn` and lists every table formatted inside it (in order), beside its result. */
export async function recordTables<T>(fn: () => Promise<T>): Promise<{value: T; tables: FormattedTable[]}> {
  const tables: FormattedTable[] = [];
  const value = await recording.run(tables, fn);
  return {value, tables};
}

/** A table formatter of its own (the instances table) says what it formatted, so several contexts' merge. */
export function recordTable(table: FormattedTable): void {
  recording.getStore()?.push(table);
}

/** A plain aligned text table (no colour, no escapes): titles, then rows, two spaces apart; from `rightFrom` right-aligned. */
export function formatTable(titles: readonly string[], rows: readonly (readonly string[])[], rightFrom = titles.length): string {
  return formatAlignedTable(titles, rows, titles.map((_, n) => (n >= rightFrom ? 'right' : 'left')));
}

/** formatTable with each column's alignment. */
export function formatAlignedTable(titles: readonly string[], rows: readonly (readonly string[])[], aligns: readonly Align[]): string {
  const cells = rows.map((r) => r.map((v) => truncate(sanitizeText(v), MAX_CELL_WIDTH)));
  const widths = titles.map((t, n) => Math.max(displayWidth(t), ...cells.map((r) => displayWidth(r[n] ?? ''))));
  const line = (r: readonly string[]) =>
    r.map((v, n) => padCell(v, widths[n] ?? 0, aligns[n] ?? 'left')).join('  ').trimEnd();
  const text = [line(titles), ...cells.map(line)].join('\n') + '\n';
  recordTable({text, titles, rows, aligns});
  return text;
}

// JSON.stringify escapes C0 controls but not DEL, C1 (U+009B is an 8-bit CSI), bidi overrides or invisible
// characters: those become \uXXXX too, so `jq` and programs read the real strings and a terminal shows only text.
const UNESCAPED = /[\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\u{e0000}-\u{e007f}]/gu;

const escapeUnits = (ch: string) =>
  Array.from({length: ch.length}, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');

export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNESCAPED, escapeUnits) + '\n';
}

/** One JSON value on one line (JSON lines), escaped as formatJson escapes. */
export function formatJsonLine(value: unknown): string {
  return JSON.stringify(value).replace(UNESCAPED, escapeUnits) + '\n';
}
