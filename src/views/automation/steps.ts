// One execution's steps (GetAutomationExecution, every page of steps), live: status, action, start, end, duration,
// the failure in short. enter opens the step (inputs, outputs, failure), r an aws:runCommand step's per-instance
// results; d the execution's parameters and outputs, e its children; approve, reject, next step, stop, re-run.
import {durationMs, type ExecutionDetail, type StepExecution} from '../../fleet/automation/execution.js';
import {cachedHaystack} from '../../fleet/filter.js';
import {humanDuration} from '../../fleet/format.js';
import {cursorRow} from '../../fleet/table-model.js';
import {currentScreen} from '../../store/store.js';
import {defineTableView, type ActionContext, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {actOn, actRefusal} from './acts.js';
import {executionTone, openChildren, openExecutionDetail, openStep, openStepResults, rememberExecution, shownExecution} from './open.js';
import {cadenceFor, IDLE_MS} from './cadence.js';
import './services.js';

export type StepRow = StepExecution & {readonly order: number};

/** The last answer per execution id, handed to the store once the table has its rows. */
const fetched = new Map<string, ExecutionDetail>();
let lastFetched = '';

const clock = (ms: number | undefined) => (ms === undefined ? '—' : new Date(ms).toISOString().slice(11, 19));

const shown = (ctx: ActionContext) => shownExecution(ctx.store, currentScreen(ctx.store.getState()).arg);

const cursor = (ctx: ActionContext): StepRow | undefined => {
  const st = ctx.store.getState().tables['automation-steps'];
  return st ? cursorRow(st) as StepRow | undefined : undefined;
};

export const automationStepsView: TableView<StepRow> = defineTableView<StepRow>({
  id: 'automation-steps',
  title: 'Execution steps',
  aliases: [],
  needsArg: true,
  // One GetAutomationExecution per round: cheap enough to follow a live run every LIVE_MS; an ended one at IDLE_MS.
  refreshMs: IDLE_MS,
  pollMs: () => cadenceFor([fetched.get(lastFetched)?.status]),
  liveAges: true,
  defaultSort: 'order',
  scopes: ['automationSteps', 'automationActs', 'table'],
  table: {
    rowId: (s) => s.stepExecutionId,
    filter: {
      keys: {
        status: {describe: 'status: success, failed, inprogress, pending, waiting', get: (s) => s.status.toLowerCase()},
        action: {describe: 'action, e.g. aws:runCommand', get: (s) => s.action},
      },
      text: cachedHaystack((s: StepRow) => [s.stepName, s.action, s.status, s.failureMessage]),
    },
    sortValues: {order: (s) => s.order, status: (s) => s.status, name: (s) => s.stepName},
  },
  columns: () => [
    {id: 'n', title: '#', width: 3, priority: 1, align: 'right', text: (s) => String(s.order + 1)},
    {id: 'step', title: 'STEP', width: 22, flex: true, priority: 0, text: (s) => s.stepName},
    {id: 'action', title: 'ACTION', width: 26, priority: 1, text: (s) => s.action},
    {id: 'status', title: 'STATUS', width: 11, priority: 0, text: (s) => s.status, tone: (s) => executionTone(s.status)},
    {id: 'start', title: 'START', width: 8, priority: 2, text: (s) => clock(s.startedAt)},
    {id: 'end', title: 'END', width: 8, priority: 2, text: (s) => clock(s.endedAt)},
    {id: 'duration', title: 'DURATION', width: 8, priority: 1, align: 'right', text: (s, ctx) => {
      const ms = durationMs(s, ctx.now);
      return ms === undefined ? '—' : humanDuration(ms);
    }},
    {id: 'failure', title: 'FAILURE', width: 30, flex: true, priority: 3, text: (s) => s.failureMessage.split('\n')[0] ?? ''},
  ],
  titleNote: (rows) => {
    const d = fetched.get(lastFetched);
    if (!d) return `${rows.length} steps`;
    const waiting = d.status === 'Waiting' && d.currentAction === 'aws:approve' ? ' · WAITING FOR APPROVAL (a approve · x reject)' : '';
    const progress = d.progress ? ` · targets ${d.progress.success}/${d.progress.total} ok, ${d.progress.failed} failed` : '';
    return `${d.documentName} · ${d.status} · ${d.mode}${progress}${waiting}`;
  },
  fetch: async (services, {arg, signal}) => {
    if (!services.automation || !arg) throw new Error('no execution selected');
    const d = await services.automation.getExecution(arg, signal);
    fetched.set(arg, d);
    lastFetched = arg;
    return d.steps.map((s, order) => ({...s, order}));
  },
  onRows: (store) => {
    const id = currentScreen(store.getState()).arg;
    const d = id ? fetched.get(id) : undefined;
    if (d) rememberExecution(store, d);
  },
  disabled: {
    'automationActs.approve': (ctx) => actRefusal(ctx, 'approve'),
    'automationActs.reject': (ctx) => actRefusal(ctx, 'approve'),
    'automationActs.stop': (ctx) => actRefusal(ctx, 'stop'),
    'automationActs.next': (ctx) => actRefusal(ctx, 'step'),
    'automationActs.rerun': (ctx) => actRefusal(ctx, 'start'),
  },
  actions: {
    ...tableActions<StepRow>('automation-steps', () => automationStepsView.table),
    'automationSteps.open': (ctx) => {
      const s = cursor(ctx);
      const id = currentScreen(ctx.store.getState()).arg;
      if (s && id) openStep(ctx, id, s.stepExecutionId);
    },
    'automationSteps.results': (ctx) => openStepResults(ctx, cursor(ctx)),
    'automationActs.detail': (ctx) => {
      const id = currentScreen(ctx.store.getState()).arg;
      if (id) openExecutionDetail(ctx, id);
    },
    'automationActs.children': (ctx) => {
      const id = currentScreen(ctx.store.getState()).arg;
      if (id) openChildren(ctx, id);
    },
    'automationActs.approve': (ctx) => actOn(ctx, shown(ctx), 'approve'),
    'automationActs.reject': (ctx) => actOn(ctx, shown(ctx), 'reject'),
    'automationActs.stop': (ctx) => actOn(ctx, shown(ctx), 'stop'),
    'automationActs.next': (ctx) => actOn(ctx, shown(ctx), 'next'),
    'automationActs.rerun': (ctx) => actOn(ctx, shown(ctx), 'rerun'),
  },
});
