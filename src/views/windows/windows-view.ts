// The maintenance windows table (`:windows`, `:mw`, `:maintenance-windows`), live: name, enabled, schedule and time
// zone, duration and cutoff, the next opening in local time with a countdown, and the newest run's status.
import {samePlace} from '../../fleet/contexts/row-place.js';
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge, humanDuration} from '../../fleet/format.js';
import {localTime} from '../../fleet/associations/schedule-preview.js';
import {durationText} from '../../fleet/windows/window.js';
import {WINDOW_READ_ONLY} from '../../fleet/windows/window-form.js';
import {cursorRow, setRows} from '../../fleet/table-model.js';
import {defineTableView, type ActionContext, type TableView, type Tone} from '../view.js';
import {tableActions} from '../table-actions.js';
import {openExecutions, openWindow, toggleWindow} from './open.js';
import {openWindowForm} from './form-open.js';
import {loadLastRuns, nextRunOf, scheduleText, withLastRun, type WindowRow} from './rows.js';
import './services.js';

/** SSM's run statuses: SUCCESS, FAILED, TIMED_OUT, CANCELLED, IN_PROGRESS, PENDING, SKIPPED_OVERLAPPING… */
export function runTone(status: string | undefined): Tone | undefined {
  if (status === 'SUCCESS') return 'good';
  if (status === 'FAILED' || status === 'TIMED_OUT') return 'bad';
  return status === 'IN_PROGRESS' || status === 'PENDING' || status === 'CANCELLING' ? 'warn' : undefined;
}

/** `Sun 8 Dec 02:00 (in 1d9h)` */
export function nextRunText(at: number | undefined, now: number): string {
  return at === undefined ? '—' : `${localTime(at, now)} (in ${humanDuration(at - now)})`;
}

const cursor = (ctx: ActionContext): WindowRow | undefined => {
  const st = ctx.store.getState().tables.windows;
  return st ? cursorRow(st) as WindowRow | undefined : undefined;
};

/** Shows a change at once (the next refresh confirms it). */
export function patchRow(ctx: ActionContext, windowId: string, change: Partial<WindowRow>): void {
  ctx.store.getState().updateTable<WindowRow>('windows', (st) => setRows(windowsView.table, st, st.rows.map((w) => (w.windowId === windowId ? samePlace({...w, ...change}, w) : w))));
}

export const windowsView: TableView<WindowRow> = defineTableView<WindowRow>({
  id: 'windows',
  title: 'Maintenance windows',
  aliases: ['mw', 'maintenance-windows', 'window'],
  defaultSort: 'next',
  refreshMs: 10_000,
  liveAges: true,
  scopes: ['windows', 'table'],
  table: {
    rowId: (w) => w.windowId,
    filter: {
      keys: {
        enabled: {describe: 'yes or no', values: ['yes', 'no'], get: (w) => (w.enabled ? 'yes' : 'no')},
        last: {describe: 'status of the newest run: success, failed, timed_out, cancelled, in_progress', get: (w) => (w.lastRun?.status ?? '').toLowerCase()},
        id: {describe: 'window id', get: (w) => w.windowId},
      },
      text: cachedHaystack((w: WindowRow) => [w.name, w.windowId, w.schedule, w.timeZone ?? '', w.description ?? '', w.lastRun?.status ?? '']),
    },
    sortValues: {
      next: (w) => nextRunOf(w, Date.now()) ?? Number.MAX_SAFE_INTEGER,
      name: (w) => w.name.toLowerCase(),
      last: (w) => -(w.lastRun?.startedAt ?? 0),
    },
  },
  columns: () => [
    {id: 'name', title: 'NAME', width: 18, flex: true, priority: 0, text: (w) => w.name},
    {id: 'enabled', title: 'ENABLED', width: 7, priority: 1, text: (w) => (w.enabled ? 'yes' : 'no'), tone: (w) => (w.enabled ? undefined : 'muted')},
    {id: 'schedule', title: 'SCHEDULE', width: 28, flex: true, priority: 2, text: (w) => scheduleText(w)},
    {id: 'duration', title: 'DURATION', width: 15, priority: 4, text: (w) => durationText(w)},
    {id: 'next', title: 'NEXT RUN (LOCAL)', width: 28, priority: 0, text: (w, ctx) => nextRunText(nextRunOf(w, ctx.now), ctx.now)},
    {id: 'last', title: 'LAST RUN', width: 11, priority: 1, text: (w) => w.lastRun?.status ?? '—', tone: (w) => runTone(w.lastRun?.status)},
    {id: 'ago', title: 'AGO', width: 6, priority: 3, align: 'right', text: (w, ctx) => formatAge(w.lastRun?.startedAt, ctx.now)},
    {id: 'id', title: 'ID', width: 20, priority: 5, text: (w) => w.windowId},
  ],
  titleNote: (rows) => {
    const n = (s: string) => rows.filter((w) => w.lastRun?.status === s).length;
    return `${rows.filter((w) => w.enabled).length} enabled · last runs: ${n('SUCCESS')} success · ${n('FAILED') + n('TIMED_OUT')} failed`;
  },
  fetch: async (services, {signal, onProgress}) => {
    const api = services.windows;
    if (!api) throw new Error('Maintenance Windows is not available here');
    const list = await api.list(signal);
    onProgress?.(withLastRun(api, list), true);
    await loadLastRuns(api, list, signal);
    return withLastRun(api, list);
  },
  disabled: {
    'windows.create': (ctx) => (ctx.readOnly ? WINDOW_READ_ONLY.create : undefined),
    'windows.edit': (ctx) => (ctx.readOnly ? WINDOW_READ_ONLY.update : undefined),
    'windows.toggle': (ctx) => (ctx.readOnly ? WINDOW_READ_ONLY.toggle : undefined),
  },
  actions: {
    ...tableActions<WindowRow>('windows', () => windowsView.table),
    'windows.detail': (ctx) => {
      const w = cursor(ctx);
      if (w) openWindow(ctx, w.windowId);
    },
    'windows.executions': (ctx) => {
      const w = cursor(ctx);
      if (w) openExecutions(ctx, w.windowId);
    },
    'windows.create': (ctx) => openWindowForm(ctx),
    'windows.edit': (ctx) => {
      const w = cursor(ctx);
      if (w) openWindowForm(ctx, w.windowId);
    },
    'windows.toggle': (ctx) => {
      const w = cursor(ctx);
      if (w) toggleWindow(ctx, w, () => patchRow(ctx, w.windowId, {enabled: !w.enabled}));
    },
  },
});
