// Wire shapes of maintenance windows (botocore ssm 2014-11-06). Timestamps are epoch seconds, except
// NextExecutionTime, StartDate/EndDate and the schedule's ExecutionTime, which SSM sends as strings (CLI examples:
// "NextExecutionTime": "2020-02-25T00:08:15.099Z", "ExecutionTime": "2020-02-19T16:00Z").

import {epochSeconds} from '../../protocol/wire-json.js';
import type {TaskExecution, TaskInvocation, WindowExecution, WindowRecord, WindowTarget, WindowTask} from './window-types.js';

/** `2020-02-19T16:00Z`, as DescribeMaintenanceWindowSchedule sends ExecutionTime. */
export function isoMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

function optional<T>(key: string, value: T | undefined): Record<string, T> {
  return value === undefined ? {} : {[key]: value};
}

function settingsShape(w: WindowRecord): Record<string, unknown> {
  return {
    WindowId: w.windowId, Name: w.name, ...optional('Description', w.description), ...optional('StartDate', w.startDate), ...optional('EndDate', w.endDate),
    Schedule: w.schedule, ...optional('ScheduleTimezone', w.timeZone), ...optional('ScheduleOffset', w.offsetDays),
    Duration: w.durationHours, Cutoff: w.cutoffHours, AllowUnassociatedTargets: w.allowUnassociatedTargets, Enabled: w.enabled,
  };
}

function nextExecution(w: WindowRecord): Record<string, string> {
  return w.enabled && w.nextRunAt !== undefined ? {NextExecutionTime: new Date(w.nextRunAt).toISOString()} : {};
}

/** DescribeMaintenanceWindows' WindowIdentity. */
export function identityShape(w: WindowRecord): Record<string, unknown> {
  const {AllowUnassociatedTargets: _a, ...rest} = settingsShape(w);
  return {...rest, ...nextExecution(w)};
}

/** GetMaintenanceWindow. */
export function windowShape(w: WindowRecord): Record<string, unknown> {
  return {...settingsShape(w), ...nextExecution(w), CreatedDate: epochSeconds(w.createdAt), ModifiedDate: epochSeconds(w.modifiedAt)};
}

/** UpdateMaintenanceWindow's answer. */
export function updatedShape(w: WindowRecord): Record<string, unknown> {
  return settingsShape(w);
}

export function targetsShape(targets: WindowTask['targets']): {Key: string; Values: string[]}[] {
  return targets.map((t) => ({Key: t.Key, Values: [...t.Values]}));
}

export function targetShape(w: WindowRecord, t: WindowTarget): Record<string, unknown> {
  return {
    WindowId: w.windowId, WindowTargetId: t.windowTargetId, ResourceType: t.resourceType, Targets: targetsShape(t.targets),
    ...optional('OwnerInformation', t.ownerInformation), ...optional('Name', t.name), ...optional('Description', t.description),
  };
}

function rateShape(t: Pick<WindowTask, 'maxConcurrency' | 'maxErrors'>): Record<string, string> {
  return {...optional('MaxConcurrency', t.maxConcurrency), ...optional('MaxErrors', t.maxErrors)};
}

/** DescribeMaintenanceWindowTasks' WindowTask. */
export function taskShape(w: WindowRecord, t: WindowTask): Record<string, unknown> {
  return {
    WindowId: w.windowId, WindowTaskId: t.windowTaskId, TaskArn: t.taskArn, Type: t.taskType, Targets: targetsShape(t.targets), TaskParameters: {},
    Priority: t.priority, ...optional('ServiceRoleArn', t.serviceRoleArn), ...rateShape(t), ...optional('Name', t.name), ...optional('Description', t.description),
    CutoffBehavior: t.cutoffBehavior,
  };
}

/** GetMaintenanceWindowTask. */
export function taskDetailShape(w: WindowRecord, t: WindowTask): Record<string, unknown> {
  const {Type, ...rest} = taskShape(w, t);
  return {...rest, TaskType: Type, TaskInvocationParameters: t.invocationParameters};
}

export function executionShape(ex: WindowExecution): Record<string, unknown> {
  return {
    WindowId: ex.windowId, WindowExecutionId: ex.windowExecutionId, Status: ex.status, StatusDetails: ex.statusDetails, StartTime: epochSeconds(ex.startTime),
    ...optional('EndTime', ex.endTime === undefined ? undefined : epochSeconds(ex.endTime)),
  };
}

function times(x: {startTime: number | undefined; endTime: number | undefined}): Record<string, number> {
  return {...optional('StartTime', x.startTime === undefined ? undefined : epochSeconds(x.startTime)), ...optional('EndTime', x.endTime === undefined ? undefined : epochSeconds(x.endTime))};
}

/** DescribeMaintenanceWindowExecutionTasks' identity. */
export function taskExecutionShape(te: TaskExecution): Record<string, unknown> {
  return {
    WindowExecutionId: te.windowExecutionId, TaskExecutionId: te.taskExecutionId, Status: te.status, StatusDetails: te.statusDetails, ...times(te),
    TaskArn: te.task.taskArn, TaskType: te.task.taskType,
  };
}

/** GetMaintenanceWindowExecutionTask. */
export function taskExecutionDetailShape(te: TaskExecution): Record<string, unknown> {
  const params = te.task.runCommand?.parameters ?? {};
  return {
    WindowExecutionId: te.windowExecutionId, TaskExecutionId: te.taskExecutionId, TaskArn: te.task.taskArn, ...optional('ServiceRole', te.task.serviceRoleArn),
    Type: te.task.taskType, TaskParameters: Object.keys(params).length === 0 ? [] : [Object.fromEntries(Object.entries(params).map(([k, v]) => [k, {Values: [...v]}]))],
    Priority: te.task.priority, MaxConcurrency: te.maxConcurrency, MaxErrors: te.maxErrors, Status: te.status, StatusDetails: te.statusDetails, ...times(te),
  };
}

export function invocationShape(te: TaskExecution, inv: TaskInvocation): Record<string, unknown> {
  return {
    WindowExecutionId: te.windowExecutionId, TaskExecutionId: te.taskExecutionId, InvocationId: inv.invocationId, ExecutionId: inv.executionId,
    TaskType: te.task.taskType, Parameters: inv.parameters, Status: inv.status, StatusDetails: inv.statusDetails, ...times(inv),
    ...optional('OwnerInformation', inv.ownerInformation), ...optional('WindowTargetId', inv.windowTargetId),
  };
}
