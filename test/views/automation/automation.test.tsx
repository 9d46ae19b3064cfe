// The Automation views in the real App (Ink), with the real adapters over the local fleet: the executions list
// (seeded history, newest first, `/` filters), one execution's steps and a step's inputs and outputs; starting
// AWS-RestartEC2InstanceWithApproval from the documents view on marked instances (the form from its parameters and
// the equivalent aws line), approving its step with a comment, the run succeeding; a run waiting for approval loud
// in the header; stop; read-only refusals; audit.
import {describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../../src/store/store.js';
import type {Services} from '../../../src/views/view.js';
import {useFleetClients} from '../../helpers/local-fleet.js';
import {useAppRenderer} from '../../helpers/app.js';
import {FleetLoader} from '../../../src/aws/instances/fleet-loader.js';
import {runCommandApi} from '../../../src/aws/run-command/run-command-api.js';
import {documentsApi} from '../../../src/aws/documents/document-api.js';
import {automationApi} from '../../../src/aws/automation/automation-api.js';
import {readAudit} from '../../../src/audit.js';
import {linuxNodes} from '../../helpers/run-command.js';
import {createRunbook} from '../../helpers/automation.js';
import {usePrivateStateDir} from '../../helpers/state-dir.js';

const local = useFleetClients({nodes: 12, seed: 'automation-views'});
const renderApp = useAppRenderer();

usePrivateStateDir('fd-auto-');

async function setup(readOnly = false) {
  const store: AppStore = createAppStore({size: {cols: 180, rows: 44}});
  const loader = new FleetLoader(local.aws);
  const services: Services = {
    loadFleet: (o) => loader.load(o), runCommand: runCommandApi(local.aws), documents: documentsApi(local.aws),
    automation: automationApi(local.aws), identity: 'local', copy: (text) => copied.push(text),
  };
  const copied: string[] = [];
  const app = renderApp({store, services, readOnly, target: {kind: 'local', region: local.fleet.region, label: 'LOCAL FLEET'}});
  const frame = (pred: (s: string) => boolean, what: string, ms = 10_000) => app.frame(pred, what, ms);
  await frame((s) => /Managed instances [1-9]\d*\//.test(s), 'instances loaded');
  return {store, press: app.press, frame, copied};
}

describe('automation views', () => {
  it('lists the executions newest first with status, mode, who and the current step; filters; opens steps and a step', async () => {
    const {press, frame} = await setup();
    await press(':', ...'auto', '\r');
    const list = await frame((s) => /Automation executions \d+\/\d+/.test(s) && s.includes('AWS-RestartEC2InstanceWithApproval'), 'the executions');
    expect(list).toMatch(/RUNBOOK\s+STATUS\s+MODE\s+STARTED BY\s+STARTED\S*\s+ENDED/);
    expect(list).toMatch(/\d+ running · \d+ waiting · \d+ failed · \d+ success/);
    expect(list).toMatch(/Cancelled/);
    await press('/', ...'status:failed', '\r');
    const failed = await frame((s) => /Automation executions \d+\/\d+/.test(s) && !/\bSuccess\b/.test(s.split('\n').slice(3).join('\n')), 'only the failed ones');
    expect(failed).toMatch(/Failed/);
    await press('/', ...'runbook:AWS-RestartEC2InstanceWithApproval status:failed', '\r', '\r');
    const steps = await frame((s) => /Execution steps \S+ \d+\/\d+/.test(s) && s.includes('aws:approve'), 'the steps');
    expect(steps).toMatch(/#\s+STEP\s+ACTION\s+STATUS\s+START\s+END\s+DURATION/);
    expect(steps).toMatch(/AWS-RestartEC2InstanceWithApproval · Failed · Auto/);
    expect(steps).toContain('rejected by');
    await press('/', ...'action:aws:approve', '\r', '\r');
    const step = await frame((s) => s.includes('Inputs') && s.includes('Outputs') && s.includes('Action'), 'the step');
    expect(step).toMatch(/Action\s+aws:approve/);
    expect(step).toMatch(/Failure\s*\n\s+The step was rejected by/);
    expect(step).toMatch(/Inputs\s*\n(.*\n)*\s+Approvers\s+/);
  }, 30_000);

  it('starts a runbook with an approval step on two marked instances, approves it and sees it succeed; audited', async () => {
    const {store, press, frame, copied} = await setup();
    const [a = '', b = ''] = linuxNodes(local.fleet).slice(0, 2).map((n) => n.instanceId);
    await press('/', ...a, '\r', ' ', '/', ...b, '\r', ' ');
    await frame((s) => s.includes('2 marked'), 'two marked');
    await press(':', ...'docs', '\r');
    await frame((s) => /Documents \d+\//.test(s), 'documents');
    await press('/', ...'name:AWS-RestartEC2InstanceWithApproval', '\r', 'A');
    const form = await frame((s) => s.includes('Start AWS-RestartEC2InstanceWithApproval') && s.includes('SNSTopicArn'), 'the form');
    expect(form).toMatch(new RegExp(`InstanceId\\s+${a},${b}`));
    expect(form).toMatch(/StringList · required/);
    expect(form).toContain('✗ parameter "Approvers" is required');
    await press('p', ...'Approvers=arn:aws:iam::123456789012:user/alice', '\r', 'p', ...'SNSTopicArn=arn:aws:sns:us-east-1:123456789012:AutomationApproval', '\r');
    const ready = await frame((s) => s.includes('enter starts it'), 'the form complete');
    expect(ready).toContain(`$ aws ssm start-automation-execution --document-name 'AWS-RestartEC2InstanceWithApproval' --parameters '{"InstanceId":["${a}","${b}"]`);
    await press('y');
    await frame((s) => s.includes('copied the aws ssm start-automation-execution line'), 'copied');
    expect(copied[0]).toContain('"Approvers":["arn:aws:iam::123456789012:user/alice"]');
    await press('\r');
    await frame((s) => s.includes('Start AWS-RestartEC2InstanceWithApproval, Auto?'), 'the question');
    await press('y');
    await frame((s) => s.includes('WAITING FOR APPROVAL'), 'the execution waits for approval', 20_000);
    const id = store.getState().stack.at(-1)?.arg ?? '';
    await press('a');
    await frame((s) => s.includes('Comment for the approval'), 'the comment prompt');
    await press(...'go ahead', '\r');
    await frame((s) => s.includes('Approve step') && s.includes('of AWS-RestartEC2InstanceWithApproval?'), 'the approval question');
    await press('y');
    await frame((s) => s.includes('AWS-RestartEC2InstanceWithApproval · Success'), 'the execution succeeded', 30_000);
    const audit = readAudit();
    expect(audit.find((e) => e['action'] === 'StartAutomationExecution')).toMatchObject({executionId: id, runbook: 'AWS-RestartEC2InstanceWithApproval', via: 'dashboard'});
    expect(audit.find((e) => e['action'] === 'SendAutomationSignal:Approve')).toMatchObject({executionId: id, comment: 'go ahead'});
    await press('d');
    const detail = await frame((s) => s.includes('Started by') && s.includes('Parameters'), 'the execution detail');
    expect(detail).toMatch(/Status\s+Success/);
  }, 60_000);

  it('stops a running execution (asked, audited); read-only refuses start, approve and stop', async () => {
    const api = automationApi(local.aws);
    const [a = ''] = linuxNodes(local.fleet).slice(2, 3).map((n) => n.instanceId);
    const id = await api.start({documentName: 'AWS-RestartEC2InstanceWithApproval', parameters: {InstanceId: [a], Approvers: ['bob'], SNSTopicArn: ['arn:aws:sns:us-east-1:1:AutomationX']}});
    const {press, frame} = await setup();
    // Loud in the header from any view (here the instances view), from a small poll of runs waiting for approval.
    await frame((s) => s.split('\n')[0]?.includes('⏸ 1 runbook waiting for approval (:auto)') === true, 'the header says a run waits for approval');
    await press(':', ...'auto', '\r', '/', ...`id:${id}`, '\r');
    await frame((s) => s.includes('Waiting') && s.includes('approve'), 'the waiting execution');
    await press('c');
    await frame((s) => s.includes('Stop (cancel) AWS-RestartEC2InstanceWithApproval'), 'the question');
    await press('y');
    await frame((s) => s.includes('Cancelled'), 'cancelled', 20_000);
    expect(readAudit().find((e) => e['action'] === 'StopAutomationExecution')).toMatchObject({executionId: id, type: 'Cancel'});
    await frame((s) => !s.includes('waiting for approval'), 'the header quiet again', 15_000);
    const ro = await setup(true);
    await ro.press(':', ...'auto', '\r');
    await ro.frame((s) => /Automation executions \d+\/\d+/.test(s), 'the executions');
    await ro.press('s');
    await ro.frame((s) => s.includes('read-only mode: starting runbooks is off'), 'start refused');
    await ro.press('a');
    await ro.frame((s) => s.includes('read-only mode: approving or rejecting is off'), 'approve refused');
    await ro.press('c');
    await ro.frame((s) => s.includes('read-only mode: stopping executions is off'), 'stop refused');
  }, 40_000);

  it('Interactive: S runs the next step (suggested); e lists a rate-controlled run\'s children; R re-runs with the same parameters', async () => {
    const api = automationApi(local.aws);
    const name = await createRunbook(local.aws.ssm, {parameters: {Item: {type: 'String', default: 'x'}},
      mainSteps: [{name: 'first', action: 'aws:sleep', inputs: {Duration: 'PT0S'}}, {name: 'second', action: 'aws:sleep', inputs: {Duration: 'PT0S'}}]}, 'View-Runbook');
    const interactive = await api.start({documentName: name, mode: 'Interactive', parameters: {Item: ['one']}});
    const fanned = await api.start({documentName: name, targetParameterName: 'Item', targets: [{key: 'ParameterValues', values: ['a', 'b', 'c']}], maxConcurrency: '2', maxErrors: '0'});
    const {press, frame} = await setup();
    await press(':', ...'auto', '\r', '/', ...`id:${interactive}`, '\r', '\r');
    await frame((s) => s.includes(`${name} · Waiting · Interactive`), 'the interactive run waiting');
    await press('S');
    await frame((s) => s.includes('Step to run') && s.includes('first'), 'the next step suggested');
    await press('\r');
    await frame((s) => s.includes(`Run step first of ${name}?`), 'the question');
    await press('y');
    await frame((s) => /first\s+aws:sleep\s+Success/.test(s), 'the first step ran');
    expect(readAudit().find((e) => e['action'] === 'SendAutomationSignal:StartStep')).toMatchObject({executionId: interactive, step: 'first'});
    await press('R');
    const rerun = await frame((s) => s.includes(`Start ${name}`) && /Item\s+one/.test(s), 'the form filled from the run');
    expect(rerun).toMatch(/Mode\s+Interactive/);
    await press('\x1b', '\x1b', '/', ...`id:${fanned}`, '\r', 'e');
    const children = await frame((s) => /Child executions \S+ 3\/3/.test(s), 'the three children');
    expect(children.match(new RegExp(name, 'g'))?.length).toBeGreaterThanOrEqual(3);
  }, 40_000);
});
