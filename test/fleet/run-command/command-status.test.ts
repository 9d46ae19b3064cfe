import {describe, expect, it} from 'vitest';
import {
  INVOCATION_STATUS_DETAILS,
  RESULTS_DISPLAY_ORDER,
  compareForDisplay,
  countsAsError,
  invocationStatusOf,
  isOutcomeNeutral,
  isTerminal,
  parseStatusDetails,
  summarize,
  type InvocationStatus,
  type InvocationStatusDetails,
} from '../../../src/fleet/run-command/command-status.js';

// One row per StatusDetails token, straight from the ssm-api.md §8 table.
const TABLE: ReadonlyArray<[InvocationStatusDetails, boolean, boolean, boolean, InvocationStatus]> = [
  // token, terminal, counts vs MaxErrors, outcome-neutral, Status
  ['Pending', false, false, false, 'Pending'],
  ['InProgress', false, false, false, 'InProgress'],
  ['Delayed', false, false, false, 'Delayed'],
  ['Success', true, false, false, 'Success'],
  ['Failed', true, true, false, 'Failed'],
  ['ExecutionTimedOut', true, true, false, 'TimedOut'],
  ['DeliveryTimedOut', true, false, false, 'TimedOut'],
  ['Cancelled', true, false, false, 'Cancelled'],
  ['Undeliverable', true, false, true, 'Failed'],
  ['InvalidPlatform', true, false, true, 'Failed'],
  ['AccessDenied', true, false, true, 'Failed'],
  ['Terminated', true, false, false, 'Cancelled'],
];

describe('status vocabulary', () => {
  it('the table covers every token exactly once', () => {
    expect(TABLE.map((r) => r[0]).sort()).toEqual([...INVOCATION_STATUS_DETAILS].sort());
  });

  it.each(TABLE)('%s: terminal=%s error=%s neutral=%s Status=%s', (sd, terminal, error, neutral, status) => {
    expect(isTerminal(sd)).toBe(terminal);
    expect(countsAsError(sd)).toBe(error);
    expect(isOutcomeNeutral(sd)).toBe(neutral);
    expect(invocationStatusOf(sd)).toBe(status);
  });

  it('only Failed and ExecutionTimedOut count as errors', () => {
    expect(INVOCATION_STATUS_DETAILS.filter(countsAsError)).toEqual(['Failed', 'ExecutionTimedOut']);
  });

  it.each([
    ['DeliveryTimedOut', 'DeliveryTimedOut'],
    ['Delivery Timed Out', 'DeliveryTimedOut'],
    ['In Progress', 'InProgress'],
    ['Canceled', 'Cancelled'],
    ['cancelled', 'Cancelled'],
    ['Access Denied', 'AccessDenied'],
    ['Invalid Platform', 'InvalidPlatform'],
    ['Incomplete', undefined],
    ['', undefined],
    ['Succeeded', undefined],
  ])('parseStatusDetails(%j) → %s', (text, want) => {
    expect(parseStatusDetails(text)).toBe(want);
  });

  it('display order lists every token once, errors first and Success last', () => {
    expect([...RESULTS_DISPLAY_ORDER].sort()).toEqual([...INVOCATION_STATUS_DETAILS].sort());
    expect(RESULTS_DISPLAY_ORDER.slice(0, 2)).toEqual(['Failed', 'ExecutionTimedOut']);
    expect(RESULTS_DISPLAY_ORDER.at(-1)).toBe('Success');
    const shuffled: InvocationStatusDetails[] = ['Success', 'Pending', 'Failed', 'Terminated', 'InProgress'];
    expect(shuffled.sort(compareForDisplay)).toEqual(['Failed', 'Terminated', 'InProgress', 'Pending', 'Success']);
  });
});

describe('summarize', () => {
  it('counts per StatusDetails and derives the §8 counters', () => {
    const s = summarize(
      [
        'Success',
        'Success',
        'Failed',
        'Execution Timed Out',
        'DeliveryTimedOut',
        'Undeliverable',
        'Terminated',
        'Cancelled',
        'InProgress',
        'Pending',
        'Delayed',
        'AccessDenied',
        'InvalidPlatform',
        'Bogus',
      ].map((statusDetails) => ({statusDetails})),
    );
    expect(s.TargetCount).toBe(14);
    expect(s.CompletedCount).toBe(10);
    expect(s.ErrorCount).toBe(2);
    expect(s.DeliveryTimedOutCount).toBe(1);
    expect(s.unrecognized).toBe(1);
    expect(s.byStatusDetails.Success).toBe(2);
    expect(s.byStatusDetails.ExecutionTimedOut).toBe(1);
    expect(s.byStatusDetails.Terminated).toBe(1);
    expect(Object.keys(s.byStatusDetails)).toHaveLength(INVOCATION_STATUS_DETAILS.length);
  });

  it('empty input', () => {
    const s = summarize([]);
    expect([s.TargetCount, s.CompletedCount, s.ErrorCount, s.DeliveryTimedOutCount]).toEqual([0, 0, 0, 0]);
  });
});
