// The records of the local fleet's Automation: one execution (a runbook run, or the parent of a rate-controlled
// run over targets) and its step executions, plus what an action receives and returns.

import type {FleetModel} from '../../model/fleet-model.js';
import type {OperationContext} from '../../protocol/operation-context.js';
import type {JsonObject} from '../../protocol/validation.js';
import type {FleetClock} from './clock.js';
import type {Runbook, RunbookStep} from './runbook.js';

export type HumanDecision = 'Approve' | 'Reject' | 'Resume';

/** A step waiting for a person: an aws:approve or aws:pause step. */
export interface HumanWait {
  readonly kind: 'approve' | 'pause';
  decide(decision: HumanDecision, comment: string, who: string): void;
}

export interface StepRun {
  readonly stepExecutionId: string;
  readonly def: RunbookStep;
  status: string;
  startedAt?: number;
  endedAt?: number;
  inputs?: JsonObject;
  /** By output name (without the step prefix). */
  readonly outputs: Map<string, unknown>;
  failureMessage: string;
  failureType: string;
  response: string;
  attempts: number;
  readonly commandIds: string[];
  human?: HumanWait;
  /** Aborts the running action (reason: StepAbort). */
  controller?: AbortController;
}

export interface Execution {
  readonly id: string;
  readonly seq: number;
  readonly runbook: Runbook;
  readonly mode: 'Auto' | 'Interactive';
  status: string;
  readonly startedAt: number;
  endedAt?: number;
  readonly executedBy: string;
  readonly parameters: Readonly<Record<string, string[]>>;
  /** Parameters, globals and step outputs (`step.Output`) the steps can reference. */
  readonly vars: Map<string, unknown>;
  readonly steps: StepRun[];
  outputs: Record<string, string[]>;
  failureMessage: string;
  readonly parentId: string | undefined;
  readonly children: string[];
  readonly targetParameterName: string;
  readonly targets: readonly {Key: string; Values: string[]}[];
  readonly resolvedTargets: readonly string[];
  readonly maxConcurrency: string;
  readonly maxErrors: string;
  readonly tags: readonly {Key: string; Value: string}[];
  readonly clientToken: string | undefined;
  /** The step running now. */
  current?: StepRun;
  /** Set by StopAutomationExecution. */
  stopping?: 'Cancel' | 'Complete';
  /** Interactive mode: the StartStep the execution waits for. */
  awaitStart?: (stepName: string) => void;
  /** Rate-controlled parents: stops starting children. */
  stopChildren?: () => void;
}

/** Why a running action was aborted. */
export class StepAbort extends Error {
  constructor(readonly why: 'timeout' | 'cancel') {
    super(why === 'timeout' ? 'Step timed out' : 'Step cancelled');
  }
}

/** A step failure with the message SSM shows for it. */
export class StepFailure extends Error {
  constructor(message: string, readonly failureType: string = 'Verification') {
    super(message);
  }
}

export interface ActionContext {
  readonly model: FleetModel;
  readonly clock: FleetClock;
  /** For calling the fleet's own operations in-process. */
  readonly ctx: OperationContext;
  readonly execution: Execution;
  readonly step: StepRun;
  readonly inputs: JsonObject;
  readonly signal: AbortSignal;
  /** Waits for Approve/Reject (approve) or Resume (pause). */
  waitForHuman(kind: HumanWait['kind']): Promise<{decision: HumanDecision; comment: string; who: string}>;
}

export interface ActionResult {
  /** The document outputs' Selectors read. */
  readonly response?: unknown;
  /** Outputs every step of this action has, by name. */
  readonly outputs?: Readonly<Record<string, unknown>>;
  /** aws:branch: the step to go to. */
  readonly nextStep?: string;
}

export type Action = (a: ActionContext) => Promise<ActionResult>;
