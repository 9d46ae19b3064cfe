// SDK shapes → fleet records. Ids, names and targets stay as AWS sent them (they are the ids of later calls; the
// screen sanitizes them); free text that is only ever shown (descriptions, owner information, statuses and their
// details) is sanitized here.
import type {
  GetMaintenanceWindowCommandOutput, MaintenanceWindowExecution, MaintenanceWindowExecutionTaskIdentity,
  MaintenanceWindowExecutionTaskInvocationIdentity, MaintenanceWindowIdentity, MaintenanceWindowTarget, MaintenanceWindowTask, Target,
} from '@aws-sdk/client-ssm';
import {sanitizeText as clean} from '../../fleet/sanitize.js';
import {
  instanceOfInvocation, windowTime, type WindowDetail, type WindowExecutionInfo, type WindowInvocationInfo, type WindowSummary, type WindowTargetInfo,
  type WindowTargetSpec, type WindowTaskExecutionInfo, type WindowTaskInfo, type WindowTaskType,
} from '../../fleet/windows/window.js';

const ms = (d: Date | undefined): number | undefined => (d === undefined ? undefined : d.getTime());
const opt = <K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> => (v === undefined ? {} : {[key]: v} as Record<K, V>);
const text = (s: string | undefined): string | undefined => (s === undefined ? undefined : clean(s));
const TASK_TYPES: readonly WindowTaskType[] = ['RUN_COMMAND', 'AUTOMATION', 'STEP_FUNCTIONS', 'LAMBDA'];

function targets(list: readonly Target[] | undefined): WindowTargetSpec[] {
  return (list ?? []).map((t) => ({Key: t.Key ?? '', Values: [...(t.Values ?? [])]}));
}

export function fromIdentity(w: MaintenanceWindowIdentity | GetMaintenanceWindowCommandOutput): WindowSummary {
  return {
    windowId: w.WindowId ?? '', name: w.Name ?? '', enabled: w.Enabled ?? false, schedule: w.Schedule ?? '', durationHours: w.Duration ?? 0, cutoffHours: w.Cutoff ?? 0,
    ...opt('description', text(w.Description)), ...opt('timeZone', w.ScheduleTimezone), ...opt('offsetDays', w.ScheduleOffset),
    ...opt('startDate', w.StartDate), ...opt('endDate', w.EndDate), ...opt('nextExecutionAt', windowTime(w.NextExecutionTime)),
  };
}

export function fromWindow(w: GetMaintenanceWindowCommandOutput): WindowDetail {
  return {...fromIdentity(w), allowUnassociatedTargets: w.AllowUnassociatedTargets ?? false, ...opt('createdAt', ms(w.CreatedDate)), ...opt('modifiedAt', ms(w.ModifiedDate))};
}

export function fromTarget(t: MaintenanceWindowTarget): WindowTargetInfo {
  return {
    windowTargetId: t.WindowTargetId ?? '', resourceType: t.ResourceType ?? 'INSTANCE', targets: targets(t.Targets),
    ...opt('ownerInformation', text(t.OwnerInformation)), ...opt('name', t.Name), ...opt('description', text(t.Description)),
  };
}

export function fromTask(t: MaintenanceWindowTask): WindowTaskInfo {
  const type = TASK_TYPES.find((x) => x === t.Type) ?? 'RUN_COMMAND';
  return {
    windowTaskId: t.WindowTaskId ?? '', taskArn: t.TaskArn ?? '', taskType: type, targets: targets(t.Targets), priority: t.Priority ?? 0,
    ...opt('maxConcurrency', t.MaxConcurrency), ...opt('maxErrors', t.MaxErrors), ...opt('name', t.Name), ...opt('description', text(t.Description)),
    ...opt('cutoffBehavior', t.CutoffBehavior), ...opt('serviceRoleArn', t.ServiceRoleArn),
  };
}

function run(x: {Status?: string; StatusDetails?: string; StartTime?: Date; EndTime?: Date}): Omit<WindowExecutionInfo, 'windowExecutionId'> {
  return {
    status: clean(x.Status ?? 'PENDING'), ...opt('statusDetails', x.StatusDetails === undefined ? undefined : clean(x.StatusDetails)),
    ...opt('startedAt', ms(x.StartTime)), ...opt('endedAt', ms(x.EndTime)),
  };
}

export function fromExecution(e: MaintenanceWindowExecution): WindowExecutionInfo {
  return {windowExecutionId: e.WindowExecutionId ?? '', ...run(e)};
}

export function fromTaskExecution(t: MaintenanceWindowExecutionTaskIdentity): WindowTaskExecutionInfo {
  return {windowExecutionId: t.WindowExecutionId ?? '', taskExecutionId: t.TaskExecutionId ?? '', ...run(t), ...opt('taskArn', t.TaskArn), ...opt('taskType', t.TaskType)};
}

export function fromInvocation(i: MaintenanceWindowExecutionTaskInvocationIdentity): WindowInvocationInfo {
  return {
    invocationId: i.InvocationId ?? '', taskExecutionId: i.TaskExecutionId ?? '', ...run(i), ...opt('executionId', i.ExecutionId),
    ...opt('instanceId', instanceOfInvocation(i.Parameters)), ...opt('windowTargetId', i.WindowTargetId), ...opt('ownerInformation', text(i.OwnerInformation)),
  };
}
