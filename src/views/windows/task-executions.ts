// One run's tasks (DescribeMaintenanceWindowExecutionTasks), live: each task's document or runbook, type, status and
// timing. enter opens the task's per-instance invocations.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import type {WindowTaskExecutionInfo} from '../../fleet/windows/window.js';
import {cursorRow, initTable} from '../../fleet/table-model.js';
import {defineTableView, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {runTone} from './windows-view.js';
import {tookText} from './executions.js';
import './services.js';

export const windowTaskExecutionsView: TableView<WindowTaskExecutionInfo> = defineTableView<WindowTaskExecutionInfo>({
  id: 'window-tasks',
  title: 'Run tasks',
  aliases: [],
  needsArg: true,
  refreshMs: 2_000,
  liveAges: true,
  defaultSort: 'started',
  scopes: ['windowTasks', 'table'],
  table: {
    rowId: (t) => t.taskExecutionId,
    filter: {
      keys: {
        status: {describe: 'status: success, failed, in_progress, timed_out, cancelled', get: (t) => t.status.toLowerCase()},
        task: {describe: 'document or runbook', get: (t) => t.taskArn ?? ''},
      },
      text: cachedHaystack((t: WindowTaskExecutionInfo) => [t.taskExecutionId, t.taskArn ?? '', t.status, t.statusDetails ?? '']),
    },
    sortValues: {
      started: (t) => t.startedAt ?? Number.MAX_SAFE_INTEGER,
      status: (t) => t.status,
    },
  },
  columns: () => [
    {id: 'task', title: 'TASK', width: 24, flex: true, priority: 0, text: (t) => t.taskArn ?? '—'},
    {id: 'type', title: 'TYPE', width: 11, priority: 2, text: (t) => t.taskType ?? ''},
    {id: 'status', title: 'STATUS', width: 11, priority: 0, text: (t) => t.status, tone: (t) => runTone(t.status)},
    {id: 'started', title: 'STARTED', width: 8, priority: 1, align: 'right', text: (t, ctx) => formatAge(t.startedAt, ctx.now)},
    {id: 'took', title: 'TOOK', width: 7, priority: 2, align: 'right', text: tookText},
    {id: 'details', title: 'DETAILS', width: 24, flex: true, priority: 3, text: (t) => t.statusDetails ?? ''},
    {id: 'id', title: 'TASK EXECUTION ID', width: 36, priority: 4, text: (t) => t.taskExecutionId},
  ],
  titleNote: (rows) => `${rows.length} task${rows.length === 1 ? '' : 's'}`,
  fetch: async (services, {arg, signal}) => {
    if (!services.windows || !arg) throw new Error('no run selected');
    return services.windows.executionTasks(arg, signal);
  },
  actions: {
    ...tableActions<WindowTaskExecutionInfo>('window-tasks', () => windowTaskExecutionsView.table),
    'windowTasks.open': ({store}) => {
      const st = store.getState().tables['window-tasks'];
      const t = st ? cursorRow(st) as WindowTaskExecutionInfo | undefined : undefined;
      if (!t) return;
      store.getState().updateTable('window-invocations', () => initTable('status'));
      store.getState().push({view: 'window-invocations', arg: `${t.windowExecutionId}/${t.taskExecutionId}/${t.taskType ?? ''}`});
    },
  },
});
