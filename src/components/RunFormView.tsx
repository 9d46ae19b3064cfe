// The Run Command form and its confirmation (the blast radius), drawn as pre-styled lines.
import React from 'react';
import {Box, Text} from 'ink';
import {truncate} from '../fleet/format.js';
import {
  awsCliLine, breakdown, commandLines, FIELD_LABELS, FIELDS, needsTypedConfirmation, validateForm, type RunForm,
} from '../fleet/run-form.js';
import {bold, inverse, tone} from './style.js';

export function runFormLines(f: RunForm, width: number): string[] {
  const n = f.targets.length;
  const head = `${bold('Run Command')} on ${n} instance${n === 1 ? '' : 's'}`;
  if (f.stage === 'confirm') {
    const v = validateForm(f);
    const script = commandLines(f);
    const lines = [
      `${bold('Confirm')}: run ${bold(f.values.document)} on ${bold(String(n))} instance${n === 1 ? '' : 's'}`,
      `  Env:  ${breakdown(f.targets, 'Env')}`,
      `  Role: ${breakdown(f.targets, 'Role')}`,
      `  rate: max concurrency ${f.values.maxConcurrency} · max errors ${f.values.maxErrors} · ` +
        `execution timeout ${f.values.executionTimeout}s · delivery timeout ${f.values.timeout}s`,
      '  script:',
      ...script.slice(0, 5).map((l) => `    ${l}`),
      ...(script.length > 5 ? [tone(`    … ${script.length - 5} more lines`, 'muted')] : []),
      '',
      tone(v.ok ? awsCliLine(v.spec) : '', 'muted'),
      '',
      needsTypedConfirmation(f)
        ? `${tone(`Type ${n} and press enter to send`, 'warn')}: ${f.confirmText}█`
        : tone('Press enter to send', 'warn'),
      tone('esc back to the form · ctrl+y copy the aws CLI line', 'muted'),
    ];
    return [...lines, ...f.errors.map((e) => tone(`✗ ${e}`, 'bad'))].map((l) => truncate(l, width));
  }
  const lines = [head, ''];
  for (const field of FIELDS) {
    const label = `${FIELD_LABELS[field].padEnd(22)}`;
    const focused = f.focus === field;
    const shownLabel = focused ? inverse(label) : label;
    if (field === 'commands') {
      const cmd = f.values.commands.split('\n');
      lines.push(`${shownLabel} ${cmd[0] ?? ''}${focused && cmd.length === 1 ? '█' : ''}`);
      cmd.slice(1).forEach((l, i) => lines.push(`${' '.repeat(23)}${l}${focused && i === cmd.length - 2 ? '█' : ''}`));
    } else {
      lines.push(`${shownLabel} ${f.values[field]}${focused ? '█' : ''}`);
    }
  }
  lines.push('', tone(f.stage === 'checking' ? 'checking the document…'
    : 'tab next field · enter new line in Commands · ctrl+s review and confirm · ctrl+y copy CLI line · esc cancel', 'muted'));
  return [...lines, ...f.errors.map((e) => tone(`✗ ${e}`, 'bad'))].map((l) => truncate(l, width));
}

export function RunFormView({form, width, height}: {form: RunForm; width: number; height: number}) {
  const lines = runFormLines(form, width);
  return (
    <Box flexDirection="column" height={height}>
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} wrap="truncate-end">{l}</Text>
      ))}
    </Box>
  );
}
