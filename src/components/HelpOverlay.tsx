// The `?` overlay, generated from the keymap: what applies where you are first (everywhere, then the focused
// view's commands), the views with their aliases, then every other mode's commands (forms, prompts, shells).
import React from 'react';
import {Box, Text} from 'ink';
import {COMMANDS, SCOPE_TITLES, type Scope} from '../keys/commands.js';
import {keysFor, type Keymap} from '../keys/keymap.js';
import {padCell, truncate} from '../fleet/format.js';
import {bold, tone} from './style.js';

/** A view the command bar switches to, as the help lists it. */
export interface HelpView {
  id: string;
  title: string;
  aliases: readonly string[];
}

export function helpLines(keymap: Keymap, width: number, focused: readonly Scope[] = [], views: readonly HelpView[] = []): string[] {
  const lines: string[] = [];
  const scopeLines = (scope: Scope) => {
    lines.push(bold(SCOPE_TITLES[scope]));
    for (const c of COMMANDS.filter((x) => x.scope === scope)) {
      const keys = padCell(keysFor(keymap, c.id).join(' '), 14);
      const danger = 'dangerous' in c && c.dangerous ? tone(' (changes things)', 'warn') : '';
      lines.push(`  ${tone(keys, 'accent')} ${truncate(c.description, Math.max(10, width - 18))}${danger}`);
    }
  };
  const first: Scope[] = ['global', 'always', ...focused.filter((s) => s !== 'global' && s !== 'always')];
  for (const scope of first) scopeLines(scope);
  if (views.length) {
    lines.push(bold('Views (: then a name or alias, tab completes)'));
    for (const v of views) {
      lines.push(`  ${tone(padCell(v.id, 22), 'accent')} ${padCell(v.aliases.join(' '), 14)} ${truncate(v.title, Math.max(10, width - 42))}`);
    }
  }
  for (const scope of Object.keys(SCOPE_TITLES) as Scope[]) if (!first.includes(scope)) scopeLines(scope);
  return lines;
}

export function HelpOverlay({keymap, width, height, scroll, focused, views}: {keymap: Keymap; width: number; height: number;
  scroll: number; focused?: readonly Scope[]; views?: readonly HelpView[]}) {
  const lines = helpLines(keymap, width, focused, views);
  const top = Math.max(0, Math.min(scroll, lines.length - height + 1));
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate-end">{bold('Help')} {tone('— what applies here first, then the views and every other mode', 'muted')}</Text>
      {lines.slice(top, top + height - 1).map((l, i) => (
        <Text key={i} wrap="truncate-end">{l}</Text>
      ))}
    </Box>
  );
}
