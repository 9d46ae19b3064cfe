// A window's runs (DescribeMaintenanceWindowExecutions), live, newest first: status, its details, when it started
// and how long it took. enter opens the run's tasks.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge, humanDuration} from '../../fleet/format.js';
import type {WindowExecutionInfo} from '../../fleet/windows/window.js';
import {cursorRow, initTable} from '../../fleet/table-model.js';
import {defineTableView, type ColumnContext, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {runTone} from './windows-view.js';
import './services.js';

/** How long a run took, or has been running. */
export const tookText = (r: {startedAt?: number; endedAt?: number}, ctx: ColumnContext) =>
  (r.startedAt === undefined ? '—' : humanDuration((r.endedAt ?? ctx.now) - r.startedAt));

export const windowExecutionsView: TableView<WindowExecutionInfo> = defineTableView<WindowExecutionInfo>({
  id: 'window-executions',
  title: 'Window runs',
  aliases: [],
  needsArg: true,
  refreshMs: 2_000,
  liveAges: true,
  defaultSort: 'started',
  scopes: ['windowExecutions', 'table'],
  table: {
    rowId: (e) => e.windowExecutionId,
    filter: {
      keys: {
        status: {describe: 'status: success, failed, in_progress, timed_out, cancelled', get: (e) => e.status.toLowerCase()},
        id: {describe: 'run id', get: (e) => e.windowExecutionId},
      },
      text: cachedHaystack((e: WindowExecutionInfo) => [e.windowExecutionId, e.status, e.statusDetails ?? '']),
    },
    sortValues: {
      started: (e) => -(e.startedAt ?? Number.MAX_SAFE_INTEGER),
      status: (e) => e.status,
    },
  },
  columns: () => [
    {id: 'id', title: 'RUN ID', width: 36, priority: 1, text: (e) => e.windowExecutionId},
    {id: 'status', title: 'STATUS', width: 11, priority: 0, text: (e) => e.status, tone: (e) => runTone(e.status)},
    {id: 'started', title: 'STARTED', width: 8, priority: 0, align: 'right', text: (e, ctx) => formatAge(e.startedAt, ctx.now)},
    {id: 'took', title: 'TOOK', width: 7, priority: 2, align: 'right', text: tookText},
    {id: 'details', title: 'DETAILS', width: 30, flex: true, priority: 1, text: (e) => e.statusDetails ?? ''},
  ],
  titleNote: (rows) => `${rows.length} run${rows.length === 1 ? '' : 's'}`,
  fetch: async (services, {arg, signal}) => {
    if (!services.windows || !arg) throw new Error('no window selected');
    return services.windows.executions(arg, signal);
  },
  actions: {
    ...tableActions<WindowExecutionInfo>('window-executions', () => windowExecutionsView.table),
    'windowExecutions.open': ({store}) => {
      const st = store.getState().tables['window-executions'];
      const e = st ? cursorRow(st) as WindowExecutionInfo | undefined : undefined;
      if (!e) return;
      store.getState().updateTable('window-tasks', () => initTable('priority'));
      store.getState().push({view: 'window-tasks', arg: e.windowExecutionId});
    },
  },
});
