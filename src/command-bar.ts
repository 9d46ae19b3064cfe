// The `:` command bar: view names and aliases, plus a few app commands; fuzzy completion with fuzzysort.
import fuzzysort from 'fuzzysort';
import {NAVIGABLE} from './views/registry.js';

interface Entry {
  name: string;
  aliases: readonly string[];
  describe: string;
}

const APP_COMMANDS: Entry[] = [
  {name: 'help', aliases: ['?'], describe: 'show the keys'},
  {name: 'quit', aliases: ['q', 'q!', 'exit'], describe: 'quit fleetdeck'},
];

function entries(): Entry[] {
  return [...NAVIGABLE.map((v) => ({name: v.id, aliases: v.aliases, describe: v.title})), ...APP_COMMANDS];
}

/** Best matches first, as `name (aliases)` strings for the prompt line. */
export function completions(text: string, limit = 4): string[] {
  const q = text.trim().toLowerCase();
  const all = entries();
  const ranked = q
    ? fuzzysort.go(q, all, {keys: ['name', (e: Entry) => e.aliases.join(' ')], limit}).map((r) => r.obj)
    : all.slice(0, limit);
  return ranked.map((e) => (e.aliases.length ? `${e.name} (${e.aliases.join(', ')})` : e.name));
}

/** What tab completes to: the best match's name. */
export function complete(text: string): string {
  const first = completions(text, 1)[0];
  return first ? (first.split(' ')[0] ?? text) : text;
}

export type CommandResult =
  | {kind: 'view'; id: string; then?: {view: string; arg: string}}
  | {kind: 'help'} | {kind: 'quit'} | {kind: 'error'; message: string};

export function parseCommand(text: string): CommandResult {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  if (space > 0) return withArgument(trimmed.slice(0, space).toLowerCase(), trimmed.slice(space + 1).trim());
  const q = trimmed.toLowerCase();
  if (!q) return {kind: 'error', message: 'type a view name, e.g. instances'};
  for (const e of entries()) {
    if (e.name === q || e.aliases.includes(q)) {
      if (e.name === 'help') return {kind: 'help'};
      if (e.name === 'quit') return {kind: 'quit'};
      return {kind: 'view', id: e.name};
    }
  }
  const names = entries().map((e) => e.name).join(', ');
  return {kind: 'error', message: `unknown command "${q}" — try one of: ${names}`};
}

/** `:inventory Name=openssl Version<3.0.8`: the view's own parser decides what its argument opens. */
function withArgument(name: string, text: string): CommandResult {
  const view = NAVIGABLE.find((v) => v.id === name || v.aliases.includes(name));
  if (!view) return parseCommand(name);
  if (view.kind !== 'table' || !view.withArgument) return {kind: 'error', message: `:${view.id} takes no argument`};
  const r = view.withArgument(text);
  return r.ok ? {kind: 'view', id: view.id, then: {view: r.view, arg: r.arg}} : {kind: 'error', message: r.error};
}
