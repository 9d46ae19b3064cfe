// The shapes the local fleet keeps for maintenance windows: windows, their registered targets and tasks, and the
// executions → task executions → invocations a run leaves behind.

import type {WindowSchedule} from '../../../fleet/schedules/window-schedule.js';
import type {Dispatch} from '../../../fleet/run-command/run-plan.js';
import type {Command} from '../run-command/store.js';
import type {Execution as AutomationExecution} from '../automation/types.js';

export type TargetSpec = {readonly Key: string; readonly Values: readonly string[]};

export const TASK_TYPES = ['RUN_COMMAND', 'AUTOMATION', 'STEP_FUNCTIONS', 'LAMBDA'] as const;
export type TaskType = (typeof TASK_TYPES)[number];
export const CUTOFF_BEHAVIORS = ['CONTINUE_TASK', 'CANCEL_TASK'] as const;
export type CutoffBehavior = (typeof CUTOFF_BEHAVIORS)[number];
export type ExecutionStatus = 'PENDING' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILED' | 'TIMED_OUT' | 'CANCELLING' | 'CANCELLED' | 'SKIPPED_OVERLAPPING';

/** What Create/UpdateMaintenanceWindow set. */
export interface WindowSettingsRecord {
  name: string;
  description: string | undefined;
  schedule: string;
  parsed: WindowSchedule;
  timeZone: string | undefined;
  offsetDays: number | undefined;
  durationHours: number;
  cutoffHours: number;
  allowUnassociatedTargets: boolean;
  enabled: boolean;
  /** As given (SSM returns the strings it was sent). */
  startDate: string | undefined;
  endDate: string | undefined;
  startMs: number | undefined;
  endMs: number | undefined;
}

export interface WindowTarget {
  readonly windowTargetId: string;
  resourceType: 'INSTANCE' | 'RESOURCE_GROUP';
  targets: readonly TargetSpec[];
  ownerInformation: string | undefined;
  name: string | undefined;
  description: string | undefined;
}

export interface RunCommandTaskParameters {
  readonly parameters: Readonly<Record<string, readonly string[]>>;
  readonly comment: string | undefined;
  readonly documentVersion: string | undefined;
  readonly timeoutSeconds: number | undefined;
}

export interface AutomationTaskParameters {
  readonly parameters: Readonly<Record<string, readonly string[]>>;
  readonly documentVersion: string | undefined;
}

export interface WindowTask {
  readonly windowTaskId: string;
  taskArn: string;
  readonly taskType: TaskType;
  targets: readonly TargetSpec[];
  priority: number;
  maxConcurrency: string | undefined;
  maxErrors: string | undefined;
  serviceRoleArn: string | undefined;
  name: string | undefined;
  description: string | undefined;
  cutoffBehavior: CutoffBehavior;
  /** TaskInvocationParameters as sent (echoed back by GetMaintenanceWindowTask). */
  invocationParameters: Readonly<Record<string, unknown>>;
  runCommand: RunCommandTaskParameters | undefined;
  automation: AutomationTaskParameters | undefined;
}

export interface WindowRecord extends WindowSettingsRecord {
  readonly windowId: string;
  readonly seeded: boolean;
  readonly createdAt: number;
  modifiedAt: number;
  /** A rate schedule's intervals count from here when there is no StartDate (creation, or the last schedule change). */
  anchor: number;
  readonly targets: Map<string, WindowTarget>;
  readonly tasks: Map<string, WindowTask>;
  nextRunAt: number | undefined;
}

export interface TaskInvocation {
  readonly invocationId: string;
  /** The target instance; undefined for a targetless Automation task. */
  readonly instanceId: string | undefined;
  readonly windowTargetId: string | undefined;
  readonly ownerInformation: string | undefined;
  /** The Run Command command id or Automation execution id (ExecutionId on the wire). */
  readonly executionId: string;
  readonly command: Command | undefined;
  readonly automation: AutomationExecution | undefined;
  /** The request as SSM describes it: a JSON string of documentName, instanceIds, parameters, rate control. */
  readonly parameters: string;
  readonly startTime: number;
  endTime: number | undefined;
  status: ExecutionStatus;
  statusDetails: string;
}

export interface TaskExecution {
  readonly taskExecutionId: string;
  readonly windowExecutionId: string;
  /** The registered task as it was when the window opened. */
  readonly task: Readonly<WindowTask>;
  readonly maxConcurrency: string;
  readonly maxErrors: string;
  status: ExecutionStatus;
  statusDetails: string;
  startTime: number | undefined;
  endTime: number | undefined;
  readonly invocations: TaskInvocation[];
  /** Rate control over the task's targets (fleet/run-command/run-plan, the engine Run Command uses). */
  dispatch: Dispatch | undefined;
  /** Target instance → the window target it came through. */
  readonly via: Map<string, WindowTarget | undefined>;
  /** The cutoff stopped it (CANCEL_TASK): it ends TIMED_OUT. */
  cutOff: boolean;
}

export interface WindowExecution {
  readonly windowExecutionId: string;
  readonly windowId: string;
  readonly startTime: number;
  endTime: number | undefined;
  status: ExecutionStatus;
  statusDetails: string;
  /** In priority order. */
  readonly tasks: TaskExecution[];
  /** No task starts after this (start + Duration − Cutoff). */
  readonly lastTaskStart: number;
}
