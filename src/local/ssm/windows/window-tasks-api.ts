// A window's tasks: RegisterTaskWithMaintenanceWindow, DeregisterTaskFromMaintenanceWindow, GetMaintenanceWindowTask,
// UpdateMaintenanceWindowTask, DescribeMaintenanceWindowTasks. Tasks target registered window targets
// (WindowTargetIds) or instance ids (only the window's own nodes unless AllowUnassociatedTargets); MaxConcurrency and
// MaxErrors are required when a task has targets (API reference), "1" is reported for a targetless one.

import {rateConstraintViolations} from '../../../fleet/run-command/rate-control.js';
import type {FleetModel} from '../../model/fleet-model.js';
import type {JsonOperation} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {isObject, optBoolean, optInteger, optString, optStringArray, Violations, type JsonObject} from '../../protocol/validation.js';
import {doesNotExist, idempotent, pageList, readFilters, readId, readMaxResults, readName, readTargets, WINDOW_ID, windowById} from './window-input.js';
import {resolveTaskTargets} from './window-send.js';
import {MAX_TASKS_PER_WINDOW, windowStore} from './window-store.js';
import {CUTOFF_BEHAVIORS, TASK_TYPES, type AutomationTaskParameters, type CutoffBehavior, type RunCommandTaskParameters, type TaskType, type WindowRecord, type WindowTask} from './window-types.js';
import {taskDetailShape, taskShape} from './window-wire.js';

const DEFAULT_PAGE = 50;

function stringLists(raw: unknown, path: string): Record<string, string[]> {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) throw new ServiceError('SerializationException', `Expected a map for member ${path}`, {messageMember: 'message'});
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(raw)) out[key] = optStringArray(raw, key) ?? [];
  return out;
}

/** TaskInvocationParameters.RunCommand (or the deprecated TaskParameters {name: {Values}}). */
function readRunCommand(input: JsonObject, v: Violations): RunCommandTaskParameters | undefined {
  const tip = input['TaskInvocationParameters'];
  const rc = isObject(tip) && isObject(tip['RunCommand']) ? tip['RunCommand'] : undefined;
  const legacy = input['TaskParameters'];
  if (rc === undefined && !isObject(legacy)) return undefined;
  let parameters = stringLists(rc?.['Parameters'], 'Parameters');
  if (rc === undefined && isObject(legacy)) {
    parameters = Object.fromEntries(Object.entries(legacy).map(([k, x]) => [k, isObject(x) ? (optStringArray(x, 'Values') ?? []) : []]));
  }
  const timeoutSeconds = rc === undefined ? undefined : optInteger(rc, 'TimeoutSeconds');
  const comment = rc === undefined ? undefined : optString(rc, 'Comment');
  v.range('taskInvocationParameters.runCommand.timeoutSeconds', timeoutSeconds, 30, 2_592_000);
  v.length('taskInvocationParameters.runCommand.comment', comment, 0, 100);
  return {parameters, comment, documentVersion: rc === undefined ? undefined : optString(rc, 'DocumentVersion'), timeoutSeconds};
}

/** TaskInvocationParameters.Automation: the runbook's version and parameters. */
function readAutomation(input: JsonObject): AutomationTaskParameters | undefined {
  const tip = input['TaskInvocationParameters'];
  const a = isObject(tip) && isObject(tip['Automation']) ? tip['Automation'] : undefined;
  if (a === undefined) return undefined;
  return {parameters: stringLists(a['Parameters'], 'Parameters'), documentVersion: optString(a, 'DocumentVersion')};
}

type TaskFields = Omit<WindowTask, 'windowTaskId' | 'taskType'> & {taskType: TaskType};

/** The task's fields; `base` holds what an update without Replace keeps. */
function readTask(input: JsonObject, v: Violations, w: WindowRecord, base?: WindowTask): TaskFields {
  const required = base === undefined;
  const taskArn = optString(input, 'TaskArn');
  const taskType = optString(input, 'TaskType');
  const priority = optInteger(input, 'Priority');
  const maxConcurrency = optString(input, 'MaxConcurrency');
  const maxErrors = optString(input, 'MaxErrors');
  const cutoff = optString(input, 'CutoffBehavior');
  const description = optString(input, 'Description');
  const role = optString(input, 'ServiceRoleArn');
  const targets = readTargets(input, v);
  const name = readName(input, v, false);
  if (!required || v.required('taskArn', taskArn)) v.length('taskArn', taskArn, 1, 1600);
  if (required && v.required('taskType', taskType)) v.oneOf('taskType', taskType, TASK_TYPES);
  v.range('priority', priority, 0, undefined);
  v.oneOf('cutoffBehavior', cutoff, CUTOFF_BEHAVIORS);
  v.length('description', description, 1, 128);
  for (const [kind, text] of [['maxConcurrency', maxConcurrency], ['maxErrors', maxErrors]] as const) {
    if (text === undefined) continue;
    const prefix = `Value '${text}' at '${kind}' failed to satisfy constraint: `;
    for (const fragment of rateConstraintViolations(kind, text)) v.add(kind, text, fragment.slice(prefix.length));
  }
  const runCommand = readRunCommand(input, v);
  const automation = readAutomation(input);
  v.throwIfAny();
  const keep = base !== undefined && optBoolean(input, 'Replace') !== true ? base : undefined;
  const type = (taskType ?? base?.taskType ?? 'RUN_COMMAND') as TaskType;
  const merged: TaskFields = {
    taskArn: taskArn ?? base?.taskArn ?? '', taskType: type, targets: targets ?? keep?.targets ?? [], priority: priority ?? keep?.priority ?? 1,
    maxConcurrency: maxConcurrency ?? keep?.maxConcurrency, maxErrors: maxErrors ?? keep?.maxErrors, serviceRoleArn: role ?? keep?.serviceRoleArn,
    name: name ?? keep?.name, description: description ?? keep?.description, cutoffBehavior: (cutoff ?? keep?.cutoffBehavior ?? 'CONTINUE_TASK') as CutoffBehavior,
    invocationParameters: isObject(input['TaskInvocationParameters']) ? input['TaskInvocationParameters'] : (keep?.invocationParameters ?? {}),
    runCommand: type === 'RUN_COMMAND' ? (runCommand ?? keep?.runCommand ?? {parameters: {}, comment: undefined, documentVersion: undefined, timeoutSeconds: undefined}) : undefined,
    automation: type === 'AUTOMATION' ? (automation ?? keep?.automation ?? {parameters: {}, documentVersion: undefined}) : undefined,
  };
  checkTaskTargets(w, merged);
  return merged;
}

function checkTaskTargets(w: WindowRecord, t: TaskFields): void {
  if (t.targets.length === 0) {
    if (t.taskType === 'RUN_COMMAND') throw new ServiceError('ValidationException', 'A RUN_COMMAND task needs Targets: WindowTargetIds or InstanceIds.');
    return;
  }
  if (t.maxConcurrency === undefined || t.maxErrors === undefined) {
    throw new ServiceError('ValidationException', 'MaxConcurrency and MaxErrors are required for a task with targets.');
  }
  for (const spec of t.targets) {
    if (spec.Key === 'WindowTargetIds') {
      const missing = spec.Values.find((id) => !w.targets.has(id));
      if (missing !== undefined) throw doesNotExist(`Maintenance window target ${missing} does not exist in window ${w.windowId}`);
    } else if (spec.Key !== 'InstanceIds') {
      throw new ServiceError('ValidationException', `Target key ${spec.Key} is not valid for a task: use WindowTargetIds or InstanceIds.`);
    }
  }
}

function checkUnassociated(w: WindowRecord, t: TaskFields, model: FleetModel): void {
  if (w.allowUnassociatedTargets) return;
  const ids = t.targets.filter((s) => s.Key === 'InstanceIds').flatMap((s) => s.Values);
  if (ids.length === 0) return;
  const registered = resolveTaskTargets(model, w, [{Key: 'WindowTargetIds', Values: [...w.targets.keys()]}]);
  const outside = ids.find((id) => !registered.has(id));
  if (outside !== undefined) {
    throw new ServiceError('ValidationException', `Instance ${outside} is not a registered target of window ${w.windowId}, which does not allow unassociated targets.`);
  }
}

function taskById(w: WindowRecord, id: string): WindowTask {
  const t = w.tasks.get(id);
  if (t === undefined) throw doesNotExist(`Maintenance window task ${id} does not exist in window ${w.windowId}`);
  return t;
}

export const registerTaskWithMaintenanceWindow: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const windowId = readId(input, 'WindowId', v, WINDOW_ID);
  v.length('clientToken', optString(input, 'ClientToken'), 1, 64);
  v.throwIfAny();
  const w = windowById(ctx, windowId);
  const fields = readTask(input, v, w);
  checkUnassociated(w, fields, ctx.model);
  const store = windowStore(ctx.model);
  const id = idempotent(store, `RegisterTask:${windowId}`, input, () => {
    if (w.tasks.size >= MAX_TASKS_PER_WINDOW) {
      throw new ServiceError('ResourceLimitExceededException', `Maximum number of tasks (${MAX_TASKS_PER_WINDOW}) reached for maintenance window ${windowId}.`);
    }
    return store.addTask(w, fields).windowTaskId;
  });
  return {WindowTaskId: id};
};

export const deregisterTaskFromMaintenanceWindow: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const windowId = readId(input, 'WindowId', v, WINDOW_ID);
  const taskId = readId(input, 'WindowTaskId', v);
  v.throwIfAny();
  const w = windowById(ctx, windowId);
  taskById(w, taskId);
  w.tasks.delete(taskId);
  return {WindowId: windowId, WindowTaskId: taskId};
};

export const getMaintenanceWindowTask: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const windowId = readId(input, 'WindowId', v, WINDOW_ID);
  const taskId = readId(input, 'WindowTaskId', v);
  v.throwIfAny();
  const w = windowById(ctx, windowId);
  return taskDetailShape(w, taskById(w, taskId));
};

export const updateMaintenanceWindowTask: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const windowId = readId(input, 'WindowId', v, WINDOW_ID);
  const taskId = readId(input, 'WindowTaskId', v);
  v.throwIfAny();
  const w = windowById(ctx, windowId);
  const task = taskById(w, taskId);
  const fields = readTask(input, v, w, task);
  checkUnassociated(w, fields, ctx.model);
  const {taskType: _type, ...changeable} = fields;
  Object.assign(task, changeable);
  const {TaskType: _t, ...shape} = taskDetailShape(w, task);
  return shape;
};

export const describeMaintenanceWindowTasks: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const windowId = readId(input, 'WindowId', v, WINDOW_ID);
  const max = readMaxResults(input, v);
  const filters = readFilters(input, v, ['WindowTaskId', 'TaskArn', 'Priority', 'TaskType']);
  const w = windowById(ctx, windowId);
  let list = [...w.tasks.values()];
  for (const f of filters) {
    const field = (t: WindowTask): string => (f.key === 'WindowTaskId' ? t.windowTaskId : f.key === 'TaskArn' ? t.taskArn : f.key === 'Priority' ? String(t.priority) : t.taskType);
    list = list.filter((t) => f.values.includes(field(t)));
  }
  const page = pageList(ctx, input, `DescribeMaintenanceWindowTasks:${windowId}:${JSON.stringify(filters)}`, list, max ?? DEFAULT_PAGE);
  return {Tasks: page.items.map((t) => taskShape(w, t)), ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken})};
};
