// Opening Automation screens and what they show: an execution's steps (live), its detail (parameters, outputs,
// targets), one step, a rate-controlled run's children, a runCommand step's per-instance results; the words and
// tones every Automation screen shares.
import type {ExecutionDetail, ExecutionSummary} from '../../fleet/automation/execution.js';
import {initTable} from '../../fleet/table-model.js';
import type {AppStore} from '../../store/store.js';
import {load, loaded, put} from '../pane-loads.js';
import type {ActionContext, Tone} from '../view.js';
import {RESOURCE_ID} from './services.js';

export function executionTone(status: string): Tone | undefined {
  if (status === 'Success' || status === 'CompletedWithSuccess' || status === 'Approved') return 'good';
  if (status === 'Failed' || status === 'TimedOut' || status === 'Rejected' || status === 'CompletedWithFailure') return 'bad';
  if (status === 'Waiting' || status === 'PendingApproval' || status === 'Cancelling' || status === 'Cancelled') return 'warn';
  return status === 'InProgress' ? 'accent' : undefined;
}

/** The user or role out of an ARN (arn:aws:iam::123:user/alice → alice; an assumed role's session name). */
export function principal(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash < 0 ? arn : arn.slice(slash + 1);
}

/** What a run targets: its rate-control targets, else how many it resolved to, else —. */
export function targetsText(e: ExecutionSummary): string {
  if (e.targets.length) {
    const t = e.targets.map((x) => `${x.key === 'ParameterValues' ? '' : `${x.key}=`}${x.values.length > 3 ? `${x.values.slice(0, 2).join(',')},…+${x.values.length - 2}` : x.values.join(',')}`).join(' ');
    return e.resolvedTargetCount ? `${t} (${e.resolvedTargetCount})` : t;
  }
  return e.resolvedTargetCount ? String(e.resolvedTargetCount) : '—';
}

export const detailKey = (id: string) => `automation:${id}`;

/** The execution as last read (by the steps table's refresh or an opening), if any. */
export function shownExecution(store: AppStore, id: string | undefined): ExecutionDetail | undefined {
  const e = id ? loaded<ExecutionDetail>(store, detailKey(id)) : undefined;
  return e?.state === 'ok' ? e.value : undefined;
}

export function rememberExecution(store: AppStore, detail: ExecutionDetail): void {
  put(store, RESOURCE_ID, detailKey(detail.executionId), detail);
}

export function loadExecution(ctx: ActionContext, id: string): void {
  const api = ctx.services.automation;
  if (!api) return;
  void load<ExecutionDetail>(ctx.store, RESOURCE_ID, detailKey(id), () => api.getExecution(id));
}

export function openSteps(ctx: ActionContext, id: string): void {
  ctx.store.getState().updateTable('automation-steps', () => initTable('order'));
  ctx.store.getState().push({view: 'automation-steps', arg: id});
}

export function openExecutionDetail(ctx: ActionContext, id: string): void {
  ctx.store.getState().push({view: 'automation-execution', arg: id, scroll: 0});
  loadExecution(ctx, id);
}

export function openChildren(ctx: ActionContext, id: string): void {
  ctx.store.getState().updateTable('automation-children', () => initTable('started'));
  ctx.store.getState().push({view: 'automation-children', arg: id});
}

export function openStep(ctx: ActionContext, executionId: string, stepExecutionId: string): void {
  ctx.store.getState().push({view: 'automation-step', arg: `${executionId}/${stepExecutionId}`, scroll: 0});
}

/** An aws:runCommand step's per-instance results, in the Run Command results view. */
export function openStepResults(ctx: ActionContext, step: {action: string; commandIds: readonly string[]} | undefined): void {
  const s = ctx.store.getState();
  const commandId = step?.commandIds[0];
  if (!step || step.action !== 'aws:runCommand' || !commandId) return s.setFlash({text: 'only an aws:runCommand step that has sent its command has per-instance results', tone: 'info'});
  s.updateTable('command-results', () => initTable('status'));
  s.push({view: 'command-results', arg: commandId});
}
