// What the app needs from Automation (implemented by aws/automation/).
import type {AutomationMode, AutomationTarget, ExecutionDetail, ExecutionSummary, SignalType, StepExecution, StopType} from './execution.js';
import {ResourceError, type ErrorKinds} from '../resource-error.js';

/** DescribeAutomationExecutions filter keys the app uses. */
export type ExecutionFilterKey =
  | 'ExecutionStatus' | 'DocumentNamePrefix' | 'ExecutionId' | 'ParentExecutionId' | 'CurrentAction'
  | 'StartTimeBefore' | 'StartTimeAfter' | 'AutomationType' | 'TagKey';

export interface ExecutionFilter {
  readonly key: ExecutionFilterKey;
  readonly values: readonly string[];
}

/** Executions waiting for someone's approval: an aws:approve step is running (the header shows these loudly). */
export const AWAITING_APPROVAL: readonly ExecutionFilter[] = [
  {key: 'ExecutionStatus', values: ['Waiting']},
  {key: 'CurrentAction', values: ['aws:approve']},
];

export interface ExecutionPage {
  readonly executions: readonly ExecutionSummary[];
  /** Undefined on the last page. */
  readonly nextToken: string | undefined;
}

export interface StartAutomationRequest {
  readonly documentName: string;
  readonly documentVersion?: string;
  readonly parameters?: Readonly<Record<string, readonly string[]>>;
  readonly mode?: AutomationMode;
  readonly targetParameterName?: string;
  readonly targets?: readonly AutomationTarget[];
  readonly maxConcurrency?: string;
  readonly maxErrors?: string;
  readonly clientToken?: string;
}

export interface AutomationSignal {
  readonly type: SignalType;
  /** Approve/Reject: the approver's comment. */
  readonly comment?: string;
  /** StartStep/Resume: the step to run. */
  readonly stepName?: string;
  /** StopStep: the step execution to stop. */
  readonly stepExecutionId?: string;
}

export interface AutomationApi {
  /** One page of executions, newest first. */
  listExecutions(query: {filters?: readonly ExecutionFilter[]; maxResults?: number; nextToken?: string}, signal?: AbortSignal): Promise<ExecutionPage>;
  /** One execution with its steps. */
  getExecution(executionId: string, signal?: AbortSignal): Promise<ExecutionDetail>;
  /** Every step of an execution (all pages), in run order. */
  listSteps(executionId: string, signal?: AbortSignal): Promise<StepExecution[]>;
  /** Resolves with the new execution id. */
  start(request: StartAutomationRequest, signal?: AbortSignal): Promise<string>;
  stop(executionId: string, type?: StopType, signal?: AbortSignal): Promise<void>;
  signal(executionId: string, signal: AutomationSignal, abort?: AbortSignal): Promise<void>;
}

/**
 * not-found: no such execution, runbook or step; invalid: a parameter or signal was refused; state: the execution
 * is not in a state that allows it (already finished, no step waiting); limit: too many executions; throttled,
 * auth, unavailable, other: the transport. The message is sanitized, ready for the screen.
 */
export type AutomationErrorKind = ErrorKinds<'not-found' | 'invalid' | 'state' | 'limit'>;

export class AutomationError extends ResourceError<AutomationErrorKind> {
  override name = 'AutomationError';
}
