import {describe, expect, it} from 'vitest';
import {groupLines, groupOutputs} from '../../../src/views/run-command/groups.js';
import type {Invocation} from '../../../src/fleet/run-command/port.js';
import {stripAnsi} from '../../helpers/ink.js';

const inv = (n: number, output: string, fields: Partial<Invocation> = {}): Invocation => ({
  commandId: 'c-1', instanceId: `i-${n.toString(16).padStart(17, '0')}`, statusDetails: 'Success', responseCode: 0,
  output, outputTruncated: false, startedAt: 1_000, endedAt: 2_000, ...fields,
});

describe('grouped output', () => {
  it('groups identical finished outputs, largest first, and keeps unfinished ones apart', () => {
    const rows = [
      ...Array.from({length: 37}, (_, i) => inv(i, 'ok\n')),
      inv(40, 'disk full\n', {statusDetails: 'Failed', responseCode: 1}),
      inv(41, 'disk full\n', {statusDetails: 'Failed', responseCode: 1}),
      inv(42, 'weird\n'),
      inv(43, '', {statusDetails: 'InProgress', responseCode: -1, endedAt: undefined}),
    ];
    const {groups, running} = groupOutputs(rows);
    expect(groups.map((g) => [g.instances.length, g.output])).toEqual([[37, 'ok\n'], [2, 'disk full\n'], [1, 'weird\n']]);
    expect(running.map((r) => r.instanceId)).toEqual(['i-0000000000000002b']);
    const text = groupLines(rows, 100).map(stripAnsi);
    expect(text[0]).toMatch(/^3 distinct outputs among 40 finished/);
    expect(text).toContain('── 37 instances — identical output · 37 Success exit 0');
    expect(text).toContain('── 2 instances — identical output · 2 Failed exit 1');
    expect(text).toContain('── 1 instance — unique output · 1 Success exit 0');
    expect(text).toContain('  │ disk full');
    expect(text).toContain('── 1 not finished · 1 InProgress');
    // 37 ids do not fit in 100 columns: the rest is counted, never wrapped onto the screen.
    const idLine = text[text.indexOf('── 37 instances — identical output · 37 Success exit 0') + 1] ?? '';
    expect(idLine.length).toBeLessThanOrEqual(100);
    expect(idLine).toMatch(/\(\+\d+ more\)$/);
  });

  it('says when there is nothing yet', () => {
    expect(groupLines([], 80)).toEqual(['no invocations yet']);
  });
});
