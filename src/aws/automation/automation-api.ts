// Automation over the SSM API (the AutomationApi port of fleet/automation/port.ts): executions a page at a time
// (DescribeAutomationExecutions, newest first), one execution with its steps (GetAutomationExecution; every step
// through DescribeAutomationStepExecutions when the first answer was truncated), start, stop and signals.
import {
  DescribeAutomationExecutionsCommand, DescribeAutomationStepExecutionsCommand, GetAutomationExecutionCommand,
  SendAutomationSignalCommand, StartAutomationExecutionCommand, StopAutomationExecutionCommand,
  type AutomationExecutionFilterKey,
} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import type {StepExecution} from '../../fleet/automation/execution.js';
import type {AutomationApi, AutomationSignal, StartAutomationRequest} from '../../fleet/automation/port.js';
import {mapped} from './automation-errors.js';
import {allPages, pageToken} from '../pages.js';
import {fromExecution, fromMetadata, fromStep} from './automation-shapes.js';

const STEP_PAGE = 50;
const LIST_PAGE = 50;

function payloadOf(s: AutomationSignal): Record<string, string[]> | undefined {
  switch (s.type) {
    case 'Approve':
    case 'Reject':
      return s.comment === undefined || s.comment === '' ? undefined : {Comment: [s.comment]};
    case 'StartStep':
    case 'Resume':
      return s.stepName === undefined ? undefined : {StepName: [s.stepName]};
    case 'StopStep':
      return s.stepExecutionId === undefined ? undefined : {StepExecutionId: [s.stepExecutionId]};
  }
}

export function automationApi(aws: AwsClients): AutomationApi {
  const ssm = aws.ssm;

  async function listSteps(executionId: string, signal?: AbortSignal): Promise<StepExecution[]> {
    const steps = await allPages(async (token) => {
      const res = await mapped(() => ssm.send(new DescribeAutomationStepExecutionsCommand({AutomationExecutionId: executionId, MaxResults: STEP_PAGE,
        ...pageToken(token)}), {abortSignal: signal}));
      return {items: res.StepExecutions, next: res.NextToken};
    });
    return steps.map(fromStep);
  }

  return {
    async listExecutions(query, signal) {
      const res = await mapped(() => ssm.send(new DescribeAutomationExecutionsCommand({
        MaxResults: query.maxResults ?? LIST_PAGE,
        ...(query.filters === undefined || query.filters.length === 0 ? {} : {Filters: query.filters.map((f) => ({Key: f.key as AutomationExecutionFilterKey, Values: [...f.values]}))}),
        ...(query.nextToken === undefined ? {} : {NextToken: query.nextToken}),
      }), {abortSignal: signal}));
      return {executions: (res.AutomationExecutionMetadataList ?? []).map(fromMetadata), nextToken: res.NextToken || undefined};
    },

    async getExecution(executionId, signal) {
      const res = await mapped(() => ssm.send(new GetAutomationExecutionCommand({AutomationExecutionId: executionId}), {abortSignal: signal}));
      const detail = fromExecution(res.AutomationExecution ?? {});
      if (!detail.stepsTruncated) return detail;
      return {...detail, steps: await listSteps(executionId, signal), stepsTruncated: false};
    },

    listSteps,

    async start(request: StartAutomationRequest, signal) {
      const res = await mapped(() => ssm.send(new StartAutomationExecutionCommand({
        DocumentName: request.documentName,
        ...(request.documentVersion === undefined ? {} : {DocumentVersion: request.documentVersion}),
        ...(request.parameters === undefined ? {} : {Parameters: Object.fromEntries(Object.entries(request.parameters).map(([k, v]) => [k, [...v]]))}),
        ...(request.mode === undefined ? {} : {Mode: request.mode}),
        ...(request.targetParameterName === undefined ? {} : {TargetParameterName: request.targetParameterName}),
        ...(request.targets === undefined ? {} : {Targets: request.targets.map((t) => ({Key: t.key, Values: [...t.values]}))}),
        ...(request.maxConcurrency === undefined ? {} : {MaxConcurrency: request.maxConcurrency}),
        ...(request.maxErrors === undefined ? {} : {MaxErrors: request.maxErrors}),
        ...(request.clientToken === undefined ? {} : {ClientToken: request.clientToken}),
      }), {abortSignal: signal}));
      return res.AutomationExecutionId ?? '';
    },

    async stop(executionId, type = 'Cancel', signal) {
      await mapped(() => ssm.send(new StopAutomationExecutionCommand({AutomationExecutionId: executionId, Type: type}), {abortSignal: signal}));
    },

    async signal(executionId, s, abort) {
      const payload = payloadOf(s);
      await mapped(() => ssm.send(new SendAutomationSignalCommand({AutomationExecutionId: executionId, SignalType: s.type,
        ...(payload === undefined ? {} : {Payload: payload})}), {abortSignal: abort}));
    },
  };
}
