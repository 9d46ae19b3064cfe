import {expect} from 'vitest';
import {countsAsError, isTerminal, summarize} from '../../../src/fleet/command-status.js';
import type {Dispatch, DispatchSnapshot} from '../../../src/fleet/run-plan.js';
import type {RateValue} from '../../../src/fleet/rate-control.js';

export const count = (n: number): RateValue => ({kind: 'count', n});
export const pct = (p: number): RateValue => ({kind: 'percent', pct: p});
export const ids = (n: number, prefix = 'i-'): string[] =>
  Array.from({length: n}, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

/** mulberry32: small seeded PRNG, deterministic across runs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ack every id just released (InProgress) and return the release. */
export function sendAndAck(d: Dispatch): string[] {
  const out = d.next();
  for (const id of out) d.report(id, 'InProgress');
  return out;
}

/** The counters and derived numbers must agree with the per-id states at every step. */
export function expectConsistent(s: DispatchSnapshot): void {
  const inv = s.invocations;
  const sum = summarize(inv);
  expect(s.TargetCount).toBe(inv.length);
  expect(s.CompletedCount).toBe(inv.filter((i) => isTerminal(i.statusDetails)).length);
  expect(s.CompletedCount).toBe(sum.CompletedCount);
  expect(s.ErrorCount).toBe(inv.filter((i) => countsAsError(i.statusDetails)).length);
  expect(s.ErrorCount).toBe(sum.byStatusDetails.Failed + sum.byStatusDetails.ExecutionTimedOut);
  expect(s.DeliveryTimedOutCount).toBe(sum.byStatusDetails.DeliveryTimedOut);
  expect(s.inFlight).toBe(inv.filter((i) => i.sent && !isTerminal(i.statusDetails)).length);
  expect(s.queued).toBe(inv.filter((i) => !i.sent && !isTerminal(i.statusDetails)).length);
  expect(s.inFlight).toBeLessThanOrEqual(s.concurrency);
  expect(s.done).toBe(s.CompletedCount === s.TargetCount);
  expect(s.thresholdPassed).toBe(s.ErrorCount > s.errorThreshold);
  for (const i of inv) {
    if (!i.sent) expect(['Pending', 'Terminated', 'Cancelled', 'DeliveryTimedOut', 'Undeliverable', 'InvalidPlatform', 'AccessDenied']).toContain(i.statusDetails);
    if (i.statusDetails === 'Terminated') expect(s.thresholdPassed).toBe(true);
  }
}
