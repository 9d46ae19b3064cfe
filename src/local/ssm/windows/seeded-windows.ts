// The maintenance windows a local fleet starts with: patching two days after Patch Tuesday for prod, a weekly
// restart of dev (an Automation task: AWS-RestartEC2Instance on each dev instance, through the local Automation
// engine), and a disabled nightly scan of staging. Weekly or monthly, so they do not open during a test unless the
// fleet clock is moved to them.

import type {FleetModel} from '../../model/fleet-model.js';
import type {WindowSettingsRecord, WindowTarget, WindowTask} from './window-types.js';
import {parseWindowSchedule} from '../../../fleet/schedules/window-schedule.js';

export interface SeededWindow {
  readonly settings: WindowSettingsRecord;
  readonly targets: readonly Omit<WindowTarget, 'windowTargetId'>[];
  /** Each task targets every target of its window (WindowTargetIds, set when the targets get their ids). */
  readonly tasks: readonly Omit<WindowTask, 'windowTaskId'>[];
}

function settings(name: string, description: string, schedule: string, rest: Partial<WindowSettingsRecord>): WindowSettingsRecord {
  const parsed = parseWindowSchedule(schedule);
  if (!parsed.ok) throw new Error(parsed.error);
  return {
    name, description, schedule, parsed: parsed.schedule, timeZone: undefined, offsetDays: undefined, durationHours: 3, cutoffHours: 1,
    allowUnassociatedTargets: false, enabled: true, startDate: undefined, endDate: undefined, startMs: undefined, endMs: undefined, ...rest,
  };
}

function runCommandTask(taskArn: string, parameters: Record<string, string[]>, rest: Partial<WindowTask>): Omit<WindowTask, 'windowTaskId'> {
  return {
    taskArn, taskType: 'RUN_COMMAND', targets: [], priority: 1, maxConcurrency: '10%', maxErrors: '1', serviceRoleArn: undefined, name: undefined, description: undefined,
    cutoffBehavior: 'CONTINUE_TASK', invocationParameters: {RunCommand: {Parameters: parameters}},
    runCommand: {parameters, comment: undefined, documentVersion: undefined, timeoutSeconds: undefined}, automation: undefined, ...rest,
  };
}

export function seededWindows(model: FleetModel): SeededWindow[] {
  const account = model.accountId;
  return [
    {
      settings: settings('patch-tuesday-prod', 'Install approved patches on prod two days after Patch Tuesday', 'cron(0 2 ? * TUE#2 *)', {
        timeZone: 'America/New_York', offsetDays: 2, durationHours: 4, cutoffHours: 1,
      }),
      targets: [{resourceType: 'INSTANCE', targets: [{Key: 'tag:PatchGroup', Values: ['linux-prod', 'windows-prod']}], ownerInformation: 'sre-oncall', name: 'prod-patch-groups', description: undefined}],
      tasks: [
        runCommandTask('AWS-RunPatchBaseline', {Operation: ['Scan']}, {name: 'scan', priority: 1}),
        runCommandTask('AWS-RunPatchBaseline', {Operation: ['Install'], RebootOption: ['RebootIfNeeded']}, {name: 'install', priority: 2, cutoffBehavior: 'CANCEL_TASK'}),
      ],
    },
    {
      settings: settings('weekly-reboot-dev', 'Restart dev instances every Sunday morning', 'cron(0 4 ? * SUN *)', {timeZone: 'Europe/Berlin', durationHours: 2, cutoffHours: 0}),
      targets: [{resourceType: 'INSTANCE', targets: [{Key: 'tag:Env', Values: ['dev']}], ownerInformation: undefined, name: 'dev', description: undefined}],
      tasks: [{
        taskArn: 'AWS-RestartEC2Instance', taskType: 'AUTOMATION', targets: [], priority: 1, maxConcurrency: '2', maxErrors: '1',
        serviceRoleArn: `arn:aws:iam::${account}:role/MaintenanceWindowRole`, name: 'restart', description: undefined, cutoffBehavior: 'CONTINUE_TASK',
        invocationParameters: {Automation: {DocumentVersion: '$DEFAULT', Parameters: {InstanceId: ['{{RESOURCE_ID}}']}}}, runCommand: undefined,
        automation: {documentVersion: '$DEFAULT', parameters: {InstanceId: ['{{RESOURCE_ID}}']}},
      }],
    },
    {
      settings: settings('nightly-scan-staging', 'Patch scan of staging on weeknights (paused)', 'cron(30 1 ? * MON-FRI *)', {enabled: false, durationHours: 2, cutoffHours: 1}),
      targets: [{resourceType: 'INSTANCE', targets: [{Key: 'tag:Env', Values: ['staging']}], ownerInformation: undefined, name: 'staging', description: undefined}],
      tasks: [runCommandTask('AWS-RunPatchBaseline', {Operation: ['Scan']}, {name: 'scan', maxConcurrency: '25%', maxErrors: '10%'})],
    },
  ];
}
