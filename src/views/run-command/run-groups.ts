// The command history as runs: the SendCommands of one fleetdeck run (the batches of a run over more than 50
// instances share a marker in their Comment) are one row with the run's aggregate status and counts, expanded to its
// commands on demand. Commands sent one by one (or by other tools) stay rows of their own.
import type {CommandSummary} from '../../fleet/run-command/port.js';
import {readMark} from '../../fleet/run-command/run-marker.js';

export interface HistoryRow extends CommandSummary {
  /** A run's row: its commands, oldest first. */
  run?: {mark: string; commands: CommandSummary[]; expanded: boolean};
  /** A command shown under its run: the run's row (it sorts with it). */
  parent?: HistoryRow;
}

const NOT_DONE = new Set(['Pending', 'InProgress', 'Cancelling']);

/** A run's status: still running while any command runs, else the first that did not succeed, else Success. */
export function runStatus(commands: readonly CommandSummary[]): string {
  return commands.find((c) => NOT_DONE.has(c.statusDetails))?.statusDetails
    ?? commands.find((c) => c.statusDetails !== 'Success')?.statusDetails ?? 'Success';
}

export const runRowId = (mark: string): string => `run:${mark}`;

/** Rows for the history table: runs grouped (their commands after them when expanded), other commands as they are. */
export function historyRows(commands: readonly CommandSummary[], expanded: ReadonlySet<string>): HistoryRow[] {
  const byMark = new Map<string, CommandSummary[]>();
  for (const c of commands) {
    const {mark} = readMark(c.comment);
    if (mark) byMark.set(mark, [...(byMark.get(mark) ?? []), c]);
  }
  const rows: HistoryRow[] = [];
  const seen = new Set<string>();
  for (const c of commands) {
    const {mark, comment} = readMark(c.comment);
    const group = mark ? byMark.get(mark) : undefined;
    if (!mark || !group) {
      rows.push(c);
      continue;
    }
    if (seen.has(mark)) continue;
    seen.add(mark);
    const list = [...group].sort((a, b) => (a.requestedAt ?? 0) - (b.requestedAt ?? 0));
    const id = runRowId(mark);
    const open = expanded.has(id);
    const ids = list.flatMap((x) => x.instanceIds ?? []);
    const first = list[0] ?? c;
    const row: HistoryRow = {...first, commandId: id, comment, statusDetails: runStatus(list), status: runStatus(list),
      targetCount: sum(list, (x) => x.targetCount), completedCount: sum(list, (x) => x.completedCount),
      errorCount: sum(list, (x) => x.errorCount), instanceIds: ids,
      targets: `${ids.length} ids · ${list.length} commands`, run: {mark, commands: list, expanded: open}};
    rows.push(row);
    // Children sort with their run (same sort values; the table's sort is stable), so they stay under it.
    if (open) for (const x of list) rows.push({...x, comment: readMark(x.comment).comment, parent: row});
  }
  return rows;
}

function sum(list: readonly CommandSummary[], get: (c: CommandSummary) => number): number {
  return list.reduce((n, c) => n + get(c), 0);
}

/** The commands behind the rows (runs unfolded, children not counted twice): what a regrouping starts from. */
export function commandsOf(rows: readonly HistoryRow[]): CommandSummary[] {
  return rows.filter((r) => !r.parent).flatMap((r) => (r.run ? r.run.commands : [r]));
}
