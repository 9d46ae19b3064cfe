// Parameter Store records, the path tree and the line diff (pure logic).
import {inspect} from 'node:util';
import {describe, expect, it} from 'vitest';
import {diffStats, lineDiff, type DiffLine} from '../../../src/fleet/parameters/line-diff.js';
import {modifiedBy, plainText, SecretText} from '../../../src/fleet/parameters/parameter.js';
import {addNames, buildTree, findFolder, leafName, parentPath, visibleRows} from '../../../src/fleet/parameters/path-tree.js';
import {Prng} from '../../../src/local/model/prng.js';

describe('records', () => {
  it('modifiedBy keeps the last part of an IAM ARN', () => {
    expect(modifiedBy('arn:aws:iam::123456789012:user/alice')).toBe('alice');
    expect(modifiedBy('arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_1/carol@example.com')).toBe('carol@example.com');
    expect(modifiedBy('arn:aws:iam::123456789012:root')).toBe('root');
    expect(modifiedBy(undefined)).toBe('');
  });

  it('a SecretText shows a mask when printed, interpolated, serialized or inspected', () => {
    const s = new SecretText('hunter2');
    expect(`${s}`).toBe('********');
    expect(JSON.stringify({value: s})).toBe('{"value":"********"}');
    expect(inspect(s)).not.toContain('hunter2');
    expect(inspect({nested: {s}})).not.toContain('hunter2');
    expect(s.reveal()).toBe('hunter2');
    expect(plainText({kind: 'secret', secret: s})).toBe('hunter2');
    expect(plainText({kind: 'sealed'})).toBeUndefined();
  });
});

describe('path tree', () => {
  const names = ['/app/prod/db/host', '/app/prod/db/port', '/app/prod/log-level', '/app/dev/log-level', '/shared/x', 'Plain'];

  it('derives folders and places names, sorted, with root-level plain names', () => {
    const root = buildTree(names);
    expect([...root.folders.keys()]).toEqual(['app', 'shared']);
    expect(root.parameters).toEqual(['Plain']);
    expect(findFolder(root, '/app/prod')?.parameters).toEqual(['/app/prod/log-level']);
    expect(findFolder(root, '/app/prod/db')?.parameters).toEqual(['/app/prod/db/host', '/app/prod/db/port']);
    expect(findFolder(root, '/nope')).toBeUndefined();
    expect(parentPath('/a/b/c')).toBe('/a/b');
    expect(parentPath('/a')).toBe('/');
    expect(parentPath('Plain')).toBe('/');
    expect(leafName('/a/b/c')).toBe('c');
  });

  it('shows closed folders as one row and descends into open ones', () => {
    const root = buildTree(names);
    const rows = (open: string[]): string[] => visibleRows(root, new Set(open)).map((r) => `${'  '.repeat(r.depth)}${r.kind === 'folder' ? '+' : '-'}${r.label}`);
    expect(rows([])).toEqual(['+app', '+shared', '-Plain']);
    expect(rows(['/app', '/app/prod'])).toEqual(['+app', '  +dev', '  +prod', '    +db', '    -log-level', '+shared', '-Plain']);
  });

  it('grows as levels load, without duplicates', () => {
    const root = buildTree(['/a/1']);
    addNames(root, ['/a/1', '/a/b/2', '/a/0']);
    expect(findFolder(root, '/a')?.parameters).toEqual(['/a/0', '/a/1']);
    expect(findFolder(root, '/a/b')?.parameters).toEqual(['/a/b/2']);
  });
});

function apply(before: string, diff: readonly DiffLine[]): {old: string; new: string} {
  return {
    old: diff.filter((l) => l.kind !== 'add').map((l) => l.text).join('\n'),
    new: diff.filter((l) => l.kind !== 'del').map((l) => l.text).join('\n'),
  };
}

describe('line diff', () => {
  it('shows the changed lines between two values with line numbers', () => {
    const d = lineDiff('host=a\nport=1\nmode=x', 'host=a\nport=2\nmode=x\nnew=y');
    expect(d.map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'add' ? '+' : '-'}${l.text}`)).toEqual(
      [' host=a', '-port=1', '+port=2', ' mode=x', '+new=y']);
    expect(d[1]).toMatchObject({oldLine: 2});
    expect(d[2]).toMatchObject({newLine: 2});
    expect(diffStats(d)).toEqual({added: 2, removed: 1});
  });

  it('handles empty sides and identical values', () => {
    expect(lineDiff('', '')).toEqual([]);
    expect(lineDiff('', 'a\nb').map((l) => l.kind)).toEqual(['add', 'add']);
    expect(lineDiff('a\nb', '').map((l) => l.kind)).toEqual(['del', 'del']);
    expect(lineDiff('a\nb', 'a\nb').every((l) => l.kind === 'same')).toBe(true);
  });

  it('is a minimal edit script that rebuilds both sides (random values)', () => {
    const rng = new Prng('line-diff');
    for (let round = 0; round < 200; round++) {
      const words = ['a', 'b', 'c', 'd'];
      const make = (): string => Array.from({length: rng.int(0, 12)}, () => rng.pick(words)).join('\n');
      const before = make();
      const after = make();
      const d = lineDiff(before, after);
      const rebuilt = apply(before, d);
      expect(rebuilt.old).toBe(before);
      expect(rebuilt.new).toBe(after);
      // Minimal: the number of unchanged lines is the longest common subsequence.
      const a = before === '' ? [] : before.split('\n');
      const b = after === '' ? [] : after.split('\n');
      const lcs = Array.from({length: a.length + 1}, () => new Array<number>(b.length + 1).fill(0));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          const row = lcs[i] as number[];
          row[j] = a[i - 1] === b[j - 1] ? (lcs[i - 1]?.[j - 1] ?? 0) + 1 : Math.max(lcs[i - 1]?.[j] ?? 0, row[j - 1] ?? 0);
        }
      }
      expect(d.filter((l) => l.kind === 'same').length).toBe(lcs[a.length]?.[b.length]);
    }
  });
});
