// The create-association form as data: a document, targets (marked instances or an expression, as Run Command takes
// them), a schedule with its next runs, rate control, compliance severity and apply-only-at-cron-interval; what it
// would send, or the first thing wrong with it (checked as State Manager checks it, before anything is sent).
import {parseRunTargets} from '../run-command/run-targets.js';
import {parseRateValue} from '../run-command/rate-control.js';
import {parseAssociationSchedule} from '../schedules/schedule-expression.js';
import {SEVERITIES, targetsText, type AssociationDetail, type AssociationSeverity, type AwsTarget, type CreateAssociationRequest} from './association.js';

export type CreateField = 'name' | 'targets' | 'schedule' | 'parameter' | 'maxConcurrency' | 'maxErrors';

export interface CreateForm {
  readonly documentName: string;
  /** The version it runs (undefined: the default version, whichever it is when it runs). */
  readonly documentVersion?: string;
  /** Instance ids marked when the form opened: the targets unless an expression is typed. */
  readonly marked: readonly string[];
  readonly name: string;
  readonly targetText: string;
  /** Empty: run once, when created. */
  readonly schedule: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly maxConcurrency: string;
  readonly maxErrors: string;
  readonly severity: AssociationSeverity;
  readonly applyOnlyAtCronInterval: boolean;
  /** Editing an existing association: its targets, kept unless an expression is typed. */
  readonly keptTargets?: readonly AwsTarget[];
  /** Editing an existing association: which one, the version it was read at, and the form as it was. */
  readonly editing?: {readonly associationId: string; readonly associationVersion: string; readonly before: CreateForm};
}

export function openCreateForm(documentName: string, marked: readonly string[], documentVersion?: string): CreateForm {
  return {documentName, ...(documentVersion ? {documentVersion} : {}), marked, name: '', targetText: '', schedule: 'rate(30 minutes)', parameters: {}, maxConcurrency: '50',
    maxErrors: '0', severity: 'UNSPECIFIED', applyOnlyAtCronInterval: false};
}

/** The form prefilled from an association (DescribeAssociation), to edit it. */
export function editForm(a: AssociationDetail): CreateForm {
  const severity = SEVERITIES.find((s) => s === a.complianceSeverity) ?? 'UNSPECIFIED';
  const form: CreateForm = {
    documentName: a.documentName, ...(a.documentVersion ? {documentVersion: a.documentVersion} : {}), marked: a.instanceId ? [a.instanceId] : [],
    name: a.name ?? '', targetText: '', schedule: a.scheduleExpression ?? '',
    parameters: Object.fromEntries(Object.entries(a.parameters).map(([k, v]) => [k, v.join('\n')])),
    maxConcurrency: a.maxConcurrency ?? '', maxErrors: a.maxErrors ?? '', severity, applyOnlyAtCronInterval: a.applyOnlyAtCronInterval,
    ...(a.targets.length ? {keptTargets: a.targets} : {}),
  };
  return {...form, editing: {associationId: a.associationId, associationVersion: a.associationVersion, before: form}};
}

/** What an edit changes, one "field: old → new" a line (empty: nothing). */
export function formChanges(f: CreateForm): string[] {
  const before = f.editing?.before;
  if (!before) return [];
  const targets = (x: CreateForm) => {
    const t = formTargets(x);
    return t.ok ? targetsText({targets: t.targets}) : x.targetText;
  };
  const params = (x: CreateForm) => Object.entries(x.parameters).map(([k, v]) => `${k}=${v.replace(/\n/g, '⏎')}`).join('  ') || '(document defaults)';
  const fields: [string, (x: CreateForm) => string][] = [
    ['name', (x) => x.name || '(none)'], ['targets', targets], ['schedule', (x) => x.schedule || '(once)'], ['parameters', params],
    ['max concurrency', (x) => x.maxConcurrency], ['max errors', (x) => x.maxErrors], ['severity', (x) => x.severity],
    ['cron only', (x) => (x.applyOnlyAtCronInterval ? 'yes' : 'no')],
  ];
  return fields.filter(([, get]) => get(before) !== get(f)).map(([name, get]) => `${name}: ${get(before)} → ${get(f)}`);
}

export function nextSeverity(s: AssociationSeverity): AssociationSeverity {
  return SEVERITIES[(SEVERITIES.indexOf(s) + 1) % SEVERITIES.length] ?? 'UNSPECIFIED';
}

export function formTargets(f: CreateForm): {ok: true; targets: AwsTarget[]} | {ok: false; error: string} {
  if (!f.targetText.trim()) {
    if (f.keptTargets) return {ok: true, targets: [...f.keptTargets]};
    if (f.marked.length === 0) return {ok: false, error: 'no targets: mark instances first or type an expression (t), e.g. tag:Env=prod'};
    if (f.marked.length > 50) return {ok: false, error: `${f.marked.length} marked instances: an association takes at most 50 ids; use a tag expression`};
    return {ok: true, targets: [{Key: 'InstanceIds', Values: [...f.marked]}]};
  }
  const parsed = parseRunTargets(f.targetText);
  if (!parsed.ok) return parsed;
  const t = parsed.value;
  return {ok: true, targets: t.kind === 'ids' ? [{Key: 'InstanceIds', Values: t.ids}] : t.targets};
}

/** "name=value" → the parameter's new value (an empty value removes it); an error for anything else. */
export function setParameter(f: CreateForm, text: string): {ok: true; form: CreateForm} | {ok: false; error: string} {
  const eq = text.indexOf('=');
  if (eq <= 0) return {ok: false, error: `"${text}" must be name=value, e.g. commands=uptime`};
  const name = text.slice(0, eq).trim();
  const value = text.slice(eq + 1);
  const {[name]: _old, ...rest} = f.parameters;
  return {ok: true, form: {...f, parameters: value === '' ? rest : {...rest, [name]: value}}};
}

/** What CreateAssociation gets from the form, or the first thing wrong with it. */
export function createRequest(f: CreateForm): {ok: true; request: CreateAssociationRequest} | {ok: false; error: string} {
  const targets = formTargets(f);
  if (!targets.ok) return targets;
  const schedule = f.schedule.trim();
  if (schedule) {
    const parsed = parseAssociationSchedule(schedule);
    if (!parsed.ok) return {ok: false, error: parsed.error};
    if (f.applyOnlyAtCronInterval && parsed.schedule.kind === 'rate') return {ok: false, error: 'apply only at the cron interval needs a cron schedule, not a rate'};
  } else if (f.applyOnlyAtCronInterval) {
    return {ok: false, error: 'apply only at the cron interval needs a cron schedule'};
  }
  // Empty leaves it to SSM (an association read without one is edited without one).
  const concurrency = f.maxConcurrency.trim() ? parseRateValue('maxConcurrency', f.maxConcurrency.trim()) : undefined;
  if (concurrency && !concurrency.ok) return concurrency;
  const errors = f.maxErrors.trim() ? parseRateValue('maxErrors', f.maxErrors.trim()) : undefined;
  if (errors && !errors.ok) return errors;
  const name = f.name.trim();
  if (name && !/^[a-zA-Z0-9_\-.]{3,128}$/.test(name)) return {ok: false, error: 'a name is 3 to 128 letters, digits, _ - or .'};
  return {ok: true, request: {
    documentName: f.documentName, ...(f.documentVersion ? {documentVersion: f.documentVersion} : {}), targets: targets.targets, applyOnlyAtCronInterval: f.applyOnlyAtCronInterval,
    parameters: Object.fromEntries(Object.entries(f.parameters).map(([k, v]) => [k, v.split('\n')])),
    maxConcurrency: f.maxConcurrency.trim(), maxErrors: f.maxErrors.trim(), complianceSeverity: f.severity,
    ...(schedule ? {scheduleExpression: schedule} : {}), ...(name ? {name} : {}),
  }};
}
