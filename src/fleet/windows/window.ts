// Maintenance windows as fleetdeck shows them: when a window opens (schedule, time zone, offset, active period),
// how long it stays open (duration, cutoff), what it runs where (targets, tasks with their rate control and
// priority), and what its runs did (executions → task executions → per-instance invocations).

import {parseWindowDate, windowRuns, checkWindowSettings} from '../schedules/window-schedule.js';

/** A Targets entry as SSM takes it: `tag:Env` = [prod], `InstanceIds` = [i-…], `WindowTargetIds` = [uuid]. */
export interface WindowTargetSpec {
  readonly Key: string;
  readonly Values: readonly string[];
}

export interface WindowSchedulePart {
  readonly schedule: string;
  readonly timeZone?: string;
  readonly offsetDays?: number;
  /** ISO 8601 strings, as SSM keeps them. */
  readonly startDate?: string;
  readonly endDate?: string;
}

export interface WindowSummary extends WindowSchedulePart {
  readonly windowId: string;
  readonly name: string;
  readonly description?: string;
  readonly enabled: boolean;
  readonly durationHours: number;
  readonly cutoffHours: number;
  readonly nextExecutionAt?: number;
}

export interface WindowDetail extends WindowSummary {
  readonly allowUnassociatedTargets: boolean;
  readonly createdAt?: number;
  readonly modifiedAt?: number;
}

export interface WindowTargetInfo {
  readonly windowTargetId: string;
  readonly resourceType: string;
  readonly targets: readonly WindowTargetSpec[];
  readonly ownerInformation?: string;
  readonly name?: string;
  readonly description?: string;
}

export type WindowTaskType = 'RUN_COMMAND' | 'AUTOMATION' | 'STEP_FUNCTIONS' | 'LAMBDA';

export interface WindowTaskInfo {
  readonly windowTaskId: string;
  /** A document name (Run Command, Automation) or a Lambda / Step Functions ARN. */
  readonly taskArn: string;
  readonly taskType: WindowTaskType;
  readonly targets: readonly WindowTargetSpec[];
  readonly priority: number;
  readonly maxConcurrency?: string;
  readonly maxErrors?: string;
  readonly name?: string;
  readonly description?: string;
  readonly cutoffBehavior?: string;
  readonly serviceRoleArn?: string;
}

export interface WindowExecutionInfo {
  readonly windowExecutionId: string;
  readonly status: string;
  readonly statusDetails?: string;
  readonly startedAt?: number;
  readonly endedAt?: number;
}

export interface WindowTaskExecutionInfo extends WindowExecutionInfo {
  readonly taskExecutionId: string;
  readonly taskArn?: string;
  readonly taskType?: string;
}

export interface WindowInvocationInfo {
  readonly invocationId: string;
  readonly taskExecutionId: string;
  /** The Run Command command id (or Automation execution id) that carried it. */
  readonly executionId?: string;
  /** The instance, read from the invocation's Parameters. */
  readonly instanceId?: string;
  readonly status: string;
  readonly statusDetails?: string;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly windowTargetId?: string;
  readonly ownerInformation?: string;
}

export interface NewWindow extends WindowSchedulePart {
  readonly name: string;
  readonly durationHours: number;
  readonly cutoffHours: number;
  readonly allowUnassociatedTargets: boolean;
  readonly description?: string;
  readonly enabled?: boolean;
}

export interface NewWindowTarget {
  readonly targets: readonly WindowTargetSpec[];
  readonly resourceType?: 'INSTANCE' | 'RESOURCE_GROUP';
  readonly ownerInformation?: string;
  readonly name?: string;
}

export interface NewRunCommandTask {
  readonly documentName: string;
  readonly targets: readonly WindowTargetSpec[];
  readonly parameters: Readonly<Record<string, readonly string[]>>;
  readonly maxConcurrency: string;
  readonly maxErrors: string;
  readonly priority?: number;
  readonly name?: string;
  readonly cutoffBehavior?: 'CONTINUE_TASK' | 'CANCEL_TASK';
  readonly timeoutSeconds?: number;
}

export type WindowSchedulePreview = {ok: true; runs: number[]} | {ok: false; error: string};

/**
 * The next `count` openings of a schedule after `now`, or SSM's reason to refuse it (the form's live preview and the
 * table's NEXT RUN when SSM sent none). `anchor` is when a rate's intervals start without a StartDate.
 */
export function previewWindowSchedule(w: WindowSchedulePart & {durationHours?: number; cutoffHours?: number}, now: number, count: number, anchor = now): WindowSchedulePreview {
  const checked = checkWindowSettings({...w, durationHours: w.durationHours ?? 24, cutoffHours: w.cutoffHours ?? 0}, Number.NEGATIVE_INFINITY);
  if (!checked.ok) return checked;
  return {
    ok: true,
    runs: windowRuns({
      schedule: checked.schedule, anchor, ...(w.timeZone === undefined ? {} : {timeZone: w.timeZone}), ...(w.offsetDays === undefined ? {} : {offsetDays: w.offsetDays}),
      ...(checked.startDate === undefined ? {} : {startDate: checked.startDate}), ...(checked.endDate === undefined ? {} : {endDate: checked.endDate}),
    }, now, count),
  };
}

/** The instance an invocation ran on, from its Parameters JSON ({"instanceIds":["i-…"], …}); undefined otherwise. */
export function instanceOfInvocation(parameters: string | undefined): string | undefined {
  if (parameters === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(parameters);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const ids = (parsed as {instanceIds?: unknown}).instanceIds;
    return Array.isArray(ids) && typeof ids[0] === 'string' ? ids[0] : undefined;
  } catch {
    return undefined;
  }
}

/** A date SSM sends as a string (NextExecutionTime, ExecutionTime: "2020-02-19T16:00Z"), as epoch ms. */
export function windowTime(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  return parseWindowDate(text) ?? (Number.isNaN(Date.parse(text)) ? undefined : Date.parse(text));
}

/** "3h, cutoff 1h" */
export function durationText(w: Pick<WindowSummary, 'durationHours' | 'cutoffHours'>): string {
  return `${w.durationHours}h, cutoff ${w.cutoffHours}h`;
}
