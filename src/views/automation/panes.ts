// Two panes of an execution: its detail (runbook, status, who started it, parameters, targets and rate control,
// progress over targets, the runbook's outputs, the failure) and one step (action, timing, inputs, outputs, failure;
// r opens an aws:runCommand step's per-instance results).
import {durationMs, type ExecutionDetail, type StepExecution} from '../../fleet/automation/execution.js';
import {humanDuration} from '../../fleet/format.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {currentScreen, type AppStore} from '../../store/store.js';
import {paneActions, type PaneText} from '../pane-actions.js';
import {loaded} from '../pane-loads.js';
import {definePaneView, type ActionContext} from '../view.js';
import {actOn} from './acts.js';
import {detailKey, executionTone, loadExecution, openChildren, openStepResults, shownExecution, targetsText} from './open.js';

const field = (label: string, value: string | undefined) => `  ${label.padEnd(18)} ${value ? sanitizeText(value) : '—'}`;
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));

function values(title: string, map: Readonly<Record<string, readonly string[] | string>>, none: string): string[] {
  const lines = ['', title];
  const entries = Object.entries(map);
  if (entries.length === 0) lines.push(tone(`  ${none}`, 'muted'));
  for (const [k, v] of entries) {
    const [first = '', ...rest] = (Array.isArray(v) ? v : [v]).flatMap((x: string) => x.split('\n'));
    lines.push(field(k, first), ...rest.map((r) => `  ${' '.repeat(18)} ${sanitizeText(r)}`));
  }
  return lines;
}

export function executionLines(d: ExecutionDetail, now: number): string[] {
  const ms = durationMs(d, now);
  return [
    field('Runbook', `${d.documentName} (version ${d.documentVersion || '$DEFAULT'})`),
    field('Execution id', d.executionId),
    `  ${'Status'.padEnd(18)} ${tone(sanitizeText(d.status), executionTone(d.status))}${d.currentStepName ? ` at ${sanitizeText(d.currentStepName)} (${sanitizeText(d.currentAction)})` : ''}`,
    field('Mode', d.mode),
    field('Started by', d.executedBy),
    field('Started', iso(d.startedAt)),
    field('Ended', iso(d.endedAt)),
    field('Duration', ms === undefined ? undefined : humanDuration(ms)),
    field('Parent', d.parentExecutionId),
    field('Targets', d.targets.length || d.resolvedTargetCount ? targetsText(d) : undefined),
    ...(d.targetParameterName ? [field('Fan out on', d.targetParameterName), field('Rate control', `max concurrency ${d.maxConcurrency || '—'} · max errors ${d.maxErrors || '—'}`)] : []),
    ...(d.progress ? [field('Progress', `${d.progress.success} success · ${d.progress.failed} failed · ${d.progress.cancelled} cancelled · ${d.progress.timedOut} timed out of ${d.progress.total}`)] : []),
    ...(d.failureMessage ? ['', tone('Failure', 'bad'), ...d.failureMessage.split('\n').map((l) => `  ${sanitizeText(l)}`)] : []),
    ...values('Parameters', d.parameters, '(none)'),
    ...values('Outputs', d.outputs, '(none yet)'),
    '', tone('  enter/esc back · e child executions · a approve · x reject · S next step · c stop · R re-run', 'muted'),
  ];
}

export function stepLines(s: StepExecution, now: number): string[] {
  const ms = durationMs(s, now);
  return [
    field('Step', s.stepName),
    field('Action', s.action),
    `  ${'Status'.padEnd(18)} ${tone(sanitizeText(s.status), executionTone(s.status))}`,
    field('Started', iso(s.startedAt)),
    field('Ended', iso(s.endedAt)),
    field('Duration', ms === undefined ? undefined : humanDuration(ms)),
    field('On failure', s.onFailure),
    field('Max attempts', String(s.maxAttempts)),
    field('Timeout', s.timeoutSeconds === undefined ? undefined : `${s.timeoutSeconds}s`),
    field('Next step', s.isEnd ? '(ends the runbook)' : s.nextStep),
    ...(s.commandIds.length ? [field('Command', `${s.commandIds.join(' ')}  (r: per-instance results)`)] : []),
    ...(s.failureMessage ? ['', tone('Failure', 'bad'), ...s.failureMessage.split('\n').map((l) => `  ${sanitizeText(l)}`)] : []),
    ...values('Inputs', s.inputs, '(none)'),
    ...values('Outputs', s.outputs, '(none)'),
  ];
}

const argOf = (store: AppStore) => currentScreen(store.getState()).arg;

const executionText: PaneText = {
  lines: (store, arg) => {
    const e = arg ? loaded<ExecutionDetail>(store, detailKey(arg)) : undefined;
    if (!e || e.state === 'loading') return [sanitizeText(arg ?? ''), '', 'loading…'];
    if (e.state === 'error') return [sanitizeText(arg ?? ''), '', tone(`could not read it: ${e.message}`, 'bad')];
    return executionLines(e.value, store.getState().now);
  },
  save: (store, arg) => (arg && shownExecution(store, arg) ? {name: `automation-${arg}.txt`, text: `${executionText.lines(store, arg, 0).map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')).join('\n')}\n`}
    : {unavailable: 'the execution has not loaded yet'}),
};

const shown = (ctx: ActionContext) => shownExecution(ctx.store, argOf(ctx.store));

export const automationExecutionView = definePaneView({
  id: 'automation-execution',
  title: 'Automation execution',
  aliases: [],
  scopes: ['automationActs', 'detail'],
  lines: executionText.lines,
  actions: {
    ...paneActions(executionText),
    'automationActs.detail': (ctx) => {
      const id = argOf(ctx.store);
      if (id) loadExecution(ctx, id);
    },
    'automationActs.children': (ctx) => {
      const id = argOf(ctx.store);
      if (id) openChildren(ctx, id);
    },
    'automationActs.approve': (ctx) => actOn(ctx, shown(ctx), 'approve'),
    'automationActs.reject': (ctx) => actOn(ctx, shown(ctx), 'reject'),
    'automationActs.stop': (ctx) => actOn(ctx, shown(ctx), 'stop'),
    'automationActs.next': (ctx) => actOn(ctx, shown(ctx), 'next'),
    'automationActs.rerun': (ctx) => actOn(ctx, shown(ctx), 'rerun'),
  },
});

/** The screen's argument: `executionId/stepExecutionId`. */
function stepOf(store: AppStore, arg: string | undefined): StepExecution | undefined {
  const [executionId = '', stepId = ''] = (arg ?? '').split('/');
  return shownExecution(store, executionId)?.steps.find((s) => s.stepExecutionId === stepId);
}

const stepText: PaneText = {
  lines: (store, arg) => {
    const s = stepOf(store, arg);
    return s ? stepLines(s, store.getState().now) : [sanitizeText(arg ?? ''), '', 'loading…'];
  },
  save: (store, arg) => (stepOf(store, arg) ? {name: `automation-step-${(arg ?? '').replace('/', '-')}.txt`,
    text: `${stepText.lines(store, arg, 0).map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')).join('\n')}\n`} : {unavailable: 'the step has not loaded yet'}),
};

export const automationStepView = definePaneView({
  id: 'automation-step',
  title: 'Automation step',
  aliases: [],
  scopes: ['automationStep', 'detail'],
  lines: stepText.lines,
  actions: {
    ...paneActions(stepText),
    'automationStep.results': (ctx) => openStepResults(ctx, stepOf(ctx.store, argOf(ctx.store))),
  },
});

