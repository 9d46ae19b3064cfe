// One maintenance window run: its tasks in Priority order (lower first; equal priorities run in parallel, the next
// group starts when the previous one has ended), each task's targets under the task's MaxConcurrency/MaxErrors
// (fleet/run-plan's dispatch engine, the one Run Command uses), and the window's Cutoff: no task starts within Cutoff
// hours of the end; at that moment a CANCEL_TASK task stops releasing invocations and its commands are cancelled
// (it ends TIMED_OUT, as the API reference says), a CONTINUE_TASK task runs on.
//
// UNVERIFIED choices: a task whose targets resolve to no instance ends SUCCESS ("No invocations to execute."); tasks
// the cutoff kept from starting end CANCELLED; a run ends FAILED when a task failed, else TIMED_OUT when one timed
// out or was kept from starting, else SUCCESS. Automation, Step Functions and Lambda tasks end FAILED: the local
// fleet has no engine for them.

import {randomUUID} from 'node:crypto';
import {isTerminal, type InvocationStatusDetails} from '../../../fleet/command-status.js';
import {createDispatch} from '../../../fleet/run-plan.js';
import {parseRateValue, type RateKind, type RateValue} from '../../../fleet/rate-control.js';
import type {FleetModel} from '../../fleet-model.js';
import {runCommandStore, snapshotOf} from '../../run-command-store.js';
import {resolveParameters, type LocalDocument} from '../documents/builtin-documents.js';
import {findFleetDocument} from '../documents/document-store.js';
import {resolveTaskTargets, sendTaskInvocation, substitutePseudo} from './window-send.js';
import type {ExecutionStatus, TaskExecution, WindowExecution, WindowRecord} from './window-types.js';

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

interface Started {
  doc: LocalDocument;
  documentVersion: string;
}

/** What a task needs before its first invocation, or why it cannot run. */
function prepare(model: FleetModel, te: TaskExecution): Started | string {
  const t = te.task;
  if (t.taskType !== 'RUN_COMMAND') {
    return `${t.taskType} tasks do not run on the local fleet: it has no ${t.taskType === 'AUTOMATION' ? 'Automation engine' : t.taskType === 'LAMBDA' ? 'Lambda' : 'Step Functions'} to start ${t.taskArn}.`;
  }
  try {
    const documentVersion = t.runCommand?.documentVersion;
    const doc = findFleetDocument(model, t.taskArn, documentVersion);
    if (doc === undefined) return `The document ${t.taskArn} does not exist.`;
    resolveParameters(doc, t.runCommand?.parameters ?? {}); // unknown or missing parameters fail the task, not each target
    return {doc, documentVersion: documentVersion ?? '$DEFAULT'};
  } catch (err) {
    return (err as Error).message;
  }
}

export class WindowRun {
  private readonly started = new Map<TaskExecution, Started>();

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
    const prepared = prepare(this.model, te);
    if (typeof prepared === 'string') return end(te, 'FAILED', prepared, now);
    const targets = resolveTaskTargets(this.model, this.window, te.task.targets);
    if (targets.size === 0) return end(te, 'SUCCESS', 'No invocations to execute.', now);
    for (const [id, wt] of targets) te.via.set(id, wt);
    te.dispatch = createDispatch({targets: [...targets.keys()], maxConcurrency: rate('maxConcurrency', te.maxConcurrency), maxErrors: rate('maxErrors', te.maxErrors)});
    this.started.set(te, prepared);
    this.pump(te, now);
  }

  /** Sends what the task's rate control releases: one command per target instance. */
  private pump(te: TaskExecution, now: number): void {
    const prepared = this.started.get(te);
    if (te.dispatch === undefined || prepared === undefined || te.cutOff) return;
    for (const id of te.dispatch.next()) {
      const node = this.model.get(id);
      if (node === undefined) {
        te.dispatch.report(id, 'Undeliverable');
        continue;
      }
      const wt = te.via.get(id);
      const invocationId = randomUUID();
      const pseudo: Record<string, string> = {
        WINDOW_ID: this.window.windowId, WINDOW_TASK_ID: te.task.windowTaskId, WINDOW_TARGET_ID: wt?.windowTargetId ?? '', WINDOW_EXECUTION_ID: te.windowExecutionId,
        TASK_EXECUTION_ID: te.taskExecutionId, INVOCATION_ID: invocationId, TARGET_TYPE: 'INSTANCE', TARGET_ID: id, RESOURCE_ID: id,
      };
      const given = te.task.runCommand?.parameters ?? {};
      const substituted = Object.fromEntries(Object.entries(given).map(([k, vals]) => [k, vals.map((x) => substitutePseudo(x, pseudo))]));
      const parameters = resolveParameters(prepared.doc, substituted);
      const comment = te.task.runCommand?.comment ?? '';
      const timeoutSeconds = te.task.runCommand?.timeoutSeconds ?? 0;
      const command = sendTaskInvocation(this.model, te, {node, doc: prepared.doc, documentVersion: prepared.documentVersion, parameters, comment, timeoutSeconds, at: now});
      te.invocations.push({
        invocationId, instanceId: id, windowTargetId: wt?.windowTargetId, ownerInformation: wt?.ownerInformation, command, startTime: now, endTime: undefined,
        status: 'PENDING', statusDetails: 'Pending',
        parameters: JSON.stringify({
          comment, documentName: prepared.doc.name, instanceIds: [id], maxConcurrency: te.maxConcurrency, maxErrors: te.maxErrors, parameters: substituted,
          ...(timeoutSeconds > 0 ? {timeoutSeconds} : {}),
        }),
      });
    }
  }

  private update(te: TaskExecution, now: number): void {
    const d = te.dispatch;
    if (d === undefined) return;
    for (const inv of te.invocations) {
      if (isDone(inv.status)) continue;
      const state = snapshotOf(inv.command).invocations[0];
      if (state === undefined) continue;
      const sd = state.statusDetails;
      if (sd !== 'Pending') d.report(inv.instanceId, sd);
      inv.status = windowStatusOf(sd);
      inv.statusDetails = sd;
      if (isTerminal(sd)) inv.endTime = inv.command.invocations.get(inv.instanceId)?.endedAt ?? now;
    }
    this.pump(te, now);
    const snap = d.snapshot();
    if (!snap.done) return;
    if (te.cutOff) return end(te, 'TIMED_OUT', 'The maintenance window\'s cutoff was reached and the task was cancelled.', now);
    const status: ExecutionStatus = snap.Status === 'Success' ? 'SUCCESS' : snap.Status === 'TimedOut' ? 'TIMED_OUT' : snap.Status === 'Cancelled' ? 'CANCELLED' : 'FAILED';
    const details = snap.thresholdPassed ? `The task stopped after ${snap.ErrorCount} errors (MaxErrors ${te.maxErrors}).` : snap.StatusDetails;
    end(te, status, details, now);
  }

  /** CANCEL_TASK at the cutoff: nothing more is released and what runs is cancelled (CancelCommand). */
  private cut(te: TaskExecution, now: number): void {
    te.cutOff = true;
    const inFlight = new Set(te.dispatch?.cancel() ?? []);
    const store = runCommandStore(this.model);
    for (const inv of te.invocations) if (inFlight.has(inv.instanceId)) store.cancel(inv.command, undefined);
    this.update(te, now);
  }

  private finish(now: number): true {
    const ex = this.ex;
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
