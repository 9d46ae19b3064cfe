// Automation runbooks on the local fleet through the real SDK: step order, outputs passed between steps, aws:branch,
// onFailure (Abort, Continue, step:x) with isCritical, timeoutSeconds and aws:sleep on the fleet clock, maxAttempts.
import {CreateDocumentCommand, ListCommandsCommand, StopAutomationExecutionCommand} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {useFleetClients} from '../../../helpers/local-fleet.js';
import {fleetControlClient} from '../../../../src/local/control-client.js';
import {expectSdkError} from '../../../helpers/fleet-clients.js';
import {advanceClock, createRunbook, getExecution, ranSteps, start, stepOf, waitForEnd, waitForExecution} from '../../../helpers/automation.js';
import {linuxNodes} from '../../../helpers/run-command.js';

const ctx = useFleetClients({nodes: 30, seed: 'automation-engine'});
const ssm = () => ctx.aws.ssm;

const nap = (name: string, extra: object = {}): object => ({name, action: 'aws:sleep', inputs: {Duration: 'PT0S'}, ...extra});
const failing = (name: string, extra: object = {}): object => ({
  name, action: 'aws:assertAwsResourceProperty', ...extra,
  inputs: {Service: 'ssm', Api: 'DescribeDocument', Name: 'AWS-RunShellScript', PropertySelector: '$.Document.DocumentType', DesiredValues: ['Automation']},
});

describe('a runbook', () => {
  it('runs its steps in order and later steps read earlier outputs, parameters and the runbook outputs', async () => {
    const name = await createRunbook(ssm(), {
      parameters: {DocName: {type: 'String', default: 'AWS-RunShellScript'}, Names: {type: 'StringList'}},
      outputs: ['echo.Kind', 'describe.Type'],
      mainSteps: [
        {name: 'describe', action: 'aws:executeAwsApi', inputs: {Service: 'ssm', Api: 'DescribeDocument', Name: '{{ DocName }}'},
          outputs: [{Name: 'Type', Selector: '$.Document.DocumentType', Type: 'String'}, {Name: 'ParamNames', Selector: '$.Document.Parameters[*].Name', Type: 'StringList'}]},
        {name: 'check', action: 'aws:assertAwsResourceProperty',
          inputs: {Service: 'ssm', Api: 'DescribeDocument', Name: '{{ DocName }}', PropertySelector: '$.Document.Status', DesiredValues: ['Active']}},
        {name: 'echo', action: 'aws:executeScript',
          inputs: {Runtime: 'python3.11', Handler: 'handler', Script: 'def handler(events, context):\n  return {"kind": events["kind"], "n": len(events["names"])}',
            InputPayload: {kind: '{{ describe.Type }}', names: '{{ Names }}'}},
          outputs: [{Name: 'Kind', Selector: '$.Payload.kind', Type: 'String'}, {Name: 'Count', Selector: '$.Payload.n', Type: 'Integer'}]},
      ],
    });
    const id = await start(ssm(), {DocumentName: name, Parameters: {Names: ['a', 'b']}});
    const done = await waitForEnd(ssm(), id);
    expect(done.AutomationExecutionStatus, done.FailureMessage).toBe('Success');
    expect(ranSteps(done)).toEqual(['describe:Success', 'check:Success', 'echo:Success']);
    expect(stepOf(done, 'describe').Outputs?.['ParamNames']).toEqual(['commands', 'workingDirectory', 'executionTimeout']);
    expect(JSON.parse(stepOf(done, 'echo').Inputs?.['InputPayload'] ?? '{}')).toEqual({kind: 'Command', names: ['a', 'b']});
    expect(stepOf(done, 'echo').Outputs?.['Count']).toEqual(['2']);
    expect(done.Outputs).toEqual({'echo.Kind': ['Command'], 'describe.Type': ['Command']});
    expect(done.Parameters).toEqual({DocName: ['AWS-RunShellScript'], Names: ['a', 'b']});
    const starts = (done.StepExecutions ?? []).map((s) => s.ExecutionStartTime?.getTime() ?? 0);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('follows aws:branch: the first matching choice (And, Not, numeric), else Default', async () => {
    const name = await createRunbook(ssm(), {
      parameters: {Size: {type: 'Integer', default: 1}, Host: {type: 'String', default: ''}},
      mainSteps: [
        {name: 'choose', action: 'aws:branch', inputs: {
          Choices: [
            {NextStep: 'big', Variable: '{{ Size }}', NumericGreater: 10},
            {NextStep: 'web', And: [{Variable: '{{ Host }}', StartsWith: 'web'}, {Not: {Variable: '{{ Host }}', EndsWith: '-old'}}]},
          ],
          Default: 'fallback'}},
        nap('big', {isEnd: true}),
        nap('web', {isEnd: true}),
        nap('fallback'),
      ],
    });
    const run = async (parameters: Record<string, string[]>) => ranSteps(await waitForEnd(ssm(), await start(ssm(), {DocumentName: name, Parameters: parameters})));
    expect(await run({Size: ['11']})).toEqual(['choose:Success', 'big:Success']);
    expect(await run({Host: ['web-1']})).toEqual(['choose:Success', 'web:Success']);
    expect(await run({Host: ['web-1-old']})).toEqual(['choose:Success', 'fallback:Success']);
  });

  it('applies onFailure: Abort stops, Continue goes on (a critical failure still fails the run), step:x jumps', async () => {
    const flow = async (failStep: object) => {
      const name = await createRunbook(ssm(), {mainSteps: [failStep, nap('middle'), nap('recover')]});
      return waitForEnd(ssm(), await start(ssm(), {DocumentName: name}));
    };
    const aborted = await flow(failing('probe'));
    expect(ranSteps(aborted)).toEqual(['probe:Failed']);
    expect(aborted.AutomationExecutionStatus).toBe('Failed');
    expect(stepOf(aborted, 'probe').FailureMessage).toContain('Verification failed: $.Document.DocumentType is [Command]');
    expect(aborted.FailureMessage).toContain('Verification failed');

    const tolerated = await flow(failing('probe', {onFailure: 'Continue', isCritical: false}));
    expect(ranSteps(tolerated)).toEqual(['probe:Failed', 'middle:Success', 'recover:Success']);
    expect(tolerated.AutomationExecutionStatus).toBe('Success');

    const critical = await flow(failing('probe', {onFailure: 'Continue'}));
    expect(ranSteps(critical)).toEqual(['probe:Failed', 'middle:Success', 'recover:Success']);
    expect(critical.AutomationExecutionStatus).toBe('Failed');

    const jumped = await flow(failing('probe', {onFailure: 'step:recover', isCritical: false}));
    expect(ranSteps(jumped)).toEqual(['probe:Failed', 'recover:Success']);
    expect(jumped.AutomationExecutionStatus).toBe('Success');
  });

  it('sleeps and times out on the fleet clock: timeoutSeconds ends the step TimedOut and the run with it', async () => {
    const name = await createRunbook(ssm(), {mainSteps: [
      {name: 'short', action: 'aws:sleep', inputs: {Duration: 'PT10M'}},
      {name: 'long', action: 'aws:sleep', timeoutSeconds: 60, inputs: {Duration: 'PT1H'}},
      nap('never'),
    ]});
    const id = await start(ssm(), {DocumentName: name});
    await waitForExecution(ssm(), id, (e) => e.CurrentStepName === 'short');
    advanceClock(ctx.fleet, 10 * 60_000);
    await waitForExecution(ssm(), id, (e) => e.CurrentStepName === 'long');
    expect((await getExecution(ssm(), id)).AutomationExecutionStatus).toBe('InProgress');
    await fleetControlClient(ctx.fleet).advanceClock(61_000); // what e2e tests call over the wire
    const done = await waitForEnd(ssm(), id);
    expect(ranSteps(done)).toEqual(['short:Success', 'long:TimedOut']);
    expect(done.AutomationExecutionStatus).toBe('TimedOut');
    expect(stepOf(done, 'long').FailureMessage).toContain('timed out');
  });

  it('retries a failed step up to maxAttempts, each try a real Run Command', async () => {
    const node = linuxNodes(ctx.fleet)[0]?.instanceId ?? '';
    const script = 'n=$(cat tries-{{ Tag }} 2>/dev/null || echo 0); n=$((n+1)); echo $n > tries-{{ Tag }}; echo try $n; [ $n -ge 3 ]';
    const name = await createRunbook(ssm(), {
      parameters: {Tag: {type: 'String'}},
      mainSteps: [{name: 'flaky', action: 'aws:runCommand', maxAttempts: 3,
        inputs: {DocumentName: 'AWS-RunShellScript', InstanceIds: [node], Parameters: {commands: [script]}},
        outputs: [{Name: 'Said', Selector: '$.Output', Type: 'String'}]}],
    });
    const done = await waitForEnd(ssm(), await start(ssm(), {DocumentName: name, Parameters: {Tag: ['a']}}));
    expect(done.AutomationExecutionStatus, done.FailureMessage).toBe('Success');
    const step = stepOf(done, 'flaky');
    expect(step.Outputs?.['Output']?.[0]).toContain('try 3');
    const commandIds = (step.Response ?? '').replace('Command ids: ', '').split(', ');
    expect(commandIds).toHaveLength(3);
    const statuses = await Promise.all(commandIds.map(async (c) => (await ssm().send(new ListCommandsCommand({CommandId: c}))).Commands?.[0]?.Status));
    expect(statuses).toEqual(['Failed', 'Failed', 'Success']);
  });

  it('fails the step after its last attempt', async () => {
    const name = await createRunbook(ssm(), {mainSteps: [{...failing('probe'), maxAttempts: 2}, nap('after')]});
    const done = await waitForEnd(ssm(), await start(ssm(), {DocumentName: name}));
    expect(ranSteps(done)).toEqual(['probe:Failed']);
    expect(stepOf(done, 'probe').MaxAttempts).toBe(2);
  });
});

describe('the AWS API actions', () => {
  it('call EC2 on the local nodes: StopInstances, then waitForAwsResourceProperty until DescribeInstances says stopped', async () => {
    const instanceId = ctx.fleet.model.ec2Nodes().find((n) => n.ec2?.state === 'running')?.instanceId ?? '';
    const name = await createRunbook(ssm(), {
      parameters: {Id: {type: 'String'}},
      mainSteps: [
        {name: 'stop', action: 'aws:executeAwsApi', inputs: {Service: 'ec2', Api: 'StopInstances', InstanceIds: ['{{ Id }}']},
          outputs: [{Name: 'Was', Selector: '$.StoppingInstances[0].PreviousState.Name', Type: 'String'}]},
        {name: 'wait', action: 'aws:waitForAwsResourceProperty',
          inputs: {Service: 'ec2', Api: 'DescribeInstances', InstanceIds: ['{{ Id }}'], PropertySelector: '$.Reservations[0].Instances[0].State.Name', DesiredValues: ['stopped']}},
        {name: 'gone', action: 'aws:executeAwsApi', inputs: {Service: 'ec2', Api: 'describe_instances', InstanceIds: ['i-00000000000000000']}},
      ],
    });
    const id = await start(ssm(), {DocumentName: name, Parameters: {Id: [instanceId]}});
    await waitForExecution(ssm(), id, (e) => e.CurrentStepName === 'wait');
    expect(ctx.fleet.model.get(instanceId)?.ec2?.state).toBe('stopping');
    advanceClock(ctx.fleet, 11_000);
    const done = await waitForEnd(ssm(), id);
    expect(ranSteps(done)).toEqual(['stop:Success', 'wait:Success', 'gone:Failed']);
    expect(stepOf(done, 'stop').Outputs?.['Was']).toEqual(['running']);
    expect(stepOf(done, 'gone').FailureMessage).toBe("An error occurred (InvalidInstanceID.NotFound) when calling the DescribeInstances operation: The instance ID 'i-00000000000000000' does not exist");
  });
});

describe('aws:executeAutomation', () => {
  it('runs another runbook with its parameters and reads its outputs; stopping the parent stops the child', async () => {
    const inner = await createRunbook(ssm(), {
      parameters: {Who: {type: 'String'}}, outputs: ['hello.Said'],
      mainSteps: [{name: 'hello', action: 'aws:executeScript', inputs: {Runtime: 'python3.11', Handler: 'h', Script: 'def h(e, c):\n  return "hi " + e["who"]', InputPayload: {who: '{{ Who }}'}},
        outputs: [{Name: 'Said', Selector: '$.Payload', Type: 'String'}]}],
    });
    const outer = await createRunbook(ssm(), {mainSteps: [{name: 'call', action: 'aws:executeAutomation', inputs: {DocumentName: inner, RuntimeParameters: {Who: 'ops'}}}]});
    const done = await waitForEnd(ssm(), await start(ssm(), {DocumentName: outer}));
    expect(done.AutomationExecutionStatus, done.FailureMessage).toBe('Success');
    expect(JSON.parse(stepOf(done, 'call').Outputs?.['Output']?.[0] ?? '{}')).toEqual({'hello.Said': ['hi ops']});
    const child = await getExecution(ssm(), stepOf(done, 'call').Outputs?.['ExecutionId']?.[0] ?? '');
    expect(child.Parameters).toEqual({Who: ['ops']});

    const holding = await createRunbook(ssm(), {mainSteps: [{name: 'hold', action: 'aws:pause', inputs: {}}]});
    const parent = await createRunbook(ssm(), {mainSteps: [{name: 'call', action: 'aws:executeAutomation', inputs: {DocumentName: holding}}]});
    const id = await start(ssm(), {DocumentName: parent});
    const running = await waitForExecution(ssm(), id, (e) => (stepOf(e, 'call').Outputs?.['ExecutionId'] ?? []).length > 0);
    const childId = stepOf(running, 'call').Outputs?.['ExecutionId']?.[0] ?? '';
    await waitForExecution(ssm(), childId, (e) => e.AutomationExecutionStatus === 'Waiting');
    await ssm().send(new StopAutomationExecutionCommand({AutomationExecutionId: id}));
    expect((await waitForEnd(ssm(), id)).AutomationExecutionStatus).toBe('Cancelled');
    expect((await waitForEnd(ssm(), childId)).AutomationExecutionStatus).toBe('Cancelled');
  });
});

describe('runbook parameters', () => {
  it('are checked at start: types, allowed values and patterns matching the whole value', async () => {
    const name = await createRunbook(ssm(), {
      parameters: {Host: {type: 'String', allowedPattern: 'web-[0-9]+'}, Mode: {type: 'String', default: 'fast', allowedValues: ['fast', 'safe']}, Count: {type: 'Integer', default: 1}},
      mainSteps: [nap('a')],
    });
    const refused = (parameters: Record<string, string[]>) => expectSdkError(start(ssm(), {DocumentName: name, Parameters: parameters}), 'InvalidAutomationExecutionParametersException');
    await refused({Host: ['xweb-1']});
    await refused({Host: ['web-1'], Mode: ['slow']});
    await refused({Host: ['web-1'], Count: ['many']});
    await refused({Host: ['web-1'], Extra: ['x']});
    await refused({});
    const done = await waitForEnd(ssm(), await start(ssm(), {DocumentName: name, Parameters: {Host: ['web-12']}}));
    expect(done.Parameters).toEqual({Host: ['web-12'], Mode: ['fast'], Count: ['1']});
  });
});

describe('runbook content', () => {
  const create = (content: object) => ssm().send(new CreateDocumentCommand({
    Name: `Bad-Runbook-${Date.now().toString(36)}`, DocumentType: 'Automation', Content: JSON.stringify({schemaVersion: '0.3', ...content}),
  }));

  it('is checked by CreateDocument: step references, flow values and onCancel where it is not allowed', async () => {
    const e1 = await expectSdkError(create({mainSteps: [nap('a', {nextStep: 'nowhere'})]}), 'InvalidDocumentContent');
    expect(e1.message).toContain('"nowhere"');
    await expectSdkError(create({mainSteps: [nap('a', {onFailure: 'Retry'})]}), 'InvalidDocumentContent');
    await expectSdkError(create({mainSteps: [nap('a', {onCancel: 'step:b'}), nap('b')]}), 'InvalidDocumentContent');
    await expectSdkError(create({mainSteps: [nap('a'), nap('a')]}), 'InvalidDocumentContent');
    await expectSdkError(create({mainSteps: []}), 'InvalidDocumentContent');
  });
});
