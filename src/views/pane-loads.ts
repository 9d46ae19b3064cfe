// What a resource's panes load on demand (a document's content, an association's detail), kept per store and by
// key: loading, failed (the sanitized reason) or loaded. Each change redraws the screen through the store's change
// count for that resource, so a pane shows its text as soon as it arrives.
import {errorText} from '../fleet/sanitize.js';
import type {AppStore} from '../store/store.js';

export type Loadable<T> = {state: 'loading'} | {state: 'error'; message: string} | {state: 'ok'; value: T};

const byStore = new WeakMap<AppStore, Map<string, Loadable<unknown>>>();

function cache(store: AppStore): Map<string, Loadable<unknown>> {
  let m = byStore.get(store);
  if (!m) byStore.set(store, (m = new Map()));
  return m;
}

export function loaded<T>(store: AppStore, key: string): Loadable<T> | undefined {
  return cache(store).get(key) as Loadable<T> | undefined;
}

/** Loads `key` (again) with `fetch`; the screen redraws when it starts and when it ends. A newer load of the same key wins. */
export function load<T>(store: AppStore, resource: string, key: string, fetch: () => Promise<T>): Promise<T | undefined> {
  const c = cache(store);
  const mark: Loadable<T> = {state: 'loading'};
  c.set(key, mark);
  store.getState().resourceChanged(resource);
  const done = (entry: Loadable<T>) => {
    if (c.get(key) !== mark) return;
    c.set(key, entry);
    store.getState().resourceChanged(resource);
  };
  return fetch().then(
    (value) => {
      done({state: 'ok', value});
      return value;
    },
    (e: unknown) => {
      done({state: 'error', message: errorText(e)});
      return undefined;
    },
  );
}

/** Sets a key's value directly (a form's draft); the screen redraws. */
export function put<T>(store: AppStore, resource: string, key: string, value: T): void {
  cache(store).set(key, {state: 'ok', value});
  store.getState().resourceChanged(resource);
}
