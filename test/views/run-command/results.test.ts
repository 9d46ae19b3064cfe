import {describe, expect, it} from 'vitest';
import {groupIdentical, resultsView} from '../../../src/views/run-command/results.js';
import type {Invocation} from '../../../src/fleet/run-command/port.js';

const inv = (id: string, output: string, sd = 'Success', ended = true): Invocation => ({
  commandId: 'c', instanceId: id, statusDetails: sd, responseCode: sd === 'Success' ? 0 : 1, output,
  outputTruncated: false, startedAt: 1, ...(ended ? {endedAt: 2} : {}),
});

describe('identical outputs (pssh-style)', () => {
  it('counts finished invocations with the same status, exit code and output', () => {
    const g = groupIdentical([inv('a', 'ok\n'), inv('b', 'ok\n'), inv('c', 'ok\n', 'Failed'), inv('d', 'other'),
      inv('e', 'ok\n', 'InProgress', false)]);
    expect(g.map((x) => x.identical)).toEqual([2, 2, 1, 1, 0]);
  });

  it('summarizes progress and counts per status in the title', () => {
    const note = resultsView.titleNote?.(groupIdentical([inv('a', 'x'), inv('b', 'x'), inv('c', '', 'InProgress', false)]), 100) ?? '';
    const plain = note.replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/^\[█{11}░{5}\] 1 InProgress 2 Success · 1 distinct outputs$/);
  });
});
