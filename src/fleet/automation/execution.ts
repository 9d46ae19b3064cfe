// Automation executions and their steps as the app sees them (SSM's GetAutomationExecution /
// DescribeAutomationExecutions / DescribeAutomationStepExecutions, docs/ssm-api-more.md §4). Pure data and rules.

/** SSM's AutomationExecutionStatus; steps use the same values. */
export const AUTOMATION_STATUSES = [
  'Pending', 'InProgress', 'Waiting', 'Success', 'TimedOut', 'Cancelling', 'Cancelled', 'Failed',
  'PendingApproval', 'Approved', 'Rejected', 'Scheduled', 'RunbookInProgress', 'PendingChangeCalendarOverride',
  'ChangeCalendarOverrideApproved', 'ChangeCalendarOverrideRejected', 'CompletedWithSuccess', 'CompletedWithFailure', 'Exited',
] as const;
export type AutomationStatus = (typeof AUTOMATION_STATUSES)[number];

const TERMINAL: ReadonlySet<string> = new Set([
  'Success', 'TimedOut', 'Cancelled', 'Failed', 'Rejected', 'ChangeCalendarOverrideRejected', 'CompletedWithSuccess',
  'CompletedWithFailure', 'Exited',
]);

/** An execution or step that will not change any more. */
export function isTerminalStatus(status: string): boolean {
  return TERMINAL.has(status);
}

/** Waiting for a person: an approval, a paused step, or the next step of an Interactive execution. */
export function isWaitingStatus(status: string): boolean {
  return status === 'Waiting' || status === 'PendingApproval';
}

export function isAutomationStatus(text: string): text is AutomationStatus {
  return (AUTOMATION_STATUSES as readonly string[]).includes(text);
}

export type AutomationMode = 'Auto' | 'Interactive';
export type StopType = 'Cancel' | 'Complete';
export type SignalType = 'Approve' | 'Reject' | 'StartStep' | 'StopStep' | 'Resume';

export interface AutomationTarget {
  readonly key: string;
  readonly values: readonly string[];
}

/** A row of the executions list. Dates are epoch ms. */
export interface ExecutionSummary {
  readonly executionId: string;
  readonly documentName: string;
  readonly documentVersion: string;
  readonly status: string;
  readonly mode: string;
  readonly executedBy: string;
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly currentStepName: string;
  readonly currentAction: string;
  readonly parentExecutionId: string | undefined;
  readonly targetParameterName: string;
  readonly targets: readonly AutomationTarget[];
  readonly resolvedTargetCount: number;
  readonly maxConcurrency: string;
  readonly maxErrors: string;
  readonly failureMessage: string;
}

export interface StepExecution {
  readonly stepExecutionId: string;
  readonly stepName: string;
  readonly action: string;
  readonly status: string;
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly inputs: Readonly<Record<string, string>>;
  readonly outputs: Readonly<Record<string, readonly string[]>>;
  readonly failureMessage: string;
  readonly onFailure: string;
  readonly maxAttempts: number;
  readonly timeoutSeconds: number | undefined;
  readonly isEnd: boolean;
  readonly isCritical: boolean;
  readonly nextStep: string;
  /** Non-empty for aws:runCommand steps: the Run Command command id(s). */
  readonly commandIds: readonly string[];
}

export interface ProgressCounters {
  readonly total: number;
  readonly success: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly timedOut: number;
}

export interface ExecutionDetail extends ExecutionSummary {
  readonly parameters: Readonly<Record<string, readonly string[]>>;
  readonly outputs: Readonly<Record<string, readonly string[]>>;
  readonly steps: readonly StepExecution[];
  /** The API left steps out (StepExecutionsTruncated). */
  readonly stepsTruncated: boolean;
  readonly progress: ProgressCounters | undefined;
}

/** Milliseconds a step or execution has run (to `now` while it runs), or undefined before it starts. */
export function durationMs(item: {startedAt: number | undefined; endedAt: number | undefined}, now: number): number | undefined {
  if (item.startedAt === undefined) return undefined;
  return Math.max(0, (item.endedAt ?? now) - item.startedAt);
}

/** What read-only mode says to each Automation change (the dashboard and headless commands alike). */
export const AUTOMATION_READ_ONLY = {
  start: 'read-only mode: starting runbooks is off',
  approve: 'read-only mode: approving or rejecting is off',
  stop: 'read-only mode: stopping executions is off',
  step: 'read-only mode: running steps is off',
} as const;

/** The exit code a headless wait ends with: 0 success, 1 failed, 3 cancelled, 4 timed out (2 is a usage error). */
export function exitCodeFor(status: string): number {
  if (status === 'Success' || status === 'CompletedWithSuccess') return 0;
  if (status === 'Cancelled') return 3;
  if (status === 'TimedOut') return 4;
  return 1;
}
