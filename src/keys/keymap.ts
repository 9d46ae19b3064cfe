// Keys → commands. Defaults come from COMMANDS; the user's config may rebind any command by id.
import {COMMANDS, COMMAND_BY_ID, type CommandDef, type CommandId, type Scope} from './commands.js';
import {isValidKeyName} from './key-name.js';

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
  return {keymap: errors.length ? defaultKeymap() : map, errors};
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
