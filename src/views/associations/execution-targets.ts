// One execution's per-target results (DescribeAssociationExecutionTargets), live: each instance's status and when it
// ended; enter shows its output, read from the Run Command invocation the execution sent it (the output pane).
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import type {ExecutionTarget} from '../../fleet/associations/association.js';
import {cursorRow} from '../../fleet/table-model.js';
import {errorText} from '../../fleet/sanitize.js';
import {defineTableView, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {instanceName} from '../compliance/names.js';
import {statusTone} from './associations-view.js';
import './services.js';

/** The screen's argument: `associationId/executionId`. */
function ids(arg: string): {associationId: string; executionId: string} {
  const [associationId = '', executionId = ''] = arg.split('/');
  return {associationId, executionId};
}

export const executionTargetsView: TableView<ExecutionTarget> = defineTableView<ExecutionTarget>({
  id: 'association-execution-targets',
  title: 'Execution targets',
  aliases: [],
  needsArg: true,
  refreshMs: 2_000,
  liveAges: true,
  defaultSort: 'status',
  scopes: ['associationTargets', 'table'],
  table: {
    rowId: (t) => t.resourceId,
    filter: {
      keys: {
        status: {describe: 'status: success, failed, inprogress, pending', get: (t) => t.status.toLowerCase()},
        id: {describe: 'instance id', get: (t) => t.resourceId},
      },
      text: cachedHaystack((t: ExecutionTarget) => [t.resourceId, t.status, t.detailedStatus]),
    },
    sortValues: {
      status: (t) => (t.status === 'Failed' ? 0 : t.status === 'Success' ? 2 : 1),
      instance: (t) => t.resourceId,
      last: (t) => -(t.lastExecutionAt ?? 0),
    },
  },
  columns: () => [
    {id: 'instance', title: 'INSTANCE', width: 20, priority: 0, text: (t) => t.resourceId},
    {id: 'name', title: 'NAME', width: 16, flex: true, priority: 1, text: (t, ctx) => instanceName(ctx, t.resourceId)},
    {id: 'status', title: 'STATUS', width: 10, priority: 0, text: (t) => t.status, tone: (t) => statusTone(t.status)},
    {id: 'detail', title: 'DETAIL', width: 18, priority: 2, text: (t) => t.detailedStatus},
    {id: 'last', title: 'ENDED', width: 8, priority: 1, align: 'right', text: (t, ctx) => formatAge(t.lastExecutionAt, ctx.now)},
    {id: 'command', title: 'COMMAND', width: 36, priority: 3, text: (t) => t.outputSourceId ?? ''},
  ],
  titleNote: (rows) => {
    const n = (s: string) => rows.filter((t) => t.status === s).length;
    return `${n('Success')} success · ${n('Failed')} failed · ${rows.length - n('Success') - n('Failed')} running or pending`;
  },
  fetch: async (services, {arg, signal}) => {
    if (!services.associations || !arg) throw new Error('no execution selected');
    const {associationId, executionId} = ids(arg);
    return services.associations.executionTargets(associationId, executionId, signal);
  },
  actions: {
    ...tableActions<ExecutionTarget>('association-execution-targets', () => executionTargetsView.table),
    'associationTargets.output': ({store, services}) => {
      const st = store.getState().tables['association-execution-targets'];
      const t = st ? cursorRow(st) as ExecutionTarget | undefined : undefined;
      if (!t || !services.runCommand) return;
      if (!t.outputSourceId || (t.outputSourceType !== undefined && t.outputSourceType !== 'RunCommand')) {
        store.getState().setFlash({text: 'this target has no Run Command output', tone: 'info'});
        return;
      }
      const key = `${t.outputSourceId}/${t.resourceId}`;
      store.getState().setOutput(key, {state: 'loading'});
      store.getState().push({view: 'invocation-output', arg: key, scroll: 0});
      services.runCommand.fullOutput(t.outputSourceId, t.resourceId).then(
        (out) => store.getState().setOutput(key, {state: 'ok', ...out}),
        (e: unknown) => store.getState().setOutput(key, {state: 'error', message: errorText(e)}),
      );
    },
  },
});
