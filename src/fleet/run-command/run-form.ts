// The Run Command form as pure state: targets (the marked instances or an expression), the document and a field per
// parameter of its schema, rate control; validation with SSM's own rules, the blast radius shown before anything is
// sent; the AWS CLI lines are in run-cli.ts.
import fuzzysort from 'fuzzysort';
import type {ManagedInstance} from '../instances/instance.js';
import {parseRateValue} from './rate-control.js';
import type {RunSpec} from './run-orchestrator.js';
import type {DocumentInfo} from './port.js';
import {validateParameters, type DocParam} from './document-params.js';
import {parseRunTargets, type RunTargets} from './run-targets.js';
import {reachesProtected, type RunWhere} from './run-contexts.js';

export const RATE_FIELDS = ['maxConcurrency', 'maxErrors', 'timeout', 'comment'] as const;
export type RateField = (typeof RATE_FIELDS)[number];
/** `targets`, `document`, a rate field, or `param:<name>` for one of the document's parameters. */
export type FieldId = 'targets' | 'document' | RateField | `param:${string}`;

export const FIELD_LABELS: Record<'targets' | 'document' | RateField, string> = {
  targets: 'Targets', document: 'Document', maxConcurrency: 'Max concurrency', maxErrors: 'Max errors',
  timeout: 'Delivery timeout (s)', comment: 'Comment',
};

/** A Command document as the picker lists it (ListDocuments). */
export interface DocumentPicker {
  query: string;
  /** Undefined while ListDocuments is on its way. */
  docs?: DocumentInfo[];
  cursor: number;
  error?: string;
}

export type SchemaState =
  | {doc: string; status: 'loading'}
  | {doc: string; status: 'ok'; params: DocParam[]}
  | {doc: string; status: 'error'; error: string};

/** Where the form's targets came from, so the form says what it runs on. */
export type TargetSource =
  /** `hiddenByFilter`: the marked instances the table's filter hides (they are targets all the same). */
  | {kind: 'marked'; hiddenByFilter?: {ids: readonly string[]; filter: string}}
  | {kind: 'cursor'}
  /** A re-run: `what` names the outcomes re-run, e.g. "failed or timed-out". */
  | {kind: 'rerun'; what: string}
  | {kind: 'chosen'};

export interface RunForm {
  /** The marked instances (or the one under the cursor) when the form opened. */
  targets: readonly ManagedInstance[];
  source: TargetSource;
  /** A target expression or ids typed instead; empty means the marked instances. */
  targetText: string;
  document: string;
  /** The document version to run (from a document's versions list); absent: the default version. */
  documentVersion?: string;
  schema?: SchemaState;
  /** Parameter values as typed, by name; a StringList holds one item per line. */
  params: Record<string, string>;
  values: Record<RateField, string>;
  focus: FieldId;
  stage: 'edit' | 'checking' | 'confirm';
  picker?: DocumentPicker;
  /** What the user typed to confirm a large run. */
  confirmText: string;
  /** With several contexts: where the run goes, one entry per context it reaches (set when the confirmation opens). */
  where?: readonly RunWhere[];
  errors: string[];
}

/** Above this many targets the user types the count to confirm (the default of the `confirmAbove` setting). */
export const TYPE_TO_CONFIRM_ABOVE = 10;

/** What another view can prefill, e.g. compliance opening AWS-RunPatchBaseline with Operation=Install. */
export interface RunPreset {
  document?: string;
  documentVersion?: string;
  /** Document parameter values by name (a StringList's items one per line). */
  parameters?: Record<string, string>;
  comment?: string;
  maxConcurrency?: string;
  maxErrors?: string;
}

const SHELL_DOCUMENTS = new Set(['AWS-RunShellScript', 'AWS-RunPowerShellScript']);

/** Until the schema arrives, a shell document's script is already editable (typing never waits for the network). */
const PROVISIONAL_SHELL: DocParam[] = [{name: 'commands', type: 'StringList', description: '(Required) The commands to run.'}];

export function openRunForm(targets: readonly ManagedInstance[], preset: RunPreset = {},
  source: TargetSource = {kind: 'chosen'}): RunForm {
  const windows = targets.length > 0 && targets.every((t) => t.platformType === 'Windows');
  const document = preset.document ?? (windows ? 'AWS-RunPowerShellScript' : 'AWS-RunShellScript');
  return {
    targets, source, targetText: '', document, ...(preset.documentVersion ? {documentVersion: preset.documentVersion} : {}), params: {...preset.parameters},
    values: {maxConcurrency: preset.maxConcurrency ?? '50', maxErrors: preset.maxErrors ?? '0', timeout: '600',
      comment: preset.comment ?? ''},
    focus: SHELL_DOCUMENTS.has(document) ? 'param:commands' : 'document', stage: 'edit', confirmText: '', errors: [],
  };
}

/** The parameters the form shows: the loaded schema, or the provisional one for a shell document. */
export function formParams(f: RunForm): readonly DocParam[] {
  if (f.schema?.status === 'ok' && f.schema.doc === f.document) return f.schema.params;
  return SHELL_DOCUMENTS.has(f.document) ? PROVISIONAL_SHELL : [];
}

export function formFields(f: RunForm): FieldId[] {
  return ['targets', 'document', ...formParams(f).map((p) => `param:${p.name}` as const), ...RATE_FIELDS];
}

export const paramName = (id: FieldId): string | undefined => (id.startsWith('param:') ? id.slice(6) : undefined);

export function paramFor(f: RunForm, id: FieldId): DocParam | undefined {
  const name = paramName(id);
  return name === undefined ? undefined : formParams(f).find((p) => p.name === name);
}

/** StringLists and textarea Strings take several lines (enter adds one). */
export function isMultiline(f: RunForm, id: FieldId): boolean {
  const p = paramFor(f, id);
  return !!p && (p.type === 'StringList' || p.displayType === 'textarea');
}

export function fieldValue(f: RunForm, id: FieldId): string {
  const name = paramName(id);
  if (name !== undefined) return f.params[name] ?? '';
  if (id === 'targets') return f.targetText;
  if (id === 'document') return f.document;
  return f.values[id as RateField];
}

/** The schema arrived: keep what was typed (or preset), fill the rest with the document's defaults. */
export function applySchema(f: RunForm, doc: string, params: DocParam[]): RunForm {
  if (doc !== f.document) return f;
  const values: Record<string, string> = {};
  for (const p of params) {
    const def = p.defaultValue === undefined ? '' : Array.isArray(p.defaultValue) ? p.defaultValue.join('\n') : p.defaultValue;
    values[p.name] = f.params[p.name] ?? def;
  }
  const next: RunForm = {...f, schema: {doc, status: 'ok', params}, params: values};
  return formFields(next).includes(f.focus) ? next : {...next, focus: 'document'};
}

/** A different document: its own parameters replace the old ones (the schema is fetched by the caller). */
export function chooseDocument(f: RunForm, doc: string): RunForm {
  if (doc === f.document) return {...f, picker: undefined};
  const keep: Record<string, string> = SHELL_DOCUMENTS.has(doc) && f.params.commands ? {commands: f.params.commands} : {};
  return {...f, document: doc, documentVersion: undefined, schema: undefined, params: keep, picker: undefined, focus: 'document', errors: []};
}

export function moveFocus(f: RunForm, step: 1 | -1): RunForm {
  const fields = formFields(f);
  const i = fields.indexOf(f.focus);
  return {...f, focus: fields[(i + step + fields.length) % fields.length] ?? f.focus};
}

export function editField(f: RunForm, edit: (v: string) => string): RunForm {
  const id = f.focus;
  const name = paramName(id);
  if (name !== undefined) return {...f, params: {...f.params, [name]: edit(f.params[name] ?? '')}, errors: []};
  if (id === 'targets') return {...f, targetText: edit(f.targetText), errors: []};
  if (id === 'document') return f; // chosen with the picker
  return {...f, values: {...f.values, [id]: edit(f.values[id as RateField])}, errors: []};
}

/** Cycle a parameter with allowed values (left/right). */
export function cycleValue(f: RunForm, step: 1 | -1): RunForm {
  const p = paramFor(f, f.focus);
  const allowed = p?.allowedValues;
  if (!p || !allowed?.length) return f;
  const i = allowed.indexOf(f.params[p.name] ?? '');
  const next = allowed[(i + step + allowed.length) % allowed.length] ?? '';
  return {...f, params: {...f.params, [p.name]: next}, errors: []};
}

export function commandLines(f: RunForm): string[] {
  return (f.params.commands ?? '').split('\n').filter((l) => l.trim());
}

/** The values the form sends: empty optional ones are left out so SSM applies the document's defaults. */
export function formParameters(f: RunForm): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of formParams(f)) {
    const raw = f.params[p.name] ?? '';
    if (!raw.trim()) continue;
    out[p.name] = p.type === 'StringList' ? raw.split('\n').filter((l) => l.trim()) : [raw];
  }
  return out;
}

export type ResolvedTargets =
  | {ok: true; kind: 'marked'; instances: readonly ManagedInstance[]}
  /** `instances` is what the expression matches in the loaded fleet; undefined when only SSM can say (resource groups). */
  | {ok: true; kind: 'expression'; targets: RunTargets; instances?: readonly ManagedInstance[]}
  | {ok: false; error: string};

function matchesTerm(i: ManagedInstance, t: {Key: string; Values: string[]}): boolean {
  if (t.Key === 'tag-key') return t.Values.some((k) => k in i.tags);
  const key = t.Key.slice(4); // tag:<key>
  const v = i.tags[key];
  return v !== undefined && t.Values.includes(v);
}

/** Which instances the form would run on, right now (expressions are matched against the loaded fleet's tags). */
export function resolveTargets(f: RunForm, fleet: readonly ManagedInstance[]): ResolvedTargets {
  if (!f.targetText.trim()) {
    return f.targets.length ? {ok: true, kind: 'marked', instances: f.targets}
      : {ok: false, error: 'no targets: mark instances (space), put the cursor on one, or type an expression'};
  }
  const parsed = parseRunTargets(f.targetText);
  if (!parsed.ok) return {ok: false, error: parsed.error};
  const t = parsed.value;
  if (t.kind === 'ids') {
    const byId = new Map(fleet.map((i) => [i.instanceId, i]));
    const missing = t.ids.find((id) => !byId.has(id));
    if (missing) return {ok: false, error: `${missing} is not a managed instance in this fleet`};
    return {ok: true, kind: 'expression', targets: t, instances: t.ids.map((id) => byId.get(id) as ManagedInstance)};
  }
  if (t.targets.some((x) => x.Key.startsWith('resource-groups'))) return {ok: true, kind: 'expression', targets: t};
  const instances = fleet.filter((i) => t.targets.every((x) => matchesTerm(i, x)));
  if (instances.length === 0) return {ok: false, error: `${f.targetText.trim()} matches no managed instance right now`};
  return {ok: true, kind: 'expression', targets: t, instances};
}

/** The number to type to confirm, or undefined when SSM alone knows it (then the word "yes"). */
export function targetCount(r: ResolvedTargets): number | undefined {
  return r.ok ? r.instances?.length : 0;
}

/** Everything that can be checked without AWS, the document's parameters included once its schema is loaded. */
export function validateForm(f: RunForm, fleet: readonly ManagedInstance[]): {ok: true; spec: RunSpec} | {ok: false; errors: string[]} {
  const errors: string[] = [];
  const resolved = resolveTargets(f, fleet);
  if (!resolved.ok) errors.push(`Targets: ${resolved.error}`);
  if (!/^[a-zA-Z0-9_\-.:/]{3,128}$/.test(f.document)) errors.push('Document: 3–128 letters, digits, _ - . : /');
  if (f.schema?.status === 'error' && f.schema.doc === f.document) errors.push(`Document: ${f.schema.error}`);
  const parameters = formParameters(f);
  if (f.schema?.status === 'ok' && f.schema.doc === f.document) {
    errors.push(...validateParameters(f.schema.params, parameters).map((e) => `Parameters: ${e}`));
  } else if (SHELL_DOCUMENTS.has(f.document) && commandLines(f).length === 0) {
    errors.push('Parameters: parameter "commands" is required');
  }
  const mc = parseRateValue('maxConcurrency', f.values.maxConcurrency);
  if (!mc.ok) errors.push(`Max concurrency: ${mc.error}`);
  const me = parseRateValue('maxErrors', f.values.maxErrors);
  if (!me.ok) errors.push(`Max errors: ${me.error}`);
  const t = Number(f.values.timeout);
  if (!/^\d+$/.test(f.values.timeout) || t < 30 || t > 2_592_000) errors.push('Delivery timeout: seconds from 30 to 2592000');
  if (f.values.comment.length > 100) errors.push('Comment: at most 100 characters');
  if (errors.length || !mc.ok || !me.ok || !resolved.ok) return {ok: false, errors};
  return {ok: true, spec: {
    documentName: f.document, ...(f.documentVersion ? {documentVersion: f.documentVersion} : {}), parameters,
    targets: resolved.kind === 'marked' ? {kind: 'ids', ids: resolved.instances.map((i) => i.instanceId)} : resolved.targets,
    maxConcurrency: mc.value, maxErrors: me.value, timeoutSeconds: t,
    ...(f.values.comment ? {comment: f.values.comment} : {}),
  }};
}

/** "prod 12, staging 3, (none) 1" — how the targets split by one tag. */
export function breakdown(targets: readonly ManagedInstance[], tag: string): string {
  const counts = new Map<string, number>();
  for (const t of targets) counts.set(t.tags[tag] ?? '(none)', (counts.get(t.tags[tag] ?? '(none)') ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
}

/**
 * What the user must type to send: the target count above the threshold (whatever the count when the run reaches a
 * protected context), "yes" when only SSM knows the count.
 */
export function confirmationWord(f: RunForm, fleet: readonly ManagedInstance[], above = TYPE_TO_CONFIRM_ABOVE): string | undefined {
  const n = targetCount(resolveTargets(f, fleet));
  if (n === undefined) return 'yes';
  return n > above || reachesProtected(f.where) ? String(n) : undefined;
}

export function confirmed(f: RunForm, fleet: readonly ManagedInstance[], above = TYPE_TO_CONFIRM_ABOVE): boolean {
  const word = confirmationWord(f, fleet, above);
  return word === undefined || f.confirmText.trim().toLowerCase() === word;
}

/** The instances whose platforms the document must run on: what the targets resolve to, else the marked ones. */
export function platformTargets(f: RunForm, fleet: readonly ManagedInstance[]): readonly ManagedInstance[] {
  const r = resolveTargets(f, fleet);
  return r.ok && r.instances ? r.instances : f.targets;
}

/** Documents that run on every target platform (the picker's fuzzy ranking is applied by the caller). */
export function documentsFor(docs: readonly DocumentInfo[], targets: readonly ManagedInstance[]): DocumentInfo[] {
  const platforms = new Set(targets.map((t) => t.platformType).filter(Boolean));
  return docs.filter((d) => [...platforms].every((p) => d.platformTypes.includes(p)));
}

/** What the document picker lists: the documents that fit the targets, best fuzzy match for `query` first. */
export function pickerChoices(f: RunForm, docs: readonly DocumentInfo[], fleet: readonly ManagedInstance[], query: string): DocumentInfo[] {
  const fit = documentsFor(docs, platformTargets(f, fleet));
  const q = query.trim();
  return q ? fuzzysort.go(q, fit, {key: 'name', limit: 200}).map((r) => r.obj) : fit;
}
