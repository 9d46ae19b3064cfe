// Key hints for what has focus, generated from the keymap.
import React from 'react';
import {Text} from 'ink';
import {commandsIn, keysFor, type Keymap} from '../keys/keymap.js';
import type {Scope} from '../keys/commands.js';
import {tone} from './style.js';

/** Hints for the focused view's commands; a disabled one says why instead (e.g. read-only mode). */
export function footerHints(keymap: Keymap, scopes: readonly Scope[], disabled?: (id: string) => string | undefined): string {
  const hints: string[] = [];
  const reasons: string[] = [];
  for (const c of commandsIn(scopes)) {
    if (!c.hint) continue;
    const why = disabled?.(c.id);
    const key = `<${keysFor(keymap, c.id)[0] ?? '?'}>`;
    if (why) {
      hints.push(tone(`${key} ${c.hint}`, 'muted'));
      reasons.push(why);
    } else {
      hints.push(`${tone(key, 'accent')} ${c.hint}`);
    }
  }
  return [...reasons.map((r) => tone(r, 'warn')), hints.join('  ')].join('  ');
}

export function Footer({keymap, scopes, disabled}: {keymap: Keymap; scopes: readonly Scope[];
  disabled?: (id: string) => string | undefined}) {
  return <Text wrap="truncate-end">{footerHints(keymap, scopes, disabled)}</Text>;
}
