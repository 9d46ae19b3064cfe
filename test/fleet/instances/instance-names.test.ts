// Names accepted where ids are asked for, and the run marker that groups a run's batches in the history.
import {describe, expect, it} from 'vitest';
import {mentionsNames, resolveNames} from '../../../src/fleet/instances/instance-names.js';
import {markComment, readMark} from '../../../src/fleet/run-command/run-marker.js';
import {historyRows} from '../../../src/views/run-command/run-groups.js';
import type {CommandSummary} from '../../../src/fleet/run-command/port.js';
import {makeInstance} from '../../helpers/instances.js';

const fleet = [
  makeInstance({instanceId: 'i-00000000000000001', name: 'web 01', pingStatus: 'Online'}),
  makeInstance({instanceId: 'i-00000000000000002', name: 'db', pingStatus: 'Online'}),
  makeInstance({instanceId: 'i-00000000000000003', name: 'db', pingStatus: 'ConnectionLost'}),
  makeInstance({instanceId: 'i-00000000000000004', name: 'evil\u001b[2J', pingStatus: 'Online'}),
];

describe('instance names as targets', () => {
  it('takes ids, exact names (a whole name with a space too), and refuses shared or unknown names with the matches', () => {
    expect(mentionsNames('i-00000000000000001,i-00000000000000002')).toBe(false);
    expect(mentionsNames('tag:Env=prod')).toBe(false);
    expect(mentionsNames('web 01')).toBe(true);
    expect(resolveNames('web 01', fleet)).toEqual({ok: true, ids: ['i-00000000000000001']});
    expect(resolveNames('i-00000000000000002,web 01', fleet)).toMatchObject({ok: false});
    const shared = resolveNames('db', fleet);
    expect(shared).toEqual({ok: false, error: '"db" names 2 instances: i-00000000000000002 (db, Online), '
      + 'i-00000000000000003 (db, ConnectionLost); give the instance id instead'});
    const unknown = resolveNames('nope\u001b[31m', fleet);
    expect(unknown.ok).toBe(false);
    expect(JSON.stringify(unknown)).not.toContain('\u001b');
    expect(resolveNames('i-nothex', fleet)).toMatchObject({ok: false, error: expect.stringMatching(/not an instance id/)});
  });
});

describe('run marker', () => {
  it('keeps the user\'s comment before it, within SSM\'s 100 characters, and groups the batches of one run', () => {
    const c = markComment('nightly', 'abcd1234');
    expect(readMark(c)).toEqual({comment: 'nightly', mark: 'abcd1234'});
    const long = markComment('x'.repeat(100), 'abcd1234');
    expect(long.length).toBeLessThanOrEqual(100);
    expect(readMark(long).mark).toBe('abcd1234');
    const cmd = (id: string, comment: string, at: number, status = 'Success'): CommandSummary => ({commandId: id,
      documentName: 'AWS-RunShellScript', requestedAt: at, status, statusDetails: status, targetCount: 2, completedCount: 2,
      errorCount: status === 'Failed' ? 1 : 0, comment, targets: '2 ids', instanceIds: [`${id}-a`, `${id}-b`], parameters: {},
      maxConcurrency: '50', maxErrors: '0'});
    const rows = historyRows([cmd('c3', c, 3, 'Failed'), cmd('c2', 'other', 2), cmd('c1', c, 1)], new Set());
    expect(rows.map((r) => r.commandId)).toEqual(['run:abcd1234', 'c2']);
    expect(rows[0]).toMatchObject({statusDetails: 'Failed', targetCount: 4, errorCount: 1, comment: 'nightly', requestedAt: 1});
    const open = historyRows([cmd('c3', c, 3), cmd('c1', c, 1)], new Set(['run:abcd1234']));
    expect(open.map((r) => r.commandId)).toEqual(['run:abcd1234', 'c1', 'c3']);
  });
});
