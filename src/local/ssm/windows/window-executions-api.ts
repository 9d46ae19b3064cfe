// What window runs left: DescribeMaintenanceWindowExecutions, GetMaintenanceWindowExecution,
// DescribeMaintenanceWindowExecutionTasks, GetMaintenanceWindowExecutionTask,
// DescribeMaintenanceWindowExecutionTaskInvocations, GetMaintenanceWindowExecutionTaskInvocation, and
// CancelMaintenanceWindowExecution. An invocation's
// ExecutionId is its Run Command command id: GetCommandInvocation with it shows what the node printed.

import type {JsonOperation, OperationContext} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {Violations, type JsonObject} from '../../protocol/validation.js';
import {doesNotExist, executionById, pageList, readFilters, readId, readMaxResults, WINDOW_ID, windowById} from './window-input.js';
import {windowStore} from './window-store.js';
import type {TaskExecution, WindowExecution} from './window-types.js';
import {executionShape, invocationShape, taskExecutionDetailShape, taskExecutionShape} from './window-wire.js';

const DEFAULT_PAGE = 50;

/** The run's current state (moves running windows on first, as Run Command refreshes on every request). */
function execution(ctx: OperationContext, input: JsonObject, v: Violations): WindowExecution {
  const id = readId(input, 'WindowExecutionId', v);
  v.throwIfAny();
  windowStore(ctx.model).collect();
  return executionById(ctx, id);
}

function taskOf(ex: WindowExecution, input: JsonObject, v: Violations): TaskExecution {
  const id = readId(input, 'TaskId', v);
  v.throwIfAny();
  const te = ex.tasks.find((t) => t.taskExecutionId === id);
  if (te === undefined) throw doesNotExist(`Task execution ${id} does not exist in maintenance window execution ${ex.windowExecutionId}`);
  return te;
}

function dateFilter(key: string, value: string | undefined): number {
  const at = Date.parse(value ?? '');
  if (Number.isNaN(at)) throw new ServiceError('ValidationException', `The ${key} filter value ${value ?? ''} is not a valid date (use e.g. 2026-02-15T06:00:00Z).`);
  return at;
}

export const describeMaintenanceWindowExecutions: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const windowId = readId(input, 'WindowId', v, WINDOW_ID);
  const max = readMaxResults(input, v);
  const filters = readFilters(input, v, ['ExecutedBefore', 'ExecutedAfter']);
  windowById(ctx, windowId);
  const store = windowStore(ctx.model);
  store.collect();
  let list = store.executionsOf(windowId);
  for (const f of filters) {
    const at = dateFilter(f.key, f.values[0]);
    list = list.filter((ex) => (f.key === 'ExecutedBefore' ? ex.startTime < at : ex.startTime > at));
  }
  const page = pageList(ctx, input, `DescribeMaintenanceWindowExecutions:${windowId}:${JSON.stringify(filters)}`, list, max ?? DEFAULT_PAGE);
  return {WindowExecutions: page.items.map(executionShape), ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken})};
};

export const getMaintenanceWindowExecution: JsonOperation = (input, ctx) => {
  const ex = execution(ctx, input, new Violations());
  const {WindowId: _w, ...shape} = executionShape(ex);
  return {...shape, TaskIds: ex.tasks.map((t) => t.taskExecutionId)};
};

export const describeMaintenanceWindowExecutionTasks: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const max = readMaxResults(input, v);
  const filters = readFilters(input, v, ['Status']);
  const ex = execution(ctx, input, v);
  const list = ex.tasks.filter((t) => filters.every((f) => f.values.includes(t.status)));
  const page = pageList(ctx, input, `DescribeMaintenanceWindowExecutionTasks:${ex.windowExecutionId}:${JSON.stringify(filters)}`, list, max ?? DEFAULT_PAGE);
  return {WindowExecutionTaskIdentities: page.items.map(taskExecutionShape), ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken})};
};

export const getMaintenanceWindowExecutionTask: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const ex = execution(ctx, input, v);
  return taskExecutionDetailShape(taskOf(ex, input, v));
};

export const describeMaintenanceWindowExecutionTaskInvocations: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const max = readMaxResults(input, v);
  const filters = readFilters(input, v, ['Status']);
  const ex = execution(ctx, input, v);
  const te = taskOf(ex, input, v);
  const list = te.invocations.filter((inv) => filters.every((f) => f.values.includes(inv.status)));
  const page = pageList(ctx, input, `DescribeMaintenanceWindowExecutionTaskInvocations:${te.taskExecutionId}:${JSON.stringify(filters)}`, list, max ?? DEFAULT_PAGE);
  return {WindowExecutionTaskInvocationIdentities: page.items.map((inv) => invocationShape(te, inv)), ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken})};
};

export const getMaintenanceWindowExecutionTaskInvocation: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const ex = execution(ctx, input, v);
  const te = taskOf(ex, input, v);
  const id = readId(input, 'InvocationId', v);
  v.throwIfAny();
  const inv = te.invocations.find((i) => i.invocationId === id);
  if (inv === undefined) throw doesNotExist(`Invocation ${id} does not exist in task execution ${te.taskExecutionId}`);
  return invocationShape(te, inv);
};

export const cancelMaintenanceWindowExecution: JsonOperation = (input, ctx) => {
  const ex = execution(ctx, input, new Violations());
  windowStore(ctx.model).cancel(ex.windowExecutionId); // an ended run stays as it ended (UNVERIFIED: SSM may refuse)
  return {WindowExecutionId: ex.windowExecutionId};
};
