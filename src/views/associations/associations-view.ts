// The associations table (`:associations`, `:assoc`, `:sm`), live: name, document and version, targets, schedule and
// its next run in local time, when it last ran, compliance severity, overall status with the count of targets per
// status. From the instances table, `a` opens it on the associations that target the instance under the cursor.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import {countsText, targetsText, type AssociationSummary} from '../../fleet/associations/association.js';
import {localTime, nextRunOf} from '../../fleet/associations/schedule-preview.js';
import {cursorRow} from '../../fleet/table-model.js';
import {currentScreen} from '../../store/store.js';
import {defineTableView, type ActionContext, type TableView, type Tone} from '../view.js';
import {tableActions} from '../table-actions.js';
import {applyNow, deleteAssociation, openAssociation, openExecutions, openInstances} from './open.js';
import {loadSeverities, withSeverity, type AssociationRow} from './rows.js';
import {ASSOCIATION_READ_ONLY} from '../../fleet/associations/association.js';
import {editAssociation} from './open-create.js';
import './services.js';

export function statusTone(status: string): Tone | undefined {
  return status === 'Success' ? 'good' : status === 'Failed' ? 'bad' : status === 'Pending' ? 'warn' : undefined;
}

export function severityTone(s: string | undefined): Tone | undefined {
  return s === 'CRITICAL' || s === 'HIGH' ? 'bad' : s === 'MEDIUM' ? 'warn' : undefined;
}

const state = (ctx: ActionContext) => ctx.store.getState().tables.associations;
const cursor = (ctx: ActionContext): AssociationRow | undefined => {
  const st = state(ctx);
  return st ? cursorRow(st) as AssociationRow | undefined : undefined;
};

/** The marked associations, else the one under the cursor. */
function chosen(ctx: ActionContext): AssociationRow[] {
  const st = state(ctx);
  if (!st) return [];
  const marked = (st.rows as readonly AssociationRow[]).filter((a) => st.marks.has(a.associationId));
  const at = cursor(ctx);
  return marked.length ? marked : at ? [at] : [];
}

const documentText = (a: AssociationRow) => `${a.documentName}${a.documentVersion ? `@${a.documentVersion}` : ''}`;

export const associationsView: TableView<AssociationRow> = defineTableView<AssociationRow>({
  idsUniqueAcrossContexts: true,
  id: 'associations',
  title: 'Associations',
  aliases: ['assoc', 'sm', 'state-manager'],
  defaultSort: 'status',
  refreshMs: 5_000,
  liveAges: true,
  scopes: ['associations', 'table'],
  table: {
    rowId: (a) => a.associationId,
    filter: {
      keys: {
        status: {describe: 'overall status: success, failed, pending', values: ['success', 'failed', 'pending'], get: (a) => a.status.toLowerCase()},
        document: {describe: 'document name', aliases: ['doc'], get: (a) => a.documentName},
        severity: {describe: 'compliance severity', get: (a) => (a.severity ?? '').toLowerCase()},
        id: {describe: 'association id', get: (a) => a.associationId},
      },
      text: cachedHaystack((a: AssociationRow) => [a.name ?? '', a.documentName, a.associationId, targetsText(a), a.scheduleExpression ?? '', a.status]),
    },
    sortValues: {
      status: (a) => (a.status === 'Failed' ? 0 : a.status === 'Pending' ? 1 : 2),
      name: (a) => (a.name ?? a.documentName).toLowerCase(),
      document: (a) => a.documentName,
      last: (a) => -(a.lastExecutionAt ?? 0),
      next: (a) => nextRunOf(a, Date.now()) ?? Number.MAX_SAFE_INTEGER,
    },
  },
  columns: () => [
    {id: 'name', title: 'NAME', width: 16, flex: true, priority: 0, text: (a) => a.name ?? a.associationId.slice(0, 8)},
    {id: 'document', title: 'DOCUMENT', width: 22, flex: true, priority: 2, text: documentText},
    {id: 'targets', title: 'TARGETS', width: 18, flex: true, priority: 3, text: (a) => targetsText(a)},
    {id: 'schedule', title: 'SCHEDULE', width: 20, priority: 2, text: (a) => a.scheduleExpression ?? 'once'},
    {id: 'next', title: 'NEXT RUN', width: 16, priority: 1, text: (a, ctx) => {
      const at = nextRunOf(a, ctx.now);
      return at === undefined ? '—' : localTime(at, ctx.now);
    }},
    {id: 'last', title: 'LAST RUN', width: 8, priority: 4, align: 'right', text: (a, ctx) => formatAge(a.lastExecutionAt, ctx.now)},
    {id: 'severity', title: 'SEVERITY', width: 11, priority: 5, text: (a) => a.severity || '—', tone: (a) => severityTone(a.severity)},
    {id: 'status', title: 'STATUS', width: 8, priority: 0, text: (a) => a.status, tone: (a) => statusTone(a.status)},
    {id: 'counts', title: 'TARGETS BY STATUS', width: 18, flex: true, priority: 1, text: (a) => countsText(a.counts)},
  ],
  titleNote: (rows) => {
    const n = (s: string) => rows.filter((a) => a.status === s).length;
    return `${n('Failed')} failed · ${n('Pending')} pending · ${n('Success')} success`;
  },
  fetch: async (services, {arg, signal, onProgress}) => {
    const api = services.associations;
    if (!api) throw new Error('State Manager is not available here');
    // Drawn page by page (ListAssociations gives 50 a request); severities follow for what is not known yet.
    const sofar: AssociationSummary[] = [];
    const list = await api.list({...(arg ? {instanceId: arg} : {}), ...(signal ? {signal} : {}), onPage: (page) => {
      sofar.push(...page);
      onProgress?.(withSeverity(api, sofar), false);
    }});
    onProgress?.(withSeverity(api, list), true);
    await loadSeverities(api, list, signal);
    return withSeverity(api, list);
  },
  disabled: {
    'associations.apply': (ctx) => (ctx.readOnly ? ASSOCIATION_READ_ONLY.apply : undefined),
    'associations.delete': (ctx) => (ctx.readOnly ? ASSOCIATION_READ_ONLY.delete : undefined),
    'associations.edit': (ctx) => (ctx.readOnly ? ASSOCIATION_READ_ONLY.update : undefined),
  },
  actions: {
    ...tableActions<AssociationRow>('associations', () => associationsView.table),
    'associations.detail': (ctx) => {
      const a = cursor(ctx);
      if (a) openAssociation(ctx, a.associationId);
    },
    'associations.executions': (ctx) => {
      const a = cursor(ctx);
      if (a) openExecutions(ctx, a.associationId);
    },
    'associations.instances': (ctx) => {
      const a = cursor(ctx);
      if (a) openInstances(ctx, a.associationId);
    },
    'associations.apply': (ctx) => applyNow(ctx, chosen(ctx)),
    'associations.edit': (ctx) => {
      const a = cursor(ctx);
      if (a) editAssociation(ctx, a.associationId);
    },
    'associations.delete': (ctx) => {
      const a = cursor(ctx);
      if (a) deleteAssociation(ctx, a);
    },
  },
});

/** From the instances table: the associations that target this instance. */
export function openForInstance(ctx: ActionContext, instanceId: string): void {
  const s = ctx.store.getState();
  if (currentScreen(s).view === 'associations' && currentScreen(s).arg === instanceId) return;
  s.push({view: 'associations', arg: instanceId});
}
