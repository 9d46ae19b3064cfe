// React hooks over the contexts: which are in view (a merged view reloads when that changes) and their health.
import React from 'react';
import type {ContextInfo} from '../../fleet/contexts/context.js';
import type {Services} from '../view.js';

const NONE: readonly ContextInfo[] = [];

/** The names of the contexts in view, as one string that changes only when the set does ('' with one context). */
export function useContextsInView(services: Services): string {
  const routes = services.contexts;
  return React.useSyncExternalStore(
    React.useCallback((listener: () => void) => routes?.subscribe(listener) ?? (() => undefined), [routes]),
    () => routes?.inView().map((c) => c.spec.name).join(',') ?? '',
  );
}

/** Every context's info (the only one's, with one), re-read whenever a context's health or the set in view changes. */
export function useContextInfos(services: Services): readonly ContextInfo[] {
  const routes = services.contexts ?? services.soleContext;
  const [infos, setInfos] = React.useState<readonly ContextInfo[]>(() => routes?.all() ?? NONE);
  React.useEffect(() => {
    if (!routes) return undefined;
    setInfos(routes.all());
    return routes.subscribe(() => setInfos(routes.all()));
  }, [routes]);
  return infos;
}
