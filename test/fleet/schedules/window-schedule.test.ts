import {describe, expect, it} from 'vitest';
import {
  checkWindowSettings, lastTaskStart, parseWindowDate, parseWindowSchedule, windowEnd, windowRuns, type WindowTiming,
} from '../../../src/fleet/schedules/window-schedule.js';
import {instantOfWall, isTimeZone} from '../../../src/fleet/schedules/time-zone.js';

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16);
const HOUR = 3_600_000;

function timing(expr: string, rest: Partial<Omit<WindowTiming, 'schedule'>> = {}): WindowTiming {
  const r = parseWindowSchedule(expr);
  if (!r.ok) throw new Error(r.error);
  return {schedule: r.schedule, anchor: 0, ...rest};
}

describe('maintenance window schedules in a time zone, across daylight saving time', () => {
  it('America/New_York spring forward: 02:30 does not exist on 14 March 2027, so that day has no run', () => {
    const runs = windowRuns(timing('cron(30 2 ? * * *)', {timeZone: 'America/New_York'}), Date.UTC(2027, 2, 12), 3);
    // 02:30 EST is 07:30Z; after the change 02:30 EDT is 06:30Z.
    expect(runs.map(iso)).toEqual(['2027-03-12T07:30', '2027-03-13T07:30', '2027-03-15T06:30']);
  });

  it('America/New_York fall back: 01:30 happens twice on 7 November 2027, the window opens once (the first)', () => {
    const runs = windowRuns(timing('cron(30 1 ? * * *)', {timeZone: 'America/New_York'}), Date.UTC(2027, 10, 6), 3);
    expect(runs.map(iso)).toEqual(['2027-11-06T05:30', '2027-11-07T05:30', '2027-11-08T06:30']);
  });

  it('a weekly window keeps its wall time across the change (Europe/Berlin, Sunday 03:00)', () => {
    const runs = windowRuns(timing('cron(0 3 ? * SUN *)', {timeZone: 'Europe/Berlin'}), Date.UTC(2027, 2, 20), 2);
    // 28 March 2027 at 02:00 Berlin springs to 03:00: 03:00 CEST exists (01:00Z); a week earlier it was CET (02:00Z).
    expect(runs.map(iso)).toEqual(['2027-03-21T02:00', '2027-03-28T01:00']);
  });

  it('instantOfWall: a missing time is undefined, a doubled one is the first', () => {
    expect(instantOfWall('America/New_York', Date.UTC(2027, 2, 14, 2, 30))).toBeUndefined();
    expect(iso(instantOfWall('America/New_York', Date.UTC(2027, 10, 7, 1, 30)) ?? 0)).toBe('2027-11-07T05:30');
    expect(iso(instantOfWall('Asia/Kolkata', Date.UTC(2027, 0, 1, 9, 0)) ?? 0)).toBe('2027-01-01T03:30');
  });

  it('a rate counts 24-hour days, whatever the clocks do', () => {
    const start = Date.parse('2027-03-13T12:00:00-05:00');
    const runs = windowRuns(timing('rate(1 day)', {timeZone: 'America/New_York', startDate: start}), start - 1, 3);
    expect(runs.map(iso)).toEqual(['2027-03-13T17:00', '2027-03-14T17:00', '2027-03-15T17:00']);
  });

  it('knows IANA zones and refuses the rest', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Etc/UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('offsets, start and end dates, one-time windows (UG reference-maintenance-windows-schedule-options)', () => {
  it('ScheduleOffset 2 moves the third Tuesday 23:30 to the Thursday, even across a month end', () => {
    const runs = windowRuns(timing('cron(30 23 ? * TUE#3 *)', {offsetDays: 2}), Date.UTC(2027, 0, 1), 3);
    expect(runs.map(iso)).toEqual(['2027-01-21T23:30', '2027-02-18T23:30', '2027-03-18T23:30']);
    const late = windowRuns(timing('cron(0 22 ? * TUE#5 *)', {offsetDays: 6}), Date.UTC(2027, 1, 1), 1);
    expect(late.map(iso)).toEqual(['2027-04-05T22:00']); // Tuesday 30 March + 6 days
  });

  it('Patch Tuesday in New York: second Tuesday 02:00 local', () => {
    const runs = windowRuns(timing('cron(0 2 ? * TUE#2 *)', {timeZone: 'America/New_York'}), Date.UTC(2027, 2, 1), 2);
    expect(runs.map(iso)).toEqual(['2027-03-09T07:00', '2027-04-13T06:00']);
  });

  it('a start date delays the first run; the zone decides the wall clock (UG example 1)', () => {
    const startDate = parseWindowDate('2021-01-01T00:00:00-08:00');
    const runs = windowRuns(timing('cron(0 09 ? * WED *)', {timeZone: 'America/Los_Angeles', ...(startDate === undefined ? {} : {startDate})}), Date.UTC(2020, 11, 1), 2);
    expect(runs.map(iso)).toEqual(['2021-01-06T17:00', '2021-01-13T17:00']);
  });

  it('a rate counts from the start date and stops at the end date (UG example 2, Asia/Tokyo)', () => {
    const t = timing('rate(7 days)', {timeZone: 'Asia/Tokyo', startDate: Date.parse('2019-01-01T03:15:00+09:00'), endDate: Date.parse('2019-06-30T06:15:00+09:00')});
    const runs = windowRuns(t, Date.UTC(2018, 11, 1), 100);
    expect(iso(runs[0] ?? 0)).toBe('2018-12-31T18:15'); // Tuesday 1 January, 03:15 in Tokyo
    expect(iso(runs[runs.length - 1] ?? 0)).toBe('2019-06-24T18:15'); // Tuesday 25 June, 03:15 in Tokyo
    expect(runs).toHaveLength(26);
  });

  it('a rate without a start date counts from the window\'s creation', () => {
    const anchor = Date.UTC(2027, 0, 1, 10, 7);
    expect(windowRuns(timing('rate(3 hours)', {anchor}), anchor + 4 * HOUR, 2).map(iso)).toEqual(['2027-01-01T16:07', '2027-01-01T19:07']);
  });

  it('at() runs once, in UTC or in the window\'s zone, and never again', () => {
    expect(windowRuns(timing('at(2027-07-07T15:55:00)'), Date.UTC(2027, 0, 1), 3).map(iso)).toEqual(['2027-07-07T15:55']);
    expect(windowRuns(timing('at(2027-07-07T15:55:00)', {timeZone: 'Europe/Berlin'}), Date.UTC(2027, 0, 1), 3).map(iso)).toEqual(['2027-07-07T13:55']);
    expect(windowRuns(timing('at(2027-07-07T15:55:00)'), Date.UTC(2027, 6, 8), 3)).toEqual([]);
    expect(parseWindowSchedule('at(2027-02-30T15:55:00)').ok).toBe(false);
  });
});

describe('duration, cutoff and the checks SSM makes', () => {
  it('no task starts within Cutoff hours of the end', () => {
    const start = Date.UTC(2027, 6, 7, 15, 55);
    expect(iso(lastTaskStart(start, 5, 2))).toBe('2027-07-07T18:55');
    expect(iso(windowEnd(start, 5))).toBe('2027-07-07T20:55');
    expect(lastTaskStart(start, 4, 0)).toBe(windowEnd(start, 4));
  });

  const now = Date.UTC(2027, 0, 1);
  const base = {schedule: 'cron(0 2 ? * SUN *)', durationHours: 3, cutoffHours: 1};
  it.each([
    [{...base}, undefined],
    [{...base, schedule: 'rate(2 weeks)'}, /Invalid schedule/],
    [{...base, schedule: 'cron(0 2 * * SUN *)'}, /must be \?/],
    [{...base, cutoffHours: 3}, /must be less than the duration/],
    [{...base, cutoffHours: 4}, /must be less than the duration/],
    [{...base, timeZone: 'Mars/Olympus_Mons'}, /Invalid ScheduleTimezone/],
    [{...base, schedule: 'rate(1 day)', offsetDays: 2}, /only with a cron/],
    [{...base, startDate: 'yesterday'}, /not an ISO 8601/],
    [{...base, endDate: '2026-01-01T00:00:00Z'}, /in the past/],
    [{...base, startDate: '2027-06-01T00:00:00Z', endDate: '2027-05-01T00:00:00Z'}, /later than StartDate/],
    [{...base, startDate: '2027-06-01T00:00', timeZone: 'Asia/Tokyo'}, undefined],
  ])('%o', (settings, error) => {
    const r = checkWindowSettings(settings, now);
    if (error === undefined) expect(r.ok, r.ok ? '' : r.error).toBe(true);
    else expect(r.ok ? '' : r.error).toMatch(error);
  });
});
