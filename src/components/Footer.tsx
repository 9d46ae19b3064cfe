// Key hints for what has focus, generated from the keymap.
import React from 'react';
import {Text} from 'ink';
import {commandsIn, keysFor, type Keymap} from '../keys/keymap.js';
import type {Scope} from '../keys/commands.js';
import {tone} from './style.js';

export function footerHints(keymap: Keymap, scopes: readonly Scope[]): string {
  return commandsIn(scopes)
    .filter((c) => c.hint)
    .map((c) => `${tone(`<${keysFor(keymap, c.id)[0] ?? '?'}>`, 'accent')} ${c.hint}`)
    .join('  ');
}

export function Footer({keymap, scopes}: {keymap: Keymap; scopes: readonly Scope[]}) {
  return <Text wrap="truncate-end">{footerHints(keymap, scopes)}</Text>;
}
