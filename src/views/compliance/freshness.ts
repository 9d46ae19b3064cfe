// How old a panel's data is, for its title: "as of 2m ago", marked stale once it is older than it should be (the
// refresh failed, or the node stopped reporting).
import {formatAge} from '../../fleet/format.js';
import {tone} from '../../components/style.js';

export function freshness(label: string, at: number | undefined, staleAfterMs: number, now = Date.now()): string {
  if (at === undefined) return tone(`${label} —`, 'muted');
  const text = `${label} ${formatAge(at, now)} ago`;
  return now - at > staleAfterMs ? tone(`${text} · stale`, 'warn') : tone(text, 'muted');
}
