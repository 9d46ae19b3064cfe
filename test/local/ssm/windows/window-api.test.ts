import {
  CreateMaintenanceWindowCommand,
  DeleteMaintenanceWindowCommand,
  DeregisterTargetFromMaintenanceWindowCommand,
  DeregisterTaskFromMaintenanceWindowCommand,
  DescribeMaintenanceWindowScheduleCommand,
  DescribeMaintenanceWindowsCommand,
  DescribeMaintenanceWindowsForTargetCommand,
  DescribeMaintenanceWindowTargetsCommand,
  DescribeMaintenanceWindowTasksCommand,
  GetMaintenanceWindowCommand,
  GetMaintenanceWindowExecutionCommand,
  GetMaintenanceWindowTaskCommand,
  RegisterTargetWithMaintenanceWindowCommand,
  RegisterTaskWithMaintenanceWindowCommand,
  UpdateMaintenanceWindowCommand,
  UpdateMaintenanceWindowTargetCommand,
  UpdateMaintenanceWindowTaskCommand,
  type CreateMaintenanceWindowCommandInput,
} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../../src/local/index.js';
import {expectSdkError, fleetClients, type FleetClients} from '../../../helpers/fleet-clients.js';
import {linuxNodes} from '../../../helpers/run-command.js';

let fleet: LocalFleet;
let c: FleetClients;
let node: string;

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 40, seed: 'windows-api-tests'});
  c = fleetClients(fleet);
  node = linuxNodes(fleet)[0]?.instanceId ?? '';
});
afterAll(async () => {
  await fleet.close();
});

const BASE: CreateMaintenanceWindowCommandInput = {Name: 'api-window', Schedule: 'cron(0 2 ? * SUN *)', Duration: 3, Cutoff: 1, AllowUnassociatedTargets: false};

async function create(input: Partial<CreateMaintenanceWindowCommandInput> = {}): Promise<string> {
  return (await c.ssm.send(new CreateMaintenanceWindowCommand({...BASE, ...input}))).WindowId ?? '';
}

describe('maintenance windows: create, read, update, delete, filters, the seeded ones', () => {
  it('starts with realistic seeded windows: Patch Tuesday + 2 days in New York, a weekly reboot, a paused scan', async () => {
    const all = (await c.ssm.send(new DescribeMaintenanceWindowsCommand({}))).WindowIdentities ?? [];
    const patch = all.find((w) => w.Name === 'patch-tuesday-prod');
    expect(patch).toMatchObject({Schedule: 'cron(0 2 ? * TUE#2 *)', ScheduleTimezone: 'America/New_York', ScheduleOffset: 2, Duration: 4, Cutoff: 1, Enabled: true});
    expect(Date.parse(patch?.NextExecutionTime ?? '')).toBeGreaterThan(Date.now());
    const paused = await c.ssm.send(new DescribeMaintenanceWindowsCommand({Filters: [{Key: 'Enabled', Values: ['false']}]}));
    expect(paused.WindowIdentities?.map((w) => [w.Name, w.NextExecutionTime])).toEqual([['nightly-scan-staging', undefined]]);
    const tasks = await c.ssm.send(new DescribeMaintenanceWindowTasksCommand({WindowId: patch?.WindowId, Filters: [{Key: 'Priority', Values: ['2']}]}));
    expect(tasks.Tasks).toMatchObject([{TaskArn: 'AWS-RunPatchBaseline', Type: 'RUN_COMMAND', Priority: 2, CutoffBehavior: 'CANCEL_TASK'}]);
  });

  it('creates, filters by name, updates (partially and with Replace), and deletes', async () => {
    const id = await create({Name: 'crud-window', Description: 'first', StartDate: '2030-01-01T00:00:00-05:00', ScheduleTimezone: 'Europe/Berlin'});
    expect(id).toMatch(/^mw-[0-9a-f]{17}$/);
    const got = await c.ssm.send(new GetMaintenanceWindowCommand({WindowId: id}));
    expect(got).toMatchObject({Name: 'crud-window', Description: 'first', StartDate: '2030-01-01T00:00:00-05:00', ScheduleTimezone: 'Europe/Berlin', Enabled: true, AllowUnassociatedTargets: false});
    expect(got.NextExecutionTime).toBe('2030-01-06T01:00:00.000Z'); // the first Sunday after the start date, 02:00 in Berlin
    const byName = await c.ssm.send(new DescribeMaintenanceWindowsCommand({Filters: [{Key: 'Name', Values: ['crud-window']}]}));
    expect(byName.WindowIdentities?.map((w) => w.WindowId)).toEqual([id]);

    const partial = await c.ssm.send(new UpdateMaintenanceWindowCommand({WindowId: id, Enabled: false, Duration: 5}));
    expect(partial).toMatchObject({Name: 'crud-window', Description: 'first', Duration: 5, Cutoff: 1, Enabled: false, ScheduleTimezone: 'Europe/Berlin'});
    expect((await c.ssm.send(new GetMaintenanceWindowCommand({WindowId: id}))).NextExecutionTime).toBeUndefined();
    const replaced = await c.ssm.send(new UpdateMaintenanceWindowCommand({WindowId: id, Replace: true, Name: 'crud-window', Schedule: 'rate(2 hours)', Duration: 2, Cutoff: 0, AllowUnassociatedTargets: true}));
    expect(replaced).toMatchObject({Schedule: 'rate(2 hours)', Enabled: true, AllowUnassociatedTargets: true});
    expect(replaced.Description).toBeUndefined();
    expect(replaced.StartDate).toBeUndefined();

    await c.ssm.send(new DeleteMaintenanceWindowCommand({WindowId: id}));
    await expectSdkError(c.ssm.send(new GetMaintenanceWindowCommand({WindowId: id})), 'DoesNotExistException');
  });

  it('registers targets and tasks, describes, updates and deregisters them; a window for a target; its schedule', async () => {
    const id = await create({Name: 'registrations'});
    const tgt = (await c.ssm.send(new RegisterTargetWithMaintenanceWindowCommand({WindowId: id, ResourceType: 'INSTANCE', Targets: [{Key: 'InstanceIds', Values: [node]}], OwnerInformation: 'ops'}))).WindowTargetId ?? '';
    const task = (await c.ssm.send(new RegisterTaskWithMaintenanceWindowCommand({
      WindowId: id, TaskArn: 'AWS-RunShellScript', TaskType: 'RUN_COMMAND', Targets: [{Key: 'WindowTargetIds', Values: [tgt]}], MaxConcurrency: '2', MaxErrors: '1',
      TaskInvocationParameters: {RunCommand: {Parameters: {commands: ['uptime']}, TimeoutSeconds: 600}},
    }))).WindowTaskId ?? '';
    expect((await c.ssm.send(new DescribeMaintenanceWindowTargetsCommand({WindowId: id, Filters: [{Key: 'OwnerInformation', Values: ['ops']}]}))).Targets).toMatchObject([{WindowTargetId: tgt, ResourceType: 'INSTANCE'}]);
    expect(await c.ssm.send(new GetMaintenanceWindowTaskCommand({WindowId: id, WindowTaskId: task}))).toMatchObject({
      TaskType: 'RUN_COMMAND', Priority: 1, MaxConcurrency: '2', CutoffBehavior: 'CONTINUE_TASK', TaskInvocationParameters: {RunCommand: {Parameters: {commands: ['uptime']}, TimeoutSeconds: 600}},
    });
    const updated = await c.ssm.send(new UpdateMaintenanceWindowTaskCommand({WindowId: id, WindowTaskId: task, Priority: 7, MaxErrors: '0'}));
    expect(updated).toMatchObject({Priority: 7, MaxErrors: '0', MaxConcurrency: '2'});
    expect(await c.ssm.send(new UpdateMaintenanceWindowTargetCommand({WindowId: id, WindowTargetId: tgt, Name: 'the-node'}))).toMatchObject({Name: 'the-node', OwnerInformation: 'ops'});

    const forTarget = await c.ssm.send(new DescribeMaintenanceWindowsForTargetCommand({ResourceType: 'INSTANCE', Targets: [{Key: 'InstanceIds', Values: [node]}]}));
    expect(forTarget.WindowIdentities?.map((w) => w.WindowId)).toContain(id);
    const sched = await c.ssm.send(new DescribeMaintenanceWindowScheduleCommand({WindowId: id, MaxResults: 3}));
    expect(sched.ScheduledWindowExecutions?.map((s) => s.ExecutionTime)).toHaveLength(3);
    expect(sched.ScheduledWindowExecutions?.every((s) => /^\d{4}-\d\d-\d\dT02:00Z$/.test(s.ExecutionTime ?? ''))).toBe(true);
    expect(sched.NextToken).toBeDefined();

    await expectSdkError(c.ssm.send(new DeregisterTargetFromMaintenanceWindowCommand({WindowId: id, WindowTargetId: tgt, Safe: true})), 'TargetInUseException');
    await c.ssm.send(new DeregisterTaskFromMaintenanceWindowCommand({WindowId: id, WindowTaskId: task}));
    await c.ssm.send(new DeregisterTargetFromMaintenanceWindowCommand({WindowId: id, WindowTargetId: tgt, Safe: true}));
    expect((await c.ssm.send(new DescribeMaintenanceWindowTasksCommand({WindowId: id}))).Tasks).toEqual([]);
    await c.ssm.send(new DeleteMaintenanceWindowCommand({WindowId: id}));
  });
});

describe('maintenance windows: schedules across daylight saving time, through the API', () => {
  it('02:30 in New York does not exist on 9 March 2031: DescribeMaintenanceWindowSchedule skips that day', async () => {
    const id = await create({Name: 'dst-window', Schedule: 'cron(30 2 ? * * *)', ScheduleTimezone: 'America/New_York', StartDate: '2031-03-07T00:00:00-05:00'});
    const sched = await c.ssm.send(new DescribeMaintenanceWindowScheduleCommand({WindowId: id, MaxResults: 4}));
    expect(sched.ScheduledWindowExecutions?.map((s) => s.ExecutionTime)).toEqual(['2031-03-07T07:30Z', '2031-03-08T07:30Z', '2031-03-10T06:30Z', '2031-03-11T06:30Z']);
    const later = await c.ssm.send(new DescribeMaintenanceWindowScheduleCommand({WindowId: id, MaxResults: 2, Filters: [{Key: 'ScheduledAfter', Values: ['2031-11-01T12:00:00Z']}]}));
    // 2 November 2031: 01:30 happens twice, but 02:30 once (EST from then on).
    expect(later.ScheduledWindowExecutions?.map((s) => s.ExecutionTime)).toEqual(['2031-11-02T07:30Z', '2031-11-03T07:30Z']);
    await c.ssm.send(new DeleteMaintenanceWindowCommand({WindowId: id}));
  });
});

describe('maintenance windows: the documented errors', () => {
  it.each([
    [{Schedule: 'every sunday'}, /Invalid schedule/],
    [{Schedule: 'cron(0 2 * * SUN *)'}, /must be \?/],
    [{Duration: 25}, /Member must have value less than or equal to 24/],
    [{Cutoff: 3, Duration: 3}, /must be less than the duration/],
    [{ScheduleTimezone: 'Mars/Olympus_Mons'}, /Invalid ScheduleTimezone/],
    [{Schedule: 'rate(1 day)', ScheduleOffset: 2}, /only with a cron/],
    [{ScheduleOffset: 7}, /less than or equal to 6/],
    [{EndDate: '2020-01-01T00:00:00Z'}, /in the past/],
    [{Name: 'a b'}, /regular expression pattern/],
  ])('%o is ValidationException', async (input, message) => {
    const err = await expectSdkError(c.ssm.send(new CreateMaintenanceWindowCommand({...BASE, ...input})), 'ValidationException');
    expect(err.message).toMatch(message);
  });

  it('DoesNotExistException for unknown windows, targets, tasks and executions', async () => {
    const missing = 'mw-0123456789abcdef0';
    await expectSdkError(c.ssm.send(new GetMaintenanceWindowCommand({WindowId: missing})), 'DoesNotExistException');
    await expectSdkError(c.ssm.send(new UpdateMaintenanceWindowCommand({WindowId: missing, Enabled: false})), 'DoesNotExistException');
    await expectSdkError(c.ssm.send(new GetMaintenanceWindowExecutionCommand({WindowExecutionId: '00000000-0000-4000-8000-000000000000'})), 'DoesNotExistException');
    const id = await create({Name: 'lookups'});
    await expectSdkError(c.ssm.send(new RegisterTaskWithMaintenanceWindowCommand({
      WindowId: id, TaskArn: 'AWS-RunShellScript', TaskType: 'RUN_COMMAND', Targets: [{Key: 'WindowTargetIds', Values: ['00000000-0000-4000-8000-000000000000']}], MaxConcurrency: '1', MaxErrors: '0',
    })), 'DoesNotExistException');
    await expectSdkError(c.ssm.send(new GetMaintenanceWindowTaskCommand({WindowId: id, WindowTaskId: '00000000-0000-4000-8000-000000000000'})), 'DoesNotExistException');
    // Instance ids outside the window's targets need AllowUnassociatedTargets.
    const err = await expectSdkError(c.ssm.send(new RegisterTaskWithMaintenanceWindowCommand({
      WindowId: id, TaskArn: 'AWS-RunShellScript', TaskType: 'RUN_COMMAND', Targets: [{Key: 'InstanceIds', Values: [node]}], MaxConcurrency: '1', MaxErrors: '0',
    })), 'ValidationException');
    expect(err.message).toMatch(/does not allow unassociated targets/);
    await c.ssm.send(new DeleteMaintenanceWindowCommand({WindowId: id}));
  });

  it('a ClientToken makes creation idempotent; reused with other parameters it is IdempotentParameterMismatch', async () => {
    const first = await create({Name: 'idempotent', ClientToken: 'token-1'});
    expect(await create({Name: 'idempotent', ClientToken: 'token-1'})).toBe(first);
    await expectSdkError(c.ssm.send(new CreateMaintenanceWindowCommand({...BASE, Name: 'other', ClientToken: 'token-1'})), 'IdempotentParameterMismatch');
    await c.ssm.send(new DeleteMaintenanceWindowCommand({WindowId: first}));
  });

  it('ResourceLimitExceededException past 50 windows an account', async () => {
    const existing = (await c.ssm.send(new DescribeMaintenanceWindowsCommand({MaxResults: 100}))).WindowIdentities?.length ?? 0;
    const made: string[] = [];
    for (let i = existing; i < 50; i++) made.push(await create({Name: `limit-${i}`}));
    await expectSdkError(c.ssm.send(new CreateMaintenanceWindowCommand({...BASE, Name: 'one-too-many'})), 'ResourceLimitExceededException');
    for (const id of made) await c.ssm.send(new DeleteMaintenanceWindowCommand({WindowId: id}));
  });
});
