// `fleetdeck automation` of the built CLI against a local fleet: a runbook with an approval step started on two
// instances (checked against its parameters first), listed as waiting, approved (audited), followed with --wait to
// Success and exit 0; a stopped run ends Cancelled with exit 3; a failed run exits 1; read-only refuses start.
import fs from 'node:fs';
import path from 'node:path';
import {SSMClient} from '@aws-sdk/client-ssm';
import {describe, expect, it} from 'vitest';
import {fleetCli, useLocalFleet} from '../helpers/local-fleet.js';
import {linuxNodes} from '../helpers/run-command.js';
import {advanceClock, createRunbook, waitForExecution} from '../helpers/automation.js';

const t = useLocalFleet({nodes: 12, seed: 'automation-headless'});

const cli = fleetCli(t);

const sdk = () => new SSMClient({region: t.fleet.region, endpoint: t.fleet.endpoint, credentials: t.fleet.credentials});
/** Runs the CLI while the fleet clock moves on, so instance stops and starts finish at once. */
async function withClock<T>(work: Promise<T>): Promise<T> {
  const ticker = setInterval(() => advanceClock(t.fleet, 5_000), 100);
  try {
    return await work;
  } finally {
    clearInterval(ticker);
  }
}

const APPROVAL = ['--parameter', 'Approvers=arn:aws:iam::123456789012:user/alice', '--parameter', 'SNSTopicArn=arn:aws:sns:us-east-1:123456789012:AutomationApproval'];

describe('fleetdeck automation', () => {
  it('starts a runbook with an approval step, lists it waiting, approves it and waits for Success (exit 0); audited', async () => {
    const [a = '', b = ''] = linuxNodes(t.fleet).slice(0, 2).map((n) => n.instanceId);
    const missing = await cli('automation', 'start', 'AWS-RestartEC2InstanceWithApproval', '--parameter', `InstanceId=${a}`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('parameter "Approvers" is required');
    const started = await cli('automation', 'start', 'AWS-RestartEC2InstanceWithApproval', '--parameter', `InstanceId=${a},${b}`, ...APPROVAL, '--output', 'json');
    expect(started.code).toBe(0);
    const id = (JSON.parse(started.stdout) as {AutomationExecutionId: string}).AutomationExecutionId;
    await waitForExecution(sdk(), id, (e) => e.AutomationExecutionStatus === 'Waiting');
    const waiting = JSON.parse((await cli('automation', 'ls', '--status', 'Waiting', '--output', 'json')).stdout) as {AutomationExecutionId: string; CurrentAction?: string}[];
    expect(waiting.find((e) => e.AutomationExecutionId === id)).toMatchObject({CurrentAction: 'aws:approve'});
    const approved = await cli('automation', 'approve', id, '--comment', 'go ahead');
    expect(approved).toMatchObject({code: 0, stdout: `approved ${id}\n`});
    const shown = await cli('automation', 'show', id, '--output', 'json');
    const detail = JSON.parse(shown.stdout) as {Parameters: Record<string, string[]>; StepExecutions: {StepName: string}[]};
    expect(detail.Parameters['InstanceId']).toEqual([a, b]);
    expect(detail.StepExecutions.map((s) => s.StepName)).toContain('approve');
    const [c = ''] = linuxNodes(t.fleet).slice(3, 4).map((n) => n.instanceId);
    const again = await withClock(cli('automation', 'start', 'AWS-RestartEC2Instance', '--parameter', `InstanceId=${c}`, '--wait'));
    expect(again, again.stdout + again.stderr).toMatchObject({code: 0});
    expect(again.stdout).toMatch(/^Status\s+Success$/m);
    expect(again.stdout).toMatch(/^startInstances\s+aws:changeInstanceState\s+Success/m);
    const audit = fs.readFileSync(path.join(t.stateDir, 'fleetdeck', 'audit.jsonl'), 'utf8');
    expect(audit).toContain(`"action":"StartAutomationExecution"`);
    expect(audit).toMatch(new RegExp(`"action":"SendAutomationSignal:Approve","identity":"[^"]+","executionId":"${id}","comment":"go ahead"`));
  }, 60_000);

  it('exit codes: a stopped run is cancelled (3), a failing runbook fails (1), --timeout gives up (4); read-only refuses start', async () => {
    const [a = ''] = linuxNodes(t.fleet).slice(2, 3).map((n) => n.instanceId);
    const waiting = await cli('automation', 'start', 'AWS-RestartEC2InstanceWithApproval', '--parameter', `InstanceId=${a}`, ...APPROVAL);
    const id = waiting.stdout.trim();
    await waitForExecution(sdk(), id, (e) => e.AutomationExecutionStatus === 'Waiting');
    expect((await cli('automation', 'start', 'AWS-RestartEC2InstanceWithApproval', '--parameter', `InstanceId=${a}`, ...APPROVAL, '--wait', '--timeout', '1')).code).toBe(4);
    const followed = cli('automation', 'show', id, '--wait');
    expect((await cli('automation', 'stop', id)).code).toBe(0);
    const cancelled = await followed;
    expect(cancelled.code).toBe(3);
    expect(cancelled.stdout).toMatch(/^Status\s+Cancelled$/m);
    const failing = await createRunbook(sdk(), {mainSteps: [{name: 'boom', action: 'aws:assertAwsResourceProperty', inputs: {Service: 'ssm', Api: 'DescribeDocument',
      Name: 'AWS-RunShellScript', PropertySelector: '$.Document.Status', DesiredValues: ['Deleted']}}]});
    const failed = await withClock(cli('automation', 'start', failing, '--wait'));
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^Status\s+Failed$/m);
    const ro = await cli('automation', 'start', 'AWS-RestartEC2Instance', '--parameter', `InstanceId=${a}`, '--read-only');
    expect(ro.code).not.toBe(0);
    expect(ro.stderr).toContain('read-only mode: starting runbooks is off');
  }, 60_000);
});
