// `fleetdeck instances`: the instances view without the UI — same loader, same filter syntax, same columns.
import type {ManagedInstance} from '../fleet/instance.js';
import {compileFilter} from '../fleet/filter.js';
import {displayWidth, padCell} from '../fleet/format.js';
import {instancesView} from '../views/instances/view.js';
import {newestAgents} from '../views/instances/present.js';
import type {ColumnContext} from '../views/view.js';

export class FilterError extends Error {
  override name = 'FilterError';
}

export function filterInstances(rows: readonly ManagedInstance[], filter: string | undefined): ManagedInstance[] {
  if (!filter?.trim()) return rows.slice();
  const res = compileFilter(filter, instancesView.table.filter);
  if (!res.ok) throw new FilterError(`--filter: ${res.error}`);
  return rows.filter(res.predicate);
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

export function formatInstances(rows: readonly ManagedInstance[], format: 'table' | 'json' | 'csv',
  tagColumns: readonly string[], now: number): string {
  if (format === 'json') return JSON.stringify(rows.map(toJson), null, 2) + '\n';
  const cols = instancesView.columns({tagColumns});
  const ctx: ColumnContext = {now, newestAgent: newestAgents(rows)};
  const cells = rows.map((r) => cols.map((c) => c.text(r, ctx)));
  if (format === 'csv') {
    return [cols.map((c) => csvCell(c.title)), ...cells.map((r) => r.map(csvCell))].map((r) => r.join(',')).join('\n') + '\n';
  }
  const widths = cols.map((c, n) => Math.max(displayWidth(c.title), ...cells.map((r) => displayWidth(r[n] ?? ''))));
  const line = (r: readonly string[]) =>
    r.map((v, n) => padCell(v, widths[n] ?? 0, cols[n]?.align ?? 'left')).join('  ').trimEnd();
  return [line(cols.map((c) => c.title)), ...cells.map(line)].join('\n') + '\n';
}
