// What fleetdeck needs from Maintenance Windows (implemented over the SSM API in aws/windows/), and the errors it
// reports in the user's terms.
import type {
  NewRunCommandTask, NewWindow, NewWindowTarget, WindowDetail, WindowExecutionInfo, WindowInvocationInfo, WindowSummary, WindowTargetInfo,
  WindowTaskExecutionInfo, WindowTaskInfo,
} from './window.js';
import {ResourceError, type ErrorKinds} from '../resource-error.js';

export interface WindowsApi {
  /** Every window (DescribeMaintenanceWindows, all pages). */
  list(signal?: AbortSignal): Promise<WindowSummary[]>;
  get(windowId: string, signal?: AbortSignal): Promise<WindowDetail>;
  /** Resolves with the new window's id (sent with a ClientToken, so a retried create makes one window). */
  create(window: NewWindow): Promise<string>;
  update(windowId: string, change: Partial<NewWindow>): Promise<void>;
  setEnabled(windowId: string, enabled: boolean): Promise<void>;
  delete(windowId: string): Promise<void>;
  targets(windowId: string, signal?: AbortSignal): Promise<WindowTargetInfo[]>;
  /** In Priority order (lower first). */
  tasks(windowId: string, signal?: AbortSignal): Promise<WindowTaskInfo[]>;
  /** A task's parameters (GetMaintenanceWindowTask: its Run Command or Automation invocation parameters). */
  taskParameters(windowId: string, windowTaskId: string, signal?: AbortSignal): Promise<Record<string, string[]>>;
  registerTarget(windowId: string, target: NewWindowTarget): Promise<string>;
  /** safe: refuse while a task uses the target (TargetInUseException → 'in-use'). */
  deregisterTarget(windowId: string, windowTargetId: string, safe?: boolean): Promise<void>;
  registerRunCommandTask(windowId: string, task: NewRunCommandTask): Promise<string>;
  deregisterTask(windowId: string, windowTaskId: string): Promise<void>;
  /** The window's runs, newest first. */
  executions(windowId: string, signal?: AbortSignal): Promise<WindowExecutionInfo[]>;
  executionTasks(windowExecutionId: string, signal?: AbortSignal): Promise<WindowTaskExecutionInfo[]>;
  invocations(windowExecutionId: string, taskExecutionId: string, signal?: AbortSignal): Promise<WindowInvocationInfo[]>;
  /** The next `count` openings as SSM computes them (DescribeMaintenanceWindowSchedule), epoch ms. */
  schedule(windowId: string, count: number, signal?: AbortSignal): Promise<number[]>;
}

export type WindowErrorKind = ErrorKinds<'not-found' | 'invalid' | 'limit' | 'conflict' | 'in-use'>;

/** A failed Maintenance Windows call, classified; `message` is sanitized, `code` is the SSM error name (for the log). */
export class WindowError extends ResourceError<WindowErrorKind> {
  override name = 'WindowError';
}
