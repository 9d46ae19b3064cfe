// Values derived from the whole fleet, computed once per fleet array: the store replaces the array on every change,
// so a cache keyed weakly by it is never stale and lets old arrays go.
import type {ManagedInstance} from './instance.js';

/** `compute`, memoised per fleet array (for what renders ask on every key press). */
export function perFleet<T>(compute: (fleet: readonly ManagedInstance[]) => T): (fleet: readonly ManagedInstance[]) => T {
  const cache = new WeakMap<readonly ManagedInstance[], T>();
  return (fleet) => {
    if (cache.has(fleet)) return cache.get(fleet) as T;
    const value = compute(fleet);
    cache.set(fleet, value);
    return value;
  };
}
