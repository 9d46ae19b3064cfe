// The create-association form (`a` on a document): targets (the marked instances or an expression, with how many
// instances they name now), a schedule whose next three runs are shown in local time as it is typed, parameters,
// rate control, compliance severity and apply-only-at-cron-interval. Each field is edited in the prompt line; enter
// checks it as State Manager would, asks, creates it (audited) and opens it. Opened on an association (`E`), the same
// form edits it: enter asks with what changes and sends UpdateAssociation (audited) at the version it was read at.
import {ASSOCIATION_READ_ONLY, targetsText} from '../../fleet/associations/association.js';
import {createRequest, formChanges, formTargets, nextSeverity, setParameter, type CreateForm} from '../../fleet/associations/create-form.js';
import {localTime, previewSchedule} from '../../fleet/associations/schedule-preview.js';
import {targetedInstances} from '../../fleet/associations/target-match.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {bold, tone} from '../../components/style.js';
import {appendAudit, redactParameters} from '../../audit.js';
import {definePaneView, type ActionContext} from '../view.js';
import {formOf, setForm} from './open-create.js';
import {label, loadAssociation, openAssociation} from './open.js';
import {currentScreen, type AppStore} from '../../store/store.js';

type Edited = 'name' | 'targetText' | 'schedule' | 'parameter' | 'maxConcurrency' | 'maxErrors';

/** The field the prompt line is editing now (its text is previewed live), if any. */
const editing = new WeakMap<AppStore, Edited>();

function typed(store: AppStore, field: Edited): string | undefined {
  const p = store.getState().prompt;
  return p?.kind === 'search' && editing.get(store) === field ? p.text : undefined;
}

function targetLine(store: AppStore, f: CreateForm): string {
  const t = formTargets(f);
  if (!t.ok) return tone(t.error, 'bad');
  const what = f.targetText.trim() ? sanitizeText(f.targetText.trim())
    : f.keptTargets ? sanitizeText(targetsText({targets: f.keptTargets})) : `${f.marked.length} marked instance${f.marked.length === 1 ? '' : 's'}`;
  const now = targetedInstances({targets: t.targets}, store.getState().instances);
  return `${what}${now === undefined ? tone('  (resolved by AWS)', 'muted') : tone(`  → ${now.length} instance${now.length === 1 ? '' : 's'} now`, now.length ? 'muted' : 'warn')}`;
}

function scheduleLines(store: AppStore, f: CreateForm): string[] {
  const text = (typed(store, 'schedule') ?? f.schedule).trim();
  if (!text) return [tone('               runs once, when created', 'muted')];
  const now = store.getState().now;
  const p = previewSchedule(text, now, 3);
  if (!p.ok) return [tone(`               ✗ ${sanitizeText(p.error)}`, 'bad')];
  return [tone(`               next: ${p.runs.map((r) => localTime(r, now)).join(' · ')} (local time)`, 'muted')];
}

export function formLines(store: AppStore, f: CreateForm): string[] {
  const row = (key: string, labelText: string, value: string) => `  ${tone(key, 'accent')} ${labelText.padEnd(12)} ${value}`;
  const params = Object.entries(f.parameters);
  const check = createRequest(f);
  const version = tone(f.documentVersion ? `version ${sanitizeText(f.documentVersion)}` : '(default version)', 'muted');
  const changes = formChanges(f);
  const ready = f.editing ? (changes.length ? `enter saves ${changes.length} change${changes.length === 1 ? '' : 's'} (asks first)` : 'nothing changed yet')
    : 'enter creates it (asks first)';
  return [
    f.editing ? `  Edit association ${bold(sanitizeText(f.editing.associationId))} (version ${sanitizeText(f.editing.associationVersion)}) with ${bold(sanitizeText(f.documentName))} ${version}`
      : `  Create an association with ${bold(sanitizeText(f.documentName))} ${version}`,
    '',
    row('n', 'Name', f.name ? sanitizeText(f.name) : tone('(none)', 'muted')),
    row('t', 'Targets', targetLine(store, f)),
    row('s', 'Schedule', sanitizeText(typed(store, 'schedule') ?? f.schedule) || tone('(none)', 'muted')),
    ...scheduleLines(store, f),
    row('p', 'Parameters', params.length ? sanitizeText(params.map(([k, v]) => `${k}=${v.replace(/\n/g, '⏎')}`).join('  ')) : tone('(document defaults)', 'muted')),
    row('c', 'Concurrency', sanitizeText(f.maxConcurrency)),
    row('x', 'Max errors', sanitizeText(f.maxErrors)),
    row('v', 'Severity', f.severity),
    row('i', 'Cron only', f.applyOnlyAtCronInterval ? 'yes: first run at the next cron time, not when created' : 'no: runs when created, then on schedule'),
    '',
    check.ok ? tone(`  ${ready}`, 'good') : tone(`  ✗ ${sanitizeText(check.error)}`, 'bad'),
  ];
}

/** Edits one field in the prompt line, prefilled with its value; the pane previews what is typed. */
function edit(ctx: ActionContext, field: Edited, hint: string, current: string, apply: (f: CreateForm, text: string) => CreateForm | string): void {
  const s = ctx.store.getState();
  editing.set(ctx.store, field);
  s.setFlash({text: current ? `${hint} · ctrl+u clears` : hint, tone: 'info'});
  s.setPrompt({kind: 'search', text: current, before: '', onSubmit: (text) => {
    editing.delete(ctx.store);
    const f = formOf(ctx.store);
    if (!f) return;
    const next = apply(f, text);
    if (typeof next === 'string') ctx.store.getState().setFlash({text: sanitizeText(next), tone: 'warn'});
    else setForm(ctx.store, next);
  }});
}

function update(ctx: ActionContext, fn: (f: CreateForm) => CreateForm): void {
  const f = formOf(ctx.store);
  if (f) setForm(ctx.store, fn(f));
}

const auditedParameters = (p: Readonly<Record<string, readonly string[]>>) => redactParameters(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, [...v]])));

/** Asks with what changes, then UpdateAssociation at the version the form was read at, audited; opens the result. */
function save(ctx: ActionContext, f: CreateForm, editing: NonNullable<CreateForm['editing']>): void {
  const s = ctx.store.getState();
  const api = ctx.services.associations;
  if (!api) return;
  const check = createRequest(f);
  if (!check.ok) return s.setFlash({text: sanitizeText(check.error), tone: 'warn'});
  const changes = formChanges(f);
  if (changes.length === 0) return s.setFlash({text: 'nothing changed', tone: 'info'});
  const req = {...check.request, associationVersion: editing.associationVersion};
  s.setPrompt({kind: 'confirm', text: '', before: '', question: `Update the association: ${sanitizeText(changes.join('; '))}?`, onYes: () => {
    api.update(editing.associationId, req).then((a) => {
      appendAudit({action: 'UpdateAssociation', identity: ctx.services.identity ?? 'unknown', associationId: a.associationId,
        associationVersion: a.associationVersion, document: req.documentName, targets: req.targets, schedule: req.scheduleExpression,
        parameters: auditedParameters(req.parameters), via: 'dashboard'});
      const st = ctx.store.getState();
      st.pop();
      st.setFlash({text: `updated ${label(a)} to version ${sanitizeText(a.associationVersion)}`, tone: 'info'});
      if (currentScreen(st).view === 'association' && currentScreen(st).arg === a.associationId) loadAssociation(ctx, a.associationId);
      else openAssociation(ctx, a.associationId);
    }, (e: unknown) => ctx.store.getState().setFlash({text: `update failed: ${errorText(e)}`, tone: 'error'}));
  }});
}

function create(ctx: ActionContext): void {
  const s = ctx.store.getState();
  const f = formOf(ctx.store);
  const api = ctx.services.associations;
  if (ctx.readOnly) return s.setFlash({text: f?.editing ? ASSOCIATION_READ_ONLY.update : ASSOCIATION_READ_ONLY.create, tone: 'warn'});
  if (!f || !api) return;
  if (f.editing) return save(ctx, f, f.editing);
  const check = createRequest(f);
  if (!check.ok) return s.setFlash({text: sanitizeText(check.error), tone: 'warn'});
  const req = check.request;
  const t = formTargets(f);
  const n = t.ok ? targetedInstances({targets: t.targets}, s.instances)?.length : undefined;
  const where = n === undefined ? 'its targets' : `${n} instance${n === 1 ? '' : 's'}`;
  s.setPrompt({kind: 'confirm', text: '', before: '', question: `Create the association with ${sanitizeText(f.documentName)} on ${where}${
    req.scheduleExpression ? `, ${sanitizeText(req.scheduleExpression)}` : ', once'}?`, onYes: () => {
    api.create(req).then((a) => {
      appendAudit({action: 'CreateAssociation', identity: ctx.services.identity ?? 'unknown', associationId: a.associationId,
        document: req.documentName, targets: req.targets, schedule: req.scheduleExpression,
        parameters: auditedParameters(req.parameters), via: 'dashboard'});
      const st = ctx.store.getState();
      st.pop();
      st.setFlash({text: `created ${label(a)}`, tone: 'info'});
      openAssociation(ctx, a.associationId);
    }, (e: unknown) => ctx.store.getState().setFlash({text: `create failed: ${errorText(e)}`, tone: 'error'}));
  }});
}

export const associationFormView = definePaneView({
  id: 'association-form',
  title: 'Create association',
  aliases: [],
  scopes: ['associationForm'],
  lines: (store) => {
    const f = formOf(store);
    return f ? formLines(store, f) : ['no form open'];
  },
  actions: {
    'associationForm.name': (ctx) => edit(ctx, 'name', 'name: 3 to 128 letters, digits, _ - .', formOf(ctx.store)?.name ?? '', (f, text) => ({...f, name: text.trim()})),
    'associationForm.targets': (ctx) => edit(ctx, 'targetText', 'targets: tag:Env=prod tag-key:Team, or instance ids; empty = the marked instances',
      formOf(ctx.store)?.targetText ?? '', (f, text) => ({...f, targetText: text})),
    'associationForm.schedule': (ctx) => edit(ctx, 'schedule', 'schedule: cron(0 2 ? * SUN *) or rate(30 minutes); empty = run once',
      formOf(ctx.store)?.schedule ?? '', (f, text) => ({...f, schedule: text.trim()})),
    'associationForm.parameter': (ctx) => edit(ctx, 'parameter', 'parameter: name=value (empty value removes it)', '', (f, text) => {
      const r = setParameter(f, text);
      return r.ok ? r.form : r.error;
    }),
    'associationForm.concurrency': (ctx) => edit(ctx, 'maxConcurrency', 'max concurrency: e.g. 10 or 25%', formOf(ctx.store)?.maxConcurrency ?? '',
      (f, text) => ({...f, maxConcurrency: text.trim()})),
    'associationForm.errors': (ctx) => edit(ctx, 'maxErrors', 'max errors: e.g. 0, 3 or 10%', formOf(ctx.store)?.maxErrors ?? '',
      (f, text) => ({...f, maxErrors: text.trim()})),
    'associationForm.severity': (ctx) => update(ctx, (f) => ({...f, severity: nextSeverity(f.severity)})),
    'associationForm.cronOnly': (ctx) => update(ctx, (f) => ({...f, applyOnlyAtCronInterval: !f.applyOnlyAtCronInterval})),
    'associationForm.create': (ctx) => create(ctx),
  },
});
