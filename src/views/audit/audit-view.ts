// `:audit`: the audit log (every SendCommand, CancelCommand, session and forward), newest first.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {defineTableView, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';

export interface AuditRow {
  key: string;
  at: number;
  action: string;
  identity: string;
  what: string;
  result: string;
}

function toRow(e: Record<string, unknown>, n: number): AuditRow {
  const s = (v: unknown) => sanitizeText(typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
  return {
    key: `${n}`,
    at: Date.parse(s(e.time)) || 0,
    action: s(e.action),
    identity: s(e.identity),
    what: [s(e.document), s(e.targets)].filter(Boolean).join(' → '),
    result: s(e.summary ?? e.commandId ?? e.commandIds ?? e.sessionId),
  };
}

export const auditView: TableView<AuditRow> = defineTableView<AuditRow>({
  appWide: true,
  id: 'audit',
  title: 'Audit log',
  aliases: ['log'],
  defaultSort: 'time',
  liveAges: true,
  scopes: ['table'],
  table: {
    rowId: (r) => r.key,
    filter: {
      keys: {action: {describe: 'action', get: (r) => r.action}},
      text: cachedHaystack((r: AuditRow) => [r.action, r.identity, r.what, r.result]),
    },
    sortValues: {time: (r) => -r.at, action: (r) => r.action},
  },
  columns: () => [
    {id: 'time', title: 'AGE', width: 6, priority: 0, align: 'right', text: (r, ctx) => formatAge(r.at, ctx.now)},
    {id: 'action', title: 'ACTION', width: 16, priority: 0, text: (r) => r.action},
    {id: 'identity', title: 'WHERE', width: 12, priority: 3, text: (r) => r.identity},
    {id: 'what', title: 'WHAT', width: 24, flex: true, priority: 1, text: (r) => r.what},
    {id: 'result', title: 'RESULT', width: 20, flex: true, priority: 2, text: (r) => r.result},
  ],
  fetch: async (services) => (services.readAudit?.() ?? []).map(toRow),
  actions: tableActions<AuditRow>('audit', () => auditView.table),
});
