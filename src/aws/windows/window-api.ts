// Maintenance Windows over the SSM API (the WindowsApi of fleet/windows/port.ts). Lists follow every page;
// creations carry a ClientToken, so the SDK's retries cannot make a second window, target or task.
import {randomUUID} from 'node:crypto';
import {
  CreateMaintenanceWindowCommand, DeleteMaintenanceWindowCommand, DeregisterTargetFromMaintenanceWindowCommand, DeregisterTaskFromMaintenanceWindowCommand,
  DescribeMaintenanceWindowExecutionsCommand, DescribeMaintenanceWindowExecutionTaskInvocationsCommand, DescribeMaintenanceWindowExecutionTasksCommand,
  DescribeMaintenanceWindowScheduleCommand, DescribeMaintenanceWindowsCommand, DescribeMaintenanceWindowTargetsCommand, DescribeMaintenanceWindowTasksCommand,
  GetMaintenanceWindowCommand, GetMaintenanceWindowTaskCommand, RegisterTargetWithMaintenanceWindowCommand, RegisterTaskWithMaintenanceWindowCommand, UpdateMaintenanceWindowCommand,
} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import type {WindowsApi} from '../../fleet/windows/port.js';
import {windowTime, type NewWindow} from '../../fleet/windows/window.js';
import {mapped} from './window-errors.js';
import {fromExecution, fromIdentity, fromInvocation, fromTarget, fromTask, fromTaskExecution, fromWindow} from './window-shapes.js';
import {allPages, pageToken} from '../pages.js';

const PAGE = 100;

function settings(w: Partial<NewWindow>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Name: w.name, Description: w.description, Schedule: w.schedule, ScheduleTimezone: w.timeZone, ScheduleOffset: w.offsetDays, Duration: w.durationHours,
    Cutoff: w.cutoffHours, AllowUnassociatedTargets: w.allowUnassociatedTargets, StartDate: w.startDate, EndDate: w.endDate, Enabled: w.enabled,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

export function windowsApi(aws: AwsClients): WindowsApi {
  const ssm = aws.ssm;
  return {
    async list(signal) {
      const list = await allPages(async (token) => {
        const res = await mapped(() => ssm.send(new DescribeMaintenanceWindowsCommand({MaxResults: PAGE, ...pageToken(token)}), {abortSignal: signal}));
        return {items: res.WindowIdentities, next: res.NextToken};
      });
      return list.map(fromIdentity);
    },

    async get(windowId, signal) {
      return fromWindow(await mapped(() => ssm.send(new GetMaintenanceWindowCommand({WindowId: windowId}), {abortSignal: signal})));
    },

    async create(w) {
      const res = await mapped(() => ssm.send(new CreateMaintenanceWindowCommand({
        Name: w.name, Schedule: w.schedule, Duration: w.durationHours, Cutoff: w.cutoffHours, AllowUnassociatedTargets: w.allowUnassociatedTargets,
        ...settings(w), ClientToken: randomUUID(),
      })));
      return res.WindowId ?? '';
    },

    async update(windowId, change) {
      await mapped(() => ssm.send(new UpdateMaintenanceWindowCommand({WindowId: windowId, ...settings(change)})));
    },

    async setEnabled(windowId, enabled) {
      await mapped(() => ssm.send(new UpdateMaintenanceWindowCommand({WindowId: windowId, Enabled: enabled})));
    },

    async delete(windowId) {
      await mapped(() => ssm.send(new DeleteMaintenanceWindowCommand({WindowId: windowId})));
    },

    async targets(windowId, signal) {
      const list = await allPages(async (token) => {
        const res = await mapped(() => ssm.send(new DescribeMaintenanceWindowTargetsCommand({WindowId: windowId, MaxResults: PAGE, ...pageToken(token)}), {abortSignal: signal}));
        return {items: res.Targets, next: res.NextToken};
      });
      return list.map(fromTarget);
    },

    async tasks(windowId, signal) {
      const list = await allPages(async (token) => {
        const res = await mapped(() => ssm.send(new DescribeMaintenanceWindowTasksCommand({WindowId: windowId, MaxResults: PAGE, ...pageToken(token)}), {abortSignal: signal}));
        return {items: res.Tasks, next: res.NextToken};
      });
      return list.map(fromTask).sort((a, b) => a.priority - b.priority);
    },

    async taskParameters(windowId, windowTaskId, signal) {
      const res = await mapped(() => ssm.send(new GetMaintenanceWindowTaskCommand({WindowId: windowId, WindowTaskId: windowTaskId}), {abortSignal: signal}));
      const tip = res.TaskInvocationParameters;
      const params = tip?.RunCommand?.Parameters ?? tip?.Automation?.Parameters;
      if (params) return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, [...v]]));
      // Tasks registered with the deprecated TaskParameters ({name: {Values}}).
      return Object.fromEntries(Object.entries(res.TaskParameters ?? {}).map(([k, v]) => [k, [...(v.Values ?? [])]]));
    },

    async registerTarget(windowId, t) {
      const res = await mapped(() => ssm.send(new RegisterTargetWithMaintenanceWindowCommand({
        WindowId: windowId, ResourceType: t.resourceType ?? 'INSTANCE', Targets: t.targets.map((x) => ({Key: x.Key, Values: [...x.Values]})),
        ...(t.ownerInformation ? {OwnerInformation: t.ownerInformation} : {}), ...(t.name ? {Name: t.name} : {}), ClientToken: randomUUID(),
      })));
      return res.WindowTargetId ?? '';
    },

    async deregisterTarget(windowId, windowTargetId, safe = true) {
      await mapped(() => ssm.send(new DeregisterTargetFromMaintenanceWindowCommand({WindowId: windowId, WindowTargetId: windowTargetId, Safe: safe})));
    },

    async registerRunCommandTask(windowId, t) {
      const res = await mapped(() => ssm.send(new RegisterTaskWithMaintenanceWindowCommand({
        WindowId: windowId, TaskArn: t.documentName, TaskType: 'RUN_COMMAND', Targets: t.targets.map((x) => ({Key: x.Key, Values: [...x.Values]})),
        MaxConcurrency: t.maxConcurrency, MaxErrors: t.maxErrors, Priority: t.priority ?? 1, ...(t.name ? {Name: t.name} : {}),
        ...(t.cutoffBehavior ? {CutoffBehavior: t.cutoffBehavior} : {}), ClientToken: randomUUID(),
        TaskInvocationParameters: {RunCommand: {
          Parameters: Object.fromEntries(Object.entries(t.parameters).map(([k, v]) => [k, [...v]])), ...(t.timeoutSeconds ? {TimeoutSeconds: t.timeoutSeconds} : {}),
        }},
      })));
      return res.WindowTaskId ?? '';
    },

    async deregisterTask(windowId, windowTaskId) {
      await mapped(() => ssm.send(new DeregisterTaskFromMaintenanceWindowCommand({WindowId: windowId, WindowTaskId: windowTaskId})));
    },

    async executions(windowId, signal) {
      const list = await allPages(async (token) => {
        const res = await mapped(() => ssm.send(new DescribeMaintenanceWindowExecutionsCommand({WindowId: windowId, MaxResults: PAGE, ...pageToken(token)}), {abortSignal: signal}));
        return {items: res.WindowExecutions, next: res.NextToken};
      });
      return list.map(fromExecution).sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
    },

    async executionTasks(windowExecutionId, signal) {
      const list = await allPages(async (token) => {
        const res = await mapped(() => ssm.send(new DescribeMaintenanceWindowExecutionTasksCommand({WindowExecutionId: windowExecutionId, MaxResults: PAGE, ...pageToken(token)}),
          {abortSignal: signal}));
        return {items: res.WindowExecutionTaskIdentities, next: res.NextToken};
      });
      return list.map(fromTaskExecution);
    },

    async invocations(windowExecutionId, taskExecutionId, signal) {
      const list = await allPages(async (token) => {
        const res = await mapped(() => ssm.send(new DescribeMaintenanceWindowExecutionTaskInvocationsCommand({
          WindowExecutionId: windowExecutionId, TaskId: taskExecutionId, MaxResults: PAGE, ...pageToken(token),
        }), {abortSignal: signal}));
        return {items: res.WindowExecutionTaskInvocationIdentities, next: res.NextToken};
      });
      return list.map(fromInvocation);
    },

    async schedule(windowId, count, signal) {
      const res = await mapped(() => ssm.send(new DescribeMaintenanceWindowScheduleCommand({WindowId: windowId, MaxResults: count}), {abortSignal: signal}));
      return (res.ScheduledWindowExecutions ?? []).flatMap((s) => {
        const at = windowTime(s.ExecutionTime);
        return at === undefined ? [] : [at];
      });
    },
  };
}
