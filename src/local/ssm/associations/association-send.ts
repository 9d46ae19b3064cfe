// Sending an association's document through the Run Command executor, with its rate control.

import {randomUUID} from 'node:crypto';
import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import {DEFAULT_TIMEOUT_SECONDS, runCommandStore, type Command} from '../run-command/store.js';
import type {LocalDocument} from '../documents/builtin-documents.js';
import type {AssociationRecord} from './association-types.js';

/** SSM's defaults for an association without rate control: every target at once, no error limit. */
const DEFAULT_CONCURRENCY = '100%';
const DEFAULT_MAX_ERRORS = '100%';

/** One command for the execution: real processes on the targets, MaxConcurrency/MaxErrors through the shared dispatch. */
export function sendAssociationCommand(model: FleetModel, record: AssociationRecord, doc: LocalDocument, parameters: Record<string, string[]>, nodes: readonly FleetNode[], at: number): Command {
  const v = record.current;
  const execSeconds = Number(parameters['executionTimeout']?.[0] ?? '3600');
  const concurrency = v.maxConcurrency ?? DEFAULT_CONCURRENCY;
  const errors = v.maxErrors ?? DEFAULT_MAX_ERRORS;
  return runCommandStore(model).add({
    id: randomUUID(), doc, documentVersion: v.documentVersion ?? '$DEFAULT', comment: `State Manager association ${record.associationId}`,
    parameters, instanceIds: [], targets: v.targets.map((t) => ({Key: t.Key, Values: [...t.Values]})), requestedAt: at,
    expiresAt: at + (DEFAULT_TIMEOUT_SECONDS + execSeconds) * 1000, deliveryDeadline: at + DEFAULT_TIMEOUT_SECONDS * 1000,
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, executionTimeoutMs: execSeconds * 1000, maxConcurrency: concurrency, maxErrors: errors,
    cloudWatch: {CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false}, outputS3BucketName: '', outputS3KeyPrefix: '',
    targetNodes: nodes, maxConcurrencyValue: concurrency, maxErrorsValue: errors,
  });
}
