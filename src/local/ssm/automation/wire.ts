// Executions and steps in the shapes SSM answers with (AutomationExecution, AutomationExecutionMetadata,
// StepExecution). Step inputs are JSON-encoded strings and outputs lists of strings, as SSM reports them.

import {epochSeconds} from '../../protocol/wire-json.js';
import type {JsonObject} from '../../protocol/validation.js';
import type {AutomationStore} from './store.js';
import type {Execution, StepRun} from './types.js';
import {wireValue} from './values.js';

function when(ms: number | undefined): JsonObject {
  return ms === undefined ? {} : {ExecutionEndTime: epochSeconds(ms)};
}

export function stepShape(run: StepRun): JsonObject {
  const d = run.def;
  const out: JsonObject = {
    StepName: d.name, Action: d.action, StepStatus: run.status, StepExecutionId: run.stepExecutionId,
    OnFailure: d.onFailure, OnCancel: d.onCancel, MaxAttempts: d.maxAttempts, IsEnd: d.isEnd, IsCritical: d.isCritical,
    ...(d.timeoutSeconds === undefined ? {} : {TimeoutSeconds: d.timeoutSeconds}),
    ...(d.nextStep === undefined ? {} : {NextStep: d.nextStep}),
    ...(run.startedAt === undefined ? {} : {ExecutionStartTime: epochSeconds(run.startedAt)}),
    ...when(run.endedAt),
  };
  if (run.inputs !== undefined) out['Inputs'] = Object.fromEntries(Object.entries(run.inputs).map(([k, v]) => [k, JSON.stringify(v)]));
  if (run.outputs.size > 0) out['Outputs'] = Object.fromEntries([...run.outputs].map(([k, v]) => [k, wireValue(v)]));
  if (run.failureMessage !== '' && run.status !== 'Success') {
    out['FailureMessage'] = run.failureMessage;
    out['FailureDetails'] = {FailureStage: run.failureType === 'Invocation' ? 'Invocation' : 'Verification', FailureType: run.failureType};
  }
  if (run.commandIds.length > 0) out['Response'] = `Command ids: ${run.commandIds.join(', ')}`;
  return out;
}

/** Steps that have run, then (while the execution runs) the ones that have not, as Pending. */
function stepList(exec: Execution): JsonObject[] {
  const shown = exec.steps.map(stepShape);
  if (exec.endedAt !== undefined || exec.targetParameterName !== '' && exec.parentId === undefined) return shown;
  const last = exec.steps[exec.steps.length - 1];
  const from = exec.mode === 'Interactive' || last === undefined ? 0 : exec.runbook.steps.findIndex((s) => s.name === last.def.name) + 1;
  const ran = new Set(exec.steps.map((s) => s.def.name));
  for (const d of exec.runbook.steps.slice(from)) {
    if (exec.mode === 'Interactive' && ran.has(d.name)) continue;
    shown.push({StepName: d.name, Action: d.action, StepStatus: 'Pending', OnFailure: d.onFailure, MaxAttempts: d.maxAttempts, IsEnd: d.isEnd, IsCritical: d.isCritical});
  }
  return shown;
}

function common(exec: Execution): JsonObject {
  const current = exec.current;
  return {
    AutomationExecutionId: exec.id, DocumentName: exec.runbook.name, DocumentVersion: exec.runbook.version,
    AutomationExecutionStatus: exec.status, ExecutionStartTime: epochSeconds(exec.startedAt), ...when(exec.endedAt),
    Mode: exec.mode, ExecutedBy: exec.executedBy,
    ...(exec.parentId === undefined ? {} : {ParentAutomationExecutionId: exec.parentId}),
    ...(current === undefined ? {} : {CurrentStepName: current.def.name, CurrentAction: current.def.action}),
    ...(exec.failureMessage === '' ? {} : {FailureMessage: exec.failureMessage}),
    ...(exec.targetParameterName === '' ? {} : {TargetParameterName: exec.targetParameterName}),
    ...(exec.targets.length === 0 ? {} : {Targets: exec.targets, ResolvedTargets: {ParameterValues: exec.resolvedTargets.slice(0, 50), Truncated: exec.resolvedTargets.length > 50}}),
    ...(exec.maxConcurrency === '' ? {} : {MaxConcurrency: exec.maxConcurrency}),
    ...(exec.maxErrors === '' ? {} : {MaxErrors: exec.maxErrors}),
  };
}

export function metadataShape(exec: Execution): JsonObject {
  return {...common(exec), AutomationType: 'Local', Outputs: exec.outputs, LogFile: ''};
}

export function executionShape(exec: Execution, store: AutomationStore): JsonObject {
  const out: JsonObject = {...common(exec), Parameters: exec.parameters, Outputs: exec.outputs, StepExecutions: stepList(exec), StepExecutionsTruncated: false};
  if (exec.children.length > 0 || exec.resolvedTargets.length > 0) {
    const children = exec.children.map((id) => store.get(id)?.status ?? '');
    const count = (s: string): number => children.filter((c) => c === s).length;
    out['ProgressCounters'] = {
      TotalSteps: exec.resolvedTargets.length, SuccessSteps: count('Success'), FailedSteps: count('Failed'),
      CancelledSteps: count('Cancelled'), TimedOutSteps: count('TimedOut'),
    };
  }
  return out;
}
