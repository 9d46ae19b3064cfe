// Key hints for the mode in focus (the view, a form's stage, the help), generated from the keymap.
import React from 'react';
import {Text} from 'ink';
import {commandsIn, keysFor, type Keymap} from '../keys/keymap.js';
import type {Scope} from '../keys/commands.js';
import {showKey} from '../keys/key-name.js';
import {tone} from './style.js';

/**
 * Hints for the given scopes' commands; a disabled one says why in place of its key (e.g. read-only mode), or is
 * left out when `reasons` is false.
 */
export function footerHints(keymap: Keymap, scopes: readonly Scope[], disabled?: (id: string) => string | undefined,
  reasons = true): string {
  const hints: string[] = [];
  const said = new Set<string>();
  // A key a view's own command takes (space toggles a context in :ctx) is not offered again for the table's command.
  const taken = new Set<string>();
  for (const c of commandsIn(scopes)) {
    const key = keysFor(keymap, c.id)[0];
    if (!c.hint || !key || taken.has(key)) continue;
    taken.add(key);
    const why = disabled?.(c.id);
    if (!why) hints.push(`${tone(showKey(key), 'accent')} ${c.hint}`);
    else if (reasons && !said.has(why)) {
      said.add(why);
      hints.push(tone(why, 'warn'));
    }
  }
  return hints.join('  ');
}

export function Footer({keymap, scopes, disabled}: {keymap: Keymap; scopes: readonly Scope[];
  disabled?: (id: string) => string | undefined}) {
  return <Text wrap="truncate-end">{footerHints(keymap, scopes, disabled)}</Text>;
}
