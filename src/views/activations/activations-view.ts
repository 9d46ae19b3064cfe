// The hybrid activations table (`:activations`, `:act`): id, description, default instance name, IAM role,
// registrations used of the limit, expiry (an expired one in red), tags. c creates one, D deletes one (asked, audited).
import {cachedHaystack} from '../../fleet/filter.js';
import {humanDuration} from '../../fleet/format.js';
import {registrationsLabel, type Activation} from '../../fleet/activations/activation.js';
import {cursorRow, setRows} from '../../fleet/table-model.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {appendAudit} from '../../audit.js';
import {defineTableView, type ActionContext, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {openActivationForm} from './form.js';
import {ACTIVATION_READ_ONLY} from './services.js';

/** `expired 2h ago` or `in 23h`. */
export function expiryText(a: Pick<Activation, 'expirationDate' | 'expired'>, now: number): string {
  if (a.expired || a.expirationDate <= now) return `EXPIRED ${humanDuration(Math.max(0, now - a.expirationDate))} ago`;
  return `in ${humanDuration(a.expirationDate - now)}`;
}

const tagsText = (a: Activation) => Object.entries(a.tags).map(([k, v]) => `${k}=${v}`).join(' ');

const cursor = (ctx: ActionContext): Activation | undefined => {
  const st = ctx.store.getState().tables.activations;
  return st ? cursorRow(st) as Activation | undefined : undefined;
};

function deleteActivation(ctx: ActionContext, a: Activation): void {
  const s = ctx.store.getState();
  const api = ctx.services.activations;
  if (ctx.readOnly) return s.setFlash({text: ACTIVATION_READ_ONLY.delete, tone: 'warn'});
  if (!api) return;
  s.setPrompt({kind: 'confirm', text: '', before: '', question: `Delete the activation ${sanitizeText(a.activationId)}${
    a.description ? ` (${sanitizeText(a.description)})` : ''}? Its ${a.registrationsCount} registered node${a.registrationsCount === 1 ? '' : 's'} stay.`, onYes: () => {
    api.delete(a.activationId).then(() => {
      appendAudit({action: 'DeleteActivation', identity: ctx.services.identity ?? 'unknown', activationId: a.activationId, via: 'dashboard'});
      ctx.store.getState().setFlash({text: `deleted ${sanitizeText(a.activationId)}`, tone: 'info'});
      ctx.store.getState().updateTable<Activation>('activations', (st) => setRows(activationsView.table, st, st.rows.filter((r) => r.activationId !== a.activationId)));
    }, (e: unknown) => ctx.store.getState().setFlash({text: `delete failed: ${errorText(e)}`, tone: 'error'}));
  }});
}

export const activationsView: TableView<Activation> = defineTableView<Activation>({
  id: 'activations',
  title: 'Hybrid activations',
  aliases: ['act', 'activation', 'hybrid-activations'],
  defaultSort: 'created',
  refreshMs: 30_000,
  liveAges: true,
  scopes: ['activations', 'table'],
  table: {
    rowId: (a) => a.activationId,
    filter: {
      keys: {
        expired: {describe: 'yes or no', values: ['yes', 'no'], get: (a) => (a.expired ? 'yes' : 'no')},
        role: {describe: 'IAM role', get: (a) => a.iamRole},
        id: {describe: 'activation id', get: (a) => a.activationId},
      },
      text: cachedHaystack((a: Activation) => [a.activationId, a.description, a.defaultInstanceName, a.iamRole, tagsText(a)]),
    },
    sortValues: {
      created: (a) => -a.createdDate,
      expiry: (a) => a.expirationDate,
      role: (a) => a.iamRole.toLowerCase(),
    },
  },
  columns: () => [
    {id: 'id', title: 'ACTIVATION ID', width: 36, priority: 0, text: (a) => a.activationId},
    {id: 'description', title: 'DESCRIPTION', width: 20, flex: true, priority: 2, text: (a) => a.description || '—'},
    {id: 'name', title: 'DEFAULT NAME', width: 16, flex: true, priority: 1, text: (a) => a.defaultInstanceName || '—'},
    {id: 'role', title: 'IAM ROLE', width: 20, flex: true, priority: 1, text: (a) => a.iamRole},
    {id: 'registrations', title: 'REGISTERED', width: 10, priority: 0, align: 'right', text: (a) => registrationsLabel(a),
      tone: (a) => (a.registrationsCount >= a.registrationLimit ? 'warn' : undefined)},
    {id: 'expiry', title: 'EXPIRES', width: 18, priority: 0, text: (a, ctx) => expiryText(a, ctx.now),
      tone: (a, ctx) => (a.expired || a.expirationDate <= ctx.now ? 'bad' : undefined)},
    {id: 'tags', title: 'TAGS', width: 20, flex: true, priority: 3, text: (a) => tagsText(a) || '—'},
  ],
  titleNote: (rows) => `${rows.filter((a) => a.expired).length} expired · ${rows.reduce((n, a) => n + a.registrationsCount, 0)} nodes registered`,
  fetch: async (services, {signal}) => {
    const api = services.activations;
    if (!api) throw new Error('Hybrid activations are not available here');
    return api.list(undefined, signal);
  },
  disabled: {
    'activations.create': (ctx) => (ctx.readOnly ? ACTIVATION_READ_ONLY.create : undefined),
    'activations.delete': (ctx) => (ctx.readOnly ? ACTIVATION_READ_ONLY.delete : undefined),
  },
  actions: {
    ...tableActions<Activation>('activations', () => activationsView.table),
    'activations.create': (ctx) => openActivationForm(ctx),
    'activations.delete': (ctx) => {
      const a = cursor(ctx);
      if (a) deleteActivation(ctx, a);
    },
  },
});
