// One task's per-instance invocations (DescribeMaintenanceWindowExecutionTaskInvocations), live: the instance, its
// status, the command that carried it. enter on a Run Command invocation opens its output in the output pane.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import type {WindowInvocationInfo} from '../../fleet/windows/window.js';
import {cursorRow} from '../../fleet/table-model.js';
import {errorText} from '../../fleet/sanitize.js';
import {currentScreen} from '../../store/store.js';
import {defineTableView, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {instanceName} from '../compliance/names.js';
import {runTone} from './windows-view.js';
import {tookText} from './executions.js';
import './services.js';

/** The screen's argument: `windowExecutionId/taskExecutionId/TASK_TYPE`. */
function ids(arg: string): {run: string; task: string; type: string} {
  const [run = '', task = '', type = ''] = arg.split('/');
  return {run, task, type};
}

export const windowInvocationsView: TableView<WindowInvocationInfo> = defineTableView<WindowInvocationInfo>({
  id: 'window-invocations',
  title: 'Task invocations',
  aliases: [],
  needsArg: true,
  refreshMs: 2_000,
  liveAges: true,
  defaultSort: 'status',
  scopes: ['windowInvocations', 'table'],
  table: {
    rowId: (i) => i.invocationId,
    filter: {
      keys: {
        status: {describe: 'status: success, failed, in_progress, timed_out, cancelled', get: (i) => i.status.toLowerCase()},
        id: {describe: 'instance id', get: (i) => i.instanceId ?? ''},
      },
      text: cachedHaystack((i: WindowInvocationInfo) => [i.instanceId ?? '', i.status, i.statusDetails ?? '', i.executionId ?? '']),
    },
    sortValues: {
      status: (i) => (i.status === 'FAILED' || i.status === 'TIMED_OUT' ? 0 : i.status === 'SUCCESS' ? 2 : 1),
      instance: (i) => i.instanceId ?? '',
    },
  },
  columns: () => [
    {id: 'instance', title: 'INSTANCE', width: 20, priority: 0, text: (i) => i.instanceId ?? '—'},
    {id: 'name', title: 'NAME', width: 16, flex: true, priority: 1, text: (i, ctx) => (i.instanceId ? instanceName(ctx, i.instanceId) : '')},
    {id: 'status', title: 'STATUS', width: 11, priority: 0, text: (i) => i.status, tone: (i) => runTone(i.status)},
    {id: 'details', title: 'DETAILS', width: 18, flex: true, priority: 2, text: (i) => i.statusDetails ?? ''},
    {id: 'ended', title: 'ENDED', width: 8, priority: 1, align: 'right', text: (i, ctx) => formatAge(i.endedAt, ctx.now)},
    {id: 'took', title: 'TOOK', width: 7, priority: 3, align: 'right', text: tookText},
    {id: 'command', title: 'COMMAND', width: 36, priority: 3, text: (i) => i.executionId ?? ''},
  ],
  titleNote: (rows) => {
    const n = (s: string) => rows.filter((i) => i.status === s).length;
    return `${n('SUCCESS')} success · ${n('FAILED') + n('TIMED_OUT')} failed · ${rows.length - n('SUCCESS') - n('FAILED') - n('TIMED_OUT')} other`;
  },
  fetch: async (services, {arg, signal}) => {
    if (!services.windows || !arg) throw new Error('no task selected');
    const {run, task} = ids(arg);
    return services.windows.invocations(run, task, signal);
  },
  actions: {
    ...tableActions<WindowInvocationInfo>('window-invocations', () => windowInvocationsView.table),
    'windowInvocations.output': ({store, services}) => {
      const type = ids(currentScreen(store.getState()).arg ?? '').type;
      const st = store.getState().tables['window-invocations'];
      const i = st ? cursorRow(st) as WindowInvocationInfo | undefined : undefined;
      if (!i || !services.runCommand) return;
      if (type !== 'RUN_COMMAND' || !i.executionId || !i.instanceId) {
        store.getState().setFlash({text: 'this invocation has no Run Command output', tone: 'info'});
        return;
      }
      const key = `${i.executionId}/${i.instanceId}`;
      store.getState().setOutput(key, {state: 'loading'});
      store.getState().push({view: 'invocation-output', arg: key, scroll: 0});
      services.runCommand.fullOutput(i.executionId, i.instanceId).then(
        (out) => store.getState().setOutput(key, {state: 'ok', ...out}),
        (e: unknown) => store.getState().setOutput(key, {state: 'error', message: errorText(e)}),
      );
    },
  },
});
