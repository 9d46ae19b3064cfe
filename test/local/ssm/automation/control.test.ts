// Acting on running executions through the real SDK: StopAutomationExecution mid-step (the step's Run Command is
// cancelled, onCancel runs), approving and rejecting an aws:approve step of AWS-RestartEC2InstanceWithApproval (the
// instance stops and starts as EC2 DescribeInstances shows), Interactive mode's StartStep/StopStep, aws:pause and
// Resume, and the errors SSM answers with.
import {DescribeInstancesCommand} from '@aws-sdk/client-ec2';
import {ListCommandsCommand, SendAutomationSignalCommand, SSMClient, StopAutomationExecutionCommand} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {useFleetClients} from '../../../helpers/local-fleet.js';
import {fleetControlClient} from '../../../../src/local/control-client.js';
import {advanceClock, createRunbook, getExecution, ranSteps, start, stepOf, waitForEnd, waitForExecution} from '../../../helpers/automation.js';
import {expectSdkError, fleetClients} from '../../../helpers/fleet-clients.js';
import {linuxNodes, waitFor} from '../../../helpers/run-command.js';

const ctx = useFleetClients({nodes: 30, seed: 'automation-control'});
const ssm = () => ctx.aws.ssm;

const signal = (id: string, type: 'Approve' | 'Reject' | 'StartStep' | 'StopStep' | 'Resume', payload: Record<string, string[]> = {}) =>
  ssm().send(new SendAutomationSignalCommand({AutomationExecutionId: id, SignalType: type, Payload: payload}));

const describeDoc = (name: string): object => ({name, action: 'aws:executeAwsApi', inputs: {Service: 'ssm', Api: 'DescribeDocument', Name: 'AWS-RunShellScript'}});

function runningEc2(): string[] {
  return ctx.fleet.model.ec2Nodes().filter((n) => n.ec2?.state === 'running').map((n) => n.instanceId);
}

async function ec2State(instanceId: string): Promise<string> {
  const out = await fleetClients(ctx.fleet).ec2.send(new DescribeInstancesCommand({InstanceIds: [instanceId]}));
  return out.Reservations?.[0]?.Instances?.[0]?.State?.Name ?? '';
}

describe('StopAutomationExecution', () => {
  it('cancels the running step and its Run Command, then runs the onCancel step', async () => {
    const node = linuxNodes(ctx.fleet)[0]?.instanceId ?? '';
    const name = await createRunbook(ssm(), {mainSteps: [
      {name: 'work', action: 'aws:runCommand', onCancel: 'step:cleanup', inputs: {DocumentName: 'AWS-RunShellScript', InstanceIds: [node], Parameters: {commands: ['sleep 30']}}},
      describeDoc('next'),
      describeDoc('cleanup'),
    ]});
    const id = await start(ssm(), {DocumentName: name});
    const running = await waitForExecution(ssm(), id, (e) => (stepOf(e, 'work').Response ?? '') !== '');
    const commandId = (stepOf(running, 'work').Response ?? '').replace('Command ids: ', '');
    await waitFor(async () => (await ssm().send(new ListCommandsCommand({CommandId: commandId}))).Commands?.[0]?.Status, (s) => s === 'InProgress');
    await ssm().send(new StopAutomationExecutionCommand({AutomationExecutionId: id, Type: 'Cancel'}));
    const done = await waitForEnd(ssm(), id);
    expect(done.AutomationExecutionStatus).toBe('Cancelled');
    expect(ranSteps(done)).toEqual(['work:Cancelled', 'cleanup:Success']);
    const cmd = (await ssm().send(new ListCommandsCommand({CommandId: commandId}))).Commands?.[0];
    expect(cmd?.Status).toBe('Cancelled');
    await expectSdkError(ssm().send(new StopAutomationExecutionCommand({AutomationExecutionId: id})), 'InvalidAutomationStatusUpdateException');
  });

  it('answers AutomationExecutionNotFoundException for an unknown execution', async () => {
    await expectSdkError(ssm().send(new StopAutomationExecutionCommand({AutomationExecutionId: '00000000-0000-4000-8000-000000000000'})), 'AutomationExecutionNotFoundException');
  });
});

describe('aws:approve in AWS-RestartEC2InstanceWithApproval', () => {
  const params = (instanceId: string) => ({
    InstanceId: [instanceId], Approvers: ['arn:aws:iam::111122223333:user/oncall'], SNSTopicArn: ['arn:aws:sns:us-east-1:111122223333:AutomationApproval'],
  });

  it('waits for approval, then stops and starts the instance through EC2 states DescribeInstances shows', async () => {
    const instanceId = runningEc2()[0] ?? '';
    const id = await start(ssm(), {DocumentName: 'AWS-RestartEC2InstanceWithApproval', Parameters: params(instanceId)});
    const waiting = await waitForExecution(ssm(), id, (e) => e.AutomationExecutionStatus === 'Waiting');
    expect(waiting.CurrentStepName).toBe('approve');
    expect(stepOf(waiting, 'approve').StepStatus).toBe('Waiting');
    expect(await ec2State(instanceId)).toBe('running');
    await expectSdkError(signal(id, 'Resume'), 'InvalidAutomationSignalException');

    await signal(id, 'Approve', {Comment: ['go ahead']});
    await waitForExecution(ssm(), id, (e) => e.CurrentStepName === 'stopInstances');
    expect(await ec2State(instanceId)).toBe('stopping');
    advanceClock(ctx.fleet, 11_000);
    await waitFor(() => ec2State(instanceId), (s) => s === 'stopped' || s === 'pending');
    await waitForExecution(ssm(), id, (e) => e.CurrentStepName === 'startInstances');
    expect(await ec2State(instanceId)).toBe('pending');
    advanceClock(ctx.fleet, 11_000);
    const done = await waitForEnd(ssm(), id);
    expect(done.AutomationExecutionStatus, done.FailureMessage).toBe('Success');
    expect(ranSteps(done)).toEqual(['approve:Success', 'stopInstances:Success', 'startInstances:Success']);
    expect(stepOf(done, 'approve').Outputs?.['ApprovalStatus']).toEqual(['Approved']);
    expect(await ec2State(instanceId)).toBe('running');
    expect(ctx.fleet.model.get(instanceId)?.pingStatus).toBe('Online');
  });

  it('fails the run on Reject, with the comment, and leaves the instance alone', async () => {
    const instanceId = runningEc2()[1] ?? '';
    const id = await start(ssm(), {DocumentName: 'AWS-RestartEC2InstanceWithApproval', Parameters: params(instanceId)});
    await waitForExecution(ssm(), id, (e) => e.AutomationExecutionStatus === 'Waiting');
    await signal(id, 'Reject', {Comment: ['not now']});
    const done = await waitForEnd(ssm(), id);
    expect(done.AutomationExecutionStatus).toBe('Failed');
    expect(ranSteps(done)).toEqual(['approve:Failed']);
    expect(stepOf(done, 'approve').FailureMessage).toContain('not now');
    expect(stepOf(done, 'approve').Outputs?.['ApprovalStatus']).toEqual(['Rejected']);
    expect(await ec2State(instanceId)).toBe('running');
    await expectSdkError(signal(id, 'Approve'), 'InvalidAutomationSignalException');
  });
});

describe('approvals from several operators', () => {
  it('counts one approval per principal toward MinRequiredApprovals and records who started and who approved', async () => {
    const alice = await fleetControlClient(ctx.fleet).createCaller('alice');
    const aliceSsm = new SSMClient({endpoint: ctx.fleet.endpoint, region: ctx.fleet.region, maxAttempts: 1, credentials: alice.credentials});
    try {
      const name = await createRunbook(ssm(), {mainSteps: [{name: 'two', action: 'aws:approve', inputs: {Approvers: ['ops'], MinRequiredApprovals: 2}}, describeDoc('after')]});
      const id = await start(aliceSsm, {DocumentName: name});
      expect((await waitForExecution(ssm(), id, (e) => e.AutomationExecutionStatus === 'Waiting')).ExecutedBy).toBe(alice.arn);
      await signal(id, 'Approve');
      await signal(id, 'Approve');
      expect((await getExecution(ssm(), id)).AutomationExecutionStatus).toBe('Waiting');
      await aliceSsm.send(new SendAutomationSignalCommand({AutomationExecutionId: id, SignalType: 'Approve', Payload: {Comment: ['ok from alice']}}));
      const done = await waitForEnd(ssm(), id);
      expect(ranSteps(done)).toEqual(['two:Success', 'after:Success']);
      const decisions = (stepOf(done, 'two').Outputs?.['ApproverDecisions'] ?? []).map((d) => JSON.parse(d) as {approver: string; comment: string});
      expect(decisions.map((d) => d.approver)).toEqual([`arn:aws:iam::${ctx.fleet.model.accountId}:user/fleetdeck`, `arn:aws:iam::${ctx.fleet.model.accountId}:user/fleetdeck`, alice.arn]);
      expect(decisions[2]?.comment).toBe('ok from alice');
    } finally {
      aliceSsm.destroy();
    }
  });
});

describe('Interactive mode', () => {
  it('runs a step only on StartStep, waits between steps and stops one step on StopStep', async () => {
    const name = await createRunbook(ssm(), {mainSteps: [
      describeDoc('first'),
      {name: 'slow', action: 'aws:sleep', inputs: {Duration: 'PT1H'}},
      {...describeDoc('last'), isEnd: true},
    ]});
    const id = await start(ssm(), {DocumentName: name, Mode: 'Interactive'});
    const idle = await waitForExecution(ssm(), id, (e) => e.AutomationExecutionStatus === 'Waiting');
    expect(idle.Mode).toBe('Interactive');
    expect((idle.StepExecutions ?? []).map((s) => `${s.StepName}:${s.StepStatus}`)).toEqual(['first:Pending', 'slow:Pending', 'last:Pending']);
    await expectSdkError(signal(id, 'StartStep', {StepName: ['nope']}), 'AutomationStepNotFoundException');

    await signal(id, 'StartStep', {StepName: ['first']});
    await waitForExecution(ssm(), id, (e) => e.AutomationExecutionStatus === 'Waiting' && ranSteps(e).length === 1);
    await signal(id, 'StartStep', {StepName: ['slow']});
    const sleeping = await waitForExecution(ssm(), id, (e) => e.CurrentStepName === 'slow');
    await expectSdkError(signal(id, 'StartStep', {StepName: ['last']}), 'InvalidAutomationSignalException');
    await signal(id, 'StopStep', {StepExecutionId: [stepOf(sleeping, 'slow').StepExecutionId ?? '']});
    const stopped = await waitForExecution(ssm(), id, (e) => e.AutomationExecutionStatus === 'Waiting' && ranSteps(e).length === 2);
    expect(ranSteps(stopped)).toEqual(['first:Success', 'slow:Cancelled']);

    await signal(id, 'StartStep', {StepName: ['last']});
    const done = await waitForEnd(ssm(), id);
    expect(done.AutomationExecutionStatus).toBe('Success');
    expect(ranSteps(done)).toEqual(['first:Success', 'slow:Cancelled', 'last:Success']);
  });
});

describe('aws:pause', () => {
  it('waits until Resume', async () => {
    const name = await createRunbook(ssm(), {mainSteps: [{name: 'hold', action: 'aws:pause', inputs: {}}, describeDoc('after')]});
    const id = await start(ssm(), {DocumentName: name});
    await waitForExecution(ssm(), id, (e) => e.AutomationExecutionStatus === 'Waiting' && e.CurrentStepName === 'hold');
    await expectSdkError(signal(id, 'Approve'), 'InvalidAutomationSignalException');
    await signal(id, 'Resume');
    const done = await waitForEnd(ssm(), id);
    expect(ranSteps(done)).toEqual(['hold:Success', 'after:Success']);
    expect((await getExecution(ssm(), id)).AutomationExecutionStatus).toBe('Success');
  });
});

describe('StopAutomationExecution Type Complete', () => {
  it('ends the run where it stands, as a success, without running the remaining steps', async () => {
    const name = await createRunbook(ssm(), {mainSteps: [{name: 'hold', action: 'aws:pause', inputs: {}}, describeDoc('after')]});
    const id = await start(ssm(), {DocumentName: name});
    await waitForExecution(ssm(), id, (e) => e.AutomationExecutionStatus === 'Waiting');
    await ssm().send(new StopAutomationExecutionCommand({AutomationExecutionId: id, Type: 'Complete'}));
    const done = await waitForEnd(ssm(), id);
    expect(done.AutomationExecutionStatus).toBe('Success');
    expect(ranSteps(done)).toEqual(['hold:Cancelled']);
  });
});

describe('the concurrency quota', () => {
  it('queues executions past 100 running as Pending and starts them as slots free up', async () => {
    const name = await createRunbook(ssm(), {mainSteps: [{name: 'hold', action: 'aws:pause', inputs: {}}]});
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push(await start(ssm(), {DocumentName: name}));
    const extra = await start(ssm(), {DocumentName: name});
    expect((await getExecution(ssm(), extra)).AutomationExecutionStatus).toBe('Pending');
    await signal(ids[0] ?? '', 'Resume');
    await waitForExecution(ssm(), extra, (e) => e.AutomationExecutionStatus === 'Waiting');
    const queued = await start(ssm(), {DocumentName: name});
    await ssm().send(new StopAutomationExecutionCommand({AutomationExecutionId: queued}));
    expect((await getExecution(ssm(), queued)).AutomationExecutionStatus).toBe('Cancelled');
    for (const id of [...ids.slice(1), extra]) await ssm().send(new StopAutomationExecutionCommand({AutomationExecutionId: id}));
    await waitForEnd(ssm(), extra);
  });
});
