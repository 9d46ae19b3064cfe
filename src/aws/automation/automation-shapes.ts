// SDK shapes → fleet/automation records. Ids and names stay as AWS sent them (they are the ids of later calls:
// signals, re-runs; the screen sanitizes them when it draws); text that is only ever shown (failure messages,
// the caller, step inputs and outputs) is sanitized here.
import type {
  AutomationExecution, AutomationExecutionMetadata, StepExecution as SdkStep, Target,
} from '@aws-sdk/client-ssm';
import type {AutomationTarget, ExecutionDetail, ExecutionSummary, StepExecution} from '../../fleet/automation/execution.js';
import {sanitizeMultiline, sanitizeText as clean} from '../../fleet/sanitize.js';

type Common = AutomationExecution | AutomationExecutionMetadata;

function targets(list: readonly Target[] | undefined): AutomationTarget[] {
  return (list ?? []).map((t) => ({key: t.Key ?? '', values: [...(t.Values ?? [])]}));
}

function lists(map: Record<string, readonly string[]> | undefined, text: (s: string) => string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [clean(k), v.map(text)]));
}

function summaryOf(e: Common): ExecutionSummary {
  return {
    executionId: e.AutomationExecutionId ?? '',
    documentName: e.DocumentName ?? '',
    documentVersion: e.DocumentVersion ?? '',
    status: e.AutomationExecutionStatus ?? '',
    mode: e.Mode ?? 'Auto',
    executedBy: clean(e.ExecutedBy ?? ''),
    startedAt: e.ExecutionStartTime?.getTime(),
    endedAt: e.ExecutionEndTime?.getTime(),
    currentStepName: e.CurrentStepName ?? '',
    currentAction: clean(e.CurrentAction ?? ''),
    parentExecutionId: e.ParentAutomationExecutionId,
    targetParameterName: e.TargetParameterName ?? '',
    targets: targets(e.Targets),
    resolvedTargetCount: e.ResolvedTargets?.ParameterValues?.length ?? 0,
    maxConcurrency: e.MaxConcurrency ?? '',
    maxErrors: e.MaxErrors ?? '',
    failureMessage: sanitizeMultiline(e.FailureMessage ?? ''),
  };
}

export function fromMetadata(m: AutomationExecutionMetadata): ExecutionSummary {
  return summaryOf(m);
}

export function fromStep(s: SdkStep): StepExecution {
  return {
    stepExecutionId: s.StepExecutionId ?? '',
    stepName: s.StepName ?? '',
    action: clean(s.Action ?? ''),
    status: s.StepStatus ?? '',
    startedAt: s.ExecutionStartTime?.getTime(),
    endedAt: s.ExecutionEndTime?.getTime(),
    inputs: Object.fromEntries(Object.entries(s.Inputs ?? {}).map(([k, v]) => [clean(k), sanitizeMultiline(v)])),
    outputs: lists(s.Outputs, sanitizeMultiline),
    failureMessage: sanitizeMultiline(s.FailureMessage ?? ''),
    onFailure: clean(s.OnFailure ?? 'Abort'),
    maxAttempts: s.MaxAttempts ?? 1,
    timeoutSeconds: s.TimeoutSeconds,
    isEnd: s.IsEnd ?? false,
    isCritical: s.IsCritical ?? true,
    nextStep: s.NextStep ?? '',
    commandIds: commandIdsOf(s),
  };
}

/** The Run Command ids an aws:runCommand step reports (its CommandId output, or the ids in its Response). */
function commandIdsOf(s: SdkStep): string[] {
  if (s.Action !== 'aws:runCommand') return [];
  const fromResponse = (s.Response ?? '').match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
  const ids = new Set([...fromResponse, ...(s.Outputs?.['CommandId'] ?? [])]);
  return [...ids].filter((id) => /^[0-9a-f-]{36}$/.test(id));
}

export function fromExecution(e: AutomationExecution): ExecutionDetail {
  const p = e.ProgressCounters;
  return {
    ...summaryOf(e),
    parameters: Object.fromEntries(Object.entries(e.Parameters ?? {}).map(([k, v]) => [k, [...v]])),
    outputs: lists(e.Outputs, sanitizeMultiline),
    steps: (e.StepExecutions ?? []).map(fromStep),
    stepsTruncated: e.StepExecutionsTruncated ?? false,
    progress: p === undefined ? undefined : {
      total: p.TotalSteps ?? 0, success: p.SuccessSteps ?? 0, failed: p.FailedSteps ?? 0, cancelled: p.CancelledSteps ?? 0, timedOut: p.TimedOutSteps ?? 0,
    },
  };
}
