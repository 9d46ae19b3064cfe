// How a maintenance window task reaches its targets: which nodes it resolves to (registered window targets or
// instance ids, the same target rules State Manager uses), and one invocation per target instance. A RUN_COMMAND
// invocation is a Run Command command on that one instance, sent through the SAME executor as SendCommand
// (runCommandStore(model).add: real processes on this machine); an AUTOMATION invocation is an execution of the
// local fleet's Automation engine. SSM does the same: each task invocation is its own command (CLI example
// describe-maintenance-window-execution-task-invocations: "instanceIds":["i-…"]), and the task's MaxConcurrency /
// MaxErrors decide how many invocations run at once and when to stop (window-runner.ts).

import {randomUUID} from 'node:crypto';
import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import {DEFAULT_TIMEOUT_SECONDS, runCommandStore, type Command} from '../run-command/store.js';
import type {OperationContext} from '../../protocol/operation-context.js';
import {PageTokens} from '../../protocol/page-token.js';
import {resolveParameters, type LocalDocument} from '../documents/builtin-documents.js';
import {findFleetDocument} from '../documents/document-store.js';
import {automationStore} from '../automation/index.js';
import {findRunbook} from '../automation/runbook-lookup.js';
import type {Runbook} from '../automation/runbook.js';
import type {Execution as AutomationExecution} from '../automation/types.js';
import {resolveRunbookParameters} from '../automation/values.js';
import {reachable, targetsNode} from '../associations/association-targets.js';
import type {TargetSpec, TaskExecution, WindowRecord, WindowTarget, WindowTask} from './window-types.js';

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

/** What a task runs, found once when it starts. */
export type PreparedTask =
  | {readonly kind: 'command'; readonly doc: LocalDocument; readonly documentVersion: string}
  | {readonly kind: 'automation'; readonly runbook: Runbook};

/** Why a task cannot start, or what it runs. */
export function prepareTask(model: FleetModel, task: Readonly<WindowTask>): PreparedTask | string {
  try {
    if (task.taskType === 'RUN_COMMAND') {
      const documentVersion = task.runCommand?.documentVersion;
      const doc = findFleetDocument(model, task.taskArn, documentVersion);
      if (doc === undefined) return `The document ${task.taskArn} does not exist.`;
      resolveParameters(doc, task.runCommand?.parameters ?? {}); // unknown or missing parameters fail the task, not each target
      return {kind: 'command', doc, documentVersion: documentVersion ?? '$DEFAULT'};
    }
    if (task.taskType === 'AUTOMATION') {
      const runbook = findRunbook(model, task.taskArn, task.automation?.documentVersion);
      resolveRunbookParameters(runbook, task.automation?.parameters ?? {});
      return {kind: 'automation', runbook};
    }
    return `${task.taskType} tasks do not run on the local fleet: it has no ${task.taskType === 'LAMBDA' ? 'Lambda' : 'Step Functions'} to start ${task.taskArn}.`;
  } catch (err) {
    return (err as Error).message;
  }
}

export interface Sent {
  readonly executionId: string;
  readonly command?: Command;
  readonly automation?: AutomationExecution;
  /** The request as SSM describes it on the invocation (a JSON string). */
  readonly parameters: string;
}

/** The context an operation started by the window itself runs in (no request: the window is the caller). */
function windowContext(model: FleetModel): OperationContext {
  return {model, tokens: new PageTokens(), region: model.region, requestId: randomUUID(), now: () => runCommandStore(model).now()};
}

/**
 * One invocation: a command on one instance (its own rate control is trivially 1/0, the task's is applied around
 * it), or one Automation execution with the instance in its parameters ({{RESOURCE_ID}}).
 */
export function sendInvocation(model: FleetModel, te: TaskExecution, p: PreparedTask, node: FleetNode | undefined, params: Record<string, string[]>, at: number): Sent {
  if (p.kind === 'automation') {
    const {values, wire} = resolveRunbookParameters(p.runbook, params);
    const automation = automationStore(model).start({
      runbook: p.runbook, mode: 'Auto', parameters: wire, vars: values, targetParameterName: '', targets: [], resolvedTargets: [], maxConcurrency: '', maxErrors: '',
      tags: [], clientToken: undefined,
    }, windowContext(model));
    return {executionId: automation.id, automation, parameters: JSON.stringify({documentName: p.runbook.name, parameters: params})};
  }
  if (node === undefined) throw new Error('a Run Command invocation needs an instance');
  const rc = te.task.runCommand;
  const comment = rc?.comment ?? '';
  const timeoutSeconds = rc?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const execSeconds = Number(params['executionTimeout']?.[0] ?? (p.doc.name === 'AWS-RunPatchBaseline' ? '7200' : '3600'));
  const command = runCommandStore(model).add({
    id: randomUUID(), doc: p.doc, documentVersion: p.documentVersion, comment: comment || `Maintenance Window Execution: ${te.windowExecutionId}`,
    parameters: resolveParameters(p.doc, params), instanceIds: [node.instanceId], targets: [], requestedAt: at,
    expiresAt: at + (timeoutSeconds + execSeconds) * 1000, deliveryDeadline: at + timeoutSeconds * 1000,
    timeoutSeconds, executionTimeoutMs: execSeconds * 1000, maxConcurrency: '1', maxErrors: '0',
    cloudWatch: {CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false}, outputS3BucketName: '', outputS3KeyPrefix: '',
    targetNodes: [node], maxConcurrencyValue: '1', maxErrorsValue: '0',
  });
  const parameters = JSON.stringify({
    comment, documentName: p.doc.name, instanceIds: [node.instanceId], maxConcurrency: te.maxConcurrency, maxErrors: te.maxErrors, parameters: params,
    ...(rc?.timeoutSeconds === undefined ? {} : {timeoutSeconds: rc.timeoutSeconds}),
  });
  return {executionId: command.id, command, parameters};
}
