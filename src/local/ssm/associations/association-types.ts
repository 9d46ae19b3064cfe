// The shapes State Manager keeps: association versions and records, executions, node results, memberships.

import type {AssociationStatus, FleetNode} from '../../model/fleet-model.js';
import type {Command} from '../run-command/store.js';

export type TargetSpec = {readonly Key: string; readonly Values: readonly string[]};

/** One version of an association: what UpdateAssociation replaces. */
export interface AssociationVersion {
  readonly version: number;
  readonly createdAt: number;
  readonly documentName: string;
  readonly documentVersion: string | undefined;
  readonly parameters: Readonly<Record<string, readonly string[]>>;
  readonly targets: readonly TargetSpec[];
  /** Legacy single-node association (CreateAssociation InstanceId). */
  readonly instanceId: string | undefined;
  readonly scheduleExpression: string | undefined;
  readonly associationName: string | undefined;
  readonly maxConcurrency: string | undefined;
  readonly maxErrors: string | undefined;
  readonly complianceSeverity: string | undefined;
  readonly syncCompliance: string | undefined;
  readonly applyOnlyAtCronInterval: boolean;
  readonly scheduleOffset: number | undefined;
  readonly duration: number | undefined;
  readonly outputLocation: unknown;
}

export interface NodeResult {
  readonly status: AssociationStatus;
  /** The document version that ran ($DEFAULT and $LATEST resolved). */
  readonly documentVersion: string;
  readonly detailedStatus: string;
  readonly at: number;
  readonly executionId: string;
  readonly associationVersion: number;
  readonly commandId: string;
  readonly responseCode: number;
}

export interface AssociationRecord {
  readonly associationId: string;
  readonly seeded: boolean;
  readonly createdAt: number;
  readonly versions: AssociationVersion[];
  current: AssociationVersion;
  updatedAt: number;
  lastExecutionAt: number | undefined;
  lastSuccessfulAt: number | undefined;
  /** When the schedule next fires (created associations with a schedule only). */
  nextRunAt: number | undefined;
  /** Each node's latest result (nodes that have not reported keep their seeded or Pending status). */
  readonly results: Map<string, NodeResult>;
  /** Seeded associations: each node's generated status. */
  readonly seededFor: ((node: FleetNode) => AssociationStatus | undefined) | undefined;
}

export interface ExecutionTarget {
  readonly instanceId: string;
  readonly command: Command;
}

export interface AssociationExecution {
  readonly executionId: string;
  /** The document version it runs ($DEFAULT and $LATEST resolved); '' when it could not start. */
  readonly documentVersion: string;
  readonly associationId: string;
  readonly associationVersion: number;
  readonly createdAt: number;
  readonly commands: readonly Command[];
  /** Node → its command, in target order. */
  readonly targets: readonly ExecutionTarget[];
  /** Why it could not start (e.g. the document is gone); the execution is Failed with no targets. */
  readonly failure: string | undefined;
  readonly reported: Set<string>;
  done: boolean;
}

export interface Membership {
  readonly modelVersion: number;
  readonly storeVersion: number;
  /** Association id → the managed nodes it targets (each once). */
  readonly byRecord: ReadonlyMap<string, readonly string[]>;
  /** Node id → the associations that target it (in id order). */
  readonly byNode: ReadonlyMap<string, readonly AssociationRecord[]>;
}
