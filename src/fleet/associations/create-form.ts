// The create-association form as data: a document, targets (marked instances or an expression, as Run Command takes
// them), a schedule with its next runs, rate control, compliance severity and apply-only-at-cron-interval; what it
// would send, or the first thing wrong with it (checked as State Manager checks it, before anything is sent).
import {parseRunTargets} from '../run-command/run-targets.js';
import {parseRateValue} from '../run-command/rate-control.js';
import {parseAssociationSchedule} from '../schedules/schedule-expression.js';
import {SEVERITIES, type AssociationSeverity, type AwsTarget, type CreateAssociationRequest} from './association.js';

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
}

export function openCreateForm(documentName: string, marked: readonly string[], documentVersion?: string): CreateForm {
  return {documentName, ...(documentVersion ? {documentVersion} : {}), marked, name: '', targetText: '', schedule: 'rate(30 minutes)', parameters: {}, maxConcurrency: '50',
    maxErrors: '0', severity: 'UNSPECIFIED', applyOnlyAtCronInterval: false};
}

export function nextSeverity(s: AssociationSeverity): AssociationSeverity {
  return SEVERITIES[(SEVERITIES.indexOf(s) + 1) % SEVERITIES.length] ?? 'UNSPECIFIED';
}

export function formTargets(f: CreateForm): {ok: true; targets: AwsTarget[]} | {ok: false; error: string} {
  if (!f.targetText.trim()) {
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
  const concurrency = parseRateValue('maxConcurrency', f.maxConcurrency.trim());
  if (!concurrency.ok) return concurrency;
  const errors = parseRateValue('maxErrors', f.maxErrors.trim());
  if (!errors.ok) return errors;
  const name = f.name.trim();
  if (name && !/^[a-zA-Z0-9_\-.]{3,128}$/.test(name)) return {ok: false, error: 'a name is 3 to 128 letters, digits, _ - or .'};
  return {ok: true, request: {
    documentName: f.documentName, ...(f.documentVersion ? {documentVersion: f.documentVersion} : {}), targets: targets.targets, applyOnlyAtCronInterval: f.applyOnlyAtCronInterval,
    parameters: Object.fromEntries(Object.entries(f.parameters).map(([k, v]) => [k, v.split('\n')])),
    maxConcurrency: f.maxConcurrency.trim(), maxErrors: f.maxErrors.trim(), complianceSeverity: f.severity,
    ...(schedule ? {scheduleExpression: schedule} : {}), ...(name ? {name} : {}),
  }};
}
