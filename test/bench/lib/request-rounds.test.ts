// The benchmarks' polling-round grouping: bursts of the anchor operation split by silence, other requests counted
// in the round they precede.
import {expect, it} from 'vitest';
import {groupRounds, totalsByOp} from '../../../bench/lib/request-rounds.mjs';

const LCI = 'ssm:ListCommandInvocations';
const SEND = 'ssm:SendCommand';

it('splits anchor requests into rounds at gaps longer than gapMs', () => {
  const events = [
    {at: 1000, op: LCI, n: 1}, {at: 1010, op: LCI, n: 2}, {at: 1400, op: LCI, n: 1}, // one round: gaps ≤ 500
    {at: 2500, op: LCI, n: 3}, // 1,100 ms later: the next round
  ];
  const rounds = groupRounds(events, {anchor: LCI});
  expect(rounds).toEqual([
    {start: 1000, end: 1400, ops: {[LCI]: 4}},
    {start: 2500, end: 2500, ops: {[LCI]: 3}},
  ]);
  expect(groupRounds(events, {anchor: LCI, gapMs: 100})).toHaveLength(3);
});

it('counts other requests in the round they precede, or the last one; order of events does not matter', () => {
  const events = [
    {at: 3900, op: SEND, n: 1}, // after the last round
    {at: 2000, op: LCI, n: 1},
    {at: 1200, op: SEND, n: 2}, // between rounds: belongs to the next
    {at: 1000, op: LCI, n: 1},
    {at: 500, op: SEND, n: 1}, // before the first
  ];
  const rounds = groupRounds(events, {anchor: LCI});
  expect(rounds.map((r) => r.ops)).toEqual([{[LCI]: 1, [SEND]: 1}, {[LCI]: 1, [SEND]: 3}]);
  expect(totalsByOp(events)).toEqual({[LCI]: 2, [SEND]: 4});
});

it('without an anchor every request starts or extends a round; no events, no rounds', () => {
  expect(groupRounds([{at: 0, op: SEND, n: 1}, {at: 2000, op: LCI, n: 1}]).map((r) => r.ops)).toEqual([{[SEND]: 1}, {[LCI]: 1}]);
  expect(groupRounds([])).toEqual([]);
});
