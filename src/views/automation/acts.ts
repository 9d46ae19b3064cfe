// Acting on an execution: approve or reject its aws:approve step (with a comment), run the next step of an
// Interactive run, stop it (Cancel), re-run it with the same parameters. Each is asked first, refused in read-only
// mode and audited.
import {AUTOMATION_READ_ONLY, isTerminalStatus, type ExecutionSummary} from '../../fleet/automation/execution.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {appendAudit} from '../../audit.js';
import type {ActionContext} from '../view.js';
import {loadExecution} from './open.js';
import {openStartForm} from './open-form.js';
import {nextStepName} from './runbook-steps.js';

type Act = 'approve' | 'reject' | 'stop' | 'next' | 'rerun';

export function actRefusal(ctx: ActionContext, kind: keyof typeof AUTOMATION_READ_ONLY): string | undefined {
  if (ctx.readOnly) return AUTOMATION_READ_ONLY[kind];
  return ctx.services.automation ? undefined : 'Automation is not available here';
}

const REFUSAL_OF: Readonly<Record<Act, keyof typeof AUTOMATION_READ_ONLY>> = {approve: 'approve', reject: 'approve', stop: 'stop', next: 'step', rerun: 'start'};

function audit(ctx: ActionContext, action: string, e: ExecutionSummary, extra: Record<string, unknown> = {}): void {
  appendAudit({action, identity: ctx.services.identity ?? 'unknown', executionId: e.executionId, runbook: e.documentName, ...extra, via: 'dashboard'});
}

function after(ctx: ActionContext, e: ExecutionSummary, text: string): void {
  ctx.store.getState().setFlash({text, tone: 'info'});
  loadExecution(ctx, e.executionId);
}

const failed = (ctx: ActionContext, what: string) => (err: unknown) => ctx.store.getState().setFlash({text: `${what} failed: ${errorText(err)}`, tone: 'error'});

function decide(ctx: ActionContext, e: ExecutionSummary, type: 'Approve' | 'Reject'): void {
  const s = ctx.store.getState();
  const api = ctx.services.automation;
  if (!api) return;
  if (e.status !== 'Waiting' || e.currentAction !== 'aws:approve') {
    return s.setFlash({text: `${sanitizeText(e.documentName)} is not waiting for an approval (${sanitizeText(e.status)})`, tone: 'warn'});
  }
  const verb = type === 'Approve' ? 'approve' : 'reject';
  s.setFlash({text: `Comment for the ${verb === 'approve' ? 'approval' : 'rejection'} (enter sends it after a question; esc keeps it waiting)`, tone: 'info'});
  s.setPrompt({kind: 'search', text: '', before: '', onSubmit: (comment) => {
    ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: `${type} step ${sanitizeText(e.currentStepName)} of ${sanitizeText(e.documentName)}?`, onYes: () => {
      api.signal(e.executionId, {type, comment: comment.trim()}).then(() => {
        audit(ctx, `SendAutomationSignal:${type}`, e, {step: e.currentStepName, comment: comment.trim()});
        after(ctx, e, `${type === 'Approve' ? 'approved' : 'rejected'} ${sanitizeText(e.currentStepName)} of ${sanitizeText(e.documentName)}`);
      }, failed(ctx, verb));
    }});
  }});
}

function stop(ctx: ActionContext, e: ExecutionSummary): void {
  const api = ctx.services.automation;
  if (!api) return;
  if (isTerminalStatus(e.status)) return ctx.store.getState().setFlash({text: `the execution has already ended (${sanitizeText(e.status)})`, tone: 'warn'});
  ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: `Stop (cancel) ${sanitizeText(e.documentName)} ${e.executionId.slice(0, 8)}?`, onYes: () => {
    api.stop(e.executionId, 'Cancel').then(() => {
      audit(ctx, 'StopAutomationExecution', e, {type: 'Cancel'});
      after(ctx, e, `stopping ${sanitizeText(e.documentName)}`);
    }, failed(ctx, 'stop'));
  }});
}

function next(ctx: ActionContext, e: ExecutionSummary): void {
  const s = ctx.store.getState();
  const api = ctx.services.automation;
  if (!api) return;
  if (e.mode !== 'Interactive') return s.setFlash({text: 'only an Interactive execution runs one step at a time', tone: 'warn'});
  if (e.status !== 'Waiting') return s.setFlash({text: `the execution is ${sanitizeText(e.status)}: it is not waiting for a step`, tone: 'warn'});
  void nextStepName(ctx, e).then((suggested) => {
    ctx.store.getState().setFlash({text: 'Step to run (enter runs it after a question)', tone: 'info'});
    ctx.store.getState().setPrompt({kind: 'search', text: suggested ?? '', before: '', onSubmit: (typed) => {
      const name = typed.trim();
      if (!name) return;
      ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: `Run step ${sanitizeText(name)} of ${sanitizeText(e.documentName)}?`, onYes: () => {
        api.signal(e.executionId, {type: 'StartStep', stepName: name}).then(() => {
          audit(ctx, 'SendAutomationSignal:StartStep', e, {step: name});
          after(ctx, e, `running step ${sanitizeText(name)}`);
        }, failed(ctx, 'start step'));
      }});
    }});
  });
}

function rerun(ctx: ActionContext, e: ExecutionSummary): void {
  const api = ctx.services.automation;
  if (!api) return;
  api.getExecution(e.executionId).then((d) => openStartForm(ctx, d.documentName, {version: d.documentVersion, values: d.parameters, mode: d.mode === 'Interactive' ? 'Interactive' : 'Auto',
    ...(d.targets.length ? {targetText: d.targets.map((t) => (t.key === 'ParameterValues' ? t.values.join(' ') : `${t.key}=${t.values.join(',')}`)).join(' '),
      targetParameterName: d.targetParameterName, maxConcurrency: d.maxConcurrency, maxErrors: d.maxErrors} : {})}), failed(ctx, 're-run'));
}

/** Runs `act` on the execution, unless read-only mode or its state refuses it. */
export function actOn(ctx: ActionContext, e: ExecutionSummary | undefined, act: Act): void {
  const refusal = actRefusal(ctx, REFUSAL_OF[act]);
  if (refusal) return ctx.store.getState().setFlash({text: refusal, tone: 'warn'});
  if (!e) return;
  if (act === 'approve' || act === 'reject') decide(ctx, e, act === 'approve' ? 'Approve' : 'Reject');
  else if (act === 'stop') stop(ctx, e);
  else if (act === 'next') next(ctx, e);
  else rerun(ctx, e);
}

