// A write from this dashboard (a new baseline, a new default, a patch group) refreshes the baselines table at once
// instead of at its next poll.
import type {Services} from '../view.js';

const listeners = new WeakMap<Services, Set<() => void>>();

export function onBaselinesChanged(services: Services, fn: () => void): () => void {
  let set = listeners.get(services);
  if (!set) listeners.set(services, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

export function baselinesChanged(services: Services): void {
  for (const fn of listeners.get(services) ?? []) fn();
}
