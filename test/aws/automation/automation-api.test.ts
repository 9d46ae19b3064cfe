// The Automation adapter through the real SDK against the local fleet: pages of executions newest first with
// filters, one execution with its steps and Run Command ids, start with targets, approve, stop, error mapping,
// and text from the endpoint sanitized before it reaches the app.
import {describe, expect, it} from 'vitest';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {automationApi} from '../../../src/aws/automation/automation-api.js';
import {isTerminalStatus} from '../../../src/fleet/automation/execution.js';
import {AutomationError, AWAITING_APPROVAL, type AutomationApi} from '../../../src/fleet/automation/port.js';
import {createRunbook} from '../../helpers/automation.js';
import {linuxNodes, waitFor} from '../../helpers/run-command.js';

const f = useFleetClients({nodes: 20, seed: 'automation-adapter'});
const api = (): AutomationApi => automationApi(f.aws);

async function failure(call: Promise<unknown>): Promise<AutomationError> {
  try {
    await call;
  } catch (err) {
    expect(err).toBeInstanceOf(AutomationError);
    return err as AutomationError;
  }
  throw new Error('expected an AutomationError');
}

const ended = (id: string) => waitFor(() => api().getExecution(id), (e) => isTerminalStatus(e.status));

describe('listing executions', () => {
  it('pages through the history newest first, and filters by status and runbook', async () => {
    const first = await api().listExecutions({maxResults: 3});
    expect(first.executions).toHaveLength(3);
    expect(first.nextToken).toBeDefined();
    const second = await api().listExecutions({maxResults: 3, nextToken: first.nextToken});
    const starts = [...first.executions, ...second.executions].map((e) => e.startedAt ?? 0);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    const cancelled = await api().listExecutions({filters: [{key: 'ExecutionStatus', values: ['Cancelled']}, {key: 'DocumentNamePrefix', values: ['AWS-Restart']}]});
    expect(cancelled.executions.length).toBeGreaterThan(0);
    for (const e of cancelled.executions) {
      expect(e.status).toBe('Cancelled');
      expect(e.documentName.startsWith('AWS-Restart')).toBe(true);
      expect(e.executedBy).toMatch(/^arn:aws:iam::\d{12}:user\//);
    }
  });
});

describe('one execution', () => {
  it('has its steps with inputs, outputs and the Run Command ids of aws:runCommand steps', async () => {
    const node = linuxNodes(f.fleet)[0]?.instanceId ?? '';
    const name = await createRunbook(f.aws.ssm, {
      parameters: {Greeting: {type: 'String', default: 'hello'}},
      outputs: ['say.Output'],
      mainSteps: [{name: 'say', action: 'aws:runCommand', inputs: {DocumentName: 'AWS-RunShellScript', InstanceIds: [node], Parameters: {commands: ['echo {{ Greeting }}']}}}],
    });
    const id = await api().start({documentName: name, parameters: {Greeting: ['hi there']}});
    const done = await ended(id);
    expect(done.status).toBe('Success');
    expect(done.parameters).toEqual({Greeting: ['hi there']});
    expect(done.outputs['say.Output']?.[0]).toContain('hi there');
    const [step] = done.steps;
    expect(step?.stepName).toBe('say');
    expect(step?.action).toBe('aws:runCommand');
    expect(step?.commandIds).toHaveLength(1);
    expect(JSON.parse(step?.inputs['InstanceIds'] ?? '[]')).toEqual([node]);
    expect(await api().listSteps(id)).toEqual(done.steps);
  });

  it('starts over targets with rate control and reports the children and their progress', async () => {
    const name = await createRunbook(f.aws.ssm, {parameters: {Item: {type: 'String'}}, mainSteps: [{name: 'noop', action: 'aws:sleep', inputs: {Duration: 'PT0S'}}]});
    const id = await api().start({documentName: name, targetParameterName: 'Item', targets: [{key: 'ParameterValues', values: ['a', 'b', 'c']}], maxConcurrency: '2', maxErrors: '0'});
    const parent = await ended(id);
    expect(parent.status).toBe('Success');
    expect(parent.progress).toEqual({total: 3, success: 3, failed: 0, cancelled: 0, timedOut: 0});
    expect(parent.resolvedTargetCount).toBe(3);
    const kids = await api().listExecutions({filters: [{key: 'ParentExecutionId', values: [id]}]});
    expect(kids.executions.map((k) => k.parentExecutionId)).toEqual([id, id, id]);
  });

  it('approves a waiting step and stops a running execution', async () => {
    const name = await createRunbook(f.aws.ssm, {mainSteps: [
      {name: 'ok', action: 'aws:approve', inputs: {Approvers: ['me'], Message: 'go?'}},
      {name: 'wait', action: 'aws:sleep', inputs: {Duration: 'PT1H'}},
    ]});
    const id = await api().start({documentName: name});
    await waitFor(() => api().getExecution(id), (e) => e.status === 'Waiting');
    expect((await api().listExecutions({filters: AWAITING_APPROVAL})).executions.map((e) => e.executionId)).toEqual([id]);
    await api().signal(id, {type: 'Approve', comment: 'looks fine'});
    await waitFor(() => api().getExecution(id), (e) => e.currentStepName === 'wait');
    await api().stop(id);
    const done = await ended(id);
    expect(done.status).toBe('Cancelled');
    expect(done.steps.map((s) => `${s.stepName}:${s.status}`)).toEqual(['ok:Success', 'wait:Cancelled']);
    const again = await failure(api().stop(id));
    expect(again.kind).toBe('state');
    expect(again.code).toBe('InvalidAutomationStatusUpdateException');
  });
});

describe('errors and untrusted text', () => {
  it('maps SSM errors to kinds with a readable message', async () => {
    const missing = await failure(api().getExecution('00000000-0000-4000-8000-000000000000'));
    expect(missing.kind).toBe('not-found');
    const noRunbook = await failure(api().start({documentName: 'AWS-NoSuchRunbook'}));
    expect(noRunbook.kind).toBe('not-found');
    expect(noRunbook.message).toContain('AWS-NoSuchRunbook');
    const bad = await failure(api().start({documentName: 'AWS-RestartEC2Instance'}));
    expect(bad.kind).toBe('invalid');
  });

  it('sanitizes failure messages and outputs before they reach the app', async () => {
    const name = await createRunbook(f.aws.ssm, {mainSteps: [{name: 'py', action: 'aws:executeScript',
      inputs: {Runtime: 'python3.11', Handler: 'h', Script: 'def h(e, c):\n  raise RuntimeError("\\x1b[2J\\x1b]0;pwned\\x07gone")'}}]});
    const done = await ended(await api().start({documentName: name}));
    expect(done.status).toBe('Failed');
    const message = done.steps[0]?.failureMessage ?? '';
    expect(message).toContain('RuntimeError');
    expect(message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(done.failureMessage).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });
});
