// The one-line prompt for `/` filters and `:` commands, with its inline error or completions, and the yes/no
// question; its key hints come from the keymap.
import React from 'react';
import {Text} from 'ink';
import type {PromptState} from '../store/store.js';
import type {Keymap} from '../keys/keymap.js';
import {footerHints} from './Footer.js';
import {tone} from './style.js';

export function PromptLine({prompt, suggestions, keymap, disabled}: {prompt: PromptState; suggestions: readonly string[];
  keymap: Keymap; disabled?: (id: string) => string | undefined}) {
  if (prompt.kind === 'confirm') {
    return <Text wrap="truncate-end">{tone(`${prompt.question ?? 'Are you sure?'} `, 'warn')}{footerHints(keymap, ['confirm'])}</Text>;
  }
  const sigil = prompt.kind === 'command' ? ':' : '/';
  // Reasons are left out: a command that does not apply to this prompt (completion in a filter) just is not offered.
  const hints = footerHints(keymap, ['prompt'], disabled, false);
  const after = prompt.error
    ? tone(`  ✗ ${prompt.error}`, 'bad')
    : suggestions.length
      ? tone(`  ${suggestions.join('  ')}`, 'muted')
      : `  ${hints}`;
  return (
    <Text wrap="truncate-end">
      {/* A question asked with a typed answer (a label, a name to confirm a delete) says what it asks first. */}
      {prompt.question ? `${tone(prompt.question, 'warn')} ` : tone(sigil, 'accent')}
      {prompt.text}
      {'█'}
      {after}
    </Text>
  );
}
