import {
  CreateAssociationCommand,
  CreateDocumentCommand,
  DeleteAssociationCommand,
  DeleteDocumentCommand,
  DescribeAssociationCommand,
  DescribeAssociationExecutionsCommand,
  DescribeAssociationExecutionTargetsCommand,
  DescribeInstanceAssociationsStatusCommand,
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  ListAssociationsCommand,
  ListAssociationVersionsCommand,
  ListComplianceItemsCommand,
  StartAssociationsOnceCommand,
  UpdateAssociationCommand,
  UpdateDocumentCommand,
  UpdateDocumentDefaultVersionCommand,
  type AssociationExecution,
  type AssociationExecutionTarget,
} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../../src/local/index.js';
import {fleetControlClient} from '../../../../src/local/control-client.js';
import {associationStore} from '../../../../src/local/ssm/associations/association-store.js';
import {expectSdkError, fleetClients, type FleetClients} from '../../../helpers/fleet-clients.js';
import {linuxNodes, waitFor} from '../../../helpers/run-command.js';

let fleet: LocalFleet;
let c: FleetClients;
let ids: string[];

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 40, seed: 'associations-tests'});
  c = fleetClients(fleet);
  ids = linuxNodes(fleet).slice(0, 4).map((n) => n.instanceId);
  for (const id of ids) fleet.model.setTag(id, 'Tier', 'assoc-test');
});
afterAll(async () => {
  await fleet.close();
});

const MINUTE = 60_000;
const GREETING = 'schemaVersion: "2.2"\ndescription: greets\nparameters:\n  who:\n    type: String\n    default: world\nmainSteps:\n  - action: aws:runShellScript\n    name: greet\n    inputs:\n      runCommand:\n        - echo "hello {{ who }}"\n';

async function executions(associationId: string): Promise<AssociationExecution[]> {
  return (await c.ssm.send(new DescribeAssociationExecutionsCommand({AssociationId: associationId}))).AssociationExecutions ?? [];
}

async function targets(associationId: string, executionId: string): Promise<AssociationExecutionTarget[]> {
  return (await c.ssm.send(new DescribeAssociationExecutionTargetsCommand({AssociationId: associationId, ExecutionId: executionId}))).AssociationExecutionTargets ?? [];
}

/** Waits until the association has `count` executions and the newest one has ended. */
async function settled(associationId: string, count = 1): Promise<AssociationExecution> {
  const list = await waitFor(() => executions(associationId), (l) => l.length >= count && (l[0]?.Status === 'Success' || l[0]?.Status === 'Failed'));
  return list[0] as AssociationExecution;
}

async function associationCompliance(instanceId: string, associationId: string): Promise<string | undefined> {
  const out = await c.ssm.send(new ListComplianceItemsCommand({ResourceIds: [instanceId], ResourceTypes: ['ManagedInstance'], Filters: [{Key: 'ComplianceType', Values: ['Association']}]}));
  return out.ComplianceItems?.find((i) => i.Id === associationId)?.Status;
}

describe('associations: apply, executions, targets, compliance', () => {
  it('runs on a tag target when created, reports every target, and the compliance view follows; a broken version flips it', async () => {
    const created = await c.ssm.send(new CreateAssociationCommand({
      Name: 'AWS-RunShellScript', AssociationName: 'marker-file', Targets: [{Key: 'tag:Tier', Values: ['assoc-test']}],
      Parameters: {commands: ['echo "desired state on $AWS_SSM_INSTANCE_ID"']}, ScheduleExpression: 'rate(1 day)', ComplianceSeverity: 'HIGH',
    }));
    const a = created.AssociationDescription;
    const id = a?.AssociationId ?? '';
    expect(a).toMatchObject({Name: 'AWS-RunShellScript', AssociationName: 'marker-file', AssociationVersion: '1', ScheduleExpression: 'rate(1 day)', ComplianceSeverity: 'HIGH'});

    const ex = await settled(id);
    expect(ex).toMatchObject({AssociationId: id, AssociationVersion: '1', Status: 'Success', ResourceCountByStatus: `{Success=${ids.length}}`});
    const t = await targets(id, ex.ExecutionId ?? '');
    expect(t.map((x) => x.ResourceId).sort()).toEqual([...ids].sort());
    for (const x of t) expect(x).toMatchObject({Status: 'Success', ResourceType: 'ManagedInstance', OutputSource: {OutputSourceType: 'RunCommand'}});
    // The output source is a Run Command command: its invocation holds what the node printed.
    const first = t[0] as AssociationExecutionTarget;
    const inv = await c.ssm.send(new GetCommandInvocationCommand({CommandId: first.OutputSource?.OutputSourceId, InstanceId: first.ResourceId}));
    expect(inv.StandardOutputContent).toBe(`desired state on ${first.ResourceId}\n`);

    const node = ids[0] as string;
    await waitFor(() => associationCompliance(node, id), (s) => s === 'COMPLIANT');
    const status = await c.ssm.send(new DescribeInstanceAssociationsStatusCommand({InstanceId: node}));
    expect(status.InstanceAssociationStatusInfos?.find((s) => s.AssociationId === id)).toMatchObject({Name: 'AWS-RunShellScript', Status: 'Success', AssociationName: 'marker-file'});
    const listed = await c.ssm.send(new ListAssociationsCommand({AssociationFilterList: [{key: 'AssociationName', value: 'marker-file'}]}));
    expect(listed.Associations?.[0]?.Overview).toMatchObject({Status: 'Success', AssociationStatusAggregatedCount: {Success: ids.length}});

    // A new version that breaks the node: it runs at once, and the node turns non-compliant and Failed.
    const updated = await c.ssm.send(new UpdateAssociationCommand({
      AssociationId: id, Name: 'AWS-RunShellScript', AssociationName: 'marker-file', Targets: [{Key: 'tag:Tier', Values: ['assoc-test']}],
      Parameters: {commands: ['echo broken >&2; exit 3']}, ScheduleExpression: 'rate(1 day)', ComplianceSeverity: 'HIGH',
    }));
    expect(updated.AssociationDescription?.AssociationVersion).toBe('2');
    const broken = await settled(id, 2);
    expect(broken).toMatchObject({AssociationVersion: '2', Status: 'Failed', ResourceCountByStatus: `{Failed=${ids.length}}`});
    await waitFor(() => associationCompliance(node, id), (s) => s === 'NON_COMPLIANT');
    const item = (await c.ssm.send(new ListComplianceItemsCommand({ResourceIds: [node], ResourceTypes: ['ManagedInstance'], Filters: [{Key: 'ComplianceType', Values: ['Association']}]}))).ComplianceItems?.find((i) => i.Id === id);
    expect(item).toMatchObject({Severity: 'HIGH', Title: 'marker-file', ExecutionSummary: {ExecutionId: broken.ExecutionId}});
    const info = await c.ssm.send(new DescribeInstanceInformationCommand({Filters: [{Key: 'InstanceIds', Values: [node]}]}));
    expect(info.InstanceInformationList?.[0]?.AssociationStatus).toBe('Failed');

    const versions = await c.ssm.send(new ListAssociationVersionsCommand({AssociationId: id}));
    expect(versions.AssociationVersions?.map((v) => [v.AssociationVersion, v.Parameters?.['commands']?.[0]])).toEqual([['1', 'echo "desired state on $AWS_SSM_INSTANCE_ID"'], ['2', 'echo broken >&2; exit 3']]);
    const old = await c.ssm.send(new DescribeAssociationCommand({AssociationId: id, AssociationVersion: '1'}));
    expect(old.AssociationDescription?.Parameters?.['commands']).toEqual(['echo "desired state on $AWS_SSM_INSTANCE_ID"']);

    // Fixed again: applied now, the node is compliant again.
    await c.ssm.send(new UpdateAssociationCommand({
      AssociationId: id, Name: 'AWS-RunShellScript', AssociationName: 'marker-file', Targets: [{Key: 'tag:Tier', Values: ['assoc-test']}],
      Parameters: {commands: ['true']}, ScheduleExpression: 'rate(1 day)', ComplianceSeverity: 'HIGH',
    }));
    await waitFor(() => associationCompliance(node, id), (s) => s === 'COMPLIANT');
    await c.ssm.send(new DeleteAssociationCommand({AssociationId: id}));
    await expectSdkError(c.ssm.send(new DescribeAssociationCommand({AssociationId: id})), 'AssociationDoesNotExist');
  });

  it('leaves the compliance of a SyncCompliance MANUAL association to the caller', async () => {
    const node = ids[1] as string;
    const created = await c.ssm.send(new CreateAssociationCommand({
      Name: 'AWS-RunShellScript', AssociationName: 'manual-sync', Targets: [{Key: 'InstanceIds', Values: [node]}], Parameters: {commands: ['true']}, SyncCompliance: 'MANUAL',
    }));
    const id = created.AssociationDescription?.AssociationId ?? '';
    expect((await settled(id)).Status).toBe('Success');
    const status = await c.ssm.send(new DescribeInstanceAssociationsStatusCommand({InstanceId: node}));
    expect(status.InstanceAssociationStatusInfos?.find((s) => s.AssociationId === id)?.Status).toBe('Success');
    expect(await associationCompliance(node, id)).toBeUndefined();
    await c.ssm.send(new DeleteAssociationCommand({AssociationId: id}));
  });

  it('applies rate control and stops at its error threshold', async () => {
    const created = await c.ssm.send(new CreateAssociationCommand({
      Name: 'AWS-RunShellScript', AssociationName: 'always-fails', Targets: [{Key: 'InstanceIds', Values: ids}],
      Parameters: {commands: ['exit 1']}, MaxConcurrency: '1', MaxErrors: '0',
    }));
    const id = created.AssociationDescription?.AssociationId ?? '';
    const ex = await settled(id);
    expect(ex.Status).toBe('Failed');
    const t = await targets(id, ex.ExecutionId ?? '');
    // One at a time: the first failure passes MaxErrors 0, so the other targets never run.
    expect(t.filter((x) => x.DetailedStatus === 'Failed')).toHaveLength(1);
    const skipped = t.filter((x) => x.DetailedStatus !== 'Failed');
    expect(skipped.map((x) => [x.DetailedStatus, x.LastExecutionDate])).toEqual([['Terminated', undefined], ['Terminated', undefined], ['Terminated', undefined]]);
    const failedOnly = await c.ssm.send(new DescribeAssociationExecutionTargetsCommand({AssociationId: id, ExecutionId: ex.ExecutionId, Filters: [{Key: 'ResourceId', Value: t[0]?.ResourceId}]}));
    expect(failedOnly.AssociationExecutionTargets).toHaveLength(1);
    await c.ssm.send(new DeleteAssociationCommand({AssociationId: id}));
  });
});

describe('associations: schedules', () => {
  it('fires at its cron time only (ApplyOnlyAtCronInterval), on the fleet clock', async () => {
    const created = await c.ssm.send(new CreateAssociationCommand({
      Name: 'AWS-RunShellScript', AssociationName: 'half-hourly', Targets: [{Key: 'InstanceIds', Values: [ids[0] as string]}],
      Parameters: {commands: ['echo tick']}, ScheduleExpression: 'cron(0/30 * * * ? *)', ApplyOnlyAtCronInterval: true,
    }));
    const id = created.AssociationDescription?.AssociationId ?? '';
    expect(await executions(id)).toEqual([]);
    associationStore(fleet.model).advanceClock(31 * MINUTE);
    const ex = await settled(id);
    expect(ex.Status).toBe('Success');
    // The same clock over the wire, as e2e tests and benchmarks drive a fleet in another process.
    const before = associationStore(fleet.model).now();
    const now = await fleetControlClient(fleet).advanceClock(30 * MINUTE);
    expect(now).toBeGreaterThanOrEqual(before + 30 * MINUTE);
    await settled(id, 2);
    await c.ssm.send(new DeleteAssociationCommand({AssociationId: id}));
  });

  it('a rate schedule runs when created, then every interval', async () => {
    const created = await c.ssm.send(new CreateAssociationCommand({
      Name: 'AWS-RunShellScript', AssociationName: 'every-30', Targets: [{Key: 'InstanceIds', Values: [ids[1] as string]}],
      Parameters: {commands: ['echo rate']}, ScheduleExpression: 'rate(30 minutes)',
    }));
    const id = created.AssociationDescription?.AssociationId ?? '';
    await settled(id, 1);
    associationStore(fleet.model).advanceClock(30 * MINUTE + 1000);
    const list = await waitFor(() => executions(id), (l) => l.length === 2 && l[0]?.Status === 'Success');
    expect(list.map((e) => e.Status)).toEqual(['Success', 'Success']);
    const filtered = await c.ssm.send(new DescribeAssociationExecutionsCommand({AssociationId: id, Filters: [{Key: 'ExecutionId', Value: list[1]?.ExecutionId, Type: 'EQUAL'}]}));
    expect(filtered.AssociationExecutions?.map((e) => e.ExecutionId)).toEqual([list[1]?.ExecutionId]);
    await c.ssm.send(new DeleteAssociationCommand({AssociationId: id}));
  });

  it.each([
    ['rate(10 minutes)', /at most every 30 minutes/],
    ['rate(31 days)', /under 31 days/],
    ['cron(0/15 * * * ? *)', /not a cron expression associations accept/],
    ['cron(0 2 * * MON *)', /must be \?/],
    ['daily', /not a schedule expression/],
  ])('%s is InvalidSchedule', async (expr, message) => {
    const err = await expectSdkError(c.ssm.send(new CreateAssociationCommand({Name: 'AWS-RunShellScript', Targets: [{Key: 'InstanceIds', Values: ['*']}], Parameters: {commands: ['true']}, ScheduleExpression: expr})), 'InvalidSchedule');
    expect(err.message).toMatch(message);
  });
});

describe('associations: validation and the seeded ones', () => {
  it('answers the documented errors', async () => {
    const ok = {Name: 'AWS-RunShellScript', Targets: [{Key: 'InstanceIds', Values: ['*']}], Parameters: {commands: ['true']}};
    await expectSdkError(c.ssm.send(new CreateAssociationCommand({...ok, Name: 'Fleet-Missing'})), 'InvalidDocument');
    await expectSdkError(c.ssm.send(new CreateAssociationCommand({...ok, DocumentVersion: '9'})), 'InvalidDocumentVersion');
    await expectSdkError(c.ssm.send(new CreateAssociationCommand({...ok, Parameters: {nope: ['x']}})), 'InvalidParameters');
    await expectSdkError(c.ssm.send(new CreateAssociationCommand({...ok, Targets: [{Key: 'Colour', Values: ['red']}]})), 'InvalidTarget');
    await expectSdkError(c.ssm.send(new CreateAssociationCommand({...ok, MaxConcurrency: '0'})), 'ValidationException');
    await expectSdkError(c.ssm.send(new CreateAssociationCommand({...ok, ScheduleExpression: 'rate(1 day)', ApplyOnlyAtCronInterval: true})), 'InvalidSchedule');
    await expectSdkError(c.ssm.send(new StartAssociationsOnceCommand({AssociationIds: ['00000000-0000-4000-8000-000000000000']})), 'AssociationDoesNotExist');
    await expectSdkError(c.ssm.send(new DescribeAssociationExecutionsCommand({AssociationId: '00000000-0000-4000-8000-000000000000'})), 'AssociationDoesNotExist');
    await expectSdkError(c.ssm.send(new DescribeInstanceAssociationsStatusCommand({InstanceId: 'i-00000000000000000'})), 'InvalidInstanceId');

    const legacy = await c.ssm.send(new CreateAssociationCommand({Name: 'AWS-RunShellScript', InstanceId: ids[2], Parameters: {commands: ['true']}}));
    await expectSdkError(c.ssm.send(new CreateAssociationCommand({Name: 'AWS-RunShellScript', InstanceId: ids[2], Parameters: {commands: ['true']}})), 'AssociationAlreadyExists');
    const byName = await c.ssm.send(new DescribeAssociationCommand({Name: 'AWS-RunShellScript', InstanceId: ids[2]}));
    expect(byName.AssociationDescription?.AssociationId).toBe(legacy.AssociationDescription?.AssociationId);
    await settled(legacy.AssociationDescription?.AssociationId ?? '');
    await c.ssm.send(new DeleteAssociationCommand({Name: 'AWS-RunShellScript', InstanceId: ids[2]}));
  });

  it('a document with associations cannot be deleted; an authored document runs its own script', async () => {
    await c.ssm.send(new CreateDocumentCommand({
      Name: 'Fleet-Greeting', DocumentFormat: 'YAML',
      Content: GREETING,
    }));
    const created = await c.ssm.send(new CreateAssociationCommand({Name: 'Fleet-Greeting', Targets: [{Key: 'InstanceIds', Values: [ids[3] as string]}], Parameters: {who: ['fleet']}}));
    const id = created.AssociationDescription?.AssociationId ?? '';
    const ex = await settled(id);
    expect(ex.Status).toBe('Success');
    const [t] = await targets(id, ex.ExecutionId ?? '');
    const inv = await c.ssm.send(new GetCommandInvocationCommand({CommandId: t?.OutputSource?.OutputSourceId, InstanceId: t?.ResourceId}));
    expect(inv.StandardOutputContent).toBe('hello fleet\n');
    // A new default version re-runs the association with it.
    await c.ssm.send(new UpdateDocumentCommand({Name: 'Fleet-Greeting', DocumentFormat: 'YAML', Content: GREETING.replace('hello', 'goodbye')}));
    expect(await executions(id)).toHaveLength(1); // a new version alone changes nothing
    await c.ssm.send(new UpdateDocumentDefaultVersionCommand({Name: 'Fleet-Greeting', DocumentVersion: '2'}));
    const again = await settled(id, 2);
    const [t2] = await targets(id, again.ExecutionId ?? '');
    const inv2 = await c.ssm.send(new GetCommandInvocationCommand({CommandId: t2?.OutputSource?.OutputSourceId, InstanceId: t2?.ResourceId}));
    expect(inv2.StandardOutputContent).toBe('goodbye fleet\n');
    const item = (await c.ssm.send(new ListComplianceItemsCommand({ResourceIds: [ids[3] as string], ResourceTypes: ['ManagedInstance'], Filters: [{Key: 'ComplianceType', Values: ['Association']}]}))).ComplianceItems?.find((i) => i.Id === id);
    expect(item?.Details).toEqual({DocumentName: 'Fleet-Greeting', DocumentVersion: '2'});
    await expectSdkError(c.ssm.send(new DeleteDocumentCommand({Name: 'Fleet-Greeting'})), 'AssociatedInstances');
    await c.ssm.send(new DeleteAssociationCommand({AssociationId: id}));
    await c.ssm.send(new DeleteDocumentCommand({Name: 'Fleet-Greeting'}));
  });

  it('targets the nodes every target key selects; nodes it has not reached yet are Pending', async () => {
    const created = await c.ssm.send(new CreateAssociationCommand({
      Name: 'AWS-RunShellScript', AssociationName: 'two-keys', Parameters: {commands: ['true']}, ScheduleExpression: 'cron(0 2 ? * SUN *)', ApplyOnlyAtCronInterval: true,
      Targets: [{Key: 'tag:Tier', Values: ['assoc-test']}, {Key: 'InstanceIds', Values: [ids[0] as string, ids[1] as string, 'i-00000000000000000']}],
    }));
    const id = created.AssociationDescription?.AssociationId ?? '';
    const listed = await c.ssm.send(new ListAssociationsCommand({AssociationFilterList: [{key: 'AssociationId', value: id}]}));
    expect(listed.Associations?.[0]?.Overview).toEqual({Status: 'Pending', DetailedStatus: 'Pending', AssociationStatusAggregatedCount: {Pending: 2}});
    const byNode = await c.ssm.send(new ListAssociationsCommand({AssociationFilterList: [{key: 'InstanceId', value: ids[1] as string}, {key: 'AssociationName', value: 'two-keys'}]}));
    expect(byNode.Associations).toHaveLength(1);
    const other = await c.ssm.send(new DescribeInstanceAssociationsStatusCommand({InstanceId: ids[2]}));
    expect(other.InstanceAssociationStatusInfos?.map((x) => x.AssociationId)).not.toContain(id);
    await c.ssm.send(new DeleteAssociationCommand({AssociationId: id}));
  });

  it('keeps the seeded associations, which run when applied', async () => {
    const all = await c.ssm.send(new ListAssociationsCommand({}));
    expect(all.Associations?.map((a) => a.AssociationName).sort()).toEqual(['cloudwatch-agent', 'fleet-inventory', 'harden-ssh', 'patch-scan-daily', 'rotate-logs', 'ssm-agent-update']);
    const rotate = all.Associations?.find((a) => a.AssociationName === 'rotate-logs');
    expect(rotate).toMatchObject({Name: 'AWS-RunShellScript', ScheduleExpression: 'cron(0 3 ? * SUN *)', Targets: [{Key: 'tag:Role', Values: ['worker', 'batch']}]});
    const id = rotate?.AssociationId ?? '';
    expect(await executions(id)).toEqual([]);
    await c.ssm.send(new StartAssociationsOnceCommand({AssociationIds: [id]}));
    const [ex] = await waitFor(() => executions(id), (l) => l.length === 1);
    // Online nodes run it; a node whose agent is unreachable stays InProgress until it comes back, as in SSM.
    const online = (t: AssociationExecutionTarget): boolean => fleet.model.get(t.ResourceId ?? '')?.pingStatus === 'Online';
    const t = await waitFor(() => targets(id, ex?.ExecutionId ?? ''), (l) => l.length > 0 && l.filter(online).every((x) => x.Status === 'Success'));
    for (const x of t.filter((y) => !online(y))) expect(x.Status).toBe('InProgress');
    expect(t.filter(online).length).toBeGreaterThan(0);
  });
});
