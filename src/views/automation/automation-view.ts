// The Automation executions table (`:automations`, `:auto`), live, newest first: runbook, status, mode, who started
// it, start and end, targets, the step running now. `/status:waiting runbook:AWS-Restart by:alice` narrows it. With
// an argument (a parent execution id) it lists that rate-controlled run's child executions.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import {AUTOMATION_READ_ONLY, type ExecutionSummary} from '../../fleet/automation/execution.js';
import type {AutomationApi} from '../../fleet/automation/port.js';
import {cursorRow} from '../../fleet/table-model.js';
import {defineTableView, type ActionContext, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {executionTone, openChildren, openExecutionDetail, openSteps, principal, targetsText} from './open.js';
import {actOn, actRefusal} from './acts.js';
import {askRunbook} from './open-form.js';
import {cadenceFor, IDLE_MS} from './cadence.js';
import './services.js';

/** Pages a full read reads at most (50 executions each): a rate-controlled run's children come before it. */
const MAX_PAGES = 10;
/** Top-level executions a full read lists at most. */
const MAX_ROWS = 50;
/** Values one DescribeAutomationExecutions filter takes at most. */
const FILTER_VALUES = 10;
/** A full read at least this often, whatever the rounds between have read. */
const FULL_READ_MS = 60_000;
/** Statuses an execution never leaves; any other (Pending, Scheduled, PendingApproval…) may still change. */
const ENDED = new Set(['Success', 'Failed', 'TimedOut', 'Cancelled', 'Rejected', 'CompletedWithSuccess', 'CompletedWithFailure', 'Exited',
  'ChangeCalendarOverrideRejected']);

interface Read {
  /** The rows shown: top-level executions, or one parent's children. */
  readonly rows: ExecutionSummary[];
  /** Every execution id the pages held (children too): what "seen before" means for the next round. */
  readonly seen: Set<string>;
  /** Whether every execution newer than those seen before is in the rows: a page held one seen before, or was the last. */
  readonly complete: boolean;
}

async function executions(api: AutomationApi, parent: string | undefined, signal: AbortSignal | undefined, seen: ReadonlySet<string>,
  pages = MAX_PAGES): Promise<Read> {
  const rows: ExecutionSummary[] = [];
  const ids = new Set<string>();
  let complete = false;
  let nextToken: string | undefined;
  for (let page = 0; page < pages; page++) {
    const res = await api.listExecutions({...(parent ? {filters: [{key: 'ParentExecutionId', values: [parent]}]} : {}),
      ...(nextToken ? {nextToken} : {})}, signal);
    // Newest first: once a page holds an execution seen before, every newer one is on it or an earlier page.
    if (res.executions.some((e) => seen.has(e.executionId))) complete = true;
    for (const e of res.executions) ids.add(e.executionId);
    // The top-level list leaves children out: a rate-controlled run shows as one row (e opens its children).
    rows.push(...(parent ? res.executions : res.executions.filter((e) => !e.parentExecutionId)));
    nextToken = res.nextToken;
    if (!nextToken || rows.length >= MAX_ROWS) break;
  }
  return {rows, seen: ids, complete: complete || !nextToken};
}

/** The executions with these ids, FILTER_VALUES a request. */
async function byId(api: AutomationApi, ids: readonly string[], signal?: AbortSignal): Promise<ExecutionSummary[]> {
  const out: ExecutionSummary[] = [];
  for (let i = 0; i < ids.length; i += FILTER_VALUES) {
    out.push(...(await api.listExecutions({filters: [{key: 'ExecutionId', values: ids.slice(i, i + FILTER_VALUES)}]}, signal)).executions);
  }
  return out;
}

/** The newest rows over the ones read before (same id: the newer wins). */
function merge(before: readonly ExecutionSummary[], newest: readonly ExecutionSummary[]): ExecutionSummary[] {
  const ids = new Set(newest.map((e) => e.executionId));
  return [...newest, ...before.filter((e) => !ids.has(e.executionId))];
}

const when = (ms: number | undefined, now: number) => (ms === undefined ? '—' : formatAge(ms, now));

function executionsView(id: string, title: string, aliases: readonly string[]): TableView<ExecutionSummary> {
  const cursor = (ctx: ActionContext): ExecutionSummary | undefined => {
    const st = ctx.store.getState().tables[id];
    return st ? cursorRow(st) as ExecutionSummary | undefined : undefined;
  };
  // A full read (every page, a parent behind its children) comes first and then every FULL_READ_MS. Each round between
  // reads the newest page and, by id, the rows it did not bring that have not ended (a rate-controlled run behind its
  // children): one request, two while such a run is live. A newest page of executions all unseen may hide more: then a full read.
  let last: {arg: string | undefined; rows: ExecutionSummary[]; seen: Set<string>; fullAt: number} | undefined;
  const view: TableView<ExecutionSummary> = defineTableView<ExecutionSummary>({
    id,
    title,
    aliases,
    ...(id === 'automations' ? {} : {needsArg: true}),
    defaultSort: 'started',
    refreshMs: IDLE_MS,
    pollMs: (rows) => cadenceFor(rows.map((e) => e.status)),
    liveAges: true,
    scopes: ['automations', 'automationActs', 'table'],
    table: {
      rowId: (e) => e.executionId,
      filter: {
        keys: {
          status: {describe: 'status: inprogress, waiting, success, failed, cancelled, timedout', get: (e) => e.status.toLowerCase()},
          runbook: {describe: 'runbook (document) name', aliases: ['doc', 'document'], get: (e) => e.documentName},
          by: {describe: 'who started it (user or role)', aliases: ['executedby'], get: (e) => principal(e.executedBy)},
          id: {describe: 'execution id', get: (e) => e.executionId},
        },
        text: cachedHaystack((e: ExecutionSummary) => [e.documentName, e.status, e.executionId, e.executedBy, e.currentStepName, targetsText(e)]),
      },
      sortValues: {
        started: (e) => -(e.startedAt ?? 0),
        status: (e) => e.status,
        runbook: (e) => e.documentName,
      },
    },
    columns: () => [
      {id: 'runbook', title: 'RUNBOOK', width: 28, flex: true, priority: 0, text: (e) => e.documentName},
      {id: 'status', title: 'STATUS', width: 11, priority: 0, text: (e) => e.status, tone: (e) => executionTone(e.status)},
      {id: 'mode', title: 'MODE', width: 11, priority: 3, text: (e) => e.mode},
      {id: 'by', title: 'STARTED BY', width: 14, priority: 2, text: (e) => principal(e.executedBy)},
      {id: 'started', title: 'STARTED', width: 8, priority: 1, align: 'right', text: (e, ctx) => when(e.startedAt, ctx.now)},
      {id: 'ended', title: 'ENDED', width: 8, priority: 2, align: 'right', text: (e, ctx) => when(e.endedAt, ctx.now)},
      {id: 'targets', title: 'TARGETS', width: 18, flex: true, priority: 3, text: targetsText},
      {id: 'step', title: 'CURRENT STEP', width: 24, flex: true, priority: 1, text: (e) => (e.currentStepName ? `${e.currentStepName} (${e.currentAction})` : '—')},
      {id: 'id', title: 'EXECUTION ID', width: 36, priority: 4, text: (e) => e.executionId},
    ],
    titleNote: (rows) => {
      const n = (f: (s: string) => boolean) => rows.filter((e) => f(e.status)).length;
      return `${n((s) => s === 'InProgress' || s === 'Pending')} running · ${n((s) => s === 'Waiting' || s === 'PendingApproval')} waiting · ${
        n((s) => s === 'Failed' || s === 'TimedOut')} failed · ${n((s) => s === 'Success')} success`;
    },
    fetch: async (services, {arg, signal}) => {
      const api = services.automation;
      if (!api) throw new Error('Automation is not available here');
      const now = Date.now();
      const before = last;
      if (before !== undefined && before.arg === arg && now - before.fullAt < FULL_READ_MS) {
        const page = await executions(api, arg, signal, before.seen, 1);
        if (page.complete) {
          const follow = before.rows.filter((e) => !ENDED.has(e.status) && !page.seen.has(e.executionId)).map((e) => e.executionId);
          const again = follow.length > 0 ? await byId(api, follow, signal) : [];
          last = {...before, rows: merge(before.rows, [...page.rows, ...again]), seen: new Set([...before.seen, ...page.seen])};
          return last.rows;
        }
      }
      const read = await executions(api, arg, signal, new Set());
      last = {arg, rows: read.rows, seen: read.seen, fullAt: now};
      return read.rows;
    },
    disabled: {
      'automations.start': (ctx) => (ctx.readOnly ? AUTOMATION_READ_ONLY.start : undefined),
      'automationActs.approve': (ctx) => actRefusal(ctx, 'approve'),
      'automationActs.reject': (ctx) => actRefusal(ctx, 'approve'),
      'automationActs.stop': (ctx) => actRefusal(ctx, 'stop'),
      'automationActs.next': (ctx) => actRefusal(ctx, 'step'),
      'automationActs.rerun': (ctx) => actRefusal(ctx, 'start'),
    },
    actions: {
      ...tableActions<ExecutionSummary>(id, () => view.table),
      'automations.open': (ctx) => {
        const e = cursor(ctx);
        if (e) openSteps(ctx, e.executionId);
      },
      'automations.start': (ctx) => askRunbook(ctx),
      'automationActs.detail': (ctx) => {
        const e = cursor(ctx);
        if (e) openExecutionDetail(ctx, e.executionId);
      },
      'automationActs.children': (ctx) => {
        const e = cursor(ctx);
        if (e) openChildren(ctx, e.executionId);
      },
      'automationActs.approve': (ctx) => actOn(ctx, cursor(ctx), 'approve'),
      'automationActs.reject': (ctx) => actOn(ctx, cursor(ctx), 'reject'),
      'automationActs.stop': (ctx) => actOn(ctx, cursor(ctx), 'stop'),
      'automationActs.next': (ctx) => actOn(ctx, cursor(ctx), 'next'),
      'automationActs.rerun': (ctx) => actOn(ctx, cursor(ctx), 'rerun'),
    },
  });
  return view;
}

export const automationsView = executionsView('automations', 'Automation executions', ['auto', 'automation', 'runbooks']);
/** A rate-controlled run's child executions (the argument is the parent's id). */
export const automationChildrenView = executionsView('automation-children', 'Child executions', []);
