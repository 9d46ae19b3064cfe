// `:contexts` (`:ctx`): every context of the run — its account, region, profile, credential state, live request meter
// and guards — and which are in view: space puts one in or out, enter shows only it, a all, r rechecks its
// credentials, d opens its detail; `:ctx NAME` or `:ctx GROUP` switches from the command bar.
import {accountLabel, type ContextInfo} from '../../fleet/contexts/context.js';
import {placeRows} from '../../fleet/contexts/row-place.js';
import {cachedHaystack} from '../../fleet/filter.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {cursorRow} from '../../fleet/table-model.js';
import {defineTableView, type ActionContext, type Column, type Services, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {colourTone, contextsNote, credentialText, credentialTone, guardFlags} from './context-rows.js';
import {knownContexts, routesOf, type ContextRoutes} from './services.js';
import {allContexts, onlyContext, switchContexts, toggleContext, type SwitchOutcome} from './switch.js';

/** A context as a row: its info, and its place in the contexts' own order (the default sort). */
export interface ContextRow extends ContextInfo {
  order: number;
}

export const CONTEXT_DETAIL_VIEW = 'context-detail';

function rowsOf(services: Services): ContextRow[] {
  const routes = routesOf(services);
  if (!routes) return [];
  // The configured contexts, then those the organisation view made (listed for their meters; never in view).
  const rows = knownContexts(routes).map((c, order) => ({...c, order}));
  // Placed where each lives: account: and region: filter them, and a command on one acts as that context.
  if (services.contexts) for (const r of rows) placeRows([r], {context: r.spec.name, account: accountLabel(r), region: r.spec.region});
  return rows;
}

const num = (n: number | undefined) => (n === undefined ? '—' : String(n));

const COLUMNS: readonly Column<ContextRow>[] = [
  {id: 'name', title: 'NAME', width: 18, whole: true, priority: 0, text: (c) => sanitizeText(c.spec.name), tone: (c) => colourTone(c.spec.colour)},
  {id: 'account', title: 'ACCOUNT', width: 12, minWidth: 8, priority: 1, text: (c) => sanitizeText(accountLabel(c))},
  {id: 'region', title: 'REGION', width: 9, priority: 1, text: (c) => c.spec.region},
  {id: 'profile', title: 'PROFILE', width: 10, minWidth: 6, priority: 4, text: (c) => sanitizeText(c.spec.profile ?? '—')},
  {id: 'credentials', title: 'CREDENTIALS', width: 15, priority: 0, text: (c, x) => credentialText(c.credentials, x.now),
    tone: (c, x) => credentialTone(c.credentials, x.now)},
  {id: 'rate', title: 'REQ/S', width: 6, align: 'right', priority: 2, text: (c) => c.requestsPerSecond.toFixed(1)},
  {id: 'throttles', title: 'THROTTLES', width: 9, align: 'right', priority: 2, text: (c) => String(c.throttlesLastMinute),
    tone: (c) => (c.throttlesLastMinute > 0 ? 'warn' : undefined)},
  {id: 'inflight', title: 'IN FLIGHT', width: 9, align: 'right', priority: 3,
    text: (c) => (c.maxInFlight === undefined ? num(c.inFlight) : `${c.inFlight}/${c.maxInFlight}`)},
  {id: 'inview', title: 'IN VIEW', width: 7, priority: 0, text: (c) => (c.inView === false ? '' : '✓'), tone: () => 'good'},
  {id: 'flags', title: 'FLAGS', width: 19, priority: 1, text: guardFlags, tone: (c) => (c.spec.protected ? 'bad' : 'warn')},
];

function cursorContext(ctx: ActionContext): ContextRow | undefined {
  const st = ctx.store.getState().tables[contextsView.id];
  return st ? cursorRow(st) as ContextRow | undefined : undefined;
}

function say(ctx: ActionContext, outcome: SwitchOutcome): void {
  ctx.store.getState().setFlash({text: outcome.message, tone: outcome.ok ? 'info' : 'warn'});
}

/** Runs `fn` on the routes and the context under the cursor. */
function onCursor(fn: (routes: ContextRoutes, row: ContextRow, ctx: ActionContext) => void): (ctx: ActionContext) => void {
  return (ctx) => {
    const routes = routesOf(ctx.services);
    const row = cursorContext(ctx);
    if (routes && row) fn(routes, row, ctx);
  };
}

const oneContext = (ctx: ActionContext): string | undefined =>
  (ctx.services.contexts ? undefined : 'one context: it is always in view');

/** In or out of view: not for the only context, nor for one made for the organisation view's nodes. */
const toggleable = (ctx: ActionContext): string | undefined => {
  const row = cursorContext(ctx);
  return oneContext(ctx) ??
    (row?.assumed === undefined ? undefined : `${sanitizeText(row.spec.name)} was made for :org to act on its nodes: it has no rows to show`);
};

export const contextsView: TableView<ContextRow> = {
  ...defineTableView<ContextRow>({
    appWide: true,
    idsUniqueAcrossContexts: true,
    id: 'contexts',
    title: 'Contexts',
    aliases: ['ctx', 'context'],
    // Its meters (requests/s, throttles, in flight) move every second.
    refreshMs: 1_000,
    liveAges: true,
    defaultSort: 'order',
    scopes: ['contexts', 'table'],
    table: {
      rowId: (c) => c.spec.name,
      filter: {
        keys: {
          credentials: {describe: 'credential state: valid, login-needed, expired, denied, unreachable', get: (c) => c.credentials.kind},
          profile: {describe: 'profile', get: (c) => c.spec.profile ?? ''},
        },
        text: cachedHaystack((c: ContextRow) => [c.spec.name, c.spec.alias, c.accountId, c.spec.region, c.spec.profile, guardFlags(c)]),
      },
      sortValues: {
        order: (c) => c.order,
        name: (c) => c.spec.name,
        credentials: (c) => c.credentials.kind,
        rate: (c) => c.requestsPerSecond,
        throttles: (c) => c.throttlesLastMinute,
        inflight: (c) => c.inFlight,
      },
    },
    columns: () => [...COLUMNS],
    fetch: async (services) => rowsOf(services),
    // Health changes (a context's login, its account id) show at once, between the meter's ticks.
    subscribe: (services, _arg, onChange) => routesOf(services)?.subscribe(onChange) ?? (() => undefined),
    titleNote: (rows) => contextsNote(rows),
    withArgument: (text) => ({ok: true, act: (ctx) => {
      const routes = routesOf(ctx.services);
      if (!routes) return 'no contexts here';
      const outcome = switchContexts(routes, text);
      if (!outcome.ok) return outcome.message;
      say(ctx, outcome);
      return undefined;
    }}),
    disabled: {
      'contexts.toggle': toggleable,
      'contexts.only': toggleable,
      'contexts.all': oneContext,
      'contexts.recheck': (ctx) => (cursorContext(ctx)?.assumed === undefined ? undefined
        : 'a context made for :org has no check of its own: its next call that works clears its state'),
    },
    actions: {
      ...tableActions<ContextRow>('contexts', () => contextsView.table),
      'contexts.toggle': onCursor((routes, row, ctx) => say(ctx, toggleContext(routes, row.spec.name))),
      'contexts.only': onCursor((routes, row, ctx) => say(ctx, onlyContext(routes, row.spec.name))),
      'contexts.all': (ctx) => {
        const routes = routesOf(ctx.services);
        if (routes) say(ctx, allContexts(routes));
      },
      'contexts.recheck': onCursor((routes, row, ctx) => {
        if (!routes.recheck) return;
        routes.recheck(row.spec.name);
        ctx.store.getState().setFlash({text: `checking the credentials of ${sanitizeText(row.spec.name)} again…`, tone: 'info'});
      }),
      'contexts.detail': onCursor((_routes, row, ctx) => {
        // The detail is about the context, not a screen of its rows: it is not pinned to it.
        ctx.store.getState().setActingContext(undefined);
        ctx.store.getState().push({view: CONTEXT_DETAIL_VIEW, arg: row.spec.name});
      }),
    },
  }),
  // The view's own ACCOUNT and REGION (a context is a place): not the merged tables' place columns before NAME.
  columns: () => [...COLUMNS],
};
