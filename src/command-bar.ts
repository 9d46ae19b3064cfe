// The `:` command bar: view names and aliases, plus a few app commands; fuzzy completion with fuzzysort.
import fuzzysort from 'fuzzysort';
import {NAVIGABLE} from './views/registry.js';
import {savedViewNameError, type SavedView, type SavedViews} from './fleet/saved-views.js';
import {sanitizeText} from './fleet/sanitize.js';
import type {ActionContext} from './views/view.js';

interface Entry {
  name: string;
  aliases: readonly string[];
  describe: string;
}

const APP_COMMANDS: Entry[] = [
  {name: 'help', aliases: ['?'], describe: 'show the keys'},
  {name: 'quit', aliases: ['q', 'q!', 'exit'], describe: 'quit fleetdeck'},
  {name: 'save', aliases: [], describe: 'save this view and its filter under a name: :save NAME'},
];

function entries(saved: SavedViews = {}): Entry[] {
  return [...NAVIGABLE.map((v) => ({name: v.id, aliases: v.aliases, describe: v.title})), ...APP_COMMANDS,
    ...Object.entries(saved).map(([name, v]) => ({name, aliases: [], describe: `${v.view} /${v.filter}`}))];
}

/** Why `name` cannot name a saved view: its syntax, or a clash with a view, an alias or a command. */
export function savedNameError(name: string): string | undefined {
  return savedViewNameError(name, entries().map((e) => ({id: e.name, aliases: e.aliases})));
}

/**
 * The config's saved views the command bar can open: a name a view, an alias or a command has taken, or a view that
 * is not one the command bar opens, is left out with a warning that says which and why.
 */
export function usableSavedViews(all: SavedViews): {views: Record<string, SavedView>; warnings: string[]} {
  const views: Record<string, SavedView> = {};
  const warnings: string[] = [];
  for (const [name, v] of Object.entries(all)) {
    const why = savedNameError(name);
    if (why) warnings.push(`saved view ${name} left out: ${why}`);
    else if (!NAVIGABLE.some((n) => n.id === v.view)) {
      warnings.push(`saved view ${name} left out: "${sanitizeText(v.view)}" is not a view (try one of: ${NAVIGABLE.map((n) => n.id).join(', ')})`);
    } else views[name] = v;
  }
  return {views, warnings};
}

/** Best matches first, as `name (aliases)` strings for the prompt line. */
export function completions(text: string, limit = 4, saved: SavedViews = {}): string[] {
  const q = text.trim().toLowerCase();
  const all = entries(saved);
  const ranked = q
    ? fuzzysort.go(q, all, {keys: ['name', (e: Entry) => e.aliases.join(' ')], limit}).map((r) => r.obj)
    : all.slice(0, limit);
  return ranked.map((e) => (e.aliases.length ? `${e.name} (${e.aliases.join(', ')})` : e.name));
}

/** What tab completes to: the best match's name. */
export function complete(text: string, saved: SavedViews = {}): string {
  const first = completions(text, 1, saved)[0];
  return first ? (first.split(' ')[0] ?? text) : text;
}

export type CommandResult =
  | {kind: 'view'; id: string; then?: {view: string; arg: string}; saved?: SavedView}
  | {kind: 'act'; act: (ctx: ActionContext) => string | undefined}
  | {kind: 'save'; name: string}
  | {kind: 'help'} | {kind: 'quit'} | {kind: 'error'; message: string};

export function parseCommand(text: string, saved: SavedViews = {}): CommandResult {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  const head = (space > 0 ? trimmed.slice(0, space) : trimmed).toLowerCase();
  if (head === 'save') {
    const name = space > 0 ? trimmed.slice(space + 1).trim() : '';
    if (!name) return {kind: 'error', message: 'name the view: :save NAME (e.g. :save prod-web)'};
    const why = savedNameError(name);
    return why ? {kind: 'error', message: why} : {kind: 'save', name};
  }
  if (space > 0) return withArgument(head, trimmed.slice(space + 1).trim());
  const q = trimmed.toLowerCase();
  if (!q) return {kind: 'error', message: 'type a view name, e.g. instances'};
  for (const e of entries()) {
    if (e.name === q || e.aliases.includes(q)) {
      if (e.name === 'help') return {kind: 'help'};
      if (e.name === 'quit') return {kind: 'quit'};
      return {kind: 'view', id: e.name};
    }
  }
  const named = Object.hasOwn(saved, q) ? saved[q] : undefined;
  if (named) return {kind: 'view', id: named.view, saved: named};
  const names = entries(saved).map((e) => e.name).join(', ');
  return {kind: 'error', message: `unknown command "${q}" — try one of: ${names}`};
}

/** `:inventory Name=openssl Version<3.0.8`: the view's own parser decides what its argument opens. */
function withArgument(name: string, text: string): CommandResult {
  const view = NAVIGABLE.find((v) => v.id === name || v.aliases.includes(name));
  if (!view) return parseCommand(name);
  if (view.kind !== 'table' || !view.withArgument) return {kind: 'error', message: `:${view.id} takes no argument`};
  const r = view.withArgument(text);
  if (!r.ok) return {kind: 'error', message: r.error};
  return 'act' in r ? {kind: 'act', act: r.act} : {kind: 'view', id: view.id, then: {view: r.view, arg: r.arg}};
}
