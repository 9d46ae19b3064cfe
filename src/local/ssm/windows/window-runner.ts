// One maintenance window run: its tasks in Priority order (lower first; equal priorities run in parallel, the next
// group starts when the previous one has ended), each task's targets under the task's MaxConcurrency/MaxErrors
// (fleet/run-command/run-plan's dispatch engine, the one Run Command uses), and the window's Cutoff: no task starts within Cutoff
// hours of the end; at that moment a CANCEL_TASK task stops releasing invocations and its commands are cancelled
// (it ends TIMED_OUT, as the API reference says), a CONTINUE_TASK task runs on.
//
// Automation tasks run one execution per target (or one for a targetless task) on the local Automation engine; at a
// CANCEL_TASK cutoff they start no new execution and let running ones finish, as the API reference says. Lambda and
// Step Functions tasks end FAILED: the local fleet has neither.
//
// UNVERIFIED choices: a task whose targets resolve to no instance ends SUCCESS ("No invocations to execute."); tasks
// the cutoff kept from starting end CANCELLED; a run ends FAILED when a task failed, else TIMED_OUT when one timed
// out or was kept from starting, else SUCCESS.

import {randomUUID} from 'node:crypto';
import {isTerminal, type InvocationStatusDetails} from '../../../fleet/run-command/command-status.js';
import {createDispatch} from '../../../fleet/run-command/run-plan.js';
import {parseRateValue, type RateKind, type RateValue} from '../../../fleet/run-command/rate-control.js';
import type {FleetModel} from '../../model/fleet-model.js';
import {runCommandStore, snapshotOf} from '../run-command/store.js';
import {prepareTask, resolveTaskTargets, sendInvocation, substitutePseudo, type PreparedTask} from './window-send.js';
import type {ExecutionStatus, TaskExecution, TaskInvocation, WindowExecution, WindowRecord} from './window-types.js';

/** The dispatch id of a targetless task's single invocation. */
const NO_TARGET = '';

const TERMINAL: ReadonlySet<ExecutionStatus> = new Set(['SUCCESS', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'SKIPPED_OVERLAPPING']);

export function isDone(status: ExecutionStatus): boolean {
  return TERMINAL.has(status);
}

/** A Run Command invocation status as a maintenance window status. */
export function windowStatusOf(sd: InvocationStatusDetails): ExecutionStatus {
  switch (sd) {
    case 'Pending': case 'Delayed': return 'PENDING';
    case 'InProgress': return 'IN_PROGRESS';
    case 'Success': return 'SUCCESS';
    case 'DeliveryTimedOut': case 'ExecutionTimedOut': return 'TIMED_OUT';
    case 'Cancelled': case 'Terminated': return 'CANCELLED';
    default: return 'FAILED';
  }
}

function rate(kind: RateKind, text: string): RateValue {
  const parsed = parseRateValue(kind, text);
  return parsed.ok ? parsed.value : {kind: 'count', n: 1};
}

function end(te: TaskExecution, status: ExecutionStatus, details: string, at: number): void {
  te.status = status;
  te.statusDetails = details;
  te.endTime = at;
}

/** An Automation execution's status as the Run Command status the dispatch engine counts (undefined: not started). */
function automationStatus(status: string, ended: boolean): InvocationStatusDetails | undefined {
  switch (status) {
    case 'Pending': return undefined;
    case 'Success': return 'Success';
    case 'TimedOut': return 'ExecutionTimedOut';
    case 'Cancelled': return 'Cancelled';
    case 'Failed': return 'Failed';
    default: return ended ? 'Failed' : 'InProgress';
  }
}

/** Where an invocation stands now: the dispatch status and the one SSM shows. */
function invocationState(inv: TaskInvocation): {sd: InvocationStatusDetails | undefined; status: ExecutionStatus; details: string; endedAt: number | undefined} {
  if (inv.automation !== undefined) {
    const a = inv.automation;
    const sd = automationStatus(a.status, a.endedAt !== undefined);
    return {sd, status: sd === undefined ? 'PENDING' : windowStatusOf(sd), details: a.status, endedAt: a.endedAt};
  }
  const sd = inv.command === undefined ? undefined : snapshotOf(inv.command).invocations[0]?.statusDetails;
  const endedAt = inv.instanceId === undefined ? undefined : inv.command?.invocations.get(inv.instanceId)?.endedAt;
  return {sd: sd === 'Pending' ? undefined : sd, status: sd === undefined ? 'PENDING' : windowStatusOf(sd), details: sd ?? 'Pending', endedAt};
}

export class WindowRun {
  private readonly started = new Map<TaskExecution, PreparedTask>();
  private cancelled = false;

  constructor(private readonly model: FleetModel, private readonly window: WindowRecord, readonly ex: WindowExecution) {}

  /** Moves the run on: invocations' statuses, releases, the cutoff, the next priority group. True once it has ended. */
  step(now: number): boolean {
    const ex = this.ex;
    if (isDone(ex.status)) return true;
    for (const te of ex.tasks) if (te.status === 'IN_PROGRESS') this.update(te, now);
    if (now >= ex.lastTaskStart) {
      for (const te of ex.tasks) if (te.status === 'IN_PROGRESS' && te.task.cutoffBehavior === 'CANCEL_TASK' && !te.cutOff) this.cut(te, now);
    }
    if (ex.tasks.some((te) => te.status === 'IN_PROGRESS')) return false;
    const pending = ex.tasks.filter((te) => te.status === 'PENDING');
    if (pending.length === 0) return this.finish(now);
    if (this.cancelled) {
      for (const te of pending) end(te, 'CANCELLED', 'The maintenance window execution was cancelled before the task started.', now);
      return this.finish(now);
    }
    if (now >= ex.lastTaskStart) {
      for (const te of pending) end(te, 'CANCELLED', 'The maintenance window\'s cutoff was reached before the task could start.', now);
      return this.finish(now);
    }
    const priority = Math.min(...pending.map((te) => te.task.priority));
    for (const te of pending) if (te.task.priority === priority) this.start(te, now);
    return this.step(now);
  }

  private start(te: TaskExecution, now: number): void {
    te.startTime = now;
    te.status = 'IN_PROGRESS';
    const prepared = prepareTask(this.model, te.task);
    if (typeof prepared === 'string') return end(te, 'FAILED', prepared, now);
    const targets = resolveTaskTargets(this.model, this.window, te.task.targets);
    if (te.task.targets.length === 0 && prepared.kind === 'automation') targets.set(NO_TARGET, undefined);
    if (targets.size === 0) return end(te, 'SUCCESS', 'No invocations to execute.', now);
    for (const [id, wt] of targets) te.via.set(id, wt);
    te.dispatch = createDispatch({targets: [...targets.keys()], maxConcurrency: rate('maxConcurrency', te.maxConcurrency), maxErrors: rate('maxErrors', te.maxErrors)});
    this.started.set(te, prepared);
    this.pump(te, now);
  }

  /** Sends what the task's rate control releases: one invocation per target instance. */
  private pump(te: TaskExecution, now: number): void {
    const prepared = this.started.get(te);
    if (te.dispatch === undefined || prepared === undefined || te.cutOff) return;
    for (const id of te.dispatch.next()) {
      const node = id === NO_TARGET ? undefined : this.model.get(id);
      if (id !== NO_TARGET && node === undefined) {
        te.dispatch.report(id, 'Undeliverable');
        continue;
      }
      const wt = te.via.get(id);
      const invocationId = randomUUID();
      const pseudo: Record<string, string> = {
        WINDOW_ID: this.window.windowId, WINDOW_TASK_ID: te.task.windowTaskId, WINDOW_TARGET_ID: wt?.windowTargetId ?? '', WINDOW_EXECUTION_ID: te.windowExecutionId,
        TASK_EXECUTION_ID: te.taskExecutionId, INVOCATION_ID: invocationId, TARGET_TYPE: 'INSTANCE', TARGET_ID: id, RESOURCE_ID: id,
      };
      const given = (prepared.kind === 'command' ? te.task.runCommand?.parameters : te.task.automation?.parameters) ?? {};
      const params = Object.fromEntries(Object.entries(given).map(([k, vals]) => [k, vals.map((x) => substitutePseudo(x, pseudo))]));
      const base = {invocationId, instanceId: node?.instanceId, windowTargetId: wt?.windowTargetId, ownerInformation: wt?.ownerInformation, startTime: now, endTime: undefined};
      try {
        const sent = sendInvocation(this.model, te, prepared, node, params, now);
        te.invocations.push({...base, executionId: sent.executionId, command: sent.command, automation: sent.automation, parameters: sent.parameters, status: 'PENDING', statusDetails: 'Pending'});
      } catch (err) {
        // e.g. a substituted value the runbook's allowedPattern refuses: this target fails, the task goes on.
        te.invocations.push({...base, executionId: '', command: undefined, automation: undefined, parameters: JSON.stringify({parameters: params}), status: 'FAILED',
          statusDetails: (err as Error).message, endTime: now});
        te.dispatch.report(id, 'Failed');
      }
    }
  }

  private update(te: TaskExecution, now: number): void {
    const d = te.dispatch;
    if (d === undefined) return;
    for (const inv of te.invocations) {
      if (isDone(inv.status)) continue;
      const state = invocationState(inv);
      if (state.sd !== undefined) d.report(inv.instanceId ?? NO_TARGET, state.sd);
      inv.status = state.status;
      inv.statusDetails = state.details;
      if (state.sd !== undefined && isTerminal(state.sd)) inv.endTime = state.endedAt ?? now;
    }
    this.pump(te, now);
    const snap = d.snapshot();
    if (!snap.done) return;
    if (te.cutOff) return end(te, 'TIMED_OUT', 'The maintenance window\'s cutoff was reached and the task was cancelled.', now);
    const status: ExecutionStatus = snap.Status === 'Success' ? 'SUCCESS' : snap.Status === 'TimedOut' ? 'TIMED_OUT' : snap.Status === 'Cancelled' ? 'CANCELLED' : 'FAILED';
    const details = snap.thresholdPassed ? `The task stopped after ${snap.ErrorCount} errors (MaxErrors ${te.maxErrors}).` : snap.StatusDetails;
    end(te, status, details, now);
  }

  /** CANCEL_TASK at the cutoff: nothing more is released; Run Command invocations are cancelled (CancelCommand). */
  private cut(te: TaskExecution, now: number): void {
    te.cutOff = true;
    const inFlight = new Set(te.dispatch?.cancel() ?? []);
    const store = runCommandStore(this.model);
    for (const inv of te.invocations) if (inv.command !== undefined && inFlight.has(inv.instanceId ?? NO_TARGET)) store.cancel(inv.command, undefined);
    this.update(te, now);
  }

  /**
   * CancelMaintenanceWindowExecution: tasks that have not started never will; tasks already running go on to the end
   * (API reference). CANCELLING until then, CANCELLED after.
   */
  cancel(): void {
    if (isDone(this.ex.status)) return;
    this.cancelled = true;
    this.ex.status = 'CANCELLING';
    this.ex.statusDetails = 'Cancelling';
  }

  private finish(now: number): true {
    const ex = this.ex;
    if (this.cancelled) {
      ex.status = 'CANCELLED';
      ex.statusDetails = 'The maintenance window execution was cancelled.';
      ex.endTime = now;
      return true;
    }
    const statuses = ex.tasks.map((te) => te.status);
    const failed = statuses.includes('FAILED');
    const late = statuses.includes('TIMED_OUT') || statuses.includes('CANCELLED');
    ex.status = failed ? 'FAILED' : late ? 'TIMED_OUT' : 'SUCCESS';
    ex.statusDetails = failed ? 'One or more tasks in the orchestration failed.' : late ? 'The maintenance window\'s cutoff stopped one or more tasks.' : ex.tasks.length === 0 ? 'No tasks to execute.' : 'Success';
    ex.endTime = now;
    return true;
  }
}

/** A new run of the window: every registered task waits (PENDING) for its priority group. */
export function openExecution(window: WindowRecord, at: number, lastTaskStart: number): WindowExecution {
  const windowExecutionId = randomUUID();
  const tasks = [...window.tasks.values()].sort((a, b) => a.priority - b.priority).map((task): TaskExecution => ({
    taskExecutionId: randomUUID(), windowExecutionId, task: {...task}, maxConcurrency: task.maxConcurrency ?? '1', maxErrors: task.maxErrors ?? '1',
    status: 'PENDING', statusDetails: 'Pending', startTime: undefined, endTime: undefined, invocations: [], dispatch: undefined, via: new Map(), cutOff: false,
  }));
  return {windowExecutionId, windowId: window.windowId, startTime: at, endTime: undefined, status: 'IN_PROGRESS', statusDetails: 'In progress', tasks, lastTaskStart};
}
