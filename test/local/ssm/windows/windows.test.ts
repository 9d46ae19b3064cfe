import {
  CreateMaintenanceWindowCommand,
  DeleteMaintenanceWindowCommand,
  DescribeMaintenanceWindowExecutionsCommand,
  DescribeMaintenanceWindowExecutionTaskInvocationsCommand,
  DescribeMaintenanceWindowExecutionTasksCommand,
  DescribeMaintenanceWindowScheduleCommand,
  DescribeMaintenanceWindowsCommand,
  CancelMaintenanceWindowExecutionCommand,
  GetAutomationExecutionCommand,
  GetCommandInvocationCommand,
  GetMaintenanceWindowCommand,
  GetMaintenanceWindowExecutionCommand,
  GetMaintenanceWindowExecutionTaskCommand,
  RegisterTargetWithMaintenanceWindowCommand,
  RegisterTaskWithMaintenanceWindowCommand,
  UpdateMaintenanceWindowCommand,
  type MaintenanceWindowExecution,
  type MaintenanceWindowExecutionTaskInvocationIdentity,
} from '@aws-sdk/client-ssm';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLocalFleet, type LocalFleet} from '../../../../src/local/index.js';
import {fleetControlClient} from '../../../../src/local/control-client.js';
import {windowStore} from '../../../../src/local/ssm/windows/index.js';
import {fleetClients, type FleetClients} from '../../../helpers/fleet-clients.js';
import {linuxNodes, waitFor} from '../../../helpers/run-command.js';
import {createRunbook} from '../../../helpers/automation.js';

let fleet: LocalFleet;
let c: FleetClients;
let ids: string[];

beforeAll(async () => {
  fleet = await startLocalFleet({nodes: 40, seed: 'windows-tests'});
  c = fleetClients(fleet);
  ids = linuxNodes(fleet).slice(0, 3).map((n) => n.instanceId).sort();
  for (const id of ids) fleet.model.setTag(id, 'Tier', 'mw-test');
  // The seeded windows would open too as these tests move the clock by days (and restart dev instances).
  for (const w of (await c.ssm.send(new DescribeMaintenanceWindowsCommand({}))).WindowIdentities ?? []) {
    await c.ssm.send(new UpdateMaintenanceWindowCommand({WindowId: w.WindowId, Enabled: false}));
  }
});
afterAll(async () => {
  await fleet.close();
});

const HOUR = 3_600_000;

async function createWindow(name: string, extra: {Duration?: number; Cutoff?: number} = {}): Promise<string> {
  const out = await c.ssm.send(new CreateMaintenanceWindowCommand({
    Name: name, Schedule: 'cron(0 3 ? * * *)', ScheduleTimezone: 'Asia/Tokyo', Duration: extra.Duration ?? 3, Cutoff: extra.Cutoff ?? 1, AllowUnassociatedTargets: false,
  }));
  return out.WindowId ?? '';
}

async function tagTarget(windowId: string): Promise<string> {
  const out = await c.ssm.send(new RegisterTargetWithMaintenanceWindowCommand({
    WindowId: windowId, ResourceType: 'INSTANCE', Targets: [{Key: 'tag:Tier', Values: ['mw-test']}], OwnerInformation: 'sre-oncall', Name: 'mw-test-nodes',
  }));
  return out.WindowTargetId ?? '';
}

async function shellTask(windowId: string, targetId: string, commands: string[], rest: {Priority?: number; MaxErrors?: string; CutoffBehavior?: 'CANCEL_TASK' | 'CONTINUE_TASK'} = {}): Promise<string> {
  const out = await c.ssm.send(new RegisterTaskWithMaintenanceWindowCommand({
    WindowId: windowId, TaskArn: 'AWS-RunShellScript', TaskType: 'RUN_COMMAND', Targets: [{Key: 'WindowTargetIds', Values: [targetId]}],
    MaxConcurrency: '1', MaxErrors: rest.MaxErrors ?? '0', Priority: rest.Priority ?? 1, ...(rest.CutoffBehavior === undefined ? {} : {CutoffBehavior: rest.CutoffBehavior}),
    TaskInvocationParameters: {RunCommand: {Parameters: {commands}}},
  }));
  return out.WindowTaskId ?? '';
}

/** Moves the fleet clock (over the wire, as e2e tests and benchmarks do) to just past the window's next opening. */
async function reachNextRun(windowId: string): Promise<void> {
  const w = await c.ssm.send(new GetMaintenanceWindowCommand({WindowId: windowId}));
  const next = Date.parse(w.NextExecutionTime ?? '');
  expect(Number.isNaN(next)).toBe(false);
  await fleetControlClient(fleet).advanceClock(Math.max(0, next - windowStore(fleet.model).now()) + 1000);
}

async function executions(windowId: string): Promise<MaintenanceWindowExecution[]> {
  return (await c.ssm.send(new DescribeMaintenanceWindowExecutionsCommand({WindowId: windowId}))).WindowExecutions ?? [];
}

const ENDED = new Set(['SUCCESS', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'SKIPPED_OVERLAPPING']);

async function ended(windowId: string, count = 1): Promise<MaintenanceWindowExecution> {
  const list = await waitFor(() => executions(windowId), (l) => l.length >= count && ENDED.has(l[0]?.Status ?? ''), 20_000);
  return list[0] as MaintenanceWindowExecution;
}

async function invocationsOf(windowExecutionId: string, taskId: string): Promise<MaintenanceWindowExecutionTaskInvocationIdentity[]> {
  const out = await c.ssm.send(new DescribeMaintenanceWindowExecutionTaskInvocationsCommand({WindowExecutionId: windowExecutionId, TaskId: taskId}));
  return out.WindowExecutionTaskInvocationIdentities ?? [];
}

describe('maintenance windows open on the fleet clock and run their tasks through Run Command', () => {
  it('a window on a tag target opens at its time and runs AWS-RunShellScript: executions → tasks → invocations with output', async () => {
    const windowId = await createWindow('nightly-tokyo');
    const targetId = await tagTarget(windowId);
    await shellTask(windowId, targetId, ['echo "patched {{TARGET_ID}} in {{WINDOW_ID}} by $AWS_SSM_INSTANCE_ID"']);
    const schedule = await c.ssm.send(new DescribeMaintenanceWindowScheduleCommand({WindowId: windowId, MaxResults: 2}));
    expect(schedule.ScheduledWindowExecutions?.map((s) => s.ExecutionTime?.slice(11))).toEqual(['18:00Z', '18:00Z']); // 03:00 in Tokyo
    expect(await executions(windowId)).toEqual([]);

    await reachNextRun(windowId);
    const ex = await ended(windowId);
    expect(ex).toMatchObject({WindowId: windowId, Status: 'SUCCESS'});
    const got = await c.ssm.send(new GetMaintenanceWindowExecutionCommand({WindowExecutionId: ex.WindowExecutionId}));
    expect(got.TaskIds).toHaveLength(1);
    const tasks = (await c.ssm.send(new DescribeMaintenanceWindowExecutionTasksCommand({WindowExecutionId: ex.WindowExecutionId}))).WindowExecutionTaskIdentities ?? [];
    expect(tasks).toMatchObject([{TaskExecutionId: got.TaskIds?.[0], Status: 'SUCCESS', TaskArn: 'AWS-RunShellScript', TaskType: 'RUN_COMMAND'}]);
    const task = await c.ssm.send(new GetMaintenanceWindowExecutionTaskCommand({WindowExecutionId: ex.WindowExecutionId, TaskId: got.TaskIds?.[0]}));
    expect(task).toMatchObject({Type: 'RUN_COMMAND', MaxConcurrency: '1', MaxErrors: '0', Priority: 1, Status: 'SUCCESS'});

    const invs = await invocationsOf(ex.WindowExecutionId ?? '', got.TaskIds?.[0] ?? '');
    expect(invs).toHaveLength(ids.length);
    const byInstance = new Map(invs.map((inv) => [(JSON.parse(inv.Parameters ?? '{}') as {instanceIds: string[]}).instanceIds[0] ?? '', inv]));
    expect([...byInstance.keys()].sort()).toEqual(ids);
    for (const [instanceId, inv] of byInstance) {
      expect(inv).toMatchObject({Status: 'SUCCESS', StatusDetails: 'Success', TaskType: 'RUN_COMMAND', WindowTargetId: targetId, OwnerInformation: 'sre-oncall'});
      // The invocation's ExecutionId is its Run Command command: what the node printed is there.
      const out = await c.ssm.send(new GetCommandInvocationCommand({CommandId: inv.ExecutionId, InstanceId: instanceId}));
      expect(out.StandardOutputContent).toBe(`patched ${instanceId} in ${windowId} by ${instanceId}\n`);
    }
    // MaxConcurrency 1: one invocation at a time.
    const spans = invs.map((i) => [i.StartTime?.getTime() ?? 0, i.EndTime?.getTime() ?? 0] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]?.[0]).toBeGreaterThanOrEqual(spans[i - 1]?.[1] ?? Infinity);
    // The next opening is the next day.
    const after = await c.ssm.send(new GetMaintenanceWindowCommand({WindowId: windowId}));
    expect(Date.parse(after.NextExecutionTime ?? '')).toBeGreaterThan(windowStore(fleet.model).now());
    await c.ssm.send(new DeleteMaintenanceWindowCommand({WindowId: windowId}));
  });

  it('tasks run in Priority order; MaxErrors stops a failing task and the window ends FAILED', async () => {
    const windowId = await createWindow('priorities');
    const targetId = await tagTarget(windowId);
    const second = await shellTask(windowId, targetId, ['echo second'], {Priority: 5});
    const first = await shellTask(windowId, targetId, ['echo broken >&2; exit 3'], {Priority: 1, MaxErrors: '0'});
    await reachNextRun(windowId);
    const ex = await ended(windowId);
    expect(ex.Status).toBe('FAILED');
    const tasks = (await c.ssm.send(new DescribeMaintenanceWindowExecutionTasksCommand({WindowExecutionId: ex.WindowExecutionId}))).WindowExecutionTaskIdentities ?? [];
    const [t1, t2] = tasks;
    expect(tasks.map((t) => t.Status)).toEqual(['FAILED', 'SUCCESS']);
    expect(t2?.StartTime?.getTime()).toBeGreaterThanOrEqual(t1?.EndTime?.getTime() ?? Infinity);
    // One at a time with MaxErrors 0: the first failure stops the task, the other targets are never sent.
    const failed = await invocationsOf(ex.WindowExecutionId ?? '', t1?.TaskExecutionId ?? '');
    expect(failed.map((i) => [i.Status, i.StatusDetails])).toEqual([['FAILED', 'Failed']]);
    expect(await invocationsOf(ex.WindowExecutionId ?? '', t2?.TaskExecutionId ?? '')).toHaveLength(ids.length);
    expect([first, second].every((id) => id.length === 36)).toBe(true);
    await c.ssm.send(new DeleteMaintenanceWindowCommand({WindowId: windowId}));
  });

  it('at the cutoff a CANCEL_TASK task is cancelled (TIMED_OUT) and later tasks never start', async () => {
    const windowId = await createWindow('cutoff', {Duration: 2, Cutoff: 1});
    const targetId = await tagTarget(windowId);
    await shellTask(windowId, targetId, ['sleep 60'], {Priority: 1, CutoffBehavior: 'CANCEL_TASK'});
    await shellTask(windowId, targetId, ['echo never'], {Priority: 2});
    await reachNextRun(windowId);
    const running = await waitFor(() => executions(windowId), (l) => l[0]?.Status === 'IN_PROGRESS');
    const exId = running[0]?.WindowExecutionId ?? '';
    const [t1] = (await c.ssm.send(new GetMaintenanceWindowExecutionCommand({WindowExecutionId: exId}))).TaskIds ?? [];
    await waitFor(() => invocationsOf(exId, t1 ?? ''), (l) => l[0]?.Status === 'IN_PROGRESS');
    await fleetControlClient(fleet).advanceClock(HOUR + 1000); // past start + Duration − Cutoff
    const ex = await ended(windowId);
    expect(ex.Status).toBe('TIMED_OUT');
    const tasks = (await c.ssm.send(new DescribeMaintenanceWindowExecutionTasksCommand({WindowExecutionId: exId}))).WindowExecutionTaskIdentities ?? [];
    expect(tasks.map((t) => t.Status)).toEqual(['TIMED_OUT', 'CANCELLED']);
    const invs = await invocationsOf(exId, t1 ?? '');
    expect(invs.map((i) => [i.Status, i.StatusDetails])).toEqual([['CANCELLED', 'Cancelled']]);
    expect(await invocationsOf(exId, tasks[1]?.TaskExecutionId ?? '')).toEqual([]);
    await c.ssm.send(new DeleteMaintenanceWindowCommand({WindowId: windowId}));
  });

  it('an AUTOMATION task starts one runbook execution per target on the Automation engine, {{RESOURCE_ID}} filled in', async () => {
    const runbook = await createRunbook(c.ssm, {
      parameters: {InstanceId: {type: 'String'}}, mainSteps: [{name: 'nap', action: 'aws:sleep', inputs: {Duration: 'PT0S'}}],
    }, 'Window-Runbook');
    const windowId = await createWindow('automation');
    const targetId = await tagTarget(windowId);
    await c.ssm.send(new RegisterTaskWithMaintenanceWindowCommand({
      WindowId: windowId, TaskArn: runbook, TaskType: 'AUTOMATION', Targets: [{Key: 'WindowTargetIds', Values: [targetId]}], MaxConcurrency: '2', MaxErrors: '0',
      TaskInvocationParameters: {Automation: {Parameters: {InstanceId: ['{{RESOURCE_ID}}']}}},
    }));
    await reachNextRun(windowId);
    const ex = await ended(windowId);
    expect(ex.Status).toBe('SUCCESS');
    const [taskId] = (await c.ssm.send(new GetMaintenanceWindowExecutionCommand({WindowExecutionId: ex.WindowExecutionId}))).TaskIds ?? [];
    const invs = await invocationsOf(ex.WindowExecutionId ?? '', taskId ?? '');
    expect(invs.map((i) => [i.Status, i.StatusDetails, i.TaskType])).toEqual(ids.map(() => ['SUCCESS', 'Success', 'AUTOMATION']));
    const ran: string[] = [];
    for (const inv of invs) {
      const auto = (await c.ssm.send(new GetAutomationExecutionCommand({AutomationExecutionId: inv.ExecutionId}))).AutomationExecution;
      expect(auto).toMatchObject({DocumentName: runbook, AutomationExecutionStatus: 'Success'});
      ran.push(auto?.Parameters?.['InstanceId']?.[0] ?? '');
    }
    expect(ran.sort()).toEqual(ids);
    await c.ssm.send(new DeleteMaintenanceWindowCommand({WindowId: windowId}));
  });

  it('a task on instance ids of a window that allows unassociated targets; a run still going makes the next one SKIPPED_OVERLAPPING', async () => {
    const out = await c.ssm.send(new CreateMaintenanceWindowCommand({Name: 'hourly', Schedule: 'rate(1 hour)', Duration: 3, Cutoff: 0, AllowUnassociatedTargets: true}));
    const windowId = out.WindowId ?? '';
    await c.ssm.send(new RegisterTaskWithMaintenanceWindowCommand({
      WindowId: windowId, TaskArn: 'AWS-RunShellScript', TaskType: 'RUN_COMMAND', Targets: [{Key: 'InstanceIds', Values: [ids[0] ?? '']}], MaxConcurrency: '1', MaxErrors: '0',
      TaskInvocationParameters: {RunCommand: {Parameters: {commands: ['echo "on {{TARGET_ID}}"; sleep 60']}}},
    }));
    await reachNextRun(windowId);
    const first = await waitFor(() => executions(windowId), (l) => l[0]?.Status === 'IN_PROGRESS');
    const [taskId] = (await c.ssm.send(new GetMaintenanceWindowExecutionCommand({WindowExecutionId: first[0]?.WindowExecutionId}))).TaskIds ?? [];
    const [inv] = await waitFor(() => invocationsOf(first[0]?.WindowExecutionId ?? '', taskId ?? ''), (l) => l[0]?.Status === 'IN_PROGRESS');
    expect(JSON.parse(inv?.Parameters ?? '{}')).toMatchObject({documentName: 'AWS-RunShellScript', instanceIds: [ids[0]], parameters: {commands: [`echo "on ${ids[0] ?? ''}"; sleep 60`]}});
    expect(inv?.WindowTargetId).toBeUndefined();
    await reachNextRun(windowId);
    const list = await waitFor(() => executions(windowId), (l) => l.length === 2);
    expect(list.map((e) => e.Status)).toEqual(['SKIPPED_OVERLAPPING', 'IN_PROGRESS']);
    await c.ssm.send(new DeleteMaintenanceWindowCommand({WindowId: windowId}));
  });

  it('CancelMaintenanceWindowExecution: tasks not started never start, the running one finishes, the run ends CANCELLED', async () => {
    const gate = mkdtempSync(join(tmpdir(), 'fd-mw-gate-'));
    try {
      const windowId = await createWindow('cancelled');
      const targetId = await tagTarget(windowId);
      await shellTask(windowId, targetId, [`while [ ! -e '${gate}/go' ]; do sleep 0.05; done; echo released`], {Priority: 1});
      await shellTask(windowId, targetId, ['echo never'], {Priority: 2});
      await reachNextRun(windowId);
      const [running] = await waitFor(() => executions(windowId), (l) => l[0]?.Status === 'IN_PROGRESS');
      const exId = running?.WindowExecutionId ?? '';
      const [t1] = (await c.ssm.send(new GetMaintenanceWindowExecutionCommand({WindowExecutionId: exId}))).TaskIds ?? [];
      await waitFor(() => invocationsOf(exId, t1 ?? ''), (l) => l[0]?.Status === 'IN_PROGRESS');
      expect(await c.ssm.send(new CancelMaintenanceWindowExecutionCommand({WindowExecutionId: exId}))).toMatchObject({WindowExecutionId: exId});
      expect((await executions(windowId))[0]?.Status).toBe('CANCELLING');
      writeFileSync(join(gate, 'go'), '');
      const ex = await ended(windowId);
      expect(ex.Status).toBe('CANCELLED');
      const tasks = (await c.ssm.send(new DescribeMaintenanceWindowExecutionTasksCommand({WindowExecutionId: exId}))).WindowExecutionTaskIdentities ?? [];
      expect(tasks.map((t) => t.Status)).toEqual(['SUCCESS', 'CANCELLED']);
      await c.ssm.send(new DeleteMaintenanceWindowCommand({WindowId: windowId}));
    } finally {
      rmSync(gate, {recursive: true, force: true});
    }
  });
});
