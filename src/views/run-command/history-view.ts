// Command history (`:commands`): ListCommands, newest first, one row per fleetdeck run (its batches grouped, see
// run-groups.ts); enter opens a command's live results, or expands a run to its commands.
import {formatAge} from '../../fleet/format.js';
import {cachedHaystack} from '../../fleet/filter.js';
import {initTable, setRows, type TableState} from '../../fleet/table-model.js';
import {defineTableView, type ActionContext, type ColumnContext, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {statusTone} from './status-tone.js';
import {instanceName} from '../compliance/names.js';
import {commandsOf, historyRows, type HistoryRow} from './run-groups.js';
import {placedId, placeRows, rowPlace, type RowPlace} from '../../fleet/contexts/row-place.js';

/** Runs shown expanded (by row id); kept while the dashboard runs, across refreshes. */
const expandedRuns = new Set<string>();

/** The run a row belongs to: its own row for runs and plain commands, its run's row for a command under a run. */
const own = (c: HistoryRow): HistoryRow => c.parent ?? c;

const FEW = 3;

/** Targets by name when a command went to one or a few instances, else as SSM describes them. */
function targetsText(c: HistoryRow, ctx: ColumnContext): string {
  const ids = c.instanceIds ?? [];
  if (ids.length === 0 || ids.length > FEW) return c.targets;
  return ids.map((id) => instanceName(ctx, id) || id).join(', ');
}

function idText(c: HistoryRow): string {
  if (c.run) return `${c.run.expanded ? '▾' : '▸'} run of ${c.run.commands.length} commands`;
  return c.parent ? `  └ ${c.commandId}` : c.commandId;
}

function cursorRow(store: ActionContext['store']): HistoryRow | undefined {
  const st = store.getState().tables.commands;
  return st?.visible[st.cursor] as HistoryRow | undefined;
}

/**
 * Rows again from the same commands with the runs expanded as now, each context's apart and placed where its
 * commands live (a merged history); `at` moves the cursor to that row.
 */
function regroup(ctx: ActionContext, at?: HistoryRow): void {
  ctx.store.getState().updateTable<HistoryRow>('commands', (st: TableState<HistoryRow>) => {
    const byPlace = new Map<RowPlace | undefined, HistoryRow[]>();
    for (const r of st.rows) (byPlace.get(rowPlace(r)) ?? byPlace.set(rowPlace(r), []).get(rowPlace(r)))?.push(r);
    const rows = [...byPlace].flatMap(([place, list]) => {
      const grouped = historyRows(commandsOf(list), expandedRuns);
      if (place) placeRows(grouped, place);
      return grouped;
    });
    const cursor = at ? {...st, cursorId: placedId(at.commandId, rowPlace(at)), cursorMoved: true} : st;
    return setRows(commandsView.table, cursor, rows);
  });
}

function expand(ctx: ActionContext, row: HistoryRow | undefined, open: boolean): void {
  const run = row ? own(row) : undefined;
  if (!run?.run) return;
  if (open) expandedRuns.add(run.commandId);
  else expandedRuns.delete(run.commandId);
  regroup(ctx, run);
}

export const commandsView: TableView<HistoryRow> = defineTableView<HistoryRow>({
  id: 'commands',
  title: 'Command history',
  aliases: ['cmds', 'history', 'runs'],
  defaultSort: 'requested',
  liveAges: true,
  scopes: ['commands', 'table'],
  table: {
    rowId: (c) => c.commandId,
    filter: {
      keys: {
        status: {describe: 'status', get: (c) => c.statusDetails},
        document: {describe: 'document name', aliases: ['doc'], get: (c) => c.documentName},
        id: {describe: 'command id', get: (c) => c.commandId},
      },
      text: cachedHaystack((c: HistoryRow) => [c.commandId, c.documentName, c.statusDetails, c.comment, c.targets]),
    },
    // A command under a run sorts as its run does: the table's sort is stable, so it stays right under it.
    sortValues: {
      requested: (c) => -(own(c).requestedAt ?? 0),
      document: (c) => own(c).documentName,
      status: (c) => own(c).statusDetails,
      errors: (c) => -own(c).errorCount,
    },
  },
  columns: () => [
    {id: 'requested', title: 'AGE', width: 6, priority: 0, align: 'right', text: (c, ctx) => formatAge(c.requestedAt, ctx.now)},
    {id: 'id', title: 'COMMAND ID', width: 40, priority: 4, text: idText},
    {id: 'document', title: 'DOCUMENT', width: 20, flex: true, priority: 1, text: (c) => c.documentName},
    {id: 'status', title: 'STATUS', width: 16, priority: 0, text: (c) => c.statusDetails, tone: (c) => statusTone(c.statusDetails)},
    {id: 'done', title: 'DONE', width: 9, priority: 2, align: 'right', text: (c) => `${c.completedCount}/${c.targetCount}`},
    {id: 'errors', title: 'ERRORS', width: 6, priority: 3, align: 'right', text: (c) => String(c.errorCount),
      tone: (c) => (c.errorCount > 0 ? 'bad' : undefined)},
    {id: 'targets', title: 'TARGETS', width: 14, flex: true, priority: 5, text: targetsText},
    {id: 'comment', title: 'COMMENT', width: 12, flex: true, priority: 6, text: (c) => c.comment},
  ],
  fetch: async (services) => {
    if (!services.runCommand) throw new Error('Run Command is not available here');
    return historyRows(await services.runCommand.listCommands(), expandedRuns);
  },
  actions: {
    ...tableActions<HistoryRow>('commands', () => commandsView.table),
    'commands.open': (ctx) => {
      const row = cursorRow(ctx.store);
      if (!row) return;
      if (row.run) {
        expand(ctx, row, !row.run.expanded);
        return;
      }
      ctx.store.getState().updateTable('command-results', () => initTable('status'));
      ctx.store.getState().push({view: 'command-results', arg: row.commandId});
    },
    'commands.expand': (ctx) => expand(ctx, cursorRow(ctx.store), true),
    'commands.collapse': (ctx) => expand(ctx, cursorRow(ctx.store), false),
  },
});
