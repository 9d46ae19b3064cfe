// Automation in the built CLI under a real pty: AWS-RestartEC2InstanceWithApproval started from the documents view on
// two marked instances, seen waiting for approval (loud in the header), approved with a comment; the steps view
// follows the instances stopping and starting again, the execution ends in Success, and the audit file has the start
// and the approval.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {CLI_PATH, useTuis} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {linuxNodes} from '../helpers/run-command.js';

const spawn = useTuis();
const t = useLocalFleet({nodes: 12, seed: 'automation-e2e'});

describe('Automation', () => {
  it('starts a runbook with an approval step on two marked instances, approves it, follows the restart to Success', async () => {
    const chosen = linuxNodes(t.fleet).filter((n) => n.pingStatus === 'Online').slice(0, 2).map((n) => n.instanceId);
    for (const id of chosen) t.fleet.model.setTag(id, 'Restart', 'e2e');
    const tui = await spawn({args: [CLI_PATH, '--endpoint-url', t.fleet.endpoint, '--refresh', '1'], cols: 200, rows: 45, env: t.env()});
    await tui.waitForText(/Managed instances [1-9]\d*\//, {description: 'rows loaded'});
    const prompt = async (key: string, text: string) => {
      await tui.press(key);
      await tui.waitFor(() => tui.line(-2).startsWith(key === ':' ? ':' : '/'), {description: `the prompt of ${key}`});
      await tui.type(text);
      await tui.waitFor(() => tui.line(-2).includes(text), {description: `${text} typed`});
      await tui.press('enter');
      await tui.waitFor(() => !tui.line(-2).startsWith('/') && !tui.line(-2).startsWith(':'), {description: 'prompt closed'});
    };
    await prompt('/', 'tag:Restart=e2e');
    await tui.waitForText(/Managed instances 2\//, {description: 'the two instances'});
    await tui.press('ctrl-a');
    await tui.waitForText('2 marked', {description: 'both marked'});
    await prompt(':', 'docs');
    await tui.waitForText(/Documents \d+\/\d+/, {description: 'the documents'});
    await prompt('/', 'name:AWS-RestartEC2InstanceWithApproval');
    await tui.press('A');
    await tui.waitForText('SNSTopicArn', {description: 'the start form'});
    await prompt('p', 'Approvers=arn:aws:iam::123456789012:user/alice');
    await prompt('p', 'SNSTopicArn=arn:aws:sns:us-east-1:123456789012:AutomationApproval');
    await tui.waitForText('enter starts it', {description: 'the form complete'});
    expect(tui.screen()).toContain(`--parameters '{"InstanceId":["${chosen.join('","')}"]`);
    await tui.press('enter');
    await tui.waitForText('Start AWS-RestartEC2InstanceWithApproval, Auto?', {description: 'the question'});
    await tui.press('y');
    await tui.waitForText('WAITING FOR APPROVAL', {description: 'paused for approval', timeout: 20_000});
    await tui.waitForText('⏸ 1 runbook waiting for approval', {description: 'loud in the header', timeout: 20_000});
    await tui.press('a');
    await tui.waitForText('Comment for the approval', {description: 'the comment prompt'});
    await tui.type('restart approved');
    await tui.press('enter');
    await tui.waitForText(/Approve step \S+ of AWS-RestartEC2InstanceWithApproval\?/, {description: 'the approval question'});
    await tui.press('y');
    await tui.waitForText(/approved \S+ of AWS-RestartEC2InstanceWithApproval/, {description: 'approved'});
    // The steps view follows the restart live: both instances stopped, then started, and the run succeeds.
    await tui.waitFor((s) => /startInstances\s+aws:changeInstanceState\s+InProgress/.test(s), {description: 'the instances starting again', timeout: 60_000});
    await tui.waitForText('AWS-RestartEC2InstanceWithApproval · Success', {description: 'the run succeeded', timeout: 60_000});
    expect(tui.screen()).toMatch(/stopInstances\s+aws:changeInstanceState\s+Success/);
    await prompt(':', 'auto');
    await tui.waitFor((s) => /AWS-RestartEC2InstanceWithApproval\s+Success/.test(s), {description: 'listed as succeeded'});
    await tui.waitFor((s) => !s.includes('waiting for approval'), {description: 'the header quiet again', timeout: 20_000});
    const audit = fs.readFileSync(path.join(t.stateDir, 'fleetdeck', 'audit.jsonl'), 'utf8');
    expect(audit).toMatch(/"action":"StartAutomationExecution".*"runbook":"AWS-RestartEC2InstanceWithApproval"/);
    expect(audit).toMatch(/"action":"SendAutomationSignal:Approve".*"comment":"restart approved"/);
  }, 150_000);
});
