// The OpsItems table (`:opsitems`, `:ops`): status, severity, priority, category, source, title and last modified,
// newest change first; `/` filters on any of them (status:open, severity:1, category:security…).
import {samePlace} from '../../fleet/contexts/row-place.js';
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import {severityLabel, statusLabel, type OpsItemSummary} from '../../fleet/opsitems/opsitem.js';
import {cursorRow, setRows} from '../../fleet/table-model.js';
import {defineTableView, type ActionContext, type TableView, type Tone} from '../view.js';
import {tableActions} from '../table-actions.js';
import {askStatus, openOpsItem, setStatus} from './open.js';
import {OPSITEMS_READ_ONLY} from './services.js';

export function statusTone(status: string): Tone | undefined {
  if (status === 'Open') return 'bad';
  if (status === 'InProgress') return 'warn';
  return status === 'Resolved' ? 'good' : undefined;
}

const severityTone = (s: string | undefined): Tone | undefined => (s === '1' ? 'bad' : s === '2' ? 'warn' : undefined);

const cursor = (ctx: ActionContext): OpsItemSummary | undefined => {
  const st = ctx.store.getState().tables.opsitems;
  return st ? cursorRow(st) as OpsItemSummary | undefined : undefined;
};

/** Shows a status change at once (the next refresh confirms it). */
function patchStatus(ctx: ActionContext, id: string, status: string): void {
  ctx.store.getState().updateTable<OpsItemSummary>('opsitems', (st) => setRows(opsItemsView.table, st,
    st.rows.map((o) => (o.opsItemId === id ? samePlace({...o, status, lastModifiedTime: Date.now()}, o) : o))));
}

export const opsItemsView: TableView<OpsItemSummary> = defineTableView<OpsItemSummary>({
  id: 'opsitems',
  title: 'OpsItems',
  aliases: ['ops', 'opscenter', 'opsitem'],
  defaultSort: 'modified',
  refreshMs: 15_000,
  liveAges: true,
  scopes: ['opsitems', 'table'],
  table: {
    rowId: (o) => o.opsItemId,
    filter: {
      keys: {
        status: {describe: 'open, inprogress, resolved…', get: (o) => o.status.toLowerCase()},
        severity: {describe: '1 (critical) to 4 (low)', get: (o) => o.severity ?? ''},
        priority: {describe: '1 to 5', get: (o) => String(o.priority ?? '')},
        category: {describe: 'availability, cost, performance, recovery, security', get: (o) => (o.category ?? '').toLowerCase()},
        source: {describe: 'the origin, e.g. ec2, ssm, aws.ssm', get: (o) => o.source.toLowerCase()},
        id: {describe: 'OpsItem id', get: (o) => o.opsItemId},
      },
      text: cachedHaystack((o: OpsItemSummary) => [o.title, o.opsItemId, o.status, o.source, o.category ?? '', severityLabel(o.severity)]),
    },
    sortValues: {
      modified: (o) => -o.lastModifiedTime,
      severity: (o) => o.severity ?? '9',
      priority: (o) => o.priority ?? 9,
      status: (o) => o.status,
      title: (o) => o.title.toLowerCase(),
    },
  },
  columns: () => [
    {id: 'status', title: 'STATUS', width: 11, priority: 0, text: (o) => statusLabel(o.status), tone: (o) => statusTone(o.status)},
    {id: 'severity', title: 'SEV', width: 8, priority: 1, text: (o) => severityLabel(o.severity), tone: (o) => severityTone(o.severity)},
    {id: 'priority', title: 'PRI', width: 3, priority: 3, align: 'right', text: (o) => String(o.priority ?? '—')},
    {id: 'category', title: 'CATEGORY', width: 12, priority: 2, text: (o) => o.category ?? '—'},
    {id: 'source', title: 'SOURCE', width: 13, priority: 3, text: (o) => o.source},
    {id: 'title', title: 'TITLE', width: 30, flex: true, priority: 0, text: (o) => o.title},
    {id: 'modified', title: 'MODIFIED', width: 8, priority: 1, align: 'right', text: (o, ctx) => formatAge(o.lastModifiedTime, ctx.now)},
    {id: 'id', title: 'ID', width: 15, priority: 4, text: (o) => o.opsItemId},
  ],
  titleNote: (rows) => {
    const n = (s: string) => rows.filter((o) => o.status === s).length;
    return `${n('Open')} open · ${n('InProgress')} in progress · ${n('Resolved')} resolved`;
  },
  fetch: async (services, {signal}) => {
    const api = services.opsItems;
    if (!api) throw new Error('OpsCenter is not available here');
    return api.list([], signal);
  },
  disabled: {
    'opsitems.status': (ctx) => (ctx.readOnly ? OPSITEMS_READ_ONLY : undefined),
    'opsitems.resolve': (ctx) => (ctx.readOnly ? OPSITEMS_READ_ONLY : undefined),
  },
  actions: {
    ...tableActions<OpsItemSummary>('opsitems', () => opsItemsView.table),
    'opsitems.detail': (ctx) => {
      const o = cursor(ctx);
      if (o) openOpsItem(ctx, o.opsItemId);
    },
    'opsitems.status': (ctx) => {
      const o = cursor(ctx);
      if (o) askStatus(ctx, o, (status) => patchStatus(ctx, o.opsItemId, status));
    },
    'opsitems.resolve': (ctx) => {
      const o = cursor(ctx);
      if (o) setStatus(ctx, o, 'Resolved', () => patchStatus(ctx, o.opsItemId, 'Resolved'));
    },
  },
});
