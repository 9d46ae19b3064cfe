// Keys → commands. Defaults come from COMMANDS; the user's config may rebind any command by id.
import {COMMANDS, COMMAND_BY_ID, type CommandDef, type CommandId, type Scope} from './commands.js';
import {isValidKeyName} from './key-name.js';
import {scopeStacks} from './modes.js';

export type Keymap = ReadonlyMap<CommandId, readonly string[]>;

export function defaultKeymap(): Keymap {
  return new Map(COMMANDS.map((c) => [c.id, c.keys]));
}

/** Apply `{commandId: [keys]}` overrides; returns the errors instead of half-applying a bad config. */
export function buildKeymap(overrides: Record<string, unknown> = {}): {keymap: Keymap; errors: string[]} {
  const map = new Map(defaultKeymap());
  const errors: string[] = [];
  for (const [id, keys] of Object.entries(overrides)) {
    if (!COMMAND_BY_ID.has(id)) {
      errors.push(`keys: unknown command "${id}" (see the key table in the README or press ? for command ids)`);
      continue;
    }
    const list = typeof keys === 'string' ? [keys] : keys;
    if (!Array.isArray(list) || list.some((k) => typeof k !== 'string' || !isValidKeyName(k))) {
      errors.push(`keys: "${id}" needs a key or a list of keys such as "x", "ctrl+x", "enter", "f5"`);
      continue;
    }
    map.set(id as CommandId, list as string[]);
  }
  if (!errors.length) errors.push(...collisions(map));
  return {keymap: errors.length ? defaultKeymap() : map, errors};
}

const SHARED_SCOPES = new Set<Scope>(['table', 'global', 'always', 'detail']);

/**
 * A view's own command taking a table-wide key in that view is by design (the forwards view's `y` copies
 * localhost:PORT, `x` stops a forward even when the user marks with x elsewhere): the view's command wins there.
 */
function viewOverridesTable(a: string, b: string): boolean {
  const sa = COMMAND_BY_ID.get(a)?.scope;
  const sb = COMMAND_BY_ID.get(b)?.scope;
  if (!sa || !sb) return false;
  return (sa === 'table' && !SHARED_SCOPES.has(sb)) || (sb === 'table' && !SHARED_SCOPES.has(sa));
}

/** Pairs of commands that can take keys at the same time bound to one key ("key\tfirst\tsecond", names sorted). */
function clashes(map: Keymap): Set<string> {
  const scopes = [...new Set(COMMANDS.map((c) => c.scope))];
  const found = new Set<string>();
  for (const stack of scopeStacks(scopes)) {
    const owner = new Map<string, string>();
    for (const c of commandsIn(stack)) {
      for (const k of map.get(c.id as CommandId) ?? []) {
        const other = owner.get(k);
        if (other === undefined) owner.set(k, c.id);
        else if (other !== c.id && !viewOverridesTable(other, c.id)) found.add([k, ...[other, c.id].sort()].join('\t'));
      }
    }
  }
  return found;
}

/** The clashes a user's remap introduces (the defaults have none; a test keeps it so). */
function collisions(map: Keymap): string[] {
  const byDefault = clashes(defaultKeymap());
  return [...clashes(map)].filter((c) => !byDefault.has(c)).map((c) => {
    const [k, a, b] = c.split('\t');
    return `keys: "${k}" is bound to both "${a}" and "${b}", which apply at the same time`;
  });
}

/** The first command in `scopes` (highest priority first) bound to `key`. */
export function resolveKey(keymap: Keymap, scopes: readonly Scope[], key: string): CommandId | undefined {
  for (const scope of scopes) {
    for (const c of COMMANDS) {
      if (c.scope === scope && keymap.get(c.id)?.includes(key)) return c.id;
    }
  }
  return undefined;
}

export function keysFor(keymap: Keymap, id: string): readonly string[] {
  return keymap.get(id as CommandId) ?? [];
}

/** Commands of the given scopes, in scope priority order (the focused view's first). */
export function commandsIn(scopes: readonly Scope[]): CommandDef[] {
  return scopes.flatMap((s) => COMMANDS.filter((c) => c.scope === s));
}
