// An association's execution history (DescribeAssociationExecutions), live, newest first: status, when, how many
// targets ended in each status. enter opens one execution's per-target results.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import type {AssociationExecution} from '../../fleet/associations/association.js';
import {cursorRow, initTable} from '../../fleet/table-model.js';
import {currentScreen} from '../../store/store.js';
import {defineTableView, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {statusTone} from './associations-view.js';
import './services.js';

export const associationExecutionsView: TableView<AssociationExecution> = defineTableView<AssociationExecution>({
  id: 'association-executions',
  title: 'Executions',
  aliases: [],
  needsArg: true,
  refreshMs: 2_000,
  liveAges: true,
  defaultSort: 'created',
  scopes: ['associationExecutions', 'table'],
  table: {
    rowId: (e) => e.executionId,
    filter: {
      keys: {
        status: {describe: 'status: success, failed, inprogress, pending', get: (e) => e.status.toLowerCase()},
        id: {describe: 'execution id', get: (e) => e.executionId},
      },
      text: cachedHaystack((e: AssociationExecution) => [e.executionId, e.status, e.detailedStatus, e.resourceCountByStatus]),
    },
    sortValues: {
      created: (e) => -(e.createdAt ?? 0),
      status: (e) => e.status,
    },
  },
  columns: () => [
    {id: 'id', title: 'EXECUTION ID', width: 36, priority: 1, text: (e) => e.executionId},
    {id: 'version', title: 'VER', width: 3, priority: 3, align: 'right', text: (e) => e.associationVersion},
    {id: 'status', title: 'STATUS', width: 10, priority: 0, text: (e) => e.status, tone: (e) => statusTone(e.status)},
    {id: 'created', title: 'STARTED', width: 8, priority: 0, align: 'right', text: (e, ctx) => formatAge(e.createdAt, ctx.now)},
    {id: 'last', title: 'LAST', width: 8, priority: 2, align: 'right', text: (e, ctx) => formatAge(e.lastExecutionAt, ctx.now)},
    {id: 'counts', title: 'TARGETS BY STATUS', width: 20, flex: true, priority: 0, text: (e) => e.resourceCountByStatus.replace(/^\{|\}$/g, '')},
  ],
  titleNote: (rows) => `${rows.length} execution${rows.length === 1 ? '' : 's'}`,
  fetch: async (services, {arg, signal}) => {
    if (!services.associations || !arg) throw new Error('no association selected');
    return services.associations.executions(arg, signal);
  },
  actions: {
    ...tableActions<AssociationExecution>('association-executions', () => associationExecutionsView.table),
    'associationExecutions.open': (ctx) => {
      const id = currentScreen(ctx.store.getState()).arg;
      const st = ctx.store.getState().tables['association-executions'];
      const e = st ? cursorRow(st) as AssociationExecution | undefined : undefined;
      if (!id || !e) return;
      ctx.store.getState().updateTable('association-execution-targets', () => initTable('status'));
      ctx.store.getState().push({view: 'association-execution-targets', arg: `${id}/${e.executionId}`});
    },
  },
});
