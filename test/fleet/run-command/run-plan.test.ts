import {describe, expect, it} from 'vitest';
import type {InvocationStatusDetails} from '../../../src/fleet/run-command/command-status.js';
import {createDispatch, type Dispatch} from '../../../src/fleet/run-command/run-plan.js';
import type {RateValue} from '../../../src/fleet/run-command/rate-control.js';
import {count, expectConsistent, ids, pct, sendAndAck} from './helpers.js';

const make = (n: number, conc: RateValue, errs: RateValue): Dispatch =>
  createDispatch({targets: ids(n), maxConcurrency: conc, maxErrors: errs});

/** Release sizes while every release is acknowledged at once and nothing finishes. */
function rampSizes(d: Dispatch): number[] {
  const sizes: number[] = [];
  for (let out = sendAndAck(d); out.length > 0; out = sendAndAck(d)) {
    sizes.push(out.length);
    expectConsistent(d.snapshot());
  }
  return sizes;
}

describe('ramp-up: 1, wait for acknowledgement, 2 more, then doubling up to MaxConcurrency', () => {
  it.each<[string, number, RateValue, number[]]>([
    ['count 10', 100, count(10), [1, 2, 4, 3]],
    ['count 7', 100, count(7), [1, 2, 4]],
    ['count 50', 300, count(50), [1, 2, 4, 8, 16, 19]],
    ['count 1', 10, count(1), [1]],
    ['count 2', 10, count(2), [1, 1]],
    ['count above target count', 5, count(50), [1, 2, 2]],
    ['20% of 100', 100, pct(20), [1, 2, 4, 8, 5]],
    ['10% of 50', 50, pct(10), [1, 2, 2]],
    ['10% of 15 (floors to 1)', 15, pct(10), [1]],
    ['100% of 12', 12, pct(100), [1, 2, 4, 5]],
  ])('%s', (_name, n, conc, want) => {
    const d = make(n, conc, pct(100));
    expect(rampSizes(d)).toEqual(want);
    expect(d.snapshot().inFlight).toBe(Math.min(n, d.snapshot().concurrency));
  });

  it('releases nothing more until the first invocation leaves Pending', () => {
    const d = make(10, count(10), count(0));
    expect(d.ready()).toBe(true);
    expect(d.next()).toEqual(['i-0000']);
    expect(d.ready()).toBe(false);
    expect(d.next()).toEqual([]);
    expect(d.report('i-0000', 'Pending')).toBe(false);
    expect(d.next()).toEqual([]);
    expect(d.snapshot().Status).toBe('Pending');
    d.report('i-0000', 'InProgress');
    expect(d.snapshot().Status).toBe('InProgress');
    expect(d.ready()).toBe(true);
    expect(d.ready()).toBe(true); // asking releases nothing
    expect(d.next()).toEqual(['i-0001', 'i-0002']);
    d.report('i-0001', 'Delayed'); // Delayed is an acknowledgement too
    expect(d.next()).toEqual([]); // i-0002 still unacknowledged
    d.report('i-0002', 'Success'); // a terminal status also acknowledges
    expect(d.next()).toEqual(['i-0003', 'i-0004', 'i-0005', 'i-0006']);
  });

  it('after the ramp, every freed slot is refilled without waiting for acknowledgements', () => {
    const d = make(20, count(3), pct(100));
    expect(rampSizes(d)).toEqual([1, 2]);
    expect(d.next()).toEqual([]); // 3 in flight, ramp allowance 4 ≥ 3 still pending
    d.report('i-0000', 'Success');
    expect(d.next()).toEqual(['i-0003']); // release r=2: allowance 4 ≥ C → ramp over
    d.report('i-0001', 'Failed');
    d.report('i-0002', 'Success');
    expect(d.next()).toEqual(['i-0004', 'i-0005']); // i-0003 not acknowledged, refilled anyway
    expect(d.next()).toEqual([]);
    expectConsistent(d.snapshot());
  });
});

/** Run one at a time (MaxConcurrency 1); fail the ids in `failing`, succeed the others. */
function runSerially(d: Dispatch, failing: ReadonlySet<string>, failAs: InvocationStatusDetails = 'Failed'): string[] {
  const sent: string[] = [];
  for (let out = d.next(); out.length > 0; out = d.next()) {
    for (const id of out) {
      sent.push(id);
      d.report(id, 'InProgress');
      d.report(id, failing.has(id) ? failAs : 'Success');
      expectConsistent(d.snapshot());
    }
  }
  return sent;
}

describe('error threshold', () => {
  const all = new Set(ids(50));
  it.each<[string, number, RateValue, number]>([
    ['MaxErrors 3 stops at the 4th error', 20, count(3), 4],
    ['MaxErrors 0 stops after the first error', 20, count(0), 1],
    ['50 targets at 10% stop at the 6th error', 50, pct(10), 6],
    ['10% of 15 (floors to 1) stops at the 2nd', 15, pct(10), 2],
  ])('%s', (_name, n, errs, stopAt) => {
    const d = make(n, count(1), errs);
    const sent = runSerially(d, all);
    expect(sent).toHaveLength(stopAt);
    const s = d.snapshot();
    expect(s.ErrorCount).toBe(stopAt);
    expect(s.thresholdPassed).toBe(true);
    expect(s.invocations.filter((i) => i.statusDetails === 'Terminated')).toHaveLength(n - stopAt);
    expect(s.invocations.filter((i) => i.statusDetails === 'Terminated').every((i) => !i.sent)).toBe(true);
    expect([s.Status, s.StatusDetails, s.done, s.CompletedCount]).toEqual(['Failed', 'Failed', true, n]);
  });

  it('MaxConcurrency 1 bounds failures by MaxErrors + 1 — not MaxErrors as the UG words it', () => {
    for (const maxErrors of [0, 1, 3]) {
      const d = make(10, count(1), count(maxErrors));
      runSerially(d, new Set(ids(10)));
      expect(d.snapshot().ErrorCount).toBe(maxErrors + 1);
    }
  });

  it.each<InvocationStatusDetails>(['DeliveryTimedOut', 'Undeliverable', 'InvalidPlatform', 'AccessDenied', 'Cancelled'])(
    '%s does not count against MaxErrors',
    (sd) => {
      const d = make(5, count(1), count(0));
      runSerially(d, new Set(ids(5)), sd);
      const s = d.snapshot();
      expect([s.ErrorCount, s.thresholdPassed]).toEqual([0, false]);
      expect(s.invocations.every((i) => i.sent && i.statusDetails === sd)).toBe(true);
    },
  );

  it('ExecutionTimedOut counts; the parent ends TimedOut/ExecutionTimedOut when it passed the threshold', () => {
    const d = make(5, count(1), count(0));
    runSerially(d, new Set(['i-0001']), 'ExecutionTimedOut');
    const s = d.snapshot();
    expect([s.ErrorCount, s.Status, s.StatusDetails]).toEqual([1, 'TimedOut', 'ExecutionTimedOut']);
    expect(s.invocations.map((i) => i.statusDetails)).toEqual(['Success', 'ExecutionTimedOut', 'Terminated', 'Terminated', 'Terminated']);
  });

  it('running invocations finish after the threshold is passed, and may fail too', () => {
    const d = make(10, count(10), count(0));
    expect(rampSizes(d)).toEqual([1, 2, 4, 3]);
    d.report('i-0000', 'Failed');
    let s = d.snapshot();
    expect([s.thresholdPassed, s.inFlight, s.queued, s.Status]).toEqual([true, 9, 0, 'InProgress']);
    expect(d.next()).toEqual([]);
    for (const id of ids(10).slice(1)) d.report(id, id === 'i-0005' ? 'Failed' : 'Success');
    s = d.snapshot();
    expectConsistent(s);
    expect([s.ErrorCount, s.Status, s.StatusDetails, s.done]).toEqual([2, 'Failed', 'Failed', true]);
  });

  it('unsent ids become Terminated at the breach, and stay terminal', () => {
    const d = make(6, count(1), count(0));
    d.report(d.next()[0] as string, 'Failed');
    const s = d.snapshot();
    expect(s.invocations.map((i) => i.statusDetails)).toEqual(['Failed', ...Array(5).fill('Terminated')]);
    expect(d.report('i-0003', 'DeliveryTimedOut')).toBe(false);
    expect(d.report('i-0000', 'Success')).toBe(false);
    expectConsistent(d.snapshot());
  });
});

describe('parent status when every invocation is terminal', () => {
  const finish = (outcomes: InvocationStatusDetails[], errs: RateValue = pct(100)) => {
    const d = make(outcomes.length, count(50), errs);
    while (rampSizes(d).length > 0);
    outcomes.forEach((sd, i) => d.report(ids(outcomes.length)[i] as string, sd));
    const s = d.snapshot();
    expectConsistent(s);
    expect(s.done).toBe(true);
    return [s.Status, s.StatusDetails];
  };
  it.each<[string, InvocationStatusDetails[], RateValue, string[]]>([
    ['all Success', ['Success', 'Success'], count(0), ['Success', 'Success']],
    ['4 Undeliverable + 1 Success', ['Undeliverable', 'Undeliverable', 'Undeliverable', 'Undeliverable', 'Success'], count(0), ['Success', 'Success']],
    ['all Undeliverable', ['Undeliverable', 'Undeliverable'], count(0), ['Failed', 'Failed']],
    ['InvalidPlatform + Success', ['InvalidPlatform', 'Success'], count(0), ['Success', 'Success']],
    ['all AccessDenied', ['AccessDenied', 'AccessDenied'], count(0), ['Failed', 'AccessDenied']],
    ['a failure below the threshold', ['Success', 'Failed', 'Success'], count(1), ['Failed', 'Incomplete']],
    ['a DeliveryTimedOut within the threshold', ['Success', 'DeliveryTimedOut'], count(1), ['Failed', 'Incomplete']],
    ['DeliveryTimedOut past the threshold', ['Success', 'DeliveryTimedOut'], count(0), ['TimedOut', 'DeliveryTimedOut']],
    ['a Cancelled invocation', ['Success', 'Cancelled'], count(0), ['Failed', 'Incomplete']],
  ])('%s', (_name, outcomes, errs, want) => {
    expect(finish(outcomes, errs)).toEqual(want);
  });

  it('no targets: NoInstancesInTag', () => {
    const s = make(0, count(50), count(0)).snapshot();
    expect([s.done, s.Status, s.StatusDetails]).toEqual([true, 'Failed', 'NoInstancesInTag']);
  });

  it('duplicate ids are refused', () => {
    expect(() => createDispatch({targets: ['i-1', 'i-1'], maxConcurrency: count(1), maxErrors: count(0)})).toThrow(/Duplicate/);
  });
});

describe('cancel and expiry', () => {
  it('cancel: queued → Cancelled, running ones returned, Cancelling until they end', () => {
    const d = make(10, count(10), count(0));
    rampSizes(d); // 10 in flight
    const d2 = make(10, count(4), count(0));
    sendAndAck(d2);
    sendAndAck(d2); // 3 in flight, 7 queued
    expect(d2.cancel()).toEqual(['i-0000', 'i-0001', 'i-0002']);
    let s = d2.snapshot();
    expect([s.Status, s.StatusDetails, s.cancelled, s.queued]).toEqual(['Cancelling', 'Cancelling', true, 0]);
    expect(s.invocations.filter((i) => i.statusDetails === 'Cancelled')).toHaveLength(7);
    expect(d2.next()).toEqual([]);
    d2.report('i-0000', 'Cancelled');
    d2.report('i-0001', 'Success');
    d2.report('i-0002', 'Failed');
    s = d2.snapshot();
    expectConsistent(s);
    expect([s.Status, s.StatusDetails, s.done, s.CompletedCount]).toEqual(['Cancelled', 'Cancelled', true, 10]);
    expect(d.cancel()).toHaveLength(10);
  });

  it('cancel after completion changes nothing', () => {
    const d = make(1, count(1), count(0));
    d.report(d.next()[0] as string, 'Success');
    expect(d.cancel()).toEqual([]);
    expect(d.snapshot().Status).toBe('Success');
  });

  it('expire: everything not terminal, sent or not, becomes DeliveryTimedOut', () => {
    const d = make(6, count(6), count(0));
    sendAndAck(d);
    d.next(); // 2 sent, never acknowledged
    d.report('i-0000', 'Success');
    d.expire();
    const s = d.snapshot();
    expectConsistent(s);
    expect(s.invocations.map((i) => i.statusDetails)).toEqual(['Success', ...Array(5).fill('DeliveryTimedOut')]);
    expect(s.invocations.map((i) => i.acknowledged)).toEqual([true, false, false, false, false, false]);
    expect([s.DeliveryTimedOutCount, s.ErrorCount, s.Status, s.StatusDetails]).toEqual([5, 0, 'TimedOut', 'DeliveryTimedOut']);
  });

  it('unsent ids accept only outcomes that need no delivery', () => {
    const d = make(3, count(1), count(0));
    expect(d.report('i-0002', 'Success')).toBe(false);
    expect(d.report('i-0002', 'InProgress')).toBe(false);
    expect(d.report('i-0002', 'Failed')).toBe(false);
    expect(d.report('i-0002', 'Undeliverable')).toBe(true);
    expect(d.report('nope', 'Success')).toBe(false);
    expect(d.next()).toEqual(['i-0000']);
    d.report('i-0000', 'Success');
    expect(d.next()).toEqual(['i-0001']);
    expect(d.next()).toEqual([]);
    expectConsistent(d.snapshot());
  });
});
