import {describe, expect, it} from 'vitest';
import type {InvocationStatusDetails} from '../../../src/fleet/run-command/command-status.js';
import {
  SEND_COMMAND_MAX_IDS,
  createDispatch,
  idsToCancelOnBreach,
  planBatches,
  planSendCommandCalls,
  type Dispatch,
} from '../../../src/fleet/run-command/run-plan.js';
import {parseRateValue, type RateValue} from '../../../src/fleet/run-command/rate-control.js';
import {count, expectConsistent, ids, pct, prng} from './helpers.js';

describe('planBatches', () => {
  it.each([
    [0, []],
    [1, [1]],
    [50, [50]],
    [51, [50, 1]],
    [300, [50, 50, 50, 50, 50, 50]],
    [123, [50, 50, 23]],
  ])('%i ids → chunks %j, order kept', (n, sizes) => {
    const all = ids(n);
    const chunks = planBatches(all);
    expect(chunks.map((c) => c.length)).toEqual(sizes);
    expect(chunks.flat()).toEqual(all);
  });

  it('refuses sizes SendCommand cannot take', () => {
    expect(() => planBatches(ids(3), 51)).toThrow(RangeError);
    expect(() => planBatches(ids(3), 0)).toThrow(RangeError);
  });
});

describe('planSendCommandCalls', () => {
  it('per call: MaxConcurrency = its id count, MaxErrors = fleet budget left; both valid SSM values', () => {
    const calls = planSendCommandCalls(ids(120), {errorThreshold: 15, ErrorCount: 4});
    expect(calls.map((c) => [c.instanceIds.length, c.maxConcurrency, c.maxErrors])).toEqual([
      [50, '50', '11'],
      [50, '50', '11'],
      [20, '20', '11'],
    ]);
    for (const c of calls) {
      expect(parseRateValue('maxConcurrency', c.maxConcurrency).ok).toBe(true);
      expect(parseRateValue('maxErrors', c.maxErrors).ok).toBe(true);
    }
    expect(planSendCommandCalls(['i-1'], {errorThreshold: 2, ErrorCount: 2})[0]?.maxErrors).toBe('0');
  });
});

/**
 * The app over simulated SSM: one fleet engine for 300 ids; each release goes out as SendCommand calls, and each
 * call is simulated by the same engine (as the local endpoint runs it) with the call's count rate controls.
 */
function runFleet(seed: number, conc: RateValue, errs: RateValue, failRate: number) {
  const rnd = prng(seed);
  const all = ids(300);
  const fleet = createDispatch({targets: all, maxConcurrency: conc, maxErrors: errs});
  const calls: {engine: Dispatch; ids: readonly string[]}[] = [];
  const running = new Map<string, Dispatch>(); // delivered by "SSM", not terminal yet
  const cancelledCalls = new Set<Dispatch>();
  const deliveredAfterBreach: string[] = [];
  let maxFleetInFlight = 0;

  const toFleet = (id: string, sd: InvocationStatusDetails) => fleet.report(id, sd);
  const onBreach = () => {
    // The app cancels what SSM has not delivered yet (CancelCommand on the calls holding such ids).
    const stale = new Set(idsToCancelOnBreach(fleet.snapshot()));
    for (const c of calls) {
      if (cancelledCalls.has(c.engine) || !c.ids.some((id) => stale.has(id))) continue;
      cancelledCalls.add(c.engine);
      c.engine.cancel();
      for (const i of c.engine.snapshot().invocations) if (i.statusDetails === 'Cancelled' && !i.sent) toFleet(i.id, 'Cancelled');
    }
  };

  for (let step = 0; step < 100_000 && !fleet.snapshot().done; step++) {
    const released = fleet.next();
    const before = fleet.snapshot();
    for (const call of planSendCommandCalls(released, before)) {
      expect(call.instanceIds.length).toBeLessThanOrEqual(SEND_COMMAND_MAX_IDS);
      const engine = createDispatch({
        targets: call.instanceIds,
        maxConcurrency: count(Number(call.maxConcurrency)),
        maxErrors: count(Number(call.maxErrors)),
      });
      calls.push({engine, ids: call.instanceIds});
    }
    // SSM side: each call delivers what its own engine releases; the agent acknowledges.
    for (const c of calls) {
      for (const id of c.engine.next()) {
        if (fleet.snapshot().thresholdPassed) deliveredAfterBreach.push(id);
        running.set(id, c.engine);
        c.engine.report(id, 'InProgress');
        toFleet(id, 'InProgress');
      }
    }
    maxFleetInFlight = Math.max(maxFleetInFlight, fleet.snapshot().inFlight);
    // Some running invocations finish.
    for (const [id, engine] of [...running]) {
      if (rnd() < 0.5) continue;
      const sd: InvocationStatusDetails = rnd() < failRate ? 'Failed' : 'Success';
      running.delete(id);
      const wasPassed = fleet.snapshot().thresholdPassed;
      toFleet(id, sd); // fleet first: a call can only stop after the fleet has
      engine.report(id, sd);
      // A call that stopped on its own marks its undelivered ids Terminated; SSM reports them.
      if (engine.snapshot().thresholdPassed) expect(fleet.snapshot().thresholdPassed).toBe(true);
      for (const i of engine.snapshot().invocations) if (i.statusDetails === 'Terminated') toFleet(i.id, 'Terminated');
      if (!wasPassed && fleet.snapshot().thresholdPassed) onBreach();
    }
    expectConsistent(fleet.snapshot());
  }
  return {fleet: fleet.snapshot(), calls: calls.length, maxFleetInFlight, deliveredAfterBreach};
}

describe('300 ids, one fleet-wide budget across ≤50-id SendCommand calls', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: concurrency 10 percent, errors 5 percent, frequent failures → stops fleet-wide', (seed) => {
    const r = runFleet(seed, pct(10), pct(5), 0.3);
    const s = r.fleet;
    expect([s.concurrency, s.errorThreshold]).toEqual([30, 15]);
    expect(r.maxFleetInFlight).toBeLessThanOrEqual(30);
    expect(s.done).toBe(true);
    expect(s.CompletedCount).toBe(300);
    expect(s.thresholdPassed).toBe(true);
    expect(s.ErrorCount).toBeGreaterThan(15);
    expect(s.ErrorCount).toBeLessThanOrEqual(15 + 30); // at most what was in flight when it passed
    expect([s.Status, s.StatusDetails]).toEqual(['Failed', 'Failed']);
    expect(s.invocations.filter((i) => !i.sent).every((i) => i.statusDetails === 'Terminated')).toBe(true);
    expect(s.invocations.some((i) => i.statusDetails === 'Terminated')).toBe(true);
    expect(r.deliveredAfterBreach).toEqual([]);
  });

  it('no failures: everything runs, 50 at a time at most, and succeeds', () => {
    const r = runFleet(7, count(50), count(0), 0);
    expect(r.maxFleetInFlight).toBe(50);
    expect([r.fleet.Status, r.fleet.StatusDetails, r.fleet.CompletedCount]).toEqual(['Success', 'Success', 300]);
    expect(r.calls).toBeGreaterThan(6); // ramp + refills: many small calls, each ≤ 50
  });

  it('failures under a 100% budget never stop dispatch: Incomplete', () => {
    const r = runFleet(8, count(40), pct(100), 0.2);
    expect(r.fleet.thresholdPassed).toBe(false);
    expect(r.fleet.invocations.every((i) => i.sent)).toBe(true);
    expect([r.fleet.Status, r.fleet.StatusDetails]).toEqual(['Failed', 'Incomplete']);
  });
});
