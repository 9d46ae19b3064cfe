// The `?` overlay: every command with its keys, grouped by where it applies, generated from the keymap.
import React from 'react';
import {Box, Text} from 'ink';
import {COMMANDS, SCOPE_TITLES, type Scope} from '../keys/commands.js';
import {keysFor, type Keymap} from '../keys/keymap.js';
import {padCell, truncate} from '../fleet/format.js';
import {bold, tone} from './style.js';

export function helpLines(keymap: Keymap, width: number): string[] {
  const lines: string[] = [];
  for (const scope of Object.keys(SCOPE_TITLES) as Scope[]) {
    lines.push(bold(SCOPE_TITLES[scope]));
    for (const c of COMMANDS.filter((x) => x.scope === scope)) {
      const keys = padCell(keysFor(keymap, c.id).join(' '), 14);
      lines.push(`  ${tone(keys, 'accent')} ${truncate(c.description, Math.max(10, width - 18))}`);
    }
  }
  return lines;
}

export function HelpOverlay({keymap, width, height, scroll}: {keymap: Keymap; width: number; height: number; scroll: number}) {
  const lines = helpLines(keymap, width);
  const top = Math.max(0, Math.min(scroll, lines.length - height + 1));
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate-end">{bold('Help')} {tone('— esc or ? to close, ↑/↓ to scroll', 'muted')}</Text>
      {lines.slice(top, top + height - 1).map((l, i) => (
        <Text key={i} wrap="truncate-end">{l}</Text>
      ))}
    </Box>
  );
}
