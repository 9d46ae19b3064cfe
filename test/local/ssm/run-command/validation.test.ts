// Documents and Run Command request validation through the real SDK: SSM's error codes and Coral messages.

import {
  CancelCommandCommand,
  DescribeDocumentCommand,
  GetCommandInvocationCommand,
  GetDocumentCommand,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  ListDocumentsCommand,
  SendCommandCommand,
  type SendCommandCommandInput,
} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {rateValidationMessage} from '../../../../src/fleet/run-command/rate-control.js';
import {startLocalFleet, type FleetNode, type LocalFleet} from '../../../../src/local/index.js';
import {expectSdkError, fleetClients, type FleetClients} from '../../../helpers/fleet-clients.js';
import {linuxNodes, waitForCommand} from '../../../helpers/run-command.js';

let fleet: LocalFleet;
let c: FleetClients;
let linux: FleetNode[];

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 60, seed: 'run-command-validation'});
  c = fleetClients(fleet);
  linux = linuxNodes(fleet);
});
afterAll(async () => {
  await fleet.close();
});

const first = (): string => (linux[0] as FleetNode).instanceId;
const sendWith = (input: Partial<SendCommandCommandInput>): Promise<unknown> =>
  c.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript', InstanceIds: [first()], Parameters: {commands: ['true']}, ...input}));

describe('documents', () => {
  it('ListDocuments lists the five Amazon Command documents and filters them', async () => {
    const commands = [{Key: 'DocumentType', Values: ['Command']}];
    const all = await c.ssm.send(new ListDocumentsCommand({Filters: commands}));
    expect(all.DocumentIdentifiers?.map((d) => d.Name)).toEqual([
      'AWS-ConfigureAWSPackage', 'AWS-RunPatchBaseline', 'AWS-RunPowerShellScript', 'AWS-RunShellScript', 'AWS-UpdateSSMAgent',
    ]);
    expect(all.DocumentIdentifiers?.[3]).toMatchObject({Owner: 'Amazon', DocumentType: 'Command', SchemaVersion: '1.2', DocumentFormat: 'JSON', PlatformTypes: ['Linux', 'MacOS']});
    const run = await c.ssm.send(new ListDocumentsCommand({Filters: [{Key: 'Name', Values: ['AWS-Run']}, {Key: 'PlatformTypes', Values: ['Windows']}]}));
    expect(run.DocumentIdentifiers?.map((d) => d.Name)).toEqual(['AWS-RunPatchBaseline', 'AWS-RunPowerShellScript']);
    const paged = await c.ssm.send(new ListDocumentsCommand({Filters: commands, MaxResults: 2}));
    expect(paged.DocumentIdentifiers).toHaveLength(2);
    const rest = await c.ssm.send(new ListDocumentsCommand({Filters: commands, MaxResults: 50, NextToken: paged.NextToken}));
    expect(rest.DocumentIdentifiers).toHaveLength(3);
    expect(rest.NextToken).toBeUndefined();
    await expectSdkError(c.ssm.send(new ListDocumentsCommand({Filters: [{Key: 'Colour', Values: ['x']}]})), 'InvalidFilterKey');
    await expectSdkError(c.ssm.send(new ListDocumentsCommand({Filters: [{Key: 'Owner', Values: ['Amazon', 'Self']}]})), 'InvalidFilterKey');
  });

  it('DescribeDocument gives the parameters (no DefaultValue = required); GetDocument the content', async () => {
    const d = await c.ssm.send(new DescribeDocumentCommand({Name: 'AWS-RunShellScript'}));
    expect(d.Document).toMatchObject({Name: 'AWS-RunShellScript', Owner: 'Amazon', Status: 'Active', DocumentVersion: '1', LatestVersion: '1', DefaultVersion: '1', DocumentType: 'Command', SchemaVersion: '1.2'});
    expect(d.Document?.Parameters?.map((p) => [p.Name, p.Type, p.DefaultValue])).toEqual([
      ['commands', 'StringList', undefined], ['workingDirectory', 'String', ''], ['executionTimeout', 'String', '3600'],
    ]);
    const g = await c.ssm.send(new GetDocumentCommand({Name: 'arn:aws:ssm:us-east-1::document/AWS-RunShellScript'}));
    const content = JSON.parse(g.Content ?? '{}') as {runtimeConfig: Record<string, unknown>; parameters: Record<string, {allowedPattern?: string}>};
    expect(Object.keys(content.runtimeConfig)).toEqual(['aws:runShellScript']);
    expect(content.parameters['executionTimeout']?.allowedPattern).toBe('([1-9][0-9]{0,4})|(1[0-6][0-9]{4})|(17[0-1][0-9]{3})|(172[0-7][0-9]{2})|(172800)');
    await expectSdkError(c.ssm.send(new DescribeDocumentCommand({Name: 'AWS-Nope'})), 'InvalidDocument');
    await expectSdkError(c.ssm.send(new GetDocumentCommand({Name: 'AWS-RunShellScript', DocumentVersion: '7'})), 'InvalidDocumentVersion');
  });
});

describe('SendCommand validation', () => {
  it('InvalidDocument and InvalidDocumentVersion', async () => {
    await expectSdkError(sendWith({DocumentName: 'AWS-DoesNotExist'}), 'InvalidDocument');
    await expectSdkError(sendWith({DocumentVersion: '2'}), 'InvalidDocumentVersion');
  });

  it('InvalidParameters: missing required, unknown, allowedPattern, allowedValues, String with two values', async () => {
    await expectSdkError(sendWith({Parameters: {}}), 'InvalidParameters');
    await expectSdkError(sendWith({Parameters: {commands: ['true'], colour: ['red']}}), 'InvalidParameters');
    const pattern = await expectSdkError(sendWith({Parameters: {commands: ['true'], executionTimeout: ['172801']}}), 'InvalidParameters');
    expect(pattern.message).toContain('allowed pattern');
    await expectSdkError(sendWith({Parameters: {commands: ['true'], executionTimeout: ['1', '2']}}), 'InvalidParameters');
    await expectSdkError(sendWith({DocumentName: 'AWS-RunPatchBaseline', Parameters: {Operation: ['Reboot']}}), 'InvalidParameters');
    await expectSdkError(sendWith({DocumentName: 'AWS-RunPatchBaseline', Parameters: {}}), 'InvalidParameters');
  });

  it('InvalidInstanceId with SSM\'s message; DuplicateInstanceId; UnsupportedPlatformType for a named Windows node', async () => {
    const err = await expectSdkError(sendWith({InstanceIds: ['i-0123456789abcdef0']}), 'InvalidInstanceId');
    expect(err.message).toBe(`Instances [[i-0123456789abcdef0]] not in a valid state for account ${fleet.model.accountId}`);
    const stopped = fleet.model.all().find((n) => n.ec2?.state === 'stopped');
    if (stopped !== undefined) await expectSdkError(sendWith({InstanceIds: [stopped.instanceId]}), 'InvalidInstanceId');
    await expectSdkError(sendWith({InstanceIds: [first(), first()]}), 'DuplicateInstanceId');
    const win = fleet.model.managed().find((n) => n.platformType === 'Windows' && n.pingStatus === 'Online') as FleetNode;
    const plat = await expectSdkError(sendWith({InstanceIds: [win.instanceId]}), 'UnsupportedPlatformType');
    expect(plat.message).toBe(`Cannot perform operation for instance id ${win.instanceId} of platform type Windows`);
  });

  it('Coral ValidationException: MaxConcurrency/MaxErrors (rate-control\'s text), Comment, TimeoutSeconds, 51 ids', async () => {
    const mc = await expectSdkError(sendWith({MaxConcurrency: '0'}), 'ValidationException');
    expect(mc.message).toBe(rateValidationMessage('maxConcurrency', '0'));
    const me = await expectSdkError(sendWith({MaxErrors: '101%'}), 'ValidationException');
    expect(me.message).toBe(rateValidationMessage('maxErrors', '101%'));
    const comment = await expectSdkError(sendWith({Comment: 'x'.repeat(101)}), 'ValidationException');
    expect(comment.message).toContain("at 'comment' failed to satisfy constraint: Member must have length less than or equal to 100");
    const t = await expectSdkError(sendWith({TimeoutSeconds: 29}), 'ValidationException');
    expect(t.message).toBe("1 validation error detected: Value '29' at 'timeoutSeconds' failed to satisfy constraint: Member must have value greater than or equal to 30");
    await expectSdkError(sendWith({TimeoutSeconds: 2_592_001}), 'ValidationException');
    const ids = Array.from({length: 51}, (_, i) => `i-${String(i).padStart(17, '0')}`);
    const many = await expectSdkError(sendWith({InstanceIds: ids}), 'ValidationException');
    expect(many.message).toContain("at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to 50");
    const targets = Array.from({length: 6}, (_, i) => ({Key: `tag:K${i}`, Values: ['v']}));
    const six = await expectSdkError(sendWith({InstanceIds: undefined, Targets: targets}), 'ValidationException');
    expect(six.message).toContain("at 'targets' failed to satisfy constraint: Member must have length less than or equal to 5");
    const both = await expectSdkError(sendWith({MaxConcurrency: '0', Comment: 'x'.repeat(101)}), 'ValidationException');
    expect(both.message).toMatch(/^2 validation errors detected: /);
  });

  it('needs InstanceIds or Targets; Targets with no match ends Failed/NoInstancesInTag', async () => {
    await expectSdkError(c.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript', Parameters: {commands: ['true']}})), 'ValidationException');
    await expectSdkError(sendWith({Targets: [{Key: 'tag:Env', Values: ['prod']}]}), 'ValidationException'); // both: UNVERIFIED, we refuse
    const out = await c.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript', Targets: [{Key: 'tag:Nothing', Values: ['here']}], Parameters: {commands: ['true']}}));
    expect(await waitForCommand(c.ssm, out.Command?.CommandId ?? '')).toMatchObject({TargetCount: 0, Status: 'Failed', StatusDetails: 'NoInstancesInTag'});
  });
});

describe('reading and cancelling', () => {
  it('InvalidCommandId, InvocationDoesNotExist, InvalidPluginName', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expectSdkError(c.ssm.send(new GetCommandInvocationCommand({CommandId: unknown, InstanceId: first()})), 'InvalidCommandId');
    await expectSdkError(c.ssm.send(new ListCommandsCommand({CommandId: unknown})), 'InvalidCommandId');
    await expectSdkError(c.ssm.send(new CancelCommandCommand({CommandId: unknown})), 'InvalidCommandId');
    const out = await c.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript', InstanceIds: [first()], Parameters: {commands: ['true']}}));
    const id = out.Command?.CommandId ?? '';
    const other = (linux[1] as FleetNode).instanceId;
    await expectSdkError(c.ssm.send(new GetCommandInvocationCommand({CommandId: id, InstanceId: other})), 'InvocationDoesNotExist');
    await expectSdkError(c.ssm.send(new GetCommandInvocationCommand({CommandId: id, InstanceId: first(), PluginName: 'aws:runPowerShellScript'})), 'InvalidPluginName');
    await expectSdkError(c.ssm.send(new CancelCommandCommand({CommandId: id, InstanceIds: [other]})), 'InvalidInstanceId');
    await waitForCommand(c.ssm, id);
    await expect(c.ssm.send(new CancelCommandCommand({CommandId: id}))).resolves.toBeTruthy(); // best effort: a finished command is fine
  });

  it('ListCommands and ListCommandInvocations: newest first, filters, pages of MaxResults', async () => {
    const ids: string[] = [];
    for (const cmd of ['true', 'exit 4']) {
      const out = await c.ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript', InstanceIds: [(linux[2] as FleetNode).instanceId, (linux[3] as FleetNode).instanceId], MaxErrors: '100%', Parameters: {commands: [cmd]}}));
      ids.push(out.Command?.CommandId ?? '');
      await waitForCommand(c.ssm, ids[ids.length - 1] ?? '');
    }
    const listed = await c.ssm.send(new ListCommandsCommand({InstanceId: (linux[2] as FleetNode).instanceId}));
    expect(listed.Commands?.map((x) => x.CommandId)).toEqual([ids[1], ids[0]]);
    const failed = await c.ssm.send(new ListCommandsCommand({InstanceId: (linux[2] as FleetNode).instanceId, Filters: [{key: 'Status', value: 'Failed'}]}));
    expect(failed.Commands?.map((x) => x.CommandId)).toEqual([ids[1]]);
    const done = await c.ssm.send(new ListCommandsCommand({Filters: [{key: 'ExecutionStage', value: 'Complete'}, {key: 'DocumentName', value: 'AWS-RunShellScript'}]}));
    expect(done.Commands?.length).toBeGreaterThanOrEqual(2);
    const page1 = await c.ssm.send(new ListCommandInvocationsCommand({InstanceId: (linux[3] as FleetNode).instanceId, MaxResults: 1}));
    expect(page1.CommandInvocations?.[0]?.CommandId).toBe(ids[1]);
    const page2 = await c.ssm.send(new ListCommandInvocationsCommand({InstanceId: (linux[3] as FleetNode).instanceId, MaxResults: 1, NextToken: page1.NextToken}));
    expect(page2.CommandInvocations?.[0]?.CommandId).toBe(ids[0]);
    const byStatus = await c.ssm.send(new ListCommandInvocationsCommand({CommandId: ids[1], Filters: [{key: 'Status', value: 'Failed'}]}));
    expect(byStatus.CommandInvocations).toHaveLength(2);
    await expectSdkError(c.ssm.send(new ListCommandInvocationsCommand({Filters: [{key: 'ExecutionStage', value: 'Complete'}]})), 'InvalidFilterKey');
    await expectSdkError(c.ssm.send(new ListCommandsCommand({MaxResults: 51})), 'ValidationException');
    await expectSdkError(c.ssm.send(new ListCommandsCommand({NextToken: 'garbage'})), 'InvalidNextToken');
  });
});
