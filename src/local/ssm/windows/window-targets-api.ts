// A window's targets: RegisterTargetWithMaintenanceWindow, DeregisterTargetFromMaintenanceWindow,
// UpdateMaintenanceWindowTarget, DescribeMaintenanceWindowTargets. A target is a set of nodes by instance id or tag
// (INSTANCE) or a resource group (RESOURCE_GROUP: the local fleet has none, so such a target reaches no node).

import type {JsonOperation} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optBoolean, optString, Violations, type JsonObject} from '../../protocol/validation.js';
import {doesNotExist, idempotent, pageList, readFilters, readId, readMaxResults, readName, readTargets, WINDOW_ID, windowById} from './window-input.js';
import {MAX_TARGETS_PER_WINDOW, windowStore} from './window-store.js';
import type {TargetSpec, WindowRecord, WindowTarget} from './window-types.js';
import {targetShape} from './window-wire.js';

const DEFAULT_PAGE = 50;

function checkTargetKeys(resourceType: string, targets: readonly TargetSpec[]): void {
  for (const t of targets) {
    const instance = t.Key === 'InstanceIds' || t.Key === 'tag-key' || (t.Key.startsWith('tag:') && t.Key.length > 4);
    const group = t.Key === 'resource-groups:Name' || t.Key === 'resource-groups:ResourceTypeFilters';
    if (resourceType === 'INSTANCE' ? !instance : !group) {
      throw new ServiceError('ValidationException', `Target key ${t.Key} is not valid for ResourceType ${resourceType}: use ${resourceType === 'INSTANCE' ? 'InstanceIds, tag:<key> or tag-key' : 'resource-groups:Name or resource-groups:ResourceTypeFilters'}.`);
    }
    if (t.Values.length === 0) throw new ServiceError('ValidationException', `Target ${t.Key} needs at least one value.`);
  }
}

interface TargetFields {
  resourceType: string | undefined;
  targets: TargetSpec[] | undefined;
  ownerInformation: string | undefined;
  name: string | undefined;
  description: string | undefined;
}

function readTargetFields(input: JsonObject, v: Violations): TargetFields {
  const ownerInformation = optString(input, 'OwnerInformation');
  const description = optString(input, 'Description');
  v.length('ownerInformation', ownerInformation, 1, 128);
  v.length('description', description, 1, 128);
  return {resourceType: optString(input, 'ResourceType'), targets: readTargets(input, v), ownerInformation, name: readName(input, v, false), description};
}

function targetById(w: WindowRecord, id: string): WindowTarget {
  const t = w.targets.get(id);
  if (t === undefined) throw doesNotExist(`Maintenance window target ${id} does not exist in window ${w.windowId}`);
  return t;
}

export const registerTargetWithMaintenanceWindow: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const windowId = readId(input, 'WindowId', v, WINDOW_ID);
  const f = readTargetFields(input, v);
  if (v.required('resourceType', f.resourceType)) v.oneOf('resourceType', f.resourceType, ['INSTANCE', 'RESOURCE_GROUP']);
  if (v.required('targets', f.targets)) v.length('targets', f.targets, 1, 5);
  v.length('clientToken', optString(input, 'ClientToken'), 1, 64);
  v.throwIfAny();
  const w = windowById(ctx, windowId);
  checkTargetKeys(f.resourceType ?? '', f.targets ?? []);
  const store = windowStore(ctx.model);
  const id = idempotent(store, `RegisterTarget:${windowId}`, input, () => {
    if (w.targets.size >= MAX_TARGETS_PER_WINDOW) {
      throw new ServiceError('ResourceLimitExceededException', `Maximum number of targets (${MAX_TARGETS_PER_WINDOW}) reached for maintenance window ${windowId}.`);
    }
    return store.addTarget(w, {
      resourceType: f.resourceType === 'RESOURCE_GROUP' ? 'RESOURCE_GROUP' : 'INSTANCE', targets: f.targets ?? [], ownerInformation: f.ownerInformation,
      name: f.name, description: f.description,
    }).windowTargetId;
  });
  return {WindowTargetId: id};
};

export const deregisterTargetFromMaintenanceWindow: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const windowId = readId(input, 'WindowId', v, WINDOW_ID);
  const targetId = readId(input, 'WindowTargetId', v);
  const safe = optBoolean(input, 'Safe') ?? false;
  v.throwIfAny();
  const w = windowById(ctx, windowId);
  targetById(w, targetId);
  if (safe) {
    const user = [...w.tasks.values()].find((t) => t.targets.some((s) => s.Key === 'WindowTargetIds' && s.Values.includes(targetId)));
    if (user !== undefined) throw new ServiceError('TargetInUseException', `Target ${targetId} is in use by task ${user.windowTaskId}: deregister the task first, or deregister without Safe.`);
  }
  w.targets.delete(targetId);
  return {WindowId: windowId, WindowTargetId: targetId};
};

export const updateMaintenanceWindowTarget: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const windowId = readId(input, 'WindowId', v, WINDOW_ID);
  const targetId = readId(input, 'WindowTargetId', v);
  const f = readTargetFields(input, v);
  v.throwIfAny();
  const t = targetById(windowById(ctx, windowId), targetId);
  const replace = optBoolean(input, 'Replace') === true;
  if (replace && f.targets === undefined) throw new ServiceError('ValidationException', 'Replace is true: Targets must be given.');
  if (f.targets !== undefined) {
    checkTargetKeys(t.resourceType, f.targets);
    t.targets = f.targets;
  }
  t.ownerInformation = f.ownerInformation ?? (replace ? undefined : t.ownerInformation);
  t.name = f.name ?? (replace ? undefined : t.name);
  t.description = f.description ?? (replace ? undefined : t.description);
  const {ResourceType: _r, ...shape} = targetShape(windowById(ctx, windowId), t);
  return shape;
};

export const describeMaintenanceWindowTargets: JsonOperation = (input, ctx) => {
  const v = new Violations();
  const windowId = readId(input, 'WindowId', v, WINDOW_ID);
  const max = readMaxResults(input, v);
  const filters = readFilters(input, v, ['Type', 'WindowTargetId', 'OwnerInformation']);
  const w = windowById(ctx, windowId);
  let list = [...w.targets.values()];
  for (const f of filters) {
    list = list.filter((t) => f.values.includes((f.key === 'Type' ? t.resourceType : f.key === 'WindowTargetId' ? t.windowTargetId : t.ownerInformation) ?? ''));
  }
  const page = pageList(ctx, input, `DescribeMaintenanceWindowTargets:${windowId}:${JSON.stringify(filters)}`, list, max ?? DEFAULT_PAGE);
  return {Targets: page.items.map((t) => targetShape(w, t)), ...(page.nextToken === undefined ? {} : {NextToken: page.nextToken})};
};
