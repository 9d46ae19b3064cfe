// SSM schedule expressions (UG reference-cron-and-rate-expressions): `rate(N unit)` and `cron(…)` with six fields
// (minutes hours day-of-month month day-of-week year) and an optional leading seconds field, in UTC unless a time
// zone is given (maintenance windows: window-schedule.ts). Shared by the local fleet (which fires associations and
// maintenance windows on them) and the app ("next runs" previews).
//
// State Manager associations accept only part of the grammar:
// - rate: 30 minutes or more and less than 31 days;
// - cron: every 30 minutes, every 1/2/4/8/12 hours, every day or every week at a set time, or a monthly
//   weekday form (`THU#2`, `3L`: the UG's offset example); the seconds field, when given, must be 0.
// Anything else is InvalidSchedule.

import {instantOfWall, wallAt} from './time-zone.js';

export type ScheduleUnit = 'minute' | 'hour' | 'day';

export interface RateSchedule {
  readonly kind: 'rate';
  readonly value: number;
  readonly unit: ScheduleUnit;
  readonly intervalMs: number;
}

/** A day-of-week term: a plain day, the nth such day of the month (`THU#2`) or the last one (`6L`). */
export interface WeekdayTerm {
  readonly day: number; // 1 = Sunday … 7 = Saturday, as SSM numbers them
  readonly nth?: number;
  readonly last?: boolean;
}

export interface CronSchedule {
  readonly kind: 'cron';
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  /** undefined = `?` (day-of-week decides). */
  readonly daysOfMonth?: {readonly days: readonly number[]; readonly last: boolean; readonly weekdayNear?: number};
  readonly months: readonly number[];
  /** undefined = `?` (day-of-month decides). */
  readonly daysOfWeek?: readonly WeekdayTerm[];
  readonly years?: readonly number[];
  /** The fields as written (seconds dropped), for the association rules. */
  readonly fields: readonly string[];
}

export type Schedule = RateSchedule | CronSchedule;
export type ScheduleResult = {ok: true; schedule: Schedule} | {ok: false; error: string};

const MINUTE = 60_000;
const UNIT_MS: Readonly<Record<ScheduleUnit, number>> = {minute: MINUTE, hour: 60 * MINUTE, day: 24 * 60 * MINUTE};
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function fail(error: string): ScheduleResult {
  return {ok: false, error};
}

function parseRate(body: string): ScheduleResult {
  const m = /^([0-9]+) (minute|minutes|hour|hours|day|days)$/.exec(body.trim());
  if (m === null) return fail(`rate(${body}) is not valid: use rate(<number> minute(s)|hour(s)|day(s)), e.g. rate(30 minutes).`);
  const value = Number(m[1]);
  const word = m[2] ?? '';
  if (value < 1) return fail(`rate(${body}) is not valid: the value must be a positive number.`);
  const plural = word.endsWith('s');
  if (value === 1 && plural) return fail(`rate(${body}) is not valid: with 1 the unit is singular (rate(1 ${word.slice(0, -1)})).`);
  if (value > 1 && !plural) return fail(`rate(${body}) is not valid: with ${value} the unit is plural (rate(${value} ${word}s)).`);
  const unit = (plural ? word.slice(0, -1) : word) as ScheduleUnit;
  return {ok: true, schedule: {kind: 'rate', value, unit, intervalMs: value * UNIT_MS[unit]}};
}

function numberIn(text: string, min: number, max: number, names?: readonly string[], base = 1): number | undefined {
  const named = names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + base;
  if (!/^[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/** `*`, `a`, `a-b`, `a/n`, `*\/n`, `a-b/n`, comma lists → the sorted values, or an error. */
function parseList(field: string, name: string, min: number, max: number, names?: readonly string[]): number[] | string {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:\/([0-9]+))?$/.exec(part);
    if (m === null) return `the ${name} field "${field}" is not valid`;
    const [, from = '', to, step] = m;
    const lo = from === '*' ? min : numberIn(from, min, max, names);
    const hi = to !== undefined ? numberIn(to, min, max, names) : from === '*' || step !== undefined ? max : lo;
    const by = step === undefined ? 1 : Number(step);
    if (lo === undefined || hi === undefined || by < 1 || (from === '*' && to !== undefined)) return `the ${name} field "${field}" is not valid (${min}-${max})`;
    if (hi < lo) return `the ${name} field "${field}" has a range that ends before it starts`;
    for (let v = lo; v <= hi; v += by) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

function parseDayOfWeek(field: string): WeekdayTerm[] | string {
  const nth = /^([A-Za-z]{3}|[1-7])#([1-5])$/.exec(field);
  if (nth !== null) {
    const day = numberIn(nth[1] ?? '', 1, 7, DAYS);
    return day === undefined ? `the day-of-week field "${field}" is not valid` : [{day, nth: Number(nth[2])}];
  }
  const last = /^([A-Za-z]{3}|[1-7])?L$/.exec(field);
  if (last !== null) {
    const day = last[1] === undefined ? 7 : numberIn(last[1], 1, 7, DAYS);
    return day === undefined ? `the day-of-week field "${field}" is not valid` : [{day, last: true}];
  }
  const list = parseList(field, 'day-of-week', 1, 7, DAYS);
  return typeof list === 'string' ? list : list.map((day) => ({day}));
}

function parseDayOfMonth(field: string): NonNullable<CronSchedule['daysOfMonth']> | string {
  if (field === 'L') return {days: [], last: true};
  const w = /^([0-9]{1,2})W$/.exec(field);
  if (w !== null) {
    const day = numberIn(w[1] ?? '', 1, 31);
    return day === undefined ? `the day-of-month field "${field}" is not valid` : {days: [], last: false, weekdayNear: day};
  }
  const list = parseList(field, 'day-of-month', 1, 31);
  return typeof list === 'string' ? list : {days: list, last: false};
}

function parseCron(body: string): ScheduleResult {
  const all = body.trim().split(/\s+/);
  if (all.length !== 6 && all.length !== 7) return fail(`cron(${body}) is not valid: it needs 6 fields (minutes hours day-of-month month day-of-week year), plus an optional leading seconds field.`);
  const fields = all.length === 7 ? all.slice(1) : all;
  if (all.length === 7) {
    const seconds = parseList(all[0] ?? '', 'seconds', 0, 59);
    if (typeof seconds === 'string') return fail(`cron(${body}) is not valid: ${seconds}.`);
  }
  const [min = '', hour = '', dom = '', month = '', dow = '', year = ''] = fields;
  if ((dom === '?') === (dow === '?')) return fail(`cron(${body}) is not valid: one of day-of-month and day-of-week must be ? and the other not.`);
  const minutes = parseList(min, 'minutes', 0, 59);
  const hours = parseList(hour, 'hours', 0, 23);
  const months = parseList(month, 'month', 1, 12, MONTHS);
  const years = parseList(year, 'year', 1970, 2199);
  const daysOfMonth = dom === '?' ? undefined : parseDayOfMonth(dom);
  const daysOfWeek = dow === '?' ? undefined : parseDayOfWeek(dow);
  for (const part of [minutes, hours, months, years, daysOfMonth, daysOfWeek]) {
    if (typeof part === 'string') return fail(`cron(${body}) is not valid: ${part}.`);
  }
  return {
    ok: true,
    schedule: {
      kind: 'cron', minutes: minutes as number[], hours: hours as number[], months: months as number[],
      years: year === '*' ? undefined : (years as number[]),
      daysOfMonth: daysOfMonth as CronSchedule['daysOfMonth'], daysOfWeek: daysOfWeek as WeekdayTerm[] | undefined, fields,
    },
  };
}

/** Parses any SSM cron or rate expression (the general grammar; see {@link parseAssociationSchedule}). */
export function parseSchedule(expression: string): ScheduleResult {
  const m = /^(rate|cron)\((.*)\)$/.exec(expression.trim());
  if (m === null) return fail(`"${expression}" is not a schedule expression: use cron(…) or rate(…).`);
  return m[1] === 'rate' ? parseRate(m[2] ?? '') : parseCron(m[2] ?? '');
}

const HOUR_STEPS = new Set([1, 2, 4, 8, 12]);
const SINGLE = /^[0-9]{1,2}$/;

/** Which association cron form the fields are, or undefined when State Manager does not accept them. */
function associationCronForm(fields: readonly string[], raw: readonly string[]): string | undefined {
  const [min = '', hour = '', dom = '', month = '', dow = '', year = ''] = fields;
  if (month !== '*' || year !== '*') return undefined;
  if (raw.length === 7 && raw[0] !== '0') return undefined;
  const anyDay = (dom === '*' || dom === '?') && (dow === '*' || dow === '?');
  if (anyDay && /^(0|\*)\/30$/.test(min) && hour === '*') return 'every 30 minutes';
  const step = /^(?:0|\*)\/([0-9]+)$/.exec(hour);
  if (anyDay && SINGLE.test(min) && step !== null && HOUR_STEPS.has(Number(step[1]))) return `every ${step[1]} hour(s)`;
  if (!SINGLE.test(min) || !SINGLE.test(hour)) return undefined;
  if (anyDay) return 'daily';
  if (dom === '?' && /^([A-Za-z]{3}|[1-7])$/.test(dow)) return 'weekly';
  if (dom === '?' && /^([A-Za-z]{3}|[1-7])(#[1-5]|L)$/.test(dow)) return 'monthly on a weekday';
  return undefined;
}

/** An association's ScheduleExpression as State Manager validates it (InvalidSchedule when not ok). */
export function parseAssociationSchedule(expression: string): ScheduleResult {
  const parsed = parseSchedule(expression);
  if (!parsed.ok) return parsed;
  const s = parsed.schedule;
  if (s.kind === 'rate') {
    if (s.intervalMs < 30 * MINUTE) return fail(`${expression} is too frequent: associations run at most every 30 minutes.`);
    if (s.intervalMs >= 31 * UNIT_MS.day) return fail(`${expression} is too long: associations need a rate under 31 days.`);
    return parsed;
  }
  const raw = (/^cron\((.*)\)$/.exec(expression.trim())?.[1] ?? '').trim().split(/\s+/);
  if (associationCronForm(s.fields, raw) === undefined) {
    return fail(`${expression} is not a cron expression associations accept: every 30 minutes, every 1, 2, 4, 8 or 12 hours, daily or weekly at a set time (e.g. cron(0 2 ? * SUN *)), or a weekday of the month (THU#2, 6L); the seconds field, if given, must be 0.`);
  }
  return parsed;
}

// ---- evaluation ----

const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate(); // month is 1-based here
}

function dayOfMonthMatches(spec: NonNullable<CronSchedule['daysOfMonth']>, y: number, m: number, d: number): boolean {
  const dim = daysInMonth(y, m);
  if (spec.last) return d === dim;
  if (spec.weekdayNear !== undefined) {
    // The weekday (Mon–Fri) nearest the given day, within the month.
    let target = Math.min(spec.weekdayNear, dim);
    const wd = new Date(Date.UTC(y, m - 1, target)).getUTCDay();
    if (wd === 6) target = target === 1 ? 3 : target - 1;
    else if (wd === 0) target = target === dim ? target - 2 : target + 1;
    return d === target;
  }
  return spec.days.includes(d);
}

function dayOfWeekMatches(terms: readonly WeekdayTerm[], y: number, m: number, d: number): boolean {
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1;
  return terms.some((t) => {
    if (t.day !== day) return false;
    if (t.nth !== undefined) return Math.ceil(d / 7) === t.nth;
    if (t.last === true) return d + 7 > daysInMonth(y, m);
    return true;
  });
}

/** Where cron evaluation happens: the wall clock of an IANA zone (default UTC), with runs moved `offsetDays` later. */
export interface CronPlace {
  readonly timeZone?: string;
  readonly offsetDays?: number;
}

function cronRuns(s: CronSchedule, after: number, count: number, place: CronPlace): number[] {
  const out: number[] = [];
  const zone = place.timeZone;
  const shift = place.offsetDays ?? 0;
  // Walk the zone's calendar days from the day before `after` there (less the offset) and take each day's times in order.
  const start = new Date((zone === undefined ? after : wallAt(zone, after)) - (shift + 1) * DAY_MS);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth() + 1;
  let d = start.getUTCDate();
  // At most ~28 years, past the year field's range.
  for (let i = 0; i < 10_300 && out.length < count; i++) {
    if (s.years !== undefined && y > (s.years[s.years.length - 1] ?? 0)) break;
    const dayOk = (s.years === undefined || s.years.includes(y)) && s.months.includes(m)
      && (s.daysOfMonth === undefined || dayOfMonthMatches(s.daysOfMonth, y, m, d))
      && (s.daysOfWeek === undefined || dayOfWeekMatches(s.daysOfWeek, y, m, d));
    if (dayOk) {
      for (const h of s.hours) {
        for (const min of s.minutes) {
          const wall = Date.UTC(y, m - 1, d + shift, h, min);
          const t = zone === undefined ? wall : instantOfWall(zone, wall);
          if (t !== undefined && t > after && out.length < count) out.push(t);
        }
      }
    }
    d++;
    if (d > daysInMonth(y, m)) {
      d = 1;
      m++;
      if (m > 12) {
        m = 1;
        y++;
      }
    }
  }
  return out;
}

/**
 * The next `count` run times (epoch ms, UTC) strictly after `after`. A rate schedule counts its intervals from
 * `anchor` (when the association was created or last ran); without one, from `after`. A cron schedule is read on
 * the wall clock of `place.timeZone` (DST rules: time-zone.ts) and its runs moved `place.offsetDays` days later;
 * a rate ignores both (its days are 24 hours).
 */
export function nextRuns(schedule: Schedule, after: number, count: number, anchor?: number, place: CronPlace = {}): number[] {
  if (count <= 0) return [];
  if (schedule.kind === 'cron') return cronRuns(schedule, after, count, place);
  const from = anchor ?? after;
  const k = from > after ? 0 : Math.floor((after - from) / schedule.intervalMs) + 1;
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(from + (k + i) * schedule.intervalMs);
  return out;
}
