import {expect} from 'vitest';
import {countsAsError, isTerminal, summarize} from '../../../src/fleet/run-command/command-status.js';
import type {Dispatch, DispatchSnapshot} from '../../../src/fleet/run-command/run-plan.js';
import type {RateValue} from '../../../src/fleet/run-command/rate-control.js';
import {prng} from '../../helpers/prng.js';
export {prng};

export const count = (n: number): RateValue => ({kind: 'count', n});
export const pct = (p: number): RateValue => ({kind: 'percent', pct: p});
export const ids = (n: number, prefix = 'i-'): string[] =>
  Array.from({length: n}, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);


/** Ack every id just released (InProgress) and return the release. */
export function sendAndAck(d: Dispatch): string[] {
  const out = d.next();
  for (const id of out) d.report(id, 'InProgress');
  return out;
}

const UNSENT_STATES: ReadonlySet<string> = new Set(['Pending', 'Terminated', 'Cancelled', 'DeliveryTimedOut', 'Undeliverable', 'InvalidPlatform', 'AccessDenied']);

/**
 * The counters and derived numbers must agree with the per-id states at every step. Checks are collected and
 * asserted once (vitest's expect is too slow to call per id per step in the randomized tests).
 */
export function expectConsistent(s: DispatchSnapshot): void {
  const inv = s.invocations;
  const sum = summarize(inv);
  const bad: string[] = [];
  const eq = (what: string, got: unknown, want: unknown) => {
    if (got !== want) bad.push(`${what}: got ${String(got)}, want ${String(want)}`);
  };
  eq('TargetCount', s.TargetCount, inv.length);
  eq('CompletedCount', s.CompletedCount, inv.filter((i) => isTerminal(i.statusDetails)).length);
  eq('CompletedCount vs summarize', s.CompletedCount, sum.CompletedCount);
  eq('ErrorCount', s.ErrorCount, inv.filter((i) => countsAsError(i.statusDetails)).length);
  eq('ErrorCount = Failed + ExecutionTimedOut', s.ErrorCount, sum.byStatusDetails.Failed + sum.byStatusDetails.ExecutionTimedOut);
  eq('DeliveryTimedOutCount', s.DeliveryTimedOutCount, sum.byStatusDetails.DeliveryTimedOut);
  eq('inFlight', s.inFlight, inv.filter((i) => i.sent && !isTerminal(i.statusDetails)).length);
  eq('queued', s.queued, inv.filter((i) => !i.sent && !isTerminal(i.statusDetails)).length);
  eq('inFlight <= concurrency', s.inFlight <= s.concurrency, true);
  eq('done', s.done, s.CompletedCount === s.TargetCount);
  eq('thresholdPassed', s.thresholdPassed, s.ErrorCount > s.errorThreshold);
  for (const i of inv) {
    if (!i.sent && !UNSENT_STATES.has(i.statusDetails)) bad.push(`${i.id} unsent but ${i.statusDetails}`);
    if (i.statusDetails === 'Terminated' && !s.thresholdPassed) bad.push(`${i.id} Terminated without a breach`);
    if (i.acknowledged && !i.sent) bad.push(`${i.id} acknowledged but never sent`);
  }
  expect(bad).toEqual([]);
}
