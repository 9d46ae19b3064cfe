import {describe, expect, it} from 'vitest';
import {nextRuns, parseAssociationSchedule, parseSchedule, type Schedule} from '../../../src/fleet/schedules/schedule-expression.js';

function schedule(expr: string): Schedule {
  const r = parseSchedule(expr);
  if (!r.ok) throw new Error(r.error);
  return r.schedule;
}

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

describe('association schedule expressions (UG reference-cron-and-rate-expressions)', () => {
  it.each([
    ['rate(30 minutes)', true],
    ['rate(1 hour)', true],
    ['rate(5 hours)', true],
    ['rate(15 days)', true],
    ['rate(30 days)', true],
    ['rate(31 days)', false], // less than 31 days
    ['rate(29 minutes)', false], // 30 minutes or more
    ['rate(1 hours)', false], // singular with 1
    ['rate(5 hour)', false], // plural above 1
    ['rate(0 minutes)', false],
    ['rate(2 weeks)', false],
    ['cron(0/30 * * * ? *)', true],
    ['cron(0 0/1 * * ? *)', true],
    ['cron(0 0/2 * * ? *)', true],
    ['cron(0 0/4 * * ? *)', true],
    ['cron(0 0/8 * * ? *)', true],
    ['cron(0 0/12 * * ? *)', true],
    ['cron(0 0/3 * * ? *)', false], // every 3 hours is not one of the forms
    ['cron(0/15 * * * ? *)', false], // every 15 minutes
    ['cron(15 13 ? * * *)', true], // daily
    ['cron(15 13 ? * MON *)', true], // weekly
    ['cron(0 2 ? * SUN *)', true],
    ['cron(0 0 ? * THU#2 *)', true], // the UG's offset example
    ['cron(15 10 ? * 6L *)', true],
    ['cron(0 0 */30 * * ? *)', false], // seconds field must be 0
    ['cron(0 0 2 ? * SUN *)', true], // seconds 0 (the UG's association example)
    ['cron(5 0 2 ? * SUN *)', false],
    ['cron(0 2 1 * ? *)', false], // monthly on a date
    ['cron(0 2 ? 1 MON *)', false], // a month
    ['cron(0 2 * * MON *)', false], // both day fields set
    ['cron(0 2 ? * ? *)', false], // both ?
    ['cron(0 2 * *)', false], // too few fields
    ['cron(61 2 ? * * *)', false],
    ['at(2020-07-07T15:55:00)', false],
    ['every day', false],
  ])('%s → %s', (expr, ok) => {
    const r = parseAssociationSchedule(expr);
    expect(r.ok, r.ok ? '' : r.error).toBe(ok);
  });

  it('explains what is wrong', () => {
    const r = parseAssociationSchedule('rate(10 minutes)');
    expect(r.ok ? '' : r.error).toMatch(/at most every 30 minutes/);
    const c = parseAssociationSchedule('cron(0 2 * * MON *)');
    expect(c.ok ? '' : c.error).toMatch(/must be \?/);
  });
});

describe('next runs', () => {
  const from = Date.UTC(2026, 11, 6, 4, 26); // Sunday 6 December 2026, 04:26 UTC
  it.each([
    ['cron(0 2 ? * SUN *)', ['2026-12-13T02:00', '2026-12-20T02:00', '2026-12-27T02:00']],
    ['cron(15 13 ? * * *)', ['2026-12-06T13:15', '2026-12-07T13:15', '2026-12-08T13:15']],
    ['cron(0/30 * * * ? *)', ['2026-12-06T04:30', '2026-12-06T05:00', '2026-12-06T05:30']],
    ['cron(0 0/4 * * ? *)', ['2026-12-06T08:00', '2026-12-06T12:00', '2026-12-06T16:00']],
    ['cron(0 0 ? * THU#2 *)', ['2026-12-10T00:00', '2027-01-14T00:00', '2027-02-11T00:00']],
    ['cron(15 10 ? * 6L *)', ['2026-12-25T10:15', '2027-01-29T10:15', '2027-02-26T10:15']],
    ['cron(0 2 L * ? *)', ['2026-12-31T02:00', '2027-01-31T02:00', '2027-02-28T02:00']],
    ['cron(0 9 15W * ? *)', ['2026-12-15T09:00', '2027-01-15T09:00', '2027-02-15T09:00']],
    ['cron(0 9 1W * ? *)', ['2027-01-01T09:00', '2027-02-01T09:00', '2027-03-01T09:00']],
    ['cron(0 18 ? * MON-FRI *)', ['2026-12-07T18:00', '2026-12-08T18:00', '2026-12-09T18:00']],
    ['cron(0 8 1 JAN,JUL ? 2027-2028)', ['2027-01-01T08:00', '2027-07-01T08:00', '2028-01-01T08:00']],
  ])('%s', (expr, expected) => {
    expect(nextRuns(schedule(expr), from, 3).map(iso)).toEqual(expected);
  });

  it('a W day that falls on a weekend moves to the nearest weekday of the same month', () => {
    // 1 May 2027 is a Saturday: 1W is Monday 3 May (not Friday 30 April).
    expect(nextRuns(schedule('cron(0 9 1W * ? *)'), Date.UTC(2027, 3, 20), 1).map(iso)).toEqual(['2027-05-03T09:00']);
  });

  it('a rate counts from its anchor', () => {
    const anchor = Date.UTC(2026, 11, 6, 4, 0);
    expect(nextRuns(schedule('rate(30 minutes)'), from, 3, anchor).map(iso)).toEqual(['2026-12-06T04:30', '2026-12-06T05:00', '2026-12-06T05:30']);
    expect(nextRuns(schedule('rate(1 day)'), from, 2).map(iso)).toEqual(['2026-12-07T04:26', '2026-12-08T04:26']);
  });

  it('a schedule past its last year has no runs', () => {
    expect(nextRuns(schedule('cron(0 8 1 JAN ? 2020)'), from, 3)).toEqual([]);
  });
});
