// How a maintenance window task reaches its targets: which nodes it resolves to (registered window targets or
// instance ids, the same target rules State Manager uses), and one Run Command command per target instance sent
// through the SAME executor as SendCommand (runCommandStore(model).add: real processes on this machine). SSM does
// the same: each task invocation is its own command on one instance (CLI example
// describe-maintenance-window-execution-task-invocations: "instanceIds":["i-…"]), and the task's MaxConcurrency /
// MaxErrors decide how many invocations run at once and when to stop (window-runner.ts).

import {randomUUID} from 'node:crypto';
import type {FleetModel, FleetNode} from '../../fleet-model.js';
import {DEFAULT_TIMEOUT_SECONDS, runCommandStore, type Command} from '../../run-command-store.js';
import type {LocalDocument} from '../documents/builtin-documents.js';
import {reachable, targetsNode} from '../associations/association-targets.js';
import type {TargetSpec, TaskExecution, WindowRecord, WindowTarget} from './window-types.js';

/** A task's target instances (WindowTargetIds or InstanceIds) in a stable order, each with the window target it came through (if any). */
export function resolveTaskTargets(model: FleetModel, window: WindowRecord, targets: readonly TargetSpec[]): Map<string, WindowTarget | undefined> {
  const out = new Map<string, WindowTarget | undefined>();
  const managed = model.managed().filter(reachable);
  for (const spec of targets) {
    if (spec.Key === 'WindowTargetIds') {
      for (const id of spec.Values) {
        const wt = window.targets.get(id);
        if (wt === undefined) continue;
        for (const n of managed) if (!out.has(n.instanceId) && targetsNode({targets: wt.targets, instanceId: undefined}, n)) out.set(n.instanceId, wt);
      }
    } else if (spec.Key.toLowerCase() === 'instanceids') {
      for (const id of spec.Values) {
        const n = model.get(id);
        if (n !== undefined && reachable(n) && !out.has(id)) out.set(id, undefined);
      }
    }
  }
  return out;
}

/** The pseudo parameters SSM substitutes in task parameters (UG mw-cli-register-tasks-parameters). */
export function substitutePseudo(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*([A-Z_]+)\s*\}\}/g, (all, name: string) => values[name] ?? all);
}

export interface InvocationSend {
  readonly node: FleetNode;
  readonly doc: LocalDocument;
  readonly documentVersion: string;
  readonly parameters: Record<string, string[]>;
  readonly comment: string;
  readonly timeoutSeconds: number;
  readonly at: number;
}

/** One command on one instance: its own rate control is trivially 1/0, the task's is applied around it. */
export function sendTaskInvocation(model: FleetModel, te: TaskExecution, s: InvocationSend): Command {
  const execSeconds = Number(s.parameters['executionTimeout']?.[0] ?? (s.doc.name === 'AWS-RunPatchBaseline' ? '7200' : '3600'));
  const timeout = s.timeoutSeconds || DEFAULT_TIMEOUT_SECONDS;
  return runCommandStore(model).add({
    id: randomUUID(), doc: s.doc, documentVersion: s.documentVersion, comment: s.comment || `Maintenance Window Execution: ${te.windowExecutionId}`,
    parameters: s.parameters, instanceIds: [s.node.instanceId], targets: [], requestedAt: s.at,
    expiresAt: s.at + (timeout + execSeconds) * 1000, deliveryDeadline: s.at + timeout * 1000,
    timeoutSeconds: timeout, executionTimeoutMs: execSeconds * 1000, maxConcurrency: '1', maxErrors: '0',
    cloudWatch: {CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false}, outputS3BucketName: '', outputS3KeyPrefix: '',
    targetNodes: [s.node], maxConcurrencyValue: '1', maxErrorsValue: '0',
  });
}
