// Maintenance windows themselves (docs/ssm-api-more.md §6): Create/Get/Update/DeleteMaintenanceWindow,
// DescribeMaintenanceWindows (filters Name, Enabled), DescribeMaintenanceWindowSchedule and
// DescribeMaintenanceWindowsForTarget. How windows open and run: window-store.ts.

import type {JsonOperation, OperationContext} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optString, Violations, type JsonObject} from '../../protocol/validation.js';
import {reachable, targetsNode} from '../associations/association-targets.js';
import {idempotent, pageList, readFilters, readId, readMaxResults, readTargets, readWindowSettings, WINDOW_ID, windowById} from './window-input.js';
import {MAX_WINDOWS, windowStore} from './window-store.js';
import type {WindowRecord} from './window-types.js';
import {identityShape, isoMinute, updatedShape, windowShape} from './window-wire.js';

const DEFAULT_PAGE = 50;
/** DescribeMaintenanceWindowSchedule lists at most this many openings of one window (or of each, by Targets). */
const SCHEDULE_MAX_RUNS = 1000;
const SCHEDULE_MAX_RUNS_EACH = 100;

export const createMaintenanceWindow: JsonOperation = (input, ctx) => {
  const store = windowStore(ctx.model);
  const v = new Violations();
  const token = optString(input, 'ClientToken');
  v.length('clientToken', token, 1, 64);
  const settings = readWindowSettings(input, v, store.now());
  const windowId = idempotent(store, 'CreateMaintenanceWindow', input, () => {
    if (store.all().length >= MAX_WINDOWS) {
      throw new ServiceError('ResourceLimitExceededException', `Maximum number of maintenance windows (${MAX_WINDOWS}) reached for this account.`);
    }
    return store.create(settings, store.now()).windowId;
  });
  return {WindowId: windowId};
};

export const getMaintenanceWindow: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readId(input, 'WindowId', v, WINDOW_ID);
  v.throwIfAny();
  return windowShape(windowById(ctx, id));
};

export const updateMaintenanceWindow: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readId(input, 'WindowId', v, WINDOW_ID);
  v.throwIfAny();
  const w = windowById(ctx, id);
  const store = windowStore(ctx.model);
  const settings = readWindowSettings(input, v, store.now(), w);
  store.update(w, settings);
  return updatedShape(w);
};

export const deleteMaintenanceWindow: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const id = readId(input, 'WindowId', v, WINDOW_ID);
  v.throwIfAny();
  const store = windowStore(ctx.model);
  const w = store.get(id);
  if (w !== undefined) store.delete(w); // deleting a window that does not exist answers its id too (UNVERIFIED)
  return {WindowId: id};
};

export const describeMaintenanceWindows: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const max = readMaxResults(input, v);
  const filters = readFilters(input, v, ['Name', 'Enabled']);
  let list = windowStore(ctx.model).all();
  for (const f of filters) {
    list = list.filter((w) => (f.key === 'Name' ? f.values.includes(w.name) : f.values.includes(String(w.enabled))));
  }
  const scope = `DescribeMaintenanceWindows:${JSON.stringify(filters)}`;
  const page = pageList(ctx, input, scope, list, max ?? DEFAULT_PAGE);
  return {WindowIdentities: page.items.map(identityShape), ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken})};
};

/** The windows whose targets (registered or named by tasks) reach any node the given Targets reach. */
function windowsForTargets(ctx: OperationContext, input: JsonObject, v: Violations): WindowRecord[] {
  const targets = readTargets(input, v) ?? [];
  const resourceType = optString(input, 'ResourceType');
  if (v.required('resourceType', resourceType)) v.oneOf('resourceType', resourceType, ['INSTANCE', 'RESOURCE_GROUP']);
  v.throwIfAny();
  if (resourceType === 'RESOURCE_GROUP') return []; // the local fleet has no resource groups
  const askedNodes = ctx.model.managed().filter((n) => reachable(n) && targetsNode({targets, instanceId: undefined}, n));
  const asked = new Set(askedNodes.map((n) => n.instanceId));
  return windowStore(ctx.model).all().filter((w) => {
    const viaTargets = [...w.targets.values()].some((t) => askedNodes.some((n) => targetsNode({targets: t.targets, instanceId: undefined}, n)));
    if (viaTargets) return true;
    // Tasks reach the window's targets (checked above) or instance ids of their own.
    return [...w.tasks.values()].some((task) => task.targets.some((t) => t.Key.toLowerCase() === 'instanceids' && t.Values.some((id) => asked.has(id))));
  });
}

export const describeMaintenanceWindowSchedule: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const windowId = optString(input, 'WindowId');
  if (windowId !== undefined && !WINDOW_ID.test(windowId)) v.add('windowId', windowId, 'Member must satisfy regular expression pattern: ^mw-[0-9a-f]{17}$');
  const max = readMaxResults(input, v, 1, undefined);
  const filters = readFilters(input, v, ['ScheduledBefore', 'ScheduledAfter']);
  const store = windowStore(ctx.model);
  const windows = windowId !== undefined ? [windowById(ctx, windowId)] : windowsForTargets(ctx, input, v);
  let after = store.now();
  let before = Infinity;
  for (const f of filters) {
    const at = Date.parse(f.values[0] ?? '');
    if (Number.isNaN(at)) throw new ServiceError('ValidationException', `The ${f.key} filter value ${f.values[0] ?? ''} is not a valid date (use e.g. 2026-02-15T06:00:00Z).`);
    if (f.key === 'ScheduledAfter') after = Math.max(after, at);
    else before = Math.min(before, at);
  }
  const scope = `DescribeMaintenanceWindowSchedule:${windowId ?? JSON.stringify(input['Targets'] ?? null)}:${JSON.stringify(filters)}`;
  const size = max ?? DEFAULT_PAGE;
  // Only as many openings as this page reaches (one more says whether another page follows).
  const cursor = optString(input, 'NextToken');
  const from = cursor === undefined || cursor === '' ? 0 : Number(ctx.tokens.read(cursor, scope) ?? '-1') + 1;
  const need = Math.min(from + size + 1, windowId === undefined ? SCHEDULE_MAX_RUNS_EACH : SCHEDULE_MAX_RUNS);
  const runs = windows
    .flatMap((w) => store.upcoming(w, need, after).filter((t) => t < before).map((t) => ({w, t})))
    .sort((a, b) => a.t - b.t)
    .slice(0, SCHEDULE_MAX_RUNS);
  const page = pageList(ctx, input, scope, runs, size);
  return {
    ScheduledWindowExecutions: page.items.map(({w, t}) => ({WindowId: w.windowId, Name: w.name, ExecutionTime: isoMinute(t)})),
    ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken}),
  };
};

export const describeMaintenanceWindowsForTarget: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const max = readMaxResults(input, v, 1, undefined);
  if (v.required('targets', input['Targets'])) v.throwIfAny();
  const list = windowsForTargets(ctx, input, v);
  const page = pageList(ctx, input, `DescribeMaintenanceWindowsForTarget:${JSON.stringify(input['Targets'])}`, list, max ?? DEFAULT_PAGE);
  return {WindowIdentities: page.items.map((w) => ({WindowId: w.windowId, Name: w.name})), ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken})};
};
