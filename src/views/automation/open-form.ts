// Opening the start-a-runbook form: from `:documents` (A on an Automation document), from `:automations` (s, then the
// runbook's name) or as a re-run (filled in from an earlier execution). Marked instances go to the runbook's instance
// parameter; the parameters arrive with the runbook's content.
import {AUTOMATION_READ_ONLY, type AutomationMode} from '../../fleet/automation/execution.js';
import {openStartForm as newForm, withSchema, withValues, type StartForm} from '../../fleet/automation/start-form.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import type {AppStore} from '../../store/store.js';
import {loaded, put} from '../pane-loads.js';
import type {ActionContext} from '../view.js';
import {RESOURCE_ID} from './services.js';
import {readOutline} from './runbook-steps.js';

const FORM_KEY = 'automation-form';

export function formOf(store: AppStore): StartForm | undefined {
  const e = loaded<StartForm>(store, FORM_KEY);
  return e?.state === 'ok' ? e.value : undefined;
}

export function setForm(store: AppStore, form: StartForm): void {
  put(store, RESOURCE_ID, FORM_KEY, form);
}

export interface FormPreset {
  version?: string;
  values?: Readonly<Record<string, readonly string[]>>;
  mode?: AutomationMode;
  targetText?: string;
  targetParameterName?: string;
  maxConcurrency?: string;
  maxErrors?: string;
}

/** Why a runbook cannot be started here, or undefined when it can. */
export function startRefusal(ctx: ActionContext, doc?: {documentType: string}): string | undefined {
  if (ctx.readOnly) return AUTOMATION_READ_ONLY.start;
  if (!ctx.services.automation) return 'Automation is not available here';
  if (doc && doc.documentType !== 'Automation') return `only Automation documents are runbooks; this one is ${doc.documentType}`;
  return undefined;
}

export function openStartForm(ctx: ActionContext, name: string, preset: FormPreset = {}): void {
  const refusal = startRefusal(ctx);
  if (refusal) return ctx.store.getState().setFlash({text: refusal, tone: 'warn'});
  const st = ctx.store.getState().tables.instances;
  const marked = preset.values ? [] : st ? [...st.marks] : [];
  let form = newForm(name, marked, preset.version);
  if (preset.values) form = withValues(form, preset.values);
  form = {...form, ...(preset.mode ? {mode: preset.mode} : {}), ...(preset.targetText ? {targetText: preset.targetText} : {}),
    ...(preset.targetParameterName ? {targetParameterName: preset.targetParameterName} : {}),
    ...(preset.maxConcurrency ? {maxConcurrency: preset.maxConcurrency} : {}), ...(preset.maxErrors ? {maxErrors: preset.maxErrors} : {})};
  setForm(ctx.store, form);
  ctx.store.getState().push({view: 'automation-form', arg: name, scroll: 0});
  readOutline(ctx, name, preset.version).then((outline) => {
    const f = formOf(ctx.store);
    if (f && f.documentName === name) setForm(ctx.store, withSchema(f, outline.params));
  }, (e: unknown) => ctx.store.getState().setFlash({text: `could not read ${sanitizeText(name)}: ${errorText(e)}`, tone: 'error'}));
}

/** `s` in the executions: the runbook's name in the prompt line, then the form. */
export function askRunbook(ctx: ActionContext): void {
  const refusal = startRefusal(ctx);
  if (refusal) return ctx.store.getState().setFlash({text: refusal, tone: 'warn'});
  ctx.store.getState().setFlash({text: 'Runbook to start (e.g. AWS-RestartEC2Instance); enter opens its form', tone: 'info'});
  ctx.store.getState().setPrompt({kind: 'search', text: '', before: '', onSubmit: (typed) => {
    if (typed.trim()) openStartForm(ctx, typed.trim());
  }});
}
