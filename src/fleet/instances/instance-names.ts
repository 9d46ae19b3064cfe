// Instance names where ids appear, and names accepted where ids are asked for (`run --targets`, `forward`): the
// Name tag of EC2 nodes and the registered name of hybrid nodes, as the fleet loader reads them (already sanitized).
// A name is an exact match; a name several instances share is an error that lists them, never a guess.
import type {ManagedInstance} from './instance.js';
import {sanitizeText} from '../sanitize.js';

const ID = /^(i-[0-9a-f]{8}|i-[0-9a-f]{17}|mi-[0-9a-f]{17})$/;
const EXPRESSION = /^(tag|tag-key|resource-groups):/;

export const isInstanceId = (text: string): boolean => ID.test(text);

/** id → name for the instances that have one (built once per fleet load). */
export function nameIndex(fleet: readonly ManagedInstance[]): Map<string, string> {
  return new Map(fleet.filter((i) => i.name).map((i) => [i.instanceId, i.name]));
}

/** True when the text names instances (at least one word is neither an id nor a target expression). */
export function mentionsNames(text: string): boolean {
  const words = text.trim().split(/[\s,]+/).filter(Boolean);
  return words.length > 0 && !words.some((w) => EXPRESSION.test(w)) && words.some((w) => !isInstanceId(w));
}

export type NameLookup = {ok: true; ids: string[]} | {ok: false; error: string};

function describeMatch(i: ManagedInstance): string {
  return `${i.instanceId} (${i.name}, ${i.pingStatus})`;
}

/** One id or exact name → its instance id; an unknown or shared name is an error naming what matched. */
export function resolveOne(word: string, fleet: readonly ManagedInstance[]): {ok: true; id: string} | {ok: false; error: string} {
  if (isInstanceId(word)) return {ok: true, id: word};
  const shown = sanitizeText(word);
  const matches = fleet.filter((i) => i.name === word);
  const [only] = matches;
  if (matches.length === 1 && only) return {ok: true, id: only.instanceId};
  if (matches.length === 0 && /^m?i-/.test(word)) {
    return {ok: false, error: `"${shown}" is not an instance id (i- and 8 or 17 hex digits, or mi- and 17) nor a Name tag`};
  }
  if (matches.length === 0) {
    return {ok: false, error: `no managed instance is named "${shown}" (targets are instance ids, exact Name tags, or an expression such as tag:Env=prod)`};
  }
  const list = [...matches].sort((a, b) => a.instanceId.localeCompare(b.instanceId)).map(describeMatch).join(', ');
  return {ok: false, error: `"${shown}" names ${matches.length} instances: ${list}; give the instance id instead`};
}

/**
 * Ids and names (separated by commas or spaces) → instance ids, in the order given, without repeats. The whole text
 * is tried as one name first, so a Name tag with a space in it works when it is the only target.
 */
export function resolveNames(text: string, fleet: readonly ManagedInstance[]): NameLookup {
  const whole = text.trim();
  const exact = fleet.filter((i) => i.name === whole);
  const [only] = exact;
  if (exact.length === 1 && only) return {ok: true, ids: [only.instanceId]};
  if (exact.length > 1) {
    const r = resolveOne(whole, fleet);
    return r.ok ? {ok: true, ids: [r.id]} : r;
  }
  const ids: string[] = [];
  for (const word of whole.split(/[\s,]+/).filter(Boolean)) {
    const r = resolveOne(word, fleet);
    if (!r.ok) return r;
    if (!ids.includes(r.id)) ids.push(r.id);
  }
  return ids.length ? {ok: true, ids} : {ok: false, error: 'no targets given'};
}

/** Ids ordered by name (unnamed last, then by id): how panes and lists of instances read. */
export function byName<T>(rows: readonly T[], id: (row: T) => string, names: ReadonlyMap<string, string>): T[] {
  const key = (r: T) => names.get(id(r)) ?? '';
  return [...rows].sort((a, b) => {
    const na = key(a);
    const nb = key(b);
    if (na && !nb) return -1;
    if (nb && !na) return 1;
    return na.localeCompare(nb) || id(a).localeCompare(id(b));
  });
}

/** "web-01" for one instance, "web-01, web-02" for a few, "5 instances" beyond: history rows' targets. */
export function targetNames(ids: readonly string[], names: ReadonlyMap<string, string>, few = 3): string {
  if (ids.length === 0 || ids.length > few) return '';
  return ids.map((id) => names.get(id) || id).join(', ');
}
