// The real AWS CLI against the local fleet's Automation: start a runbook, approve it, read the execution and the
// history as `aws ssm … automation …` prints them (botocore parses every answer against SSM's model).
import {expect, it} from 'vitest';
import {awsCli} from '../../../helpers/aws-cli.js';
import {useLocalFleet} from '../../../helpers/local-fleet.js';
import {waitFor} from '../../../helpers/run-command.js';

const local = useLocalFleet({nodes: 20, seed: 'automation-cli'});
const aws = (args: string[]): Promise<unknown> => awsCli(local.fleet, args);

interface Execution {
  AutomationExecutionStatus: string;
  StepExecutions: {StepName: string; StepStatus: string; ExecutionStartTime?: string}[];
  /** Epoch seconds (CLI v1) or ISO text (CLI v2). */
  ExecutionStartTime: number | string;
}

it('`aws ssm start-automation-execution`, `send-automation-signal` and `get-automation-execution` drive an approval runbook', async () => {
  const instanceId = local.fleet.model.ec2Nodes().find((n) => n.ec2?.state === 'running')?.instanceId ?? '';
  const response = (await aws(['ssm', 'start-automation-execution', '--document-name', 'AWS-RestartEC2InstanceWithApproval',
    '--parameters', `InstanceId=${instanceId},Approvers=oncall,SNSTopicArn=arn:aws:sns:us-east-1:111122223333:AutomationApproval`])) as {AutomationExecutionId: string};
  const id = response.AutomationExecutionId;
  const get = async () => ((await aws(['ssm', 'get-automation-execution', '--automation-execution-id', id])) as {AutomationExecution: Execution}).AutomationExecution;
  const waiting = await waitFor(get, (e) => e.AutomationExecutionStatus === 'Waiting', 30_000);
  expect(waiting.StepExecutions.map((s) => `${s.StepName}:${s.StepStatus}`)).toEqual(['approve:Waiting', 'stopInstances:Pending', 'startInstances:Pending']);
  const started = typeof waiting.ExecutionStartTime === 'number' ? waiting.ExecutionStartTime * 1000 : Date.parse(waiting.ExecutionStartTime);
  expect(Math.abs(started - Date.now())).toBeLessThan(10 * 60_000);
  // The command prints nothing on success (so its output is no JSON); a refused signal would fail the command.
  const signalled = await aws(['ssm', 'send-automation-signal', '--automation-execution-id', id, '--signal-type', 'Reject', '--payload', 'Comment=not now'])
    .then(() => 'printed', (err: unknown) => (err instanceof SyntaxError ? 'ok' : String(err)));
  expect(signalled).toBe('ok');
  const done = await waitFor(get, (e) => e.AutomationExecutionStatus === 'Failed', 30_000);
  expect(done.StepExecutions.map((s) => `${s.StepName}:${s.StepStatus}`)).toEqual(['approve:Failed']);
  const listed = (await aws(['ssm', 'describe-automation-executions', '--filters', `Key=ExecutionId,Values=${id}`])) as {AutomationExecutionMetadataList: {AutomationExecutionStatus: string}[]};
  expect(listed.AutomationExecutionMetadataList.map((e) => e.AutomationExecutionStatus)).toEqual(['Failed']);
}, 120_000);
