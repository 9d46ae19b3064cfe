// `:pf` (`:forwards`): the port forwards this fleetdeck keeps open: where they listen, where they go, status,
// connections, bytes and uptime; stop, restart, copy `localhost:PORT`.
import {cachedHaystack} from '../../fleet/filter.js';
import {humanDuration} from '../../fleet/format.js';
import type {ForwardRow} from '../../fleet/forwards/forwards.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {readOnlyRefusal} from '../../fleet/read-only.js';
import type {ForwardStatus} from '../../session/port-forward.js';
import {defineTableView, type ActionContext, type TableView, type Tone} from '../view.js';
import {tableActions} from '../table-actions.js';

const STATUS_TONE: Record<ForwardStatus, Tone | undefined> = {
  starting: 'muted', listening: 'good', active: 'accent', reconnecting: 'warn', failed: 'bad', stopped: 'muted',
};

/** 1.2 MB, 640 KB, 12 B. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(n < 10 * 1024 ** 2 ? 1 : 0)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

function cursorRow(ctx: ActionContext): ForwardRow | undefined {
  const st = ctx.store.getState().tables.forwards;
  return st?.visible[st.cursor] as ForwardRow | undefined;
}

function report(ctx: ActionContext, work: Promise<unknown>, done: string): void {
  work.then(
    () => ctx.store.getState().setFlash({text: done, tone: 'info'}),
    (e: unknown) => ctx.store.getState().setFlash({text: sanitizeText(e instanceof Error ? e.message : String(e)), tone: 'error'}),
  );
}

export const forwardsView: TableView<ForwardRow> = defineTableView<ForwardRow>({
  appWide: true,
  id: 'forwards',
  title: 'Port forwards',
  aliases: ['pf', 'portforwards'],
  refreshMs: 1_000,
  defaultSort: 'started',
  scopes: ['forwards', 'table'],
  table: {
    rowId: (r) => r.id,
    filter: {
      keys: {status: {describe: 'status', get: (r) => r.status}, instance: {describe: 'instance id', get: (r) => r.instanceId}},
      text: cachedHaystack((r: ForwardRow) => [r.name, r.instanceId, r.local, r.remote, r.status]),
    },
    sortValues: {started: (r) => r.startedAt, name: (r) => r.name.toLowerCase(), status: (r) => r.status, local: (r) => r.localPort},
  },
  columns: () => [
    {id: 'name', title: 'NAME', width: 14, flex: true, priority: 0, text: (r) => sanitizeText(r.name)},
    {id: 'instance', title: 'INSTANCE', width: 20, priority: 1, text: (r) => r.instanceId},
    {id: 'local', title: 'LOCAL', width: 15, priority: 0, text: (r) => r.local},
    {id: 'remote', title: '→ REMOTE', width: 16, flex: true, priority: 1, text: (r) => `→ ${sanitizeText(r.remote)}`},
    {id: 'status', title: 'STATUS', width: 12, priority: 0, text: (r) => r.status, tone: (r) => STATUS_TONE[r.status]},
    {id: 'conns', title: 'CONNS', width: 5, priority: 2, align: 'right', text: (r) => String(r.connections)},
    {id: 'in', title: 'IN', width: 8, priority: 3, align: 'right', text: (r) => formatBytes(r.bytesIn)},
    {id: 'out', title: 'OUT', width: 8, priority: 3, align: 'right', text: (r) => formatBytes(r.bytesOut)},
    {id: 'up', title: 'UPTIME', width: 7, priority: 4, align: 'right', text: (r) => (r.upMs > 0 ? humanDuration(r.upMs) : '—')},
    {id: 'error', title: 'LAST ERROR', width: 16, flex: true, priority: 5, text: (r) => sanitizeText(r.lastError ?? ''),
      tone: () => 'warn'},
  ],
  fetch: async (services) => services.forwards?.list() ?? [],
  disabled: {
    'forwards.restart': (ctx) =>
      readOnlyRefusal('forward', {readOnly: ctx.readOnly, allowForwards: ctx.services.forwards?.allowedInReadOnly ?? false}),
  },
  actions: {
    ...tableActions<ForwardRow>('forwards', () => forwardsView.table),
    'forwards.stop': (ctx) => {
      const row = cursorRow(ctx);
      const forwards = ctx.services.forwards;
      if (!row || !forwards) return;
      report(ctx, forwards.stop(row.id), `stopped ${sanitizeText(row.name)}`);
    },
    'forwards.restart': (ctx) => {
      const row = cursorRow(ctx);
      const forwards = ctx.services.forwards;
      if (!row || !forwards) return;
      report(ctx, forwards.restart(row.id), `restarted ${sanitizeText(row.name)}`);
    },
    'forwards.copy': (ctx) => {
      const row = cursorRow(ctx);
      if (!row || row.localPort === 0) return;
      const text = `localhost:${row.localPort}`;
      ctx.services.copy?.(text);
      ctx.store.getState().setFlash({text: `copied ${text}`, tone: 'info'});
    },
  },
});
