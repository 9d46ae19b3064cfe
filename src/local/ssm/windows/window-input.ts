// Reading maintenance window requests as SSM checks them: the model's constraints first (Coral
// ValidationException), then the service's own rules (schedule, time zone, cutoff < duration, dates), then lookups
// (DoesNotExistException) and ClientToken idempotency (IdempotentParameterMismatch).

import {checkWindowSettings, MAX_CUTOFF_HOURS, MAX_DURATION_HOURS, MAX_SCHEDULE_OFFSET_DAYS} from '../../../fleet/schedules/window-schedule.js';
import {indexKey, paginate} from '../../protocol/list-paging.js';
import type {OperationContext} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optBoolean, optInteger, optObjectArray, optString, optStringArray, type Violations, type JsonObject} from '../../protocol/validation.js';
import {windowStore, type WindowStore} from './window-store.js';
import type {TargetSpec, WindowExecution, WindowRecord, WindowSettingsRecord} from './window-types.js';

export const WINDOW_ID = /^mw-[0-9a-f]{17}$/;
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const NAME = /^[a-zA-Z0-9_\-.]{3,128}$/;
const UUID_PATTERN = '^[0-9a-fA-F]{8}\\-[0-9a-fA-F]{4}\\-[0-9a-fA-F]{4}\\-[0-9a-fA-F]{4}\\-[0-9a-fA-F]{12}$';

export function doesNotExist(message: string): ServiceError {
  return new ServiceError('DoesNotExistException', message);
}

/** A required id member with its pattern (WindowId, WindowTargetId, WindowExecutionId, …). */
export function readId(input: JsonObject, member: string, v: Violations, pattern: RegExp = UUID): string {
  const path = `${member[0]?.toLowerCase() ?? ''}${member.slice(1)}`;
  const id = optString(input, member);
  if (v.required(path, id) && !pattern.test(id ?? '')) {
    v.add(path, id, `Member must satisfy regular expression pattern: ${pattern === WINDOW_ID ? '^mw-[0-9a-f]{17}$' : UUID_PATTERN}`);
  }
  return id ?? '';
}

export function windowById(ctx: OperationContext, windowId: string): WindowRecord {
  const w = windowStore(ctx.model).get(windowId);
  if (w === undefined) throw doesNotExist(`Maintenance window ${windowId} does not exist`);
  return w;
}

export function executionById(ctx: OperationContext, id: string): WindowExecution {
  const ex = windowStore(ctx.model).execution(id);
  if (ex === undefined) throw doesNotExist(`Maintenance window execution ${id} does not exist`);
  return ex;
}

export function readName(input: JsonObject, v: Violations, required: boolean): string | undefined {
  const name = optString(input, 'Name');
  if ((!required || v.required('name', name)) && name !== undefined && !NAME.test(name)) {
    v.add('name', name, 'Member must satisfy regular expression pattern: ^[a-zA-Z0-9_\\-.]{3,128}$');
  }
  return name;
}

/** Targets: ≤ 5 keys, ≤ 50 values each (the model). */
export function readTargets(input: JsonObject, v: Violations, max = 5): TargetSpec[] | undefined {
  const list = optObjectArray(input, 'Targets');
  v.length('targets', list, 0, max);
  return list?.map((t, i) => {
    const key = optString(t, 'Key');
    const values = optStringArray(t, 'Values') ?? [];
    if (v.required(`targets.${i + 1}.member.key`, key)) v.length(`targets.${i + 1}.member.key`, key, 1, 163);
    v.length(`targets.${i + 1}.member.values`, values, 0, 50);
    return {Key: key ?? '', Values: values};
  });
}

/** Create/UpdateMaintenanceWindow fields; `base` holds what an update without Replace keeps. */
export function readWindowSettings(input: JsonObject, v: Violations, now: number, base?: WindowSettingsRecord): WindowSettingsRecord {
  const required = base === undefined;
  const name = readName(input, v, required);
  const description = optString(input, 'Description');
  const schedule = optString(input, 'Schedule');
  const timeZone = optString(input, 'ScheduleTimezone');
  const offsetDays = optInteger(input, 'ScheduleOffset');
  const duration = optInteger(input, 'Duration');
  const cutoff = optInteger(input, 'Cutoff');
  const allow = optBoolean(input, 'AllowUnassociatedTargets');
  const enabled = optBoolean(input, 'Enabled');
  const startDate = optString(input, 'StartDate');
  const endDate = optString(input, 'EndDate');
  v.length('description', description, 1, 128);
  if (!required || v.required('schedule', schedule)) v.length('schedule', schedule, 1, 256);
  v.range('scheduleOffset', offsetDays, 1, MAX_SCHEDULE_OFFSET_DAYS);
  if (!required || v.required('duration', duration)) v.range('duration', duration, 1, MAX_DURATION_HOURS);
  if (!required || v.required('cutoff', cutoff)) v.range('cutoff', cutoff, 0, MAX_CUTOFF_HOURS);
  if (required) v.required('allowUnassociatedTargets', allow);
  v.throwIfAny();
  // Replace: what is not given is reset (optional members) — the required ones must then be given again.
  const keep = base !== undefined && optBoolean(input, 'Replace') !== true ? base : undefined;
  if (base !== undefined && keep === undefined) {
    const missing = [['Name', name], ['Schedule', schedule], ['Duration', duration], ['Cutoff', cutoff], ['AllowUnassociatedTargets', allow]].filter(([, x]) => x === undefined).map(([n]) => n);
    if (missing.length > 0) throw new ServiceError('ValidationException', `Replace is true: ${missing.join(', ')} must be given.`);
  }
  const merged = {
    schedule: schedule ?? keep?.schedule ?? base?.schedule ?? '',
    timeZone: timeZone ?? keep?.timeZone, offsetDays: offsetDays ?? keep?.offsetDays,
    durationHours: duration ?? base?.durationHours ?? 1, cutoffHours: cutoff ?? base?.cutoffHours ?? 0,
    startDate: startDate ?? keep?.startDate, endDate: endDate ?? keep?.endDate,
  };
  const checked = checkWindowSettings({
    schedule: merged.schedule, durationHours: merged.durationHours, cutoffHours: merged.cutoffHours,
    ...(merged.timeZone === undefined ? {} : {timeZone: merged.timeZone}), ...(merged.offsetDays === undefined ? {} : {offsetDays: merged.offsetDays}),
    ...(merged.startDate === undefined ? {} : {startDate: merged.startDate}), ...(merged.endDate === undefined ? {} : {endDate: merged.endDate}),
  }, now);
  if (!checked.ok) throw new ServiceError('ValidationException', checked.error);
  return {
    ...merged, name: name ?? base?.name ?? '', description: description ?? keep?.description, parsed: checked.schedule,
    allowUnassociatedTargets: allow ?? base?.allowUnassociatedTargets ?? false, enabled: enabled ?? keep?.enabled ?? true,
    startMs: checked.startDate, endMs: checked.endDate,
  };
}

/**
 * ClientToken: the same token with the same request returns what the first call created; with a different request
 * it is IdempotentParameterMismatch.
 */
export function idempotent(store: WindowStore, scope: string, input: JsonObject, create: () => string): string {
  const token = optString(input, 'ClientToken');
  if (token === undefined) return create();
  const {ClientToken: _token, ...rest} = input;
  const fingerprint = JSON.stringify(rest, Object.keys(rest).sort());
  const key = `${scope}:${token}`;
  const seen = store.tokens.get(key);
  if (seen !== undefined) {
    if (seen.fingerprint !== fingerprint) throw new ServiceError('IdempotentParameterMismatch', 'Error occurred during operation \'ClientToken\' was already used with different parameters.');
    return seen.id;
  }
  const id = create();
  store.tokens.set(key, {fingerprint, id});
  return id;
}

/** A filter list: [{Key, Values}] with keys from `keys`. */
export function readFilters(input: JsonObject, v: Violations, keys: readonly string[], max = 5): {key: string; values: string[]}[] {
  const list = optObjectArray(input, 'Filters');
  v.length('filters', list, 0, max);
  const out = (list ?? []).map((f, i) => {
    const key = optString(f, 'Key');
    const values = optStringArray(f, 'Values') ?? [];
    if (v.required(`filters.${i + 1}.member.key`, key)) v.length(`filters.${i + 1}.member.key`, key, 1, 128);
    return {key: key ?? '', values};
  });
  v.throwIfAny();
  for (const f of out) {
    if (!keys.includes(f.key)) throw new ServiceError('ValidationException', `Filter key ${f.key} is not valid. Valid keys: ${keys.join(', ')}.`);
  }
  return out;
}

export function readMaxResults(input: JsonObject, v: Violations, min = 10, max = 100): number | undefined {
  const n = optInteger(input, 'MaxResults');
  v.range('maxResults', n, min, max);
  return n;
}

/** One page of an ordered list (pages cut on list positions; tokens bound to the operation and its filters). */
export function pageList<T>(ctx: OperationContext, input: JsonObject, scope: string, list: readonly T[], size: number): {items: readonly T[]; nextToken?: string} {
  const keyed = list.map((item, i) => ({item, key: indexKey(i)}));
  const page = paginate(keyed, {ctx, scope, token: optString(input, 'NextToken'), size, key: (x) => x.key});
  return {items: page.items.map((x) => x.item), ...(page.nextToken === undefined ? {} : {nextToken: page.nextToken})};
}
