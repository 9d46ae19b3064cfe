// When a maintenance window opens and how long tasks may start in it (UG reference-maintenance-windows-schedule-
// options, API_CreateMaintenanceWindow). Pure: the local fleet fires windows on it, the app previews "next runs".
//
// - Schedule: any cron or rate expression (schedule-expression.ts), or `at(yyyy-mm-ddThh:mm:ss)` for one run.
// - ScheduleTimezone (IANA) is the wall clock cron and at() are read on; a rate's days are 24 hours whatever the
//   clocks do. Daylight saving: a time that does not exist is skipped, one that exists twice runs once (time-zone.ts).
// - ScheduleOffset (1–6 days, cron only) moves each cron run that many days later on the same wall time.
// - StartDate/EndDate bound the active period; they do not move the schedule, except that a rate counts its
//   intervals from StartDate (from when the window was created without one).
// - Duration (1–24 h) is how long a run stays open; Cutoff (0–23 h) is how long before the end no task starts.

import {nextRuns, parseSchedule, type Schedule} from './schedule-expression.js';
import {instantOfWall, isTimeZone} from './time-zone.js';

export interface AtSchedule {
  readonly kind: 'at';
  /** The wall time of the single run (read in the window's time zone). */
  readonly wall: number;
}

export type WindowSchedule = Schedule | AtSchedule;
export type WindowScheduleResult = {ok: true; schedule: WindowSchedule} | {ok: false; error: string};

export const MAX_DURATION_HOURS = 24;
export const MAX_CUTOFF_HOURS = 23;
export const MAX_SCHEDULE_OFFSET_DAYS = 6;
const HOUR = 3_600_000;

/** A maintenance window's Schedule as SSM accepts it. */
export function parseWindowSchedule(expression: string): WindowScheduleResult {
  const at = /^at\((.*)\)$/.exec(expression.trim());
  if (at === null) return parseSchedule(expression);
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})$/.exec(at[1] ?? '');
  const [y, mo, d, h, min, s] = (m ?? []).slice(1).map(Number);
  const wall = m === null ? NaN : Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, min, s);
  const back = new Date(wall);
  if (Number.isNaN(wall) || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== min) {
    return {ok: false, error: `${expression} is not valid: use at(yyyy-mm-ddThh:mm:ss), e.g. at(2026-07-07T15:55:00).`};
  }
  return {ok: true, schedule: {kind: 'at', wall}};
}

export interface WindowTiming {
  readonly schedule: WindowSchedule;
  /** IANA zone; undefined = UTC. */
  readonly timeZone?: string;
  readonly offsetDays?: number;
  /** Active period bounds (epoch ms). */
  readonly startDate?: number;
  readonly endDate?: number;
  /** When the window was created or its schedule last changed: a rate's intervals count from here without StartDate. */
  readonly anchor: number;
}

/** The next `count` times the window opens strictly after `after`, within its active period. */
export function windowRuns(t: WindowTiming, after: number, count: number): number[] {
  if (count <= 0) return [];
  const from = t.startDate === undefined ? after : Math.max(after, t.startDate - 1);
  let runs: number[];
  const s = t.schedule;
  if (s.kind === 'at') {
    const at = t.timeZone === undefined ? s.wall : instantOfWall(t.timeZone, s.wall);
    runs = at !== undefined && at > from ? [at] : [];
  } else if (s.kind === 'rate') {
    runs = nextRuns(s, from, count, t.startDate ?? t.anchor);
  } else {
    runs = nextRuns(s, from, count, undefined, {
      ...(t.timeZone === undefined ? {} : {timeZone: t.timeZone}), ...(t.offsetDays === undefined ? {} : {offsetDays: t.offsetDays}),
    });
  }
  return t.endDate === undefined ? runs : runs.filter((r) => r <= (t.endDate ?? r));
}

/** The last moment a task may start in a run that opened at `start`: Cutoff hours before its end. */
export function lastTaskStart(start: number, durationHours: number, cutoffHours: number): number {
  return start + (durationHours - cutoffHours) * HOUR;
}

/** When a run that opened at `start` closes. */
export function windowEnd(start: number, durationHours: number): number {
  return start + durationHours * HOUR;
}

export interface WindowSettings {
  readonly schedule: string;
  readonly timeZone?: string;
  readonly offsetDays?: number;
  readonly durationHours: number;
  readonly cutoffHours: number;
  readonly startDate?: string;
  readonly endDate?: string;
}

export type WindowSettingsResult =
  | {ok: true; schedule: WindowSchedule; startDate?: number; endDate?: number}
  | {ok: false; error: string};

/** A date as SSM takes StartDate/EndDate: ISO 8601 with a time, optionally an offset (no offset = UTC). */
export function parseWindowDate(text: string): number | undefined {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$/.test(text)) return undefined;
  const withZone = /(Z|[+-][0-9]{2}:?[0-9]{2})$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The checks SSM makes beyond the model's ranges: the schedule, its time zone, the offset, cutoff < duration, dates. */
export function checkWindowSettings(w: WindowSettings, now: number): WindowSettingsResult {
  const parsed = parseWindowSchedule(w.schedule);
  if (!parsed.ok) return {ok: false, error: `Invalid schedule: ${parsed.error}`};
  if (w.timeZone !== undefined && !isTimeZone(w.timeZone)) {
    return {ok: false, error: `Invalid ScheduleTimezone ${w.timeZone}: use an IANA time zone such as America/New_York, Europe/Berlin or Etc/UTC.`};
  }
  if (w.offsetDays !== undefined && parsed.schedule.kind !== 'cron') return {ok: false, error: 'ScheduleOffset can be used only with a cron expression.'};
  if (w.cutoffHours >= w.durationHours) {
    return {ok: false, error: `The cutoff (${w.cutoffHours} hours) must be less than the duration (${w.durationHours} hours): no task could ever start.`};
  }
  const startDate = w.startDate === undefined ? undefined : parseWindowDate(w.startDate);
  const endDate = w.endDate === undefined ? undefined : parseWindowDate(w.endDate);
  if (w.startDate !== undefined && startDate === undefined) return {ok: false, error: `StartDate ${w.startDate} is not an ISO 8601 timestamp (e.g. 2026-04-07T14:29:00-08:00).`};
  if (w.endDate !== undefined && endDate === undefined) return {ok: false, error: `EndDate ${w.endDate} is not an ISO 8601 timestamp (e.g. 2026-04-07T14:29:00-08:00).`};
  if (endDate !== undefined && endDate <= now) return {ok: false, error: `EndDate ${w.endDate ?? ''} is in the past: the window could never run.`};
  if (startDate !== undefined && endDate !== undefined && endDate <= startDate) return {ok: false, error: 'EndDate must be later than StartDate.'};
  return {ok: true, schedule: parsed.schedule, ...(startDate === undefined ? {} : {startDate}), ...(endDate === undefined ? {} : {endDate})};
}
