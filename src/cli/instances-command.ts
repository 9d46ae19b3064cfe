// `fleetdeck instances`: the instances view without the UI — same loader, same filter syntax, same columns.
// JSON and CSV carry raw values (ISO timestamps, the agent version as SSM reports it) and are written page by page
// as the fleet loads, so memory does not grow with the fleet; the table needs every row for its widths and the
// newest agent per platform, and bounds each cell's width.
import type {ManagedInstance} from '../fleet/instances/instance.js';
import {compileFilter} from '../fleet/filter.js';
import {displayWidth, padCell} from '../fleet/format.js';
import {instancesView} from '../views/instances/instances-view.js';
import {newestAgents} from '../views/instances/present.js';
import type {ColumnContext} from '../views/view.js';
import {recordTable} from './headless-output.js';

export class FilterError extends Error {
  override name = 'FilterError';
}

export type InstancesFormat = 'table' | 'json' | 'csv';

/** A headless table cell is cut (with `…`) at this many columns: one long tag value must not widen every line. */
export const MAX_TABLE_CELL = 40;

export function instancePredicate(filter: string | undefined): (i: ManagedInstance) => boolean {
  if (!filter?.trim()) return () => true;
  const res = compileFilter(filter, instancesView.table.filter);
  if (!res.ok) throw new FilterError(`--filter: ${res.error}`);
  return res.predicate;
}

export function filterInstances(rows: readonly ManagedInstance[], filter: string | undefined): ManagedInstance[] {
  return rows.filter(instancePredicate(filter));
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function toJson(i: ManagedInstance): Record<string, unknown> {
  return {
    ...i,
    lastPingAt: iso(i.lastPingAt),
    lastAssociationAt: iso(i.lastAssociationAt),
    registrationDate: iso(i.registrationDate),
    ...(i.ec2 ? {ec2: {...i.ec2, launchTime: iso(i.ec2.launchTime)}} : {}),
  };
}

/** RFC 4180 quoting, and a leading ' on cells a spreadsheet would run as a formula. */
export function csvCell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The table's columns with raw values: what a script reads, not what fits a screen. */
function csvColumns(tagColumns: readonly string[], place?: {account: string; region: string}): {title: string; value: (i: ManagedInstance) => string}[] {
  return [
    // Over several contexts every row says where it lives (the account id, as scripts match it).
    ...(place ? [{title: 'ACCOUNT', value: () => place.account}, {title: 'REGION', value: () => place.region}] : []),
    {title: 'ID', value: (i) => i.instanceId},
    {title: 'NAME', value: (i) => i.name},
    {title: 'PING', value: (i) => i.pingStatus},
    {title: 'PLATFORM', value: (i) => `${i.platformName || i.platformType} ${i.platformVersion}`.trim()},
    {title: 'AGENT', value: (i) => i.agentVersion},
    {title: 'LAST PING', value: (i) => iso(i.lastPingAt) ?? ''},
    {title: 'IP', value: (i) => i.ipAddress},
    ...tagColumns.map((key) => ({title: key.toUpperCase(), value: (i: ManagedInstance) => i.tags[key] ?? ''})),
  ];
}

/** One element of a JSON array as JSON.stringify(array, null, 2) would print it (strings never hold a raw newline). */
const jsonElement = (i: ManagedInstance) => `  ${JSON.stringify(toJson(i), null, 2).replace(/\n/g, '\n  ')}`;

function formatTable(rows: readonly ManagedInstance[], tagColumns: readonly string[], now: number): string {
  const cols = instancesView.columns({tagColumns});
  const ctx: ColumnContext = {now, newestAgent: newestAgents(rows)};
  const cells = rows.map((r) => cols.map((c) => c.text(r, ctx)));
  const widths = cols.map((c, n) =>
    Math.min(MAX_TABLE_CELL, Math.max(displayWidth(c.title), ...cells.map((r) => displayWidth(r[n] ?? '')))));
  const line = (r: readonly string[]) =>
    r.map((v, n) => padCell(v, widths[n] ?? 0, cols[n]?.align ?? 'left')).join('  ').trimEnd();
  const text = [line(cols.map((c) => c.title)), ...cells.map(line)].join('\n') + '\n';
  recordTable({text, titles: cols.map((c) => c.title), rows: cells, aligns: cols.map((c) => c.align ?? 'left')});
  return text;
}

export function formatInstances(rows: readonly ManagedInstance[], format: InstancesFormat,
  tagColumns: readonly string[], now: number): string {
  if (format === 'table') return formatTable(rows, tagColumns, now);
  let out = '';
  writeRows(rows, format, tagColumns, true, (s) => (out += s));
  return out + closing(format, rows.length === 0);
}

/** Writes one batch; `first` says whether the batch opens the output (the CSV header, the JSON bracket). */
function writeRows(rows: readonly ManagedInstance[], format: 'json' | 'csv', tagColumns: readonly string[],
  first: boolean, write: (s: string) => void, place?: {account: string; region: string}): void {
  if (format === 'csv') {
    const cols = csvColumns(tagColumns, place);
    let s = first ? `${cols.map((c) => csvCell(c.title)).join(',')}\n` : '';
    for (const r of rows) s += `${cols.map((c) => csvCell(c.value(r))).join(',')}\n`;
    write(s);
    return;
  }
  if (rows.length === 0) return;
  write(`${first ? '[\n' : ',\n'}${rows.map(jsonElement).join(',\n')}`);
}

const closing = (format: 'json' | 'csv', empty: boolean) => (format === 'csv' ? '' : empty ? '[]\n' : '\n]\n');

/** Where output goes: process.stdout, or a test's collector. `write` returning false means wait for 'drain'. */
export interface OutputSink {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * Prints the fleet as it loads. JSON and CSV go out page by page (waiting for the sink to drain, so a slow reader
 * holds the loader back instead of the output piling up in memory); the table waits for every page.
 */
export async function printInstances(pages: AsyncIterable<readonly ManagedInstance[]>, out: OutputSink,
  opts: {format: InstancesFormat; filter?: string; tagColumns: readonly string[]; now: number;
    /** One of several contexts: CSV rows start with its account and region. */
    place?: {account: string; region: string}}): Promise<void> {
  const keep = instancePredicate(opts.filter);
  const {format} = opts;
  if (format === 'table') {
    const rows: ManagedInstance[] = [];
    for await (const page of pages) for (const r of page) if (keep(r)) rows.push(r);
    out.write(formatTable(rows, opts.tagColumns, opts.now));
    return;
  }
  let wrote = 0;
  const write = async (s: string) => {
    if (!out.write(s)) await new Promise<void>((resolve) => out.once('drain', resolve));
  };
  for await (const page of pages) {
    const rows = page.filter(keep);
    if (rows.length === 0 && (format === 'json' || wrote > 0)) continue;
    let chunk = '';
    writeRows(rows, format, opts.tagColumns, wrote === 0, (s) => (chunk += s), opts.place);
    wrote += Math.max(1, rows.length);
    await write(chunk);
  }
  if (format === 'csv' && wrote === 0) writeRows([], format, opts.tagColumns, true, (s) => void out.write(s), opts.place);
  await write(closing(format, wrote === 0));
}
