import {describe, expect, it} from 'vitest';
import {INVOCATION_STATUS_DETAILS, isTerminal, type InvocationStatusDetails} from '../../../src/fleet/run-command/command-status.js';
import {createDispatch} from '../../../src/fleet/run-command/run-plan.js';
import {errorThreshold, resolveConcurrency, type RateValue} from '../../../src/fleet/run-command/rate-control.js';
import {count, expectConsistent, ids, pct, prng} from './helpers.js';

const RUNNING: InvocationStatusDetails[] = ['InProgress', 'Delayed'];
const OUTCOMES: InvocationStatusDetails[] = ['Success', 'Success', 'Success', 'Failed', 'ExecutionTimedOut', 'DeliveryTimedOut', 'Undeliverable', 'Cancelled'];
const UNSENT_OK = new Set<InvocationStatusDetails>(['DeliveryTimedOut', 'Undeliverable', 'InvalidPlatform', 'AccessDenied', 'Cancelled']);

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)] as T;
}

function runSeed(seed: number): void {
  const rnd = prng(seed);
  const n = Math.floor(rnd() * 80);
  const conc: RateValue = rnd() < 0.5 ? count(1 + Math.floor(rnd() * 40)) : pct(1 + Math.floor(rnd() * 100));
  const errs: RateValue = rnd() < 0.5 ? count(Math.floor(rnd() * 6)) : pct(Math.floor(rnd() * 101));
  const d = createDispatch({targets: ids(n), maxConcurrency: conc, maxErrors: errs});
  const c = resolveConcurrency(conc, n);
  const t = errorThreshold(errs, n);
  const everSent = new Set<string>();
  let releases = 0;

  for (let step = 0; step < 5000 && !d.snapshot().done; step++) {
    const before = d.snapshot();
    const r = rnd();
    if (r < 0.35) {
      const ready = d.ready();
      const out = d.next();
      expect(out.length > 0).toBe(ready); // ready() says whether next() releases, and changes nothing itself
      if (before.thresholdPassed || before.cancelled) expect(out).toEqual([]); // nothing sent after the threshold
      if (out.length > 0 && releases++ === 0) expect(out).toHaveLength(1); // the ramp starts with one
      for (const id of out) {
        expect(everSent.has(id)).toBe(false);
        expect(before.invocations.find((i) => i.id === id)?.statusDetails).toBe('Pending');
        everSent.add(id);
      }
      expect(before.inFlight + out.length).toBeLessThanOrEqual(c);
    } else if (r < 0.93) {
      const flying = before.invocations.filter((i) => i.sent && !isTerminal(i.statusDetails));
      if (flying.length === 0) continue;
      const id = pick(rnd, flying).id;
      d.report(id, rnd() < 0.4 ? pick(rnd, RUNNING) : pick(rnd, OUTCOMES));
    } else if (r < 0.98) {
      const queued = before.invocations.filter((i) => !i.sent && !isTerminal(i.statusDetails));
      if (queued.length === 0) continue;
      const sd = pick(rnd, INVOCATION_STATUS_DETAILS);
      expect(d.report(pick(rnd, queued).id, sd)).toBe(UNSENT_OK.has(sd));
    } else if (r < 0.99) {
      d.cancel();
    } else {
      d.expire();
    }
    const s = d.snapshot();
    expectConsistent(s);
    expect(s.concurrency).toBe(c);
    expect(s.errorThreshold).toBe(t);
    expect(s.inFlight).toBeLessThanOrEqual(c);
    expect(s.invocations.filter((i) => i.sent).length).toBe(everSent.size);
    // After the breach only what was already in flight can still fail.
    expect(s.ErrorCount).toBeLessThanOrEqual(t + c);
    if (c === 1) expect(s.ErrorCount).toBeLessThanOrEqual(t + 1);
    if (before.thresholdPassed) expect(s.invocations.filter((i) => i.sent).length).toBe(before.invocations.filter((i) => i.sent).length);
  }
  if (!d.snapshot().done) d.expire();
  const s = d.snapshot();
  expectConsistent(s);
  expect(s.done).toBe(true);
  expect(['Success', 'Failed', 'TimedOut', 'Cancelled']).toContain(s.Status);
  if (s.thresholdPassed && !s.cancelled) expect(['Failed', 'ExecutionTimedOut']).toContain(s.StatusDetails);
}

describe('randomized dispatch (seeded)', () => {
  it('300 seeds: in-flight ≤ concurrency, nothing sent after the threshold, counters consistent throughout', () => {
    for (let seed = 1; seed <= 300; seed++) {
      try {
        runSeed(seed);
      } catch (e) {
        throw new Error(`seed ${seed}: ${(e as Error).message}`);
      }
    }
  });
});
