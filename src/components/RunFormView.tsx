// The Run Command form, its document picker and its confirmation (the blast radius), drawn as pre-styled lines.
import React from 'react';
import {Box, Text} from 'ink';
import {charWidth, displayWidth, truncate} from '../fleet/format.js';
import type {ManagedInstance} from '../fleet/instances/instance.js';
import {
  breakdown, confirmationWord, pickerChoices, FIELD_LABELS, fieldValue, formFields, isMultiline, paramFor,
  platformTargets, resolveTargets, validateForm, type FieldId, type RunForm,
} from '../fleet/run-command/run-form.js';
import {awsCliLines, awsCliPreview, SEND_COMMAND_MAX_IDS, type CliConnection} from '../fleet/run-command/run-cli.js';
import {breakdownLine, splitByContext, whereCli} from '../fleet/run-command/run-contexts.js';
import type {RunSpec} from '../fleet/run-command/run-orchestrator.js';
import {defaultKeymap, keysFor, type Keymap} from '../keys/keymap.js';
import {bold, inverse, tone} from './style.js';

const GLYPHS: Record<string, string> = {up: '↑', down: '↓', left: '←', right: '→'};

/** The keys of a command as the form's own hints show them ("tab", "↑"), from the keymap. */
function keyOf(keymap: Keymap, ...ids: string[]): string {
  return ids.map((id) => {
    const k = keysFor(keymap, id)[0] ?? '?';
    return GLYPHS[k] ?? k;
  }).join('/');
}

const LABEL = 24;

const SGR_PART = /(\x1b\[[0-9;]*m)/;

/** A styled line cut to `width` visible columns (its SGR codes take none), ending with `…` when cut. */
function fit(line: string, width: number): string {
  const parts = line.split(SGR_PART);
  if (displayWidth(parts.filter((p, i) => i % 2 === 0).join('')) <= width) return line;
  let out = '';
  let used = 0;
  for (const [i, part] of parts.entries()) {
    if (i % 2 === 1) {
      out += part;
      continue;
    }
    for (const ch of part) {
      const w = charWidth(ch);
      if (used + w > width - 1) return `${out}…\x1b[0m`;
      out += ch;
      used += w;
    }
  }
  return out;
}
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** "12 instances (10 online)", or why the targets do not resolve. */
function targetSummary(f: RunForm, fleet: readonly ManagedInstance[]): string {
  const r = resolveTargets(f, fleet);
  if (!r.ok) return tone(`✗ ${r.error}`, 'bad');
  if (!r.instances) return tone('resolved by SSM when sent (resource groups are not known here)', 'warn');
  const online = r.instances.filter((i) => i.pingStatus === 'Online').length;
  const what = r.kind === 'marked' ? sourceLabel(f, r.instances) : `→ ${plural(r.instances.length, 'instance')}`;
  return `${what} ${tone(`(${online} online)`, online < r.instances.length ? 'warn' : 'muted')}`;
}

const nameAndId = (i: ManagedInstance) => (i.name ? `${i.name} (${i.instanceId})` : i.instanceId);

/** What the form runs on when no expression is typed: "3 marked instances", "web-01 (i-0abc…)", "17 failed instances". */
function sourceLabel(f: RunForm, targets: readonly ManagedInstance[]): string {
  const one = targets.length === 1 && targets[0] ? nameAndId(targets[0]) : undefined;
  switch (f.source.kind) {
    case 'marked':
      return `${plural(targets.length, 'marked instance')}${one ? `: ${one}` : ''}`;
    case 'rerun':
      return `${plural(targets.length, `${f.source.what} instance`)}${one ? `: ${one}` : ''}`;
    case 'cursor':
    case 'chosen':
      return one ?? plural(targets.length, 'instance');
  }
}

/** "a (i-1), b (i-2) and 3 more" within `room` columns. */
function namesWithin(list: readonly ManagedInstance[], room: number): string {
  let out = '';
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!item) break;
    const next = `${out}${out ? ', ' : ''}${nameAndId(item)}`;
    const rest = list.length - i - 1;
    if (next.length + (rest ? ` and ${rest} more`.length : 0) > room && out) return `${out} and ${list.length - i} more`;
    out = next;
  }
  return out;
}

function fieldLabel(f: RunForm, id: FieldId): string {
  const p = paramFor(f, id);
  if (!p) return FIELD_LABELS[id as keyof typeof FIELD_LABELS];
  return `  ${p.name}${p.defaultValue === undefined ? ' *' : ''}`;
}

/** Shell words of a command line (single-quoted spans stay whole, as awsCliLine quotes them). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === "'") quoted = !quoted;
    if (ch === ' ' && !quoted) {
      if (cur) words.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) words.push(cur);
  return words;
}

/** A shell command broken between words into lines that fit, each but the last ending in ` \\`: still pastes as one. */
export function wrapCommand(line: string, width: number): string[] {
  const room = Math.max(20, width - 2);
  const out: string[] = [];
  let cur = '';
  for (const word of shellWords(line)) {
    if (cur && cur.length + 1 + word.length > room) {
      out.push(`${cur} \\`);
      cur = `  ${word}`;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) out.push(cur);
  return out;
}

/** A shell comment cut at words to `width`, each line its own comment (a `\` would not continue one). */
export function wrapComment(text: string, width: number): string[] {
  const room = Math.max(20, width - 2);
  const out: string[] = [];
  let cur = '#';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (cur !== '#' && cur.length + 1 + word.length > room) {
      out.push(cur);
      cur = '#';
    }
    cur = `${cur} ${word}`;
  }
  if (cur !== '#') out.push(cur);
  return out;
}

/** Instances the run reaches that deserve a word before it is sent: the lost ones, marks the filter hides. */
function confirmWarnings(f: RunForm, instances: readonly ManagedInstance[] | undefined, width: number): string[] {
  const out: string[] = [];
  const names = (list: readonly ManagedInstance[]) => tone(`    ${namesWithin(list, width - 4)}`, 'warn');
  const lost = (instances ?? []).filter((i) => i.pingStatus === 'ConnectionLost');
  if (lost.length) {
    out.push(tone(`  ⚠ ${lost.length} lost (ConnectionLost): they run only if they reconnect within the delivery timeout`, 'warn'),
      names(lost));
  }
  const hidden = f.source.kind === 'marked' && !f.targetText.trim() ? f.source.hiddenByFilter : undefined;
  if (hidden && instances) {
    const ids = new Set(hidden.ids);
    out.push(tone(`  ⚠ ${plural(hidden.ids.length, 'marked instance')} hidden by the filter /${hidden.filter} (targeted all the same)`,
      'warn'), names(instances.filter((i) => ids.has(i.instanceId))));
  }
  return out;
}

/** With several contexts: what runs in which account and region, and the protected contexts it reaches. */
function placeLines(f: RunForm): string[] {
  const where = f.where;
  if (!where?.length) return [];
  const guarded = where.filter((w) => w.protected).map((w) => w.context);
  return [`  ${breakdownLine(where)}`,
    ...(guarded.length ? [tone(`  ⚠ protected: ${guarded.join(', ')} — the count is typed to confirm, whatever it is`, 'warn')] : [])];
}

/** The request per context it is sent in (its own CLI flags), or the one request with one context. */
function cliRuns(f: RunForm, spec: RunSpec, instances: readonly ManagedInstance[] | undefined, cli: CliConnection):
  {spec: RunSpec; cli: CliConnection}[] {
  const where = f.where;
  if (!where?.length) return [{spec, cli}];
  return splitByContext(spec, instances, where[0]?.context, where.map((w) => w.context))
    .map((p) => ({spec: p.spec, cli: whereCli(where.find((w) => w.context === p.context), cli)}));
}

/**
 * The confirmation within `height` lines: what runs where (the blast radius) at the top, the prompt at the bottom,
 * always; the details between them (rate, parameters, script, the CLI preview) as far as they fit.
 */
function confirmLines(f: RunForm, fleet: readonly ManagedInstance[], above: number, width: number, height: number,
  cli: CliConnection, errors: readonly string[], keymap: Keymap): string[] {
  const v = validateForm(f, fleet);
  const r = resolveTargets(f, fleet);
  const instances = r.ok ? r.instances : undefined;
  const count = instances ? String(instances.length) : 'an SSM-resolved number of';
  const word = confirmationWord(f, fleet, above);
  const params = v.ok ? Object.entries(v.spec.parameters) : [];
  const script = params.find(([k]) => k === 'commands')?.[1] ?? [];
  const targetText = f.targetText.trim();
  const top = [
    `${bold('Confirm')}: run ${bold(f.document)}${f.documentVersion ? ` version ${bold(f.documentVersion)}` : ''} on ${bold(count)} instance${instances?.length === 1 ? '' : 's'}` +
      (targetText ? ` (${targetText})` : instances && (instances.length === 1 || f.source.kind === 'rerun')
        ? ` (${sourceLabel(f, instances)})` : ''),
    ...placeLines(f),
    ...confirmWarnings(f, instances, width),
  ];
  const prompt = word ? `${tone(`Type ${word} and press ${keyOf(keymap, 'runForm.confirmSend')} to send`, 'warn')}: ${f.confirmText}█` : tone(`Press ${keyOf(keymap, 'runForm.confirmSend')} to send`, 'warn');
  const ids = v.ok && v.spec.targets.kind === 'ids' ? v.spec.targets.ids.length : 0;
  const runs = v.ok ? cliRuns(f, v.spec, instances, cli) : [];
  const commands = runs.reduce((n, r) => n + awsCliLines(r.spec, r.cli).filter((l) => !l.startsWith('#')).length, 0);
  const contexts = (f.where?.length ?? 0) > 1;
  const copyNote = () => tone(`  ${keyOf(keymap, 'runForm.copyCli')} copies ${commands} commands${contexts ? ', one set per context,' : ''} ` +
    `of at most ${SEND_COMMAND_MAX_IDS} ids (each with its own rate control)`, 'muted');
  // Most important first: what does not fit is cut from the end.
  const details: string[][] = [
    instances ? [`  Env:  ${breakdown(instances, 'Env')}`, `  Role: ${breakdown(instances, 'Role')}`] : [],
    [`  rate: max concurrency ${f.values.maxConcurrency} · max errors ${f.values.maxErrors} · delivery timeout ${f.values.timeout}s` +
      (contexts ? ' (in each context)' : '')],
    params.filter(([k]) => k !== 'commands').map(([k, vals]) => `  ${k}: ${vals.join(', ')}`),
    script.length ? ['  script:', ...script.slice(0, 5).map((l) => `    ${l}`),
      ...(script.length > 5 ? [tone(`    … ${script.length - 5} more lines`, 'muted')] : [])] : [],
    // Over several contexts the note comes first: the previews (one per context) may not all fit.
    v.ok ? ['', ...(contexts ? [copyNote()] : []),
      ...runs.flatMap((r) => [...(r.cli.note === undefined ? [] : wrapComment(r.cli.note, width)), ...wrapCommand(awsCliPreview(r.spec, r.cli), width)])
        .map((l) => tone(l, 'muted')),
      ...(ids > SEND_COMMAND_MAX_IDS && !contexts ? [copyNote()] : [])] : [],
  ];
  const bottom = ['', prompt, ...errors];
  let room = height - top.length - bottom.length;
  const middle: string[] = [];
  for (const section of details) {
    if (room <= 0) break;
    if (section.length > room) {
      middle.push(...section.slice(0, room - 1), tone('  …', 'muted'));
      room = 0;
      break;
    }
    middle.push(...section);
    room -= section.length;
  }
  const lines = [...top, ...middle, ...bottom];
  if (lines.length <= height) return lines;
  // Too small even for the essentials: the first line and the prompt win.
  return [...top.slice(0, Math.max(1, height - 1 - errors.length)), prompt, ...errors];
}

function pickerLines(f: RunForm, fleet: readonly ManagedInstance[], height: number, keymap: Keymap): string[] {
  const p = f.picker;
  if (!p) return [];
  const targets = platformTargets(f, fleet);
  const platforms = [...new Set(targets.map((t) => t.platformType).filter(Boolean))].join(', ') || 'any';
  const head = `${bold('Choose a document')} ${tone(`(Command documents that run on ${platforms})`, 'muted')}  /${p.query}█`;
  if (!p.docs) return [head, '', 'loading documents…'];
  const matches = pickerChoices(f, p.docs, fleet, p.query);
  const room = Math.max(1, height - 4);
  const top = Math.max(0, Math.min(p.cursor - Math.floor(room / 2), matches.length - room));
  const rows = matches.slice(top, top + room).map((d, i) => {
    const line = `${d.name.padEnd(40)} ${d.platformTypes.join(', ').padEnd(24)} ${d.owner}`;
    return top + i === p.cursor ? inverse(`> ${line}`) : `  ${line}`;
  });
  return [head, '', ...(rows.length ? rows : [tone(p.error ?? `no Command document matches "${p.query}"`, p.error ? 'bad' : 'muted')]),
    '', tone(`type to search · ${keyOf(keymap, 'runForm.pickerUp', 'runForm.pickerDown')} move · ${keyOf(keymap, 'runForm.pickerChoose')} choose · ${keyOf(keymap, 'runForm.pickerClose')} back`, 'muted')];
}

/** Every line of the form, and which line holds the focused field (so a long form scrolls to it). */
function editLines(f: RunForm, fleet: readonly ManagedInstance[], keymap: Keymap): {lines: string[]; focusLine: number} {
  const r = resolveTargets(f, fleet);
  const lines = [r.ok && r.instances ? `${bold('Run Command')} on ${plural(r.instances.length, 'instance')}` : bold('Run Command'), ''];
  let focusLine = 0;
  const cursor = (id: FieldId) => (f.focus === id ? '█' : '');
  for (const id of formFields(f)) {
    if (id.startsWith('param:') && !lines.includes(bold('Parameters'))) {
      const loading = f.schema?.status === 'loading' ? tone(' loading the schema…', 'muted') : '';
      lines.push(bold('Parameters') + loading);
    }
    const label = fieldLabel(f, id).padEnd(LABEL);
    const shown = f.focus === id ? inverse(label) : label;
    if (f.focus === id) focusLine = lines.length;
    const value = fieldValue(f, id);
    if (id === 'targets') {
      lines.push(`${shown} ${value}${cursor(id)}${value ? '  ' : ''}${targetSummary(f, fleet)}`);
    } else if (id === 'document') {
      const err = f.schema?.status === 'error' && f.schema.doc === f.document ? `  ${tone(`✗ ${f.schema.error}`, 'bad')}` : '';
      const version = f.documentVersion ? tone(` version ${f.documentVersion}`, 'muted') : '';
      lines.push(`${shown} ${value}${version}  ${tone(f.focus === id ? `${keyOf(keymap, 'runForm.enter')} or type to choose` : '', 'muted')}${err}`);
    } else if (isMultiline(f, id)) {
      const rows = value.split('\n');
      rows.forEach((l, i) => lines.push(`${i === 0 ? shown : ' '.repeat(LABEL)} ${l}${i === rows.length - 1 ? cursor(id) : ''}`));
    } else {
      const allowed = paramFor(f, id)?.allowedValues;
      lines.push(`${shown} ${value}${cursor(id)}${allowed?.length ? tone(`  ${keyOf(keymap, 'runForm.valuePrev')}${keyOf(keymap, 'runForm.valueNext')} ${allowed.join(' | ')}`, 'muted') : ''}`);
    }
  }
  if (f.schema?.status === 'error' && f.schema.doc === f.document) lines.push(tone('  (no parameters: the document could not be read)', 'bad'));
  const help = paramFor(f, f.focus)?.description;
  lines.push('', tone(help ? truncate(help, 200) : f.focus === 'targets'
    ? 'empty: the marked instances · or tag:Env=prod  tag-key:Team  resource-groups:Name  i-… ids' : '', 'muted'));
  lines.push(tone(f.stage === 'checking' ? 'checking the document…'
    : `${keyOf(keymap, 'runForm.next', 'runForm.up', 'runForm.down')} move · ${keyOf(keymap, 'runForm.enter')} new line (lists) · ` +
      `${keyOf(keymap, 'runForm.send')} review and confirm · ${keyOf(keymap, 'runForm.copyCli')} copy CLI line · ` +
      `${keyOf(keymap, 'runForm.cancel')} cancel`, 'muted'));
  return {lines, focusLine};
}

export function runFormLines(f: RunForm, fleet: readonly ManagedInstance[], width: number, height = 1000, confirmAbove = 10,
  cli: CliConnection = {}, keymap: Keymap = defaultKeymap()): string[] {
  const errors = f.errors.map((e) => tone(`✗ ${e}`, 'bad'));
  let lines: string[];
  if (f.picker) lines = pickerLines(f, fleet, height - errors.length, keymap);
  else if (f.stage === 'confirm') return confirmLines(f, fleet, confirmAbove, width, height, cli, errors, keymap).map((l) => fit(l, width));
  else {
    const {lines: all, focusLine} = editLines(f, fleet, keymap);
    const room = Math.max(3, height - errors.length);
    const top = all.length <= room ? 0 : Math.max(0, Math.min(focusLine - Math.floor(room / 3), all.length - room));
    lines = all.slice(top, top + room);
  }
  return [...lines, ...errors].map((l) => fit(l, width));
}

export function RunFormView(props: {form: RunForm; fleet: readonly ManagedInstance[]; width: number; height: number; confirmAbove: number;
  cli?: CliConnection; keymap?: Keymap}) {
  const lines = runFormLines(props.form, props.fleet, props.width, props.height, props.confirmAbove, props.cli, props.keymap);
  const height = props.height;
  return (
    <Box flexDirection="column" height={height}>
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} wrap="truncate-end">{l}</Text>
      ))}
    </Box>
  );
}
