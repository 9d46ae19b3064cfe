// The Run Command form as pure state: fields, editing, validation with SSM's rules, the blast radius shown before
// anything is sent, and the equivalent AWS CLI command line.
import type {ManagedInstance} from './instance.js';
import {formatRateValue, parseRateValue, type RateValue} from './rate-control.js';
import type {RunSpec} from './run-orchestrator.js';

export const FIELDS = ['document', 'commands', 'maxConcurrency', 'maxErrors', 'executionTimeout', 'timeout', 'comment'] as const;
export type Field = (typeof FIELDS)[number];

export const FIELD_LABELS: Record<Field, string> = {
  document: 'Document', commands: 'Commands', maxConcurrency: 'Max concurrency', maxErrors: 'Max errors',
  executionTimeout: 'Execution timeout (s)', timeout: 'Delivery timeout (s)', comment: 'Comment',
};

export interface RunForm {
  targets: readonly ManagedInstance[];
  values: Record<Field, string>;
  focus: Field;
  stage: 'edit' | 'checking' | 'confirm';
  /** What the user typed to confirm a large run. */
  confirmText: string;
  errors: string[];
}

/** Above this many targets the user types the count to confirm (configurable later; the issue's default). */
export const TYPE_TO_CONFIRM_ABOVE = 10;

/** What another view can prefill, e.g. compliance opening AWS-RunPatchBaseline with Operation=Install. */
export interface RunPreset {
  document?: string;
  /** Document parameter values by name (a StringList's items one per line). */
  parameters?: Record<string, string>;
  comment?: string;
}

export function openRunForm(targets: readonly ManagedInstance[], preset: RunPreset = {}): RunForm {
  const windows = targets.length > 0 && targets.every((t) => t.platformType === 'Windows');
  return {
    targets,
    values: {document: preset.document ?? (windows ? 'AWS-RunPowerShellScript' : 'AWS-RunShellScript'),
      commands: preset.parameters?.commands ?? '', maxConcurrency: '50',
      maxErrors: '0', executionTimeout: '3600', timeout: '600', comment: preset.comment ?? ''},
    focus: 'commands', stage: 'edit', confirmText: '', errors: [],
  };
}

export function moveFocus(f: RunForm, step: 1 | -1): RunForm {
  const i = FIELDS.indexOf(f.focus);
  return {...f, focus: FIELDS[(i + step + FIELDS.length) % FIELDS.length] ?? f.focus};
}

export function editField(f: RunForm, edit: (v: string) => string): RunForm {
  return {...f, values: {...f.values, [f.focus]: edit(f.values[f.focus])}, errors: []};
}

export function commandLines(f: RunForm): string[] {
  return f.values.commands.split('\n').filter((l) => l.trim());
}

/** Everything that can be checked without AWS; the document's own schema is checked by the caller. */
export function validateForm(f: RunForm): {ok: true; spec: RunSpec} | {ok: false; errors: string[]} {
  const errors: string[] = [];
  if (f.targets.length === 0) errors.push('no targets: mark instances (space) or put the cursor on one');
  if (!/^[a-zA-Z0-9_\-.:/]{3,128}$/.test(f.values.document)) errors.push('Document: 3–128 letters, digits, _ - . : /');
  if (commandLines(f).length === 0) errors.push('Commands: enter at least one command');
  const mc = parseRateValue('maxConcurrency', f.values.maxConcurrency);
  if (!mc.ok) errors.push(`Max concurrency: ${mc.error}`);
  const me = parseRateValue('maxErrors', f.values.maxErrors);
  if (!me.ok) errors.push(`Max errors: ${me.error}`);
  const et = Number(f.values.executionTimeout);
  if (!/^\d+$/.test(f.values.executionTimeout) || et < 1 || et > 172_800) {
    errors.push('Execution timeout: whole seconds from 1 to 172800');
  }
  const t = Number(f.values.timeout);
  if (!/^\d+$/.test(f.values.timeout) || t < 30 || t > 2_592_000) errors.push('Delivery timeout: seconds from 30 to 2592000');
  if (f.values.comment.length > 100) errors.push('Comment: at most 100 characters');
  if (errors.length || !mc.ok || !me.ok) return {ok: false, errors};
  return {ok: true, spec: toSpec(f, mc.value, me.value)};
}

function toSpec(f: RunForm, mc: RateValue, me: RateValue): RunSpec {
  const shell = f.values.document === 'AWS-RunShellScript' || f.values.document === 'AWS-RunPowerShellScript';
  return {
    documentName: f.values.document,
    parameters: {commands: commandLines(f), ...(shell ? {executionTimeout: [f.values.executionTimeout]} : {})},
    targets: {kind: 'ids', ids: f.targets.map((t) => t.instanceId)},
    maxConcurrency: mc, maxErrors: me, timeoutSeconds: Number(f.values.timeout),
    ...(f.values.comment ? {comment: f.values.comment} : {}),
  };
}

/** "prod 12, staging 3, (none) 1" — how the targets split by one tag. */
export function breakdown(targets: readonly ManagedInstance[], tag: string): string {
  const counts = new Map<string, number>();
  for (const t of targets) counts.set(t.tags[tag] ?? '(none)', (counts.get(t.tags[tag] ?? '(none)') ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
}

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The same request as an `aws ssm send-command` line, for copying. */
export function awsCliLine(spec: RunSpec): string {
  const ids = spec.targets.kind === 'ids' ? spec.targets.ids : [];
  return [
    'aws ssm send-command', `--document-name ${shq(spec.documentName)}`,
    ids.length ? `--instance-ids ${ids.join(' ')}` : '',
    `--parameters ${shq(JSON.stringify(spec.parameters))}`,
    `--max-concurrency ${shq(formatRateValue(spec.maxConcurrency))}`, `--max-errors ${shq(formatRateValue(spec.maxErrors))}`,
    spec.timeoutSeconds !== undefined ? `--timeout-seconds ${spec.timeoutSeconds}` : '',
    spec.comment ? `--comment ${shq(spec.comment)}` : '',
  ].filter(Boolean).join(' ');
}

export function needsTypedConfirmation(f: RunForm): boolean {
  return f.targets.length > TYPE_TO_CONFIRM_ABOVE;
}

export function confirmed(f: RunForm): boolean {
  return !needsTypedConfirmation(f) || f.confirmText.trim() === String(f.targets.length);
}
