// The one-line prompt for `/` filters and `:` commands, with its inline error or completions.
import React from 'react';
import {Text} from 'ink';
import type {PromptState} from '../store/store.js';
import {tone} from './style.js';

export function PromptLine({prompt, suggestions}: {prompt: PromptState; suggestions: readonly string[]}) {
  if (prompt.kind === 'confirm') {
    return <Text wrap="truncate-end">{tone(`${prompt.question ?? 'Are you sure?'} `, 'warn')}{tone('y to confirm, any other key cancels', 'muted')}</Text>;
  }
  const sigil = prompt.kind === 'command' ? ':' : '/';
  const after = prompt.error
    ? tone(`  ✗ ${prompt.error}`, 'bad')
    : suggestions.length
      ? tone(`  ${suggestions.join('  ')}`, 'muted')
      : tone(prompt.kind === 'filter' ? '  enter keep · esc cancel' : prompt.kind === 'search' ? '  enter search · esc cancel'
        : '  tab complete · enter go · esc cancel', 'muted');
  return (
    <Text wrap="truncate-end">
      {tone(sigil, 'accent')}
      {prompt.text}
      {'█'}
      {after}
    </Text>
  );
}
