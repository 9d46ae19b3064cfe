// Maintenance windows on the local fleet: the windows (seeded and created), their targets and tasks, and the runs
// they leave. One store per fleet (keyed by its FleetModel).
//
// A window opens at each time of its schedule (fleet/schedules/window-schedule.ts: cron/rate/at in its time zone,
// offset, start and end dates) on the fleet's clock — Run Command's: Date.now() plus what FleetdeckLocal.AdvanceClock
// or a test adds (every advance is heard through onClockAdvanced), so a test reaches next Tuesday 02:00 at once. A
// disabled window does not open. When the clock jumps past an opening, the window opens when the fleet gets there
// (once, however far it jumped), and its Duration and Cutoff count from then. A run that finds the previous one still going is recorded
// SKIPPED_OVERLAPPING. The runs themselves: window-runner.ts.

import {randomBytes, randomUUID} from 'node:crypto';
import {lastTaskStart, windowRuns} from '../../../fleet/schedules/window-schedule.js';
import type {FleetModel} from '../../model/fleet-model.js';
import {perModel, type PerModel} from '../../model/per-model.js';
import {runCommandStore} from '../run-command/store.js';
import {associationStore} from '../associations/association-store.js';
import {openExecution, WindowRun} from './window-runner.js';
import {seededWindows} from './seeded-windows.js';
import type {WindowExecution, WindowRecord, WindowSettingsRecord, WindowTarget, WindowTask} from './window-types.js';

/** Service quotas (Systems Manager endpoints and quotas: maintenance windows). */
export const MAX_WINDOWS = 50;
export const MAX_TARGETS_PER_WINDOW = 100;
export const MAX_TASKS_PER_WINDOW = 20;
/** Kept per window, newest first (retention is UNVERIFIED; SSM keeps 30 days). */
const MAX_EXECUTIONS_KEPT = 1000;
const POLL_MS = 100;
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Idempotent {
  readonly fingerprint: string;
  readonly id: string;
}

export class WindowStore {
  private readonly byId = new Map<string, WindowRecord>();
  private readonly executions = new Map<string, WindowExecution[]>();
  private readonly executionById = new Map<string, WindowExecution>();
  private readonly active = new Map<string, WindowRun>();
  /** ClientToken → what the first call asked and what it created. */
  readonly tokens = new Map<string, Idempotent>();
  private poll: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly model: FleetModel) {
    // Whoever moves the fleet clock (FleetdeckLocal.AdvanceClock, a test), windows open what became due.
    this.unsubscribe = runCommandStore(model).onClockAdvanced(() => this.tick());
    const now = this.now();
    for (const seed of seededWindows(model)) {
      const record = this.create(seed.settings, now, true);
      const ids = seed.targets.map((t) => this.addTarget(record, t).windowTargetId);
      for (const t of seed.tasks) this.addTask(record, {...t, targets: [{Key: 'WindowTargetIds', Values: ids}]});
    }
  }

  now(): number {
    return runCommandStore(this.model).now();
  }

  /** Moves the fleet's clock forward (Run Command's and State Manager's too); what became due opens. */
  advanceClock(ms: number): void {
    associationStore(this.model).advanceClock(ms);
  }

  get(windowId: string): WindowRecord | undefined {
    return this.byId.get(windowId);
  }

  /** By creation order. */
  all(): readonly WindowRecord[] {
    return [...this.byId.values()];
  }

  create(settings: WindowSettingsRecord, at: number, seeded = false): WindowRecord {
    let windowId = '';
    while (windowId === '' || this.byId.has(windowId)) windowId = `mw-${randomBytes(9).toString('hex').slice(0, 17)}`;
    const record: WindowRecord = {
      ...settings, windowId, seeded, createdAt: at, modifiedAt: at, anchor: at, targets: new Map(), tasks: new Map(), nextRunAt: undefined,
    };
    this.byId.set(windowId, record);
    this.reschedule(record);
    return record;
  }

  update(record: WindowRecord, settings: WindowSettingsRecord): void {
    const scheduleChanged = settings.schedule !== record.schedule || settings.startDate !== record.startDate;
    Object.assign(record, settings);
    record.modifiedAt = this.now();
    if (scheduleChanged) record.anchor = record.modifiedAt;
    this.reschedule(record);
  }

  delete(record: WindowRecord): void {
    this.byId.delete(record.windowId);
    this.schedule();
  }

  addTarget(record: WindowRecord, t: Omit<WindowTarget, 'windowTargetId'>): WindowTarget {
    const target: WindowTarget = {...t, windowTargetId: randomUUID()};
    record.targets.set(target.windowTargetId, target);
    return target;
  }

  addTask(record: WindowRecord, t: Omit<WindowTask, 'windowTaskId'>): WindowTask {
    const task: WindowTask = {...t, windowTaskId: randomUUID()};
    record.tasks.set(task.windowTaskId, task);
    return task;
  }

  /** Newest first. */
  executionsOf(windowId: string): readonly WindowExecution[] {
    return this.executions.get(windowId) ?? [];
  }

  execution(windowExecutionId: string): WindowExecution | undefined {
    return this.executionById.get(windowExecutionId);
  }

  /** The next `count` openings after now (none while disabled). */
  upcoming(record: WindowRecord, count: number, after = this.now()): number[] {
    if (!record.enabled) return [];
    return windowRuns({
      schedule: record.parsed, anchor: record.anchor,
      ...(record.timeZone === undefined ? {} : {timeZone: record.timeZone}), ...(record.offsetDays === undefined ? {} : {offsetDays: record.offsetDays}),
      ...(record.startMs === undefined ? {} : {startDate: record.startMs}), ...(record.endMs === undefined ? {} : {endDate: record.endMs}),
    }, after, count);
  }

  /** Opens the window now: a run of its tasks, or SKIPPED_OVERLAPPING while the previous run goes on. */
  open(record: WindowRecord): WindowExecution {
    const at = this.now();
    const ex = openExecution(record, at, lastTaskStart(at, record.durationHours, record.cutoffHours));
    const list = this.executions.get(record.windowId) ?? [];
    const previous = list[0];
    list.unshift(ex);
    for (const old of list.splice(MAX_EXECUTIONS_KEPT)) this.executionById.delete(old.windowExecutionId);
    this.executions.set(record.windowId, list);
    this.executionById.set(ex.windowExecutionId, ex);
    if (previous !== undefined && this.active.has(previous.windowExecutionId)) {
      ex.status = 'SKIPPED_OVERLAPPING';
      ex.statusDetails = `The previous execution ${previous.windowExecutionId} of this window was still running.`;
      ex.endTime = at;
      for (const te of ex.tasks) te.status = 'SKIPPED_OVERLAPPING';
      return ex;
    }
    this.active.set(ex.windowExecutionId, new WindowRun(this.model, record, ex));
    this.collect();
    return ex;
  }

  /** CancelMaintenanceWindowExecution (false: the run has already ended). */
  cancel(windowExecutionId: string): boolean {
    const run = this.active.get(windowExecutionId);
    if (run === undefined) return false;
    run.cancel();
    this.collect();
    return true;
  }

  /** Moves every running window on; polls while any runs. */
  collect(): void {
    if (this.closed) return;
    const now = this.now();
    for (const [id, run] of this.active) if (run.step(now)) this.active.delete(id);
    if (this.poll !== undefined) clearTimeout(this.poll);
    this.poll = undefined;
    if (this.active.size > 0) {
      this.poll = setTimeout(() => this.collect(), POLL_MS);
      this.poll.unref();
    }
  }

  /** Opens every window whose time has come, then re-arms the timer. */
  tick(): void {
    if (this.closed) return;
    const now = this.now();
    for (const record of this.byId.values()) {
      if (record.nextRunAt === undefined || record.nextRunAt > now) continue;
      if (record.enabled) this.open(record);
      record.nextRunAt = this.upcoming(record, 1, now)[0];
    }
    this.collect();
    this.schedule();
  }

  private reschedule(record: WindowRecord): void {
    record.nextRunAt = this.upcoming(record, 1)[0];
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed) return;
    let next = Infinity;
    for (const r of this.byId.values()) if (r.nextRunAt !== undefined && r.enabled) next = Math.min(next, r.nextRunAt);
    if (next === Infinity) return;
    this.timer = setTimeout(() => this.tick(), Math.min(MAX_TIMER_MS, Math.max(0, next - this.now()) + 5));
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.poll !== undefined) clearTimeout(this.poll);
  }
}

export const windowStore: PerModel<WindowStore> = perModel((model) => new WindowStore(model));

/** Stops every window timer of the fleet (the endpoint's close() calls it). */
export function closeWindows(model: FleetModel): void {
  windowStore.peek(model)?.close();
}
