// What fleetdeck needs from State Manager (implemented over the SSM API in aws/associations/), and the errors it
// reports in the user's terms.
import type {
  AssociationDetail, AssociationExecution, AssociationSummary, CreateAssociationRequest, ExecutionTarget, InstanceAssociationStatus,
  UpdateAssociationRequest,
} from './association.js';
import {ResourceError, type ErrorKinds} from '../resource-error.js';

export interface AssociationsApi {
  /** Every association (ListAssociations, all pages); with an instance id, those that target it. `onPage` hears each page as it comes. */
  list(opts?: {instanceId?: string; signal?: AbortSignal; onPage?: (page: readonly AssociationSummary[]) => void}): Promise<AssociationSummary[]>;
  describe(associationId: string): Promise<AssociationDetail>;
  /** Runs the associations now, whatever their schedule (StartAssociationsOnce, 10 a request). */
  applyNow(associationIds: readonly string[]): Promise<void>;
  create(request: CreateAssociationRequest): Promise<AssociationDetail>;
  /** Replaces the association's definition (UpdateAssociation): its next version. */
  update(associationId: string, request: UpdateAssociationRequest): Promise<AssociationDetail>;
  delete(associationId: string): Promise<void>;
  /** The association's executions, newest first. */
  executions(associationId: string, signal?: AbortSignal): Promise<AssociationExecution[]>;
  /** One execution's per-target results, all pages; `onPage` hears each page as it comes (long lists draw as they load). */
  executionTargets(associationId: string, executionId: string, signal?: AbortSignal, onPage?: (targets: readonly ExecutionTarget[]) => void): Promise<ExecutionTarget[]>;
  /** Every association's status on one node (DescribeInstanceAssociationsStatus). */
  instanceStatus(instanceId: string, signal?: AbortSignal): Promise<InstanceAssociationStatus[]>;
}

export type AssociationErrorKind = ErrorKinds<'not-found' | 'invalid' | 'exists' | 'limit'>;

/** A failed State Manager call, classified; `message` is sanitized, `code` is the SSM error name (for the log). */
export class AssociationError extends ResourceError<AssociationErrorKind> {
  override name = 'AssociationError';
}
