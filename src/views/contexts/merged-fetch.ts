// One table over every context in view: each context's rows load in parallel (each under its own request budget),
// are placed (account, region) and shown together. A context that fails keeps its last good rows, marked stale in
// the header with its error, while the others stay live; only when every context fails does the load fail.
import {accountLabel} from '../../fleet/contexts/context.js';
import {placeRows, rowPlace, type RowPlace} from '../../fleet/contexts/row-place.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import type {ContextLoad} from '../../store/contexts-slice.js';
import type {FetchOptions, Services} from '../view.js';
import type {ContextRoutes} from './services.js';

/**
 * While several contexts stream in, their rows are put together at most every PROGRESS_MS (the table's own pace, so
 * none is built only to be dropped there), and only once they have grown by PROGRESS_GROWTH since the last time, or
 * PROGRESS_MAX_MS have passed: every update sorts and draws all the rows so far, so at 30,000 rows frequent small
 * updates cost more CPU than the load itself. The first screen and the count still move every second or so.
 */
const PROGRESS_MS = 500;
const PROGRESS_GROWTH = 1.25;
const PROGRESS_MAX_MS = 2_000;

type Fetch<T> = (services: Services, opts: FetchOptions<T>) => Promise<readonly T[]>;

export interface MergedFetchOptions {
  describeError: (e: unknown) => string;
  /** Each context's part of the last load (rows, error, when). */
  report: (loads: Readonly<Record<string, ContextLoad>>) => void;
  now?: () => number;
}

/**
 * Places the rows a context loaded there, except a row its fetch already placed in another context: a run's results
 * include the nodes of contexts that are not in view (org nodes reached through an assumed role), each where it lives.
 * A row placed here already is left as it is (a load reports its rows so far several times).
 */
function placeHere<T>(rows: readonly T[], place: RowPlace): void {
  placeRows(rows.filter((r) => {
    const had = rowPlace(r);
    return had === undefined || (had !== place && had.context === place.context);
  }), place);
}

export function mergedFetch<T>(fetch: Fetch<T>, routes: ContextRoutes, opts: MergedFetchOptions):
  (fetchOpts: FetchOptions<T>) => Promise<readonly T[]> {
  const now = opts.now ?? Date.now;
  // The last good rows of each context, kept while it fails.
  const last = new Map<string, {rows: readonly T[]; at: number}>();
  return async (fetchOpts) => {
    const contexts = routes.inView();
    const fresh = new Map<string, readonly T[]>();
    const rowsOf = (name: string): readonly T[] => fresh.get(name) ?? last.get(name)?.rows ?? [];
    const combined = (): T[] => contexts.flatMap((c) => rowsOf(c.spec.name));
    const onProgress = fetchOpts.onProgress;
    let lastProgress = 0;
    let lastCount = 0;
    const outcomes = await Promise.allSettled(contexts.map(async (c) => {
      const name = c.spec.name;
      const services = routes.servicesFor(name);
      if (services === undefined) throw new Error(`no context is called ${name}`);
      const place: RowPlace = {context: name, account: accountLabel(c), region: c.spec.region};
      const rows = await routes.background(name, () => fetch(services, {
        ...fetchOpts,
        place,
        ...(onProgress ? {onProgress: (partial: T[]) => {
          placeHere(partial, place);
          const first = !fresh.has(name);
          fresh.set(name, partial);
          // Every context's pages arrive at once: the rows of all are put together for a context's first page (the
          // first screen) and then as PROGRESS_MS, PROGRESS_GROWTH and PROGRESS_MAX_MS say, not for every page.
          const at = now();
          if (!first) {
            const since = at - lastProgress;
            if (since < PROGRESS_MS) return;
            const count = contexts.reduce((n, c) => n + rowsOf(c.spec.name).length, 0);
            if (count < lastCount * PROGRESS_GROWTH && since < PROGRESS_MAX_MS) return;
          }
          lastProgress = at;
          const rows = combined();
          lastCount = rows.length;
          onProgress(rows, false);
        }} : {}),
      }));
      placeHere(rows, place);
      fresh.set(name, rows);
      last.set(name, {rows, at: now()});
    }));
    // A load cut short (the view left) is no context's failure.
    if (fetchOpts.signal?.aborted) throw fetchOpts.signal.reason;
    const loads: Record<string, ContextLoad> = {};
    let firstError: unknown;
    let failed = 0;
    outcomes.forEach((outcome, i) => {
      const name = contexts[i]?.spec.name;
      if (name === undefined) return;
      const kept = last.get(name);
      if (outcome.status === 'fulfilled') {
        loads[name] = {rows: kept?.rows.length ?? 0, ...(kept ? {at: kept.at} : {})};
        return;
      }
      failed++;
      firstError ??= outcome.reason;
      fresh.delete(name);
      loads[name] = {rows: kept?.rows.length ?? 0, error: sanitizeText(opts.describeError(outcome.reason)),
        ...(kept ? {at: kept.at} : {})};
    });
    opts.report(loads);
    if (contexts.length > 0 && failed === contexts.length) throw firstError;
    return combined();
  };
}
