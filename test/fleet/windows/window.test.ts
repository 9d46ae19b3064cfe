import {describe, expect, it} from 'vitest';
import {durationText, instanceOfInvocation, previewWindowSchedule, windowTime} from '../../../src/fleet/windows/window.js';

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 16);

describe('maintenance window records', () => {
  it('previews the next openings as SSM would, or says why SSM refuses the schedule', () => {
    const now = Date.UTC(2027, 2, 1);
    const ok = previewWindowSchedule({schedule: 'cron(0 2 ? * TUE#2 *)', timeZone: 'America/New_York', offsetDays: 2}, now, 2);
    expect(ok.ok && ok.runs.map(iso)).toEqual(['2027-03-11T07:00', '2027-04-15T06:00']); // Thursday after Patch Tuesday, 02:00 local
    const bad = previewWindowSchedule({schedule: 'cron(0 2 * * TUE *)'}, now, 2);
    expect(bad.ok ? '' : bad.error).toMatch(/must be \?/);
    const cutoff = previewWindowSchedule({schedule: 'rate(1 day)', durationHours: 2, cutoffHours: 2}, now, 1);
    expect(cutoff.ok ? '' : cutoff.error).toMatch(/must be less than the duration/);
    const rate = previewWindowSchedule({schedule: 'rate(12 hours)'}, now, 2, now - 3_600_000);
    expect(rate.ok && rate.runs.map(iso)).toEqual(['2027-03-01T11:00', '2027-03-01T23:00']);
  });

  it('reads the instance of an invocation from its Parameters, and the string dates SSM sends', () => {
    expect(instanceOfInvocation('{"documentName":"AWS-RunShellScript","instanceIds":["i-0000293ffd8c57862"],"maxConcurrency":"1"}')).toBe('i-0000293ffd8c57862');
    expect(instanceOfInvocation('{"documentName":"AWS-RestartEC2Instance","parameters":{}}')).toBeUndefined();
    expect(instanceOfInvocation('not json')).toBeUndefined();
    expect(windowTime('2020-02-19T16:00Z')).toBe(Date.UTC(2020, 1, 19, 16, 0));
    expect(windowTime('2020-02-25T00:08:15.099Z')).toBe(Date.UTC(2020, 1, 25, 0, 8, 15, 99));
    expect(windowTime('')).toBeUndefined();
    expect(durationText({durationHours: 4, cutoffHours: 1})).toBe('4h, cutoff 1h');
  });
});
