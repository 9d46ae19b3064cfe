// The start-a-runbook form: each of the runbook's parameters with its type, default, allowed values or pattern (and
// whether it is required), the targets of a rate-controlled run with the parameter they fan out on, max concurrency
// and errors, Auto or Interactive, what is wrong with it, and the equivalent `aws ssm start-automation-execution`
// line. Fields are edited in the prompt line; enter asks, starts it (audited) and opens its steps.
import {AUTOMATION_READ_ONLY} from '../../fleet/automation/execution.js';
import {formTargets, parameterHint, setValue, startCliLine, startRequest, type StartForm} from '../../fleet/automation/start-form.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {bold, tone} from '../../components/style.js';
import {appendAudit, redactParameters} from '../../audit.js';
import type {AppStore} from '../../store/store.js';
import {definePaneView, type ActionContext} from '../view.js';
import {formOf, setForm} from './open-form.js';
import {openSteps} from './open.js';
import {noteStarted} from './cadence.js';

export function startFormLines(f: StartForm): string[] {
  const row = (key: string, label: string, value: string) => `  ${tone(key, 'accent')} ${label.padEnd(13)} ${value}`;
  const lines = [`  Start ${bold(sanitizeText(f.documentName))} ${tone(f.documentVersion ? `version ${sanitizeText(f.documentVersion)}` : '(default version)', 'muted')}`, ''];
  lines.push(`  ${tone('p', 'accent')} Parameters`);
  if (!f.params) lines.push(tone('      loading the runbook…', 'muted'));
  else if (f.params.length === 0) lines.push(tone('      (none)', 'muted'));
  const fanned = f.targetText.trim() ? f.targetParameterName : '';
  for (const p of f.params ?? []) {
    const given = f.values[p.name];
    const value = p.name === fanned ? tone('(each target)', 'accent') : given !== undefined ? sanitizeText(given)
      : p.defaultValue !== undefined ? tone(`${sanitizeText(JSON.stringify(p.defaultValue))} (default)`, 'muted') : tone('(required)', 'warn');
    lines.push(`      ${sanitizeText(p.name).padEnd(22)} ${value}`, tone(`      ${''.padEnd(22)} ${sanitizeText(parameterHint(p))}`, 'muted'));
  }
  const t = formTargets(f);
  const targets = !f.targetText.trim() ? tone('(none: one run with the parameters)', 'muted')
    : t.ok ? `${sanitizeText(f.targetText.trim())}${f.targetText.trim() === 'marked' ? ` (${f.marked.length} instances)` : ''}` : tone(sanitizeText(t.error), 'bad');
  lines.push('', row('t', 'Targets', targets), row('f', 'Fan out on', f.targetParameterName ? sanitizeText(f.targetParameterName) : tone('(none)', 'muted')),
    row('c', 'Concurrency', sanitizeText(f.maxConcurrency)), row('x', 'Max errors', sanitizeText(f.maxErrors)),
    row('m', 'Mode', f.mode === 'Auto' ? 'Auto: every step runs' : 'Interactive: each step waits for you (S in the steps view)'), '');
  const check = startRequest(f);
  if (check.ok) {
    lines.push(tone('  enter starts it (asks first) · y copies the line', 'good'), '', tone(`  $ ${sanitizeText(startCliLine(check.request))}`, 'muted'));
  } else {
    lines.push(...check.errors.map((e) => tone(`  ✗ ${sanitizeText(e)}`, 'bad')));
  }
  return lines;
}

function edit(ctx: ActionContext, hint: string, current: string, apply: (f: StartForm, text: string) => StartForm | string): void {
  const s = ctx.store.getState();
  s.setFlash({text: hint, tone: 'info'});
  s.setPrompt({kind: 'search', text: current, before: '', onSubmit: (text) => {
    const f = formOf(ctx.store);
    if (!f) return;
    const next = apply(f, text);
    if (typeof next === 'string') ctx.store.getState().setFlash({text: sanitizeText(next), tone: 'warn'});
    else setForm(ctx.store, next);
  }});
}

function start(ctx: ActionContext): void {
  const s = ctx.store.getState();
  const f = formOf(ctx.store);
  const api = ctx.services.automation;
  if (ctx.readOnly) return s.setFlash({text: AUTOMATION_READ_ONLY.start, tone: 'warn'});
  if (!f || !api) return;
  const check = startRequest(f);
  if (!check.ok) return s.setFlash({text: sanitizeText(check.errors[0] ?? 'the form is not complete'), tone: 'warn'});
  const req = check.request;
  const where = req.targets ? ` over ${sanitizeText(f.targetText.trim())} (${sanitizeText(req.maxConcurrency ?? '')} at a time)` : '';
  s.setPrompt({kind: 'confirm', text: '', before: '', question: `Start ${sanitizeText(req.documentName)}${where}, ${req.mode ?? 'Auto'}?`, onYes: () => {
    api.start(req).then((id) => {
      noteStarted();
      appendAudit({action: 'StartAutomationExecution', identity: ctx.services.identity ?? 'unknown', executionId: id, runbook: req.documentName,
        mode: req.mode, targets: req.targets, targetParameterName: req.targetParameterName, maxConcurrency: req.maxConcurrency, maxErrors: req.maxErrors,
        parameters: redactParameters(Object.fromEntries(Object.entries(req.parameters ?? {}).map(([k, v]) => [k, [...v]]))), via: 'dashboard'});
      const st = ctx.store.getState();
      st.pop();
      st.setFlash({text: `started ${sanitizeText(req.documentName)} ${id}`, tone: 'info'});
      openSteps(ctx, id);
    }, (e: unknown) => ctx.store.getState().setFlash({text: `start failed: ${errorText(e)}`, tone: 'error'}));
  }});
}

const current = (store: AppStore) => formOf(store);

export const automationFormView = definePaneView({
  id: 'automation-form',
  title: 'Start a runbook',
  aliases: [],
  scopes: ['automationForm'],
  lines: (store) => {
    const f = current(store);
    return f ? startFormLines(f) : ['no form open'];
  },
  actions: {
    'automationForm.parameter': (ctx) => edit(ctx, 'parameter: name=value (a list comma-separated; an empty value = its default)', '', (f, text) => {
      const r = setValue(f, text);
      return r.ok ? r.form : r.error;
    }),
    'automationForm.targets': (ctx) => edit(ctx, 'targets: marked, tag:Env=prod, or ids; empty = one run with the parameters', current(ctx.store)?.targetText ?? '',
      (f, text) => ({...f, targetText: text.trim()})),
    'automationForm.fanOut': (ctx) => edit(ctx, 'the parameter each target goes to, e.g. InstanceId', current(ctx.store)?.targetParameterName ?? '',
      (f, text) => ({...f, targetParameterName: text.trim()})),
    'automationForm.concurrency': (ctx) => edit(ctx, 'max concurrency: e.g. 10 or 25%', current(ctx.store)?.maxConcurrency ?? '', (f, text) => ({...f, maxConcurrency: text.trim()})),
    'automationForm.errors': (ctx) => edit(ctx, 'max errors: e.g. 0, 3 or 10%', current(ctx.store)?.maxErrors ?? '', (f, text) => ({...f, maxErrors: text.trim()})),
    'automationForm.mode': (ctx) => {
      const f = current(ctx.store);
      if (f) setForm(ctx.store, {...f, mode: f.mode === 'Auto' ? 'Interactive' : 'Auto'});
    },
    'automationForm.copy': (ctx) => {
      const f = current(ctx.store);
      const check = f ? startRequest(f) : undefined;
      if (!check?.ok) return ctx.store.getState().setFlash({text: sanitizeText(check?.errors[0] ?? 'no form open'), tone: 'warn'});
      ctx.services.copy?.(startCliLine(check.request));
      ctx.store.getState().setFlash({text: 'copied the aws ssm start-automation-execution line to the clipboard', tone: 'info'});
    },
    'automationForm.start': (ctx) => start(ctx),
  },
});
