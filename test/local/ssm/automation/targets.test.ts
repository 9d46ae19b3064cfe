// Rate-controlled Automation over targets through the real SDK (child executions, MaxConcurrency, MaxErrors),
// AWS-RestartEC2Instance fanned out on InstanceId, aws:executeScript runtimes, the Amazon runbooks in the documents
// API, the seeded history with DescribeAutomationExecutions filters and paging, and StartAutomationExecution's checks.
import {
  DescribeAutomationExecutionsCommand, DescribeAutomationStepExecutionsCommand, DescribeDocumentCommand, ListDocumentsCommand,
  paginateDescribeAutomationExecutions, StopAutomationExecutionCommand, type AutomationExecutionFilter, type AutomationExecutionMetadata,
} from '@aws-sdk/client-ssm';
import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {useFleetClients} from '../../../helpers/local-fleet.js';
import {advanceClock, createRunbook, getExecution, ranSteps, start, stepOf, waitForEnd} from '../../../helpers/automation.js';
import {expectSdkError} from '../../../helpers/fleet-clients.js';
import {waitFor} from '../../../helpers/run-command.js';

const ctx = useFleetClients({nodes: 30, seed: 'automation-targets'});
const ssm = () => ctx.aws.ssm;

async function executions(filters: AutomationExecutionFilter[], pageSize = 50): Promise<AutomationExecutionMetadata[]> {
  const out: AutomationExecutionMetadata[] = [];
  for await (const page of paginateDescribeAutomationExecutions({client: ssm(), pageSize}, {Filters: filters})) out.push(...(page.AutomationExecutionMetadataList ?? []));
  return out;
}

const children = (parentId: string) => executions([{Key: 'ParentExecutionId', Values: [parentId]}]);

/** A runbook whose Target parameter fails the run when it starts with "bad" and otherwise sleeps five minutes. */
async function targetRunbook(): Promise<string> {
  return createRunbook(ssm(), {
    parameters: {Target: {type: 'String'}},
    mainSteps: [
      {name: 'route', action: 'aws:branch', inputs: {Choices: [{NextStep: 'fail', Variable: '{{ Target }}', StartsWith: 'bad'}], Default: 'work'}},
      {name: 'work', action: 'aws:sleep', inputs: {Duration: 'PT5M'}, isEnd: true},
      {name: 'fail', action: 'aws:assertAwsResourceProperty',
        inputs: {Service: 'ssm', Api: 'DescribeDocument', Name: 'AWS-RunShellScript', PropertySelector: '$.Document.Status', DesiredValues: ['Deleted']}},
    ],
  });
}

describe('a rate-controlled execution', () => {
  it('runs one child per target with the target as its parameter, never more than MaxConcurrency at once', async () => {
    const name = await targetRunbook();
    const targets = ['t1', 't2', 't3', 't4', 't5'];
    const id = await start(ssm(), {DocumentName: name, TargetParameterName: 'Target', Targets: [{Key: 'ParameterValues', Values: targets}], MaxConcurrency: '2', MaxErrors: '1'});
    let most = 0;
    const parent = await waitFor(async () => {
      const kids = await children(id);
      most = Math.max(most, kids.filter((k) => k.AutomationExecutionStatus === 'InProgress').length);
      const p = await getExecution(ssm(), id);
      if (kids.some((k) => k.AutomationExecutionStatus === 'InProgress')) advanceClock(ctx.fleet, 5 * 60_000);
      return p;
    }, (p) => p.AutomationExecutionStatus === 'Success', 20_000);
    expect(most).toBe(2);
    const kids = await children(id);
    expect(kids).toHaveLength(5);
    expect(kids.every((k) => k.AutomationExecutionStatus === 'Success' && k.ParentAutomationExecutionId === id)).toBe(true);
    const values = await Promise.all(kids.map(async (k) => (await getExecution(ssm(), k.AutomationExecutionId ?? '')).Parameters?.['Target']?.[0]));
    expect(values.sort()).toEqual(targets);
    expect(parent.ResolvedTargets?.ParameterValues).toEqual(targets);
    expect(parent.ProgressCounters).toMatchObject({TotalSteps: 5, SuccessSteps: 5, FailedSteps: 0});
    expect(parent.MaxConcurrency).toBe('2');
  });

  it('starts no new child once failures pass MaxErrors, and fails', async () => {
    const name = await targetRunbook();
    const id = await start(ssm(), {DocumentName: name, TargetParameterName: 'Target', Targets: [{Key: 'ParameterValues', Values: ['bad1', 'bad2', 'ok1', 'ok2']}], MaxConcurrency: '1', MaxErrors: '1'});
    const parent = await waitForEnd(ssm(), id);
    expect(parent.AutomationExecutionStatus).toBe('Failed');
    const kids = await children(id);
    expect(kids.map((k) => k.AutomationExecutionStatus)).toEqual(['Failed', 'Failed']);
    expect(parent.ProgressCounters).toMatchObject({TotalSteps: 4, FailedSteps: 2, SuccessSteps: 0});
  });

  it('restarts instances with AWS-RestartEC2Instance, one child per InstanceId target, the second once the first is done', async () => {
    const ids = ctx.fleet.model.ec2Nodes().filter((n) => n.ec2?.state === 'running').slice(0, 2).map((n) => n.instanceId);
    const id = await start(ssm(), {DocumentName: 'AWS-RestartEC2Instance', TargetParameterName: 'InstanceId', Targets: [{Key: 'InstanceIds', Values: ids}], MaxConcurrency: '2'});
    // The ramp: one target first, the next once it has completed (UG running-automations-scale-controls).
    await waitFor(async () => children(id), (kids) => kids.length === 1 && kids[0]?.CurrentStepName === 'stopInstances');
    expect(ids.map((i) => ctx.fleet.model.get(i)?.ec2?.state)).toEqual(['stopping', 'running']);
    const parent = await waitFor(async () => {
      advanceClock(ctx.fleet, 11_000);
      return getExecution(ssm(), id);
    }, (p) => p.AutomationExecutionStatus === 'Success');
    expect(parent.ProgressCounters?.SuccessSteps).toBe(2);
    for (const kid of await children(id)) expect(ranSteps(await getExecution(ssm(), kid.AutomationExecutionId ?? ''))).toEqual(['stopInstances:Success', 'startInstances:Success']);
    expect(ids.map((i) => ctx.fleet.model.get(i)?.ec2?.state)).toEqual(['running', 'running']);
  });

  it('refuses Targets without TargetParameterName, a TargetParameterName the runbook does not have, and TargetMaps', async () => {
    await expectSdkError(start(ssm(), {DocumentName: 'AWS-RestartEC2Instance', TargetMaps: [{InstanceId: ['i-0123456789abcdef0']}]}), 'ValidationException');
    await expectSdkError(start(ssm(), {DocumentName: 'AWS-RestartEC2Instance', Targets: [{Key: 'ParameterValues', Values: ['i-0123456789abcdef0']}]}), 'InvalidAutomationExecutionParametersException');
    await expectSdkError(start(ssm(), {DocumentName: 'AWS-RestartEC2Instance', TargetParameterName: 'Nope', Targets: [{Key: 'ParameterValues', Values: ['x']}]}), 'InvalidAutomationExecutionParametersException');
  });
});

describe('aws:executeScript', () => {
  const hasPwsh = (() => {
    try {
      execFileSync('pwsh', ['-Version'], {stdio: 'ignore'});
      return true;
    } catch {
      return false;
    }
  })();

  it('runs PowerShell when pwsh is on this machine and otherwise fails saying the runtime is missing', async () => {
    const name = await createRunbook(ssm(), {mainSteps: [{name: 'ps', action: 'aws:executeScript', inputs: {Runtime: 'PowerShell 7.4', Script: 'return @{ok = $true}'}}]});
    const done = await waitForEnd(ssm(), await start(ssm(), {DocumentName: name}));
    if (hasPwsh) expect(done.AutomationExecutionStatus).toBe('Success');
    else expect(stepOf(done, 'ps').FailureMessage).toBe('Runtime PowerShell 7.4 is not available on this machine: pwsh was not found on PATH.');
  });

  it('refuses the Python runtimes SSM no longer runs', async () => {
    const name = await createRunbook(ssm(), {mainSteps: [{name: 'old', action: 'aws:executeScript', inputs: {Runtime: 'python3.8', Handler: 'h', Script: 'def h(e, c):\n  return 1'}}]});
    const done = await waitForEnd(ssm(), await start(ssm(), {DocumentName: name}));
    expect(stepOf(done, 'old').FailureMessage).toBe('Runtime python3.8 is no longer supported: use python3.11 or later.');
  });

  it('fails with the script\'s own error', async () => {
    const name = await createRunbook(ssm(), {mainSteps: [{name: 'py', action: 'aws:executeScript',
      inputs: {Runtime: 'python3.11', Handler: 'main', Script: 'def main(events, context):\n  raise ValueError("disk is full")'}}]});
    const done = await waitForEnd(ssm(), await start(ssm(), {DocumentName: name}));
    expect(done.AutomationExecutionStatus).toBe('Failed');
    expect(stepOf(done, 'py').FailureMessage).toContain('ValueError: disk is full');
  });
});

describe('DescribeAutomationExecutions', () => {
  it('filters by tag key and by the action running now', async () => {
    const name = await createRunbook(ssm(), {mainSteps: [{name: 'hold', action: 'aws:pause', inputs: {}}]});
    const id = await start(ssm(), {DocumentName: name, Tags: [{Key: 'ticket', Value: 'INC-1'}]});
    await waitFor(() => getExecution(ssm(), id), (e) => e.AutomationExecutionStatus === 'Waiting');
    expect((await executions([{Key: 'TagKey', Values: ['ticket']}])).map((e) => e.AutomationExecutionId)).toEqual([id]);
    expect((await executions([{Key: 'CurrentAction', Values: ['aws:pause']}])).map((e) => e.AutomationExecutionId)).toEqual([id]);
    expect(await executions([{Key: 'CurrentAction', Values: ['aws:sleep']}, {Key: 'ExecutionId', Values: [id]}])).toEqual([]);
    await ssm().send(new StopAutomationExecutionCommand({AutomationExecutionId: id}));
    await waitForEnd(ssm(), id);
  });
});

describe('the Amazon runbooks and the execution history', () => {
  it('lists AWS-owned Automation documents with their parameters', async () => {
    const out = await ssm().send(new ListDocumentsCommand({Filters: [{Key: 'DocumentType', Values: ['Automation']}, {Key: 'Owner', Values: ['Amazon']}]}));
    const names = (out.DocumentIdentifiers ?? []).map((d) => d.Name);
    expect(names).toEqual(expect.arrayContaining(['AWS-RestartEC2Instance', 'AWS-StartEC2Instance', 'AWS-StopEC2Instance', 'AWS-RestartEC2InstanceWithApproval']));
    const doc = await ssm().send(new DescribeDocumentCommand({Name: 'AWS-RestartEC2Instance'}));
    expect(doc.Document?.DocumentType).toBe('Automation');
    expect(doc.Document?.SchemaVersion).toBe('0.3');
    expect((doc.Document?.Parameters ?? []).map((p) => `${p.Name}:${p.Type}`).sort()).toEqual(['AutomationAssumeRole:String', 'InstanceId:StringList']);
  });

  it('has past successes, failures and cancellations, filterable by status and runbook, newest first, in pages', async () => {
    const ended = await executions([{Key: 'ExecutionStatus', Values: ['Success', 'Failed', 'Cancelled']}]);
    expect(new Set(ended.map((e) => e.AutomationExecutionStatus))).toEqual(new Set(['Success', 'Failed', 'Cancelled']));
    const restarts = await executions([{Key: 'DocumentNamePrefix', Values: ['AWS-RestartEC2Instance']}, {Key: 'ExecutionStatus', Values: ['Cancelled']}]);
    expect(restarts.length).toBeGreaterThan(0);
    expect(restarts.every((e) => e.DocumentName?.startsWith('AWS-RestartEC2Instance') === true && e.AutomationExecutionStatus === 'Cancelled')).toBe(true);
    const all = await executions([{Key: 'AutomationType', Values: ['Local']}]);
    const paged = await executions([{Key: 'AutomationType', Values: ['Local']}], 2);
    expect(paged.map((e) => e.AutomationExecutionId)).toEqual(all.map((e) => e.AutomationExecutionId));
    // A run started between two pages does not shift the next page.
    const first = await ssm().send(new DescribeAutomationExecutionsCommand({MaxResults: 2}));
    const fresh = await start(ssm(), {DocumentName: 'AWS-StopEC2Instance', Parameters: {InstanceId: ['i-0123456789abcdef0']}});
    const next = await ssm().send(new DescribeAutomationExecutionsCommand({MaxResults: 2, NextToken: first.NextToken}));
    expect(next.AutomationExecutionMetadataList?.map((e) => e.AutomationExecutionId)).toEqual(all.slice(2, 4).map((e) => e.AutomationExecutionId));
    await waitForEnd(ssm(), fresh);
    const starts = all.map((e) => e.ExecutionStartTime?.getTime() ?? 0);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    const before = await executions([{Key: 'StartTimeBefore', Values: [new Date(Date.now() - 24 * 3_600_000).toISOString()]}]);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((e) => (e.ExecutionStartTime?.getTime() ?? Infinity) <= Date.now() - 24 * 3_600_000)).toBe(true);
    const failed = all.find((e) => e.AutomationExecutionStatus === 'Failed');
    const steps = await ssm().send(new DescribeAutomationStepExecutionsCommand({AutomationExecutionId: failed?.AutomationExecutionId ?? '', Filters: [{Key: 'StepExecutionStatus', Values: ['Failed']}]}));
    expect(steps.StepExecutions?.[0]?.FailureMessage).not.toBe('');
  });

  it('answers InvalidFilterKey, InvalidFilterValue and AutomationDefinitionNotFoundException as SSM does', async () => {
    await expectSdkError(ssm().send(new DescribeAutomationExecutionsCommand({Filters: [{Key: 'Colour' as 'ExecutionId', Values: ['x']}]})), 'InvalidFilterKey');
    await expectSdkError(ssm().send(new DescribeAutomationExecutionsCommand({Filters: [{Key: 'ExecutionStatus', Values: ['Sleeping']}]})), 'InvalidFilterValue');
    await expectSdkError(start(ssm(), {DocumentName: 'AWS-NoSuchRunbook'}), 'AutomationDefinitionNotFoundException');
    await expectSdkError(start(ssm(), {DocumentName: 'AWS-RunShellScript'}), 'AutomationDefinitionNotFoundException');
    await expectSdkError(start(ssm(), {DocumentName: 'AWS-RestartEC2Instance'}), 'InvalidAutomationExecutionParametersException');
  });

  it('returns the same execution for a repeated ClientToken and refuses it with other parameters', async () => {
    const token = '4f7b8c1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f';
    const instanceId = ctx.fleet.model.ec2Nodes().find((n) => n.ec2?.state === 'stopped')?.instanceId ?? '';
    const first = await start(ssm(), {DocumentName: 'AWS-StartEC2Instance', Parameters: {InstanceId: [instanceId]}, ClientToken: token});
    expect(await start(ssm(), {DocumentName: 'AWS-StartEC2Instance', Parameters: {InstanceId: [instanceId]}, ClientToken: token})).toBe(first);
    await expectSdkError(start(ssm(), {DocumentName: 'AWS-StartEC2Instance', Parameters: {InstanceId: ['i-0123456789abcdef0']}, ClientToken: token}), 'IdempotentParameterMismatch');
  });
});
