// The sessions table (`:sessions`, `:ss`): Session Manager's active sessions, or the last 30 days with `h` — target
// with its Name, owner, start, how long (counting while connected), document, reason. K terminates one (asked,
// audited). Its argument says which list: `history`, and `target:i-…` for one node's (the instances view's `w`).
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge, humanDuration} from '../../fleet/format.js';
import {ownerName, sessionDurationMs, type SessionFilter, type SessionRow} from '../../fleet/sessions/session.js';
import {cursorRow, initTable, setRows} from '../../fleet/table-model.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {appendAudit} from '../../audit.js';
import {currentScreen} from '../../store/store.js';
import {instanceName} from '../compliance/names.js';
import {defineTableView, type ActionContext, type TableView, type Tone} from '../view.js';
import {tableActions} from '../table-actions.js';
import {SESSIONS_READ_ONLY} from './services.js';

export interface SessionsArg {
  history: boolean;
  target?: string;
}

export function parseSessionsArg(arg: string | undefined): SessionsArg {
  const words = (arg ?? '').split(/\s+/).filter(Boolean);
  const target = words.find((w) => w.startsWith('target:'))?.slice('target:'.length);
  return {history: words.includes('history'), ...(target ? {target} : {})};
}

export const sessionsArg = (a: SessionsArg): string | undefined =>
  [a.history ? 'history' : '', a.target ? `target:${a.target}` : ''].filter(Boolean).join(' ') || undefined;

/** Opens the sessions table on a list (a fresh table: the other list's rows never show under this one's title). */
export function openSessions(ctx: ActionContext, a: SessionsArg, replace = false): void {
  const s = ctx.store.getState();
  s.updateTable('sessions', () => initTable('start'));
  if (replace) s.pop();
  ctx.store.getState().push({view: 'sessions', arg: sessionsArg(a)});
}

function statusTone(status: string): Tone | undefined {
  if (status === 'Connected') return 'good';
  if (status === 'Failed') return 'bad';
  return status === 'Terminating' || status === 'Connecting' ? 'warn' : undefined;
}

const cursor = (ctx: ActionContext): SessionRow | undefined => {
  const st = ctx.store.getState().tables.sessions;
  return st ? cursorRow(st) as SessionRow | undefined : undefined;
};

function terminate(ctx: ActionContext, row: SessionRow): void {
  const s = ctx.store.getState();
  const api = ctx.services.sessions;
  if (ctx.readOnly) return s.setFlash({text: SESSIONS_READ_ONLY.terminate, tone: 'warn'});
  if (!api) return;
  if (row.endDate !== undefined || row.status === 'Terminated') return s.setFlash({text: 'that session has already ended', tone: 'warn'});
  s.setPrompt({kind: 'confirm', text: '', before: '', question: `Terminate ${sanitizeText(ownerName(row.owner))}'s session ${sanitizeText(row.sessionId)} on ${
    sanitizeText(row.target)}?`, onYes: () => {
    api.terminate(row.sessionId).then(() => {
      appendAudit({action: 'TerminateSession', identity: ctx.services.identity ?? 'unknown', sessionId: row.sessionId, target: row.target,
        owner: row.owner, via: 'dashboard'});
      const st = ctx.store.getState();
      st.setFlash({text: `terminated ${sanitizeText(row.sessionId)}`, tone: 'info'});
      st.updateTable<SessionRow>('sessions', (t) => setRows(sessionsView.table, t, t.rows.filter((r) => r.sessionId !== row.sessionId)));
    }, (e: unknown) => ctx.store.getState().setFlash({text: `terminate failed: ${errorText(e)}`, tone: 'error'}));
  }});
}

export const sessionsView: TableView<SessionRow> = defineTableView<SessionRow>({
  id: 'sessions',
  title: 'Sessions',
  aliases: ['ss', 'session', 'session-history'],
  defaultSort: 'start',
  refreshMs: 5_000,
  liveAges: true,
  scopes: ['sessions', 'table'],
  table: {
    rowId: (r) => r.sessionId,
    filter: {
      keys: {
        status: {describe: 'connected, terminated, failed…', get: (r) => r.status.toLowerCase()},
        owner: {describe: 'owner (the IAM user or role session name)', get: (r) => ownerName(r.owner)},
        target: {describe: 'instance id', get: (r) => r.target},
      },
      text: cachedHaystack((r: SessionRow) => [r.sessionId, r.target, r.owner, r.documentName, r.reason, r.status]),
    },
    sortValues: {
      start: (r) => -r.startDate,
      owner: (r) => ownerName(r.owner).toLowerCase(),
      target: (r) => r.target,
    },
  },
  columns: () => [
    {id: 'target', title: 'TARGET', width: 19, priority: 0, text: (r) => r.target},
    {id: 'name', title: 'NAME', width: 16, flex: true, priority: 1, text: (r, ctx) => instanceName(ctx, r.target) || '—'},
    {id: 'owner', title: 'OWNER', width: 14, flex: true, priority: 0, text: (r) => ownerName(r.owner)},
    {id: 'status', title: 'STATUS', width: 11, priority: 1, text: (r) => r.status, tone: (r) => statusTone(r.status)},
    {id: 'start', title: 'STARTED', width: 8, priority: 2, align: 'right', text: (r, ctx) => formatAge(r.startDate, ctx.now)},
    {id: 'duration', title: 'DURATION', width: 9, priority: 1, align: 'right', text: (r, ctx) => humanDuration(sessionDurationMs(r, ctx.now))},
    {id: 'document', title: 'DOCUMENT', width: 22, flex: true, priority: 3, text: (r) => r.documentName || '—'},
    {id: 'reason', title: 'REASON', width: 20, flex: true, priority: 2, text: (r) => r.reason || '—'},
    {id: 'id', title: 'SESSION ID', width: 36, priority: 4, text: (r) => r.sessionId},
  ],
  titleNote: (rows) => `${rows.filter((r) => r.endDate === undefined).length} connected · ${new Set(rows.map((r) => r.owner)).size} owners`,
  fetch: async (services, {signal, arg}) => {
    const api = services.sessions;
    if (!api) throw new Error('Session history is not available here');
    const a = parseSessionsArg(arg);
    const filters: SessionFilter[] = a.target ? [{key: 'Target', value: a.target}] : [];
    return api.list(a.history ? 'History' : 'Active', filters, signal);
  },
  disabled: {
    'sessions.terminate': (ctx) => (ctx.readOnly ? SESSIONS_READ_ONLY.terminate : undefined),
  },
  actions: {
    ...tableActions<SessionRow>('sessions', () => sessionsView.table),
    'sessions.history': (ctx) => {
      const a = parseSessionsArg(currentScreen(ctx.store.getState()).arg);
      openSessions(ctx, {...a, history: !a.history}, true);
      ctx.store.getState().setFlash({text: a.history ? 'active sessions' : 'session history (30 days)', tone: 'info'});
    },
    'sessions.terminate': (ctx) => {
      const r = cursor(ctx);
      if (r) terminate(ctx, r);
    },
  },
});
