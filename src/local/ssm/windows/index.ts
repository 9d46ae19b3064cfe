// Maintenance windows in the local fleet: the SSM operations, the per-fleet store and its clock hooks.

import type {JsonOperation} from '../../protocol/operation-context.js';
import {
  createMaintenanceWindow, deleteMaintenanceWindow, describeMaintenanceWindows, describeMaintenanceWindowSchedule, describeMaintenanceWindowsForTarget,
  getMaintenanceWindow, updateMaintenanceWindow,
} from './window-api.js';
import {
  cancelMaintenanceWindowExecution, describeMaintenanceWindowExecutions, describeMaintenanceWindowExecutionTaskInvocations, describeMaintenanceWindowExecutionTasks,
  getMaintenanceWindowExecution, getMaintenanceWindowExecutionTask, getMaintenanceWindowExecutionTaskInvocation,
} from './window-executions-api.js';
import {
  deregisterTargetFromMaintenanceWindow, describeMaintenanceWindowTargets, registerTargetWithMaintenanceWindow, updateMaintenanceWindowTarget,
} from './window-targets-api.js';
import {
  deregisterTaskFromMaintenanceWindow, describeMaintenanceWindowTasks, getMaintenanceWindowTask, registerTaskWithMaintenanceWindow, updateMaintenanceWindowTask,
} from './window-tasks-api.js';

export {closeWindows, windowStore} from './window-store.js';

export const windowOperations: Readonly<Record<string, JsonOperation>> = {
  CreateMaintenanceWindow: createMaintenanceWindow,
  GetMaintenanceWindow: getMaintenanceWindow,
  UpdateMaintenanceWindow: updateMaintenanceWindow,
  DeleteMaintenanceWindow: deleteMaintenanceWindow,
  DescribeMaintenanceWindows: describeMaintenanceWindows,
  DescribeMaintenanceWindowSchedule: describeMaintenanceWindowSchedule,
  DescribeMaintenanceWindowsForTarget: describeMaintenanceWindowsForTarget,
  RegisterTargetWithMaintenanceWindow: registerTargetWithMaintenanceWindow,
  DeregisterTargetFromMaintenanceWindow: deregisterTargetFromMaintenanceWindow,
  UpdateMaintenanceWindowTarget: updateMaintenanceWindowTarget,
  DescribeMaintenanceWindowTargets: describeMaintenanceWindowTargets,
  RegisterTaskWithMaintenanceWindow: registerTaskWithMaintenanceWindow,
  DeregisterTaskFromMaintenanceWindow: deregisterTaskFromMaintenanceWindow,
  GetMaintenanceWindowTask: getMaintenanceWindowTask,
  UpdateMaintenanceWindowTask: updateMaintenanceWindowTask,
  DescribeMaintenanceWindowTasks: describeMaintenanceWindowTasks,
  DescribeMaintenanceWindowExecutions: describeMaintenanceWindowExecutions,
  GetMaintenanceWindowExecution: getMaintenanceWindowExecution,
  DescribeMaintenanceWindowExecutionTasks: describeMaintenanceWindowExecutionTasks,
  GetMaintenanceWindowExecutionTask: getMaintenanceWindowExecutionTask,
  DescribeMaintenanceWindowExecutionTaskInvocations: describeMaintenanceWindowExecutionTaskInvocations,
  GetMaintenanceWindowExecutionTaskInvocation: getMaintenanceWindowExecutionTaskInvocation,
  CancelMaintenanceWindowExecution: cancelMaintenanceWindowExecution,
};
