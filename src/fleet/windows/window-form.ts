// The maintenance window form as data (create or edit): name, schedule, time zone, duration, cutoff, whether tasks
// may run on unregistered targets; what it would send, or the first thing wrong with it as SSM would say it. Also
// the register-targets and register-task lines the window detail takes, parsed before anything is sent.
import {parseRunTargets} from '../run-command/run-targets.js';
import {parseRateValue} from '../run-command/rate-control.js';
import {previewWindowSchedule, type NewRunCommandTask, type NewWindow, type NewWindowTarget, type WindowDetail, type WindowTargetSpec} from './window.js';

/** Read-only mode's refusal for each change. */
export const WINDOW_READ_ONLY = {
  create: 'read-only mode: creating a maintenance window is off',
  update: 'read-only mode: editing a maintenance window is off',
  toggle: 'read-only mode: enabling or disabling a maintenance window is off',
  target: 'read-only mode: registering targets is off',
  task: 'read-only mode: registering tasks is off',
} as const;

export interface WindowForm {
  /** Set when editing an existing window. */
  readonly windowId?: string;
  readonly name: string;
  readonly schedule: string;
  readonly timeZone: string;
  readonly duration: string;
  readonly cutoff: string;
  readonly allowUnassociatedTargets: boolean;
}

export function newWindowForm(): WindowForm {
  return {name: '', schedule: 'cron(0 2 ? * SUN *)', timeZone: '', duration: '3', cutoff: '1', allowUnassociatedTargets: false};
}

export function editWindowForm(w: WindowDetail): WindowForm {
  return {windowId: w.windowId, name: w.name, schedule: w.schedule, timeZone: w.timeZone ?? '', duration: String(w.durationHours),
    cutoff: String(w.cutoffHours), allowUnassociatedTargets: w.allowUnassociatedTargets};
}

const NAME = /^[a-zA-Z0-9_\-.]{3,128}$/;

/** What CreateMaintenanceWindow (or UpdateMaintenanceWindow) gets from the form, or the first thing wrong with it. */
export function windowRequest(f: WindowForm, now: number): {ok: true; window: NewWindow} | {ok: false; error: string} {
  if (!NAME.test(f.name)) return {ok: false, error: 'name: 3 to 128 letters, digits, _ - . (n)'};
  if (!/^\d+$/.test(f.duration.trim())) return {ok: false, error: `duration "${f.duration}" must be a whole number of hours`};
  if (!/^\d+$/.test(f.cutoff.trim())) return {ok: false, error: `cutoff "${f.cutoff}" must be a whole number of hours`};
  const durationHours = Number(f.duration);
  const cutoffHours = Number(f.cutoff);
  const timeZone = f.timeZone.trim();
  const preview = previewWindowSchedule({schedule: f.schedule.trim(), ...(timeZone ? {timeZone} : {}), durationHours, cutoffHours}, now, 1);
  if (!preview.ok) return preview;
  return {ok: true, window: {name: f.name, schedule: f.schedule.trim(), ...(timeZone ? {timeZone} : {}), durationHours, cutoffHours,
    allowUnassociatedTargets: f.allowUnassociatedTargets}};
}

/** Targets typed in the detail (a tag expression or instance ids), else the marked instances. */
export function parseWindowTargets(text: string, marked: readonly string[]): {ok: true; target: NewWindowTarget} | {ok: false; error: string} {
  if (!text.trim()) {
    if (marked.length === 0) return {ok: false, error: 'no targets: mark instances first or type an expression, e.g. tag:Env=prod'};
    return {ok: true, target: {targets: [{Key: 'InstanceIds', Values: [...marked]}], resourceType: 'INSTANCE'}};
  }
  const parsed = parseRunTargets(text);
  if (!parsed.ok) return parsed;
  const t = parsed.value;
  const targets: WindowTargetSpec[] = t.kind === 'ids' ? [{Key: 'InstanceIds', Values: t.ids}] : t.targets;
  return {ok: true, target: {targets, resourceType: 'INSTANCE'}};
}

/**
 * `DOCUMENT [name=value …] [concurrency=N|N%] [errors=N|N%] [priority=N]` → a Run Command task on the window's
 * targets (`WindowTargetIds`), e.g. `AWS-RunPatchBaseline Operation=Install RebootOption=NoReboot`; words without `=`
 * continue the value before them (`commands=echo done`).
 */
export function parseRunCommandTask(text: string, windowTargetIds: readonly string[]): {ok: true; task: NewRunCommandTask} | {ok: false; error: string} {
  const [documentName = '', ...rest] = text.trim().split(/\s+/);
  if (!documentName) return {ok: false, error: 'a document name first, e.g. AWS-RunPatchBaseline Operation=Install'};
  if (windowTargetIds.length === 0) return {ok: false, error: 'the window has no targets yet: register some first (t)'};
  const parameters: Record<string, string[]> = {};
  let maxConcurrency = '10%';
  let maxErrors = '1';
  let priority: number | undefined;
  let last: string | undefined;
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      // A word without `=` continues the previous parameter's value (commands=echo hello).
      const prev = last === undefined ? undefined : parameters[last];
      if (!prev || last === undefined) return {ok: false, error: `"${part}" must be name=value`};
      parameters[last] = [`${prev[0] ?? ''} ${part}`];
      continue;
    }
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (key === 'concurrency' || key === 'errors') {
      const checked = parseRateValue(key === 'concurrency' ? 'maxConcurrency' : 'maxErrors', value);
      if (!checked.ok) return {ok: false, error: checked.error};
      if (key === 'concurrency') maxConcurrency = value;
      else maxErrors = value;
      last = undefined;
    } else if (key === 'priority') {
      if (!/^\d+$/.test(value)) return {ok: false, error: `priority "${value}" must be a whole number (lower runs first)`};
      priority = Number(value);
      last = undefined;
    } else {
      parameters[key] = [value];
      last = key;
    }
  }
  return {ok: true, task: {documentName, targets: [{Key: 'WindowTargetIds', Values: [...windowTargetIds]}], parameters, maxConcurrency, maxErrors,
    ...(priority === undefined ? {} : {priority})}};
}
