// Helpers for the Automation tests: a runbook authored on the fleet, an execution started and watched until a
// condition holds (never fixed sleeps), and the fleet clock moved forward so sleeps and timeouts pass at once.

import {
  CreateDocumentCommand, GetAutomationExecutionCommand, StartAutomationExecutionCommand,
  type AutomationExecution, type SSMClient, type StartAutomationExecutionCommandInput,
} from '@aws-sdk/client-ssm';
import type {LocalFleet} from '../../src/local/index.js';
import {runCommandStore} from '../../src/local/ssm/run-command/operations.js';
import {waitFor} from './run-command.js';

let counter = 0;

/** Creates an Automation document from its content (an object, sent as JSON); resolves with its unique name. */
export async function createRunbook(ssm: SSMClient, content: object, prefix = 'Test-Runbook'): Promise<string> {
  const name = `${prefix}-${Date.now().toString(36)}-${counter++}`;
  await ssm.send(new CreateDocumentCommand({Name: name, DocumentType: 'Automation', DocumentFormat: 'JSON', Content: JSON.stringify({schemaVersion: '0.3', ...content})}));
  return name;
}

export async function start(ssm: SSMClient, input: StartAutomationExecutionCommandInput): Promise<string> {
  const out = await ssm.send(new StartAutomationExecutionCommand(input));
  return out.AutomationExecutionId ?? '';
}

export async function getExecution(ssm: SSMClient, id: string): Promise<AutomationExecution> {
  const out = await ssm.send(new GetAutomationExecutionCommand({AutomationExecutionId: id}));
  if (out.AutomationExecution === undefined) throw new Error(`no execution ${id}`);
  return out.AutomationExecution;
}

/** Polls GetAutomationExecution until `done` holds. */
export function waitForExecution(ssm: SSMClient, id: string, done: (e: AutomationExecution) => boolean, timeoutMs = 15_000): Promise<AutomationExecution> {
  return waitFor(() => getExecution(ssm, id), done, timeoutMs);
}

const ENDED = new Set(['Success', 'Failed', 'TimedOut', 'Cancelled']);

export function waitForEnd(ssm: SSMClient, id: string, timeoutMs = 15_000): Promise<AutomationExecution> {
  return waitForExecution(ssm, id, (e) => ENDED.has(e.AutomationExecutionStatus ?? ''), timeoutMs);
}

/** The step named `name` (the last run of it). */
export function stepOf(e: AutomationExecution, name: string): NonNullable<AutomationExecution['StepExecutions']>[number] {
  const step = (e.StepExecutions ?? []).filter((s) => s.StepName === name).pop();
  if (step === undefined) throw new Error(`no step ${name} in ${JSON.stringify(e.StepExecutions?.map((s) => s.StepName))}`);
  return step;
}

/** Names and statuses of the steps that ran, in order. */
export function ranSteps(e: AutomationExecution): string[] {
  return (e.StepExecutions ?? []).filter((s) => s.StepStatus !== 'Pending').map((s) => `${s.StepName}:${s.StepStatus}`);
}

/** Moves the fleet clock forward: due sleeps, timeouts and instance state changes happen at once. */
export function advanceClock(fleet: LocalFleet, ms: number): void {
  runCommandStore(fleet.model).advanceClock(ms);
}

/**
 * A rate-controlled run of `children` children at MaxConcurrency `children` whose last child sleeps until stopped and
 * the others end at once; resolves once every child has started (the ramp — 1, 2, 4… — has let them all through).
 */
export async function startFanOut(ssm: SSMClient, children: number): Promise<string> {
  const last = `item-${children - 1}`;
  const name = await createRunbook(ssm, {parameters: {Item: {type: 'String'}}, mainSteps: [
    {name: 'route', action: 'aws:branch', inputs: {Choices: [{NextStep: 'wait', Variable: '{{ Item }}', StringEquals: last}], Default: 'done'}},
    {name: 'wait', action: 'aws:sleep', inputs: {Duration: 'PT10M'}, isEnd: true},
    {name: 'done', action: 'aws:sleep', inputs: {Duration: 'PT0S'}},
  ]});
  const id = await start(ssm, {DocumentName: name, TargetParameterName: 'Item', MaxConcurrency: String(children), MaxErrors: '0',
    Targets: [{Key: 'ParameterValues', Values: Array.from({length: children}, (_, i) => `item-${i}`)}]});
  await waitForExecution(ssm, id, (e) => e.AutomationExecutionStatus === 'InProgress' && e.ProgressCounters?.SuccessSteps === children - 1);
  return id;
}
