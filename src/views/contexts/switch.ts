// Which contexts are in view: one in or out (the last one stays), only one, all, or a config group — from the `:ctx`
// table's keys and from `:ctx NAME` / `:ctx GROUP` in the command bar. Each says what it did, or why not.
import {sanitizeText} from '../../fleet/sanitize.js';
import type {ContextRoutes} from './services.js';

export type SwitchOutcome = {ok: true; message: string} | {ok: false; message: string};

const names = (routes: ContextRoutes): string[] => routes.all().map((c) => c.spec.name);
const inViewNames = (routes: ContextRoutes): string[] => routes.inView().map((c) => c.spec.name);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function toggleContext(routes: ContextRoutes, name: string): SwitchOutcome {
  const shown = inViewNames(routes);
  const label = sanitizeText(name);
  if (shown.includes(name)) {
    if (shown.length === 1) return {ok: false, message: `${label} is the only context in view: it stays (a shows all)`};
    routes.setInView(shown.filter((n) => n !== name));
    return {ok: true, message: `${label} out of view (${plural(shown.length - 1, 'context')} in view)`};
  }
  // Kept in the contexts' own order, whatever the order they were toggled in.
  const next = names(routes).filter((n) => n === name || shown.includes(n));
  routes.setInView(next);
  return {ok: true, message: `${label} in view (${plural(next.length, 'context')} in view)`};
}

export function onlyContext(routes: ContextRoutes, name: string): SwitchOutcome {
  routes.setInView([name]);
  return {ok: true, message: `only ${sanitizeText(name)} in view`};
}

export function allContexts(routes: ContextRoutes): SwitchOutcome {
  const all = names(routes);
  routes.setInView(all);
  return {ok: true, message: `all ${plural(all.length, 'context')} in view`};
}

/** `:ctx NAME` or `:ctx GROUP` (a name, or a group from the config's contextGroups); `:ctx all` shows every one. */
export function switchContexts(routes: ContextRoutes, text: string): SwitchOutcome {
  const wanted = text.trim();
  const all = names(routes);
  if (all.includes(wanted)) return onlyContext(routes, wanted);
  const members = routes.groupMembers?.(wanted);
  if (members !== undefined && members.length > 0) {
    routes.setInView(all.filter((n) => members.includes(n)));
    return {ok: true, message: `group ${sanitizeText(wanted)}: ${plural(members.length, 'context')} in view`};
  }
  if (wanted === 'all' || wanted === '*') return allContexts(routes);
  const groups = routes.groupNames?.() ?? [];
  const valid = [...all, ...groups.map((g) => `${g} (group)`), 'all'].map(sanitizeText).join(', ');
  return {ok: false, message: `no context or group is called "${sanitizeText(wanted)}" — try one of: ${valid}`};
}
