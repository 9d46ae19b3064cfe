// Keeps a table view's rows live: one poller per visible view, never overlapping, backing off on throttling
// and errors, stopped when the view is hidden and paused under dialogs.
import {createPoller} from '../fleet/poller.js';
import {initTable, prepareFilter, setRows} from '../fleet/table-model.js';
import {sanitizeText} from '../fleet/sanitize.js';
import type {AppStore} from '../store/store.js';
import type {FetchOptions, Services, TableView} from './view.js';
import {mergedFetch} from './contexts/merged-fetch.js';
import {routesOf} from './contexts/services.js';

const PROGRESS_MS = 500;

export interface ViewSync {
  refreshNow(): void;
  pause(): void;
  resume(): void;
  stop(): void;
}

export interface SyncOptions {
  refreshMs?: number;
  classifyError: (e: unknown) => 'throttle' | 'transient' | 'fatal';
  describeError: (e: unknown) => string;
}

/**
 * Where the view's rows come from. `context`: the screen belongs to one context (opened from one of its rows; with one
 * context connected, a node's account the organisation view reached) and loads from it alone. Otherwise every
 * context in view at once, or the only one there is.
 */
function contextFetch<T>(view: TableView<T>, store: AppStore, services: Services, opts: SyncOptions, context?: string):
  ((fetchOpts: FetchOptions<T>) => Promise<readonly T[]>) | undefined {
  const fetch = view.fetch;
  if (!fetch) return undefined;
  if (view.appWide) return (o) => fetch(services, o);
  const pinned = routesOf(services);
  if (context !== undefined && pinned !== undefined) {
    const own = pinned.servicesFor(context) ?? services;
    return (o) => pinned.background(context, () => fetch(own, o));
  }
  const routes = services.contexts;
  if (routes === undefined) return (o) => fetch(services, o);
  store.getState().setContextLoads({});
  return mergedFetch(fetch, routes, {describeError: opts.describeError, report: (loads) => store.getState().setContextLoads(loads)});
}

/**
 * Rows a view shows before its sync has started (the dashboard's prefetched first page, in its first frame). They
 * are published as a first load's progress is, and that load streams over them as it would over an empty table.
 */
export function seedRows<T>(view: TableView<T>, store: AppStore, rows: readonly T[]): void {
  store.getState().updateTable<T>(view.id, (st) => ({...setRows(view.table, st, rows), seeded: true}));
  view.onRows?.(store, rows, Date.now());
}

export function startViewSync<T>(view: TableView<T>, store: AppStore, services: Services, opts: SyncOptions,
  arg?: string, context?: string): ViewSync {
  const fetch = contextFetch(view, store, services, opts, context);
  if (!fetch) return {refreshNow() {}, pause() {}, resume() {}, stop() {}};
  // Back in the history to a screen of the same view for another argument (another command's results): its rows are
  // not the ones in the table, which starts over rather than show them under this screen's title.
  const held = store.getState().tables[view.id];
  if (!held || store.getState().tableArgs[view.id] !== arg) {
    store.getState().updateTable<T>(view.id, (st) => (held ? {...initTable<T>(view.defaultSort), extraSortKeys: st.extraSortKeys} : initTable<T>(view.defaultSort)));
  }
  store.getState().setTableArg(view.id, arg);
  let lastDescription: string | undefined;
  let lastProgress = 0;
  let warm: ReturnType<typeof setTimeout> | undefined;
  const start = store.getState().tables[view.id];
  let firstLoad = (start?.rows.length ?? 0) === 0 || start?.seeded === true;
  const publish = (rows: readonly T[], at: number, complete: boolean) => {
    store.getState().updateTable<T>(view.id, (st) => {
      const next = setRows(view.table, st, rows);
      return complete && next.seeded ? {...next, seeded: false} : next;
    });
    view.onRows?.(store, rows, at);
  };
  const poller = createPoller({
    intervalMs: view.refreshMs ?? opts.refreshMs ?? 5_000,
    fetch: async (signal) => {
      lastDescription = undefined;
      const rows = await fetch({
        signal,
        ...(arg !== undefined ? {arg} : {}),
        // Rows stream in on the first load only (the first page at once, then at most every PROGRESS_MS: each
        // publish re-sorts and re-renders); later refreshes swap the whole set at once.
        onProgress: (partial, complete) => {
          const now = Date.now();
          if (!firstLoad || (!complete && now - lastProgress < PROGRESS_MS)) return;
          lastProgress = now;
          publish(partial, now, false);
        },
        onActivity: (text) => store.getState().setActivity(text),
      });
      firstLoad = false;
      publish(rows, Date.now(), true);
      if (view.pollMs) poller.setInterval(view.pollMs(rows));
      // Build the filter's text index now, while nobody is typing, so the first keystroke of a filter at 50,000 rows
      // does not pay for it (the index holds every row's text once; the rows keep none of their own).
      warm = setTimeout(() => store.getState().updateTable<T>(view.id, (st) => prepareFilter(view.table, st)), 50);
    },
    classifyError: (e) => {
      // The description carries the endpoint's own words: it reaches the header only sanitized.
      lastDescription = sanitizeText(opts.describeError(e));
      return opts.classifyError(e);
    },
    onState: (p) => {
      const {inFlight: _inFlight, lastErrorKind: _kind, ...rest} = p;
      store.getState().setSync({...rest, ...(p.lastError ? {lastError: lastDescription ?? p.lastError} : {})});
    },
  });
  poller.start();
  const unsubscribe = view.subscribe?.(services, arg, () => poller.refreshNow());
  return {
    refreshNow: () => poller.refreshNow(),
    pause: () => poller.pause(),
    resume: () => poller.resume(),
    stop: () => {
      clearTimeout(warm);
      unsubscribe?.();
      poller.stop();
      // A load cut short by leaving the view must not leave its "loading…" line behind.
      store.getState().setActivity(undefined);
    },
  };
}
