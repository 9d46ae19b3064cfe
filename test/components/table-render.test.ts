// Column widths: which columns fit and how wide each is, with and without the rows' longest values.
import {describe, expect, it} from 'vitest';
import type {Column} from '../../src/components/columns.js';
import {layoutColumns, longestValues, type WidthCache} from '../../src/components/table-render.js';

type Row = Record<string, string>;
const col = (id: string, width: number, priority: number, more: Partial<Column<Row>> = {}): Column<Row> =>
  ({id, title: id.toUpperCase(), width, priority, text: (r) => r[id] ?? '', ...more});

// The instances view's shape: a cuttable id, a name kept whole, a flex platform, fixed status columns.
const COLS = [
  col('id', 20, 0, {minWidth: 12}),
  col('name', 12, 1, {flex: true, whole: true}),
  col('ping', 8, 2),
  col('platform', 12, 3, {flex: true}),
  col('agent', 11, 4),
  col('last', 9, 5),
  col('ip', 15, 6),
];
const ROWS: Row[] = [
  {id: 'i-0123456789abcdef0', name: 'monitor-staging-01', ping: 'online', platform: 'Amazon Linux 2023',
    agent: '3.3.1142.0', last: '12s', ip: '10.1.2.3'},
  {id: 'mi-0123456789abcdef0', name: 'db-prod-01', ping: 'lost', platform: 'Ubuntu 22.04', agent: '3.2.0.0',
    last: '3h', ip: '10.1.20.30'},
];

const widths = (width: number, rows?: Row[]) => {
  const longest = rows ? longestValues(COLS, rows, {now: 0, newestAgent: {}}) : undefined;
  return Object.fromEntries(layoutColumns(COLS, width, longest).map((l) => [l.col.id, l.width]));
};

describe('layoutColumns', () => {
  it.each<[string, number, Row[] | undefined, Record<string, number>]>([
    // Without rows: as ever, the least important columns go and flex columns share what is left.
    ['80 wide, no rows', 80, undefined, {id: 20, name: 13, ping: 8, platform: 12, agent: 11, last: 9}],
    ['120 wide, no rows', 120, undefined, {id: 20, name: 25, ping: 8, platform: 24, agent: 11, last: 9, ip: 15}],
    // 80 wide: the name whole and the platform at its longest before LAST PING keeps its room.
    ['80 wide', 80, ROWS, {id: 20, name: 18, ping: 8, platform: 17, agent: 11}],
    // Narrower: the name stays whole and the id uncut while less important columns go; the id is cut last.
    ['60 wide', 60, ROWS, {id: 20, name: 18, ping: 8}],
    ['40 wide', 40, ROWS, {id: 19, name: 18}],
    // 200 wide: text columns stop at their longest value (or title and sort arrow); fixed ones keep their width.
    ['200 wide', 200, ROWS, {id: 20, name: 18, ping: 8, platform: 17, agent: 11, last: 9, ip: 15}],
  ])('%s', (_, width, rows, expected) => {
    const got = widths(width, rows);
    expect(got).toEqual(expected);
    const used = 2 + Object.values(got).reduce((a, b) => a + b, 0) + Object.keys(got).length - 1;
    expect(used).toBeLessThanOrEqual(width);
  });

  it('keeps a whole value to about 24 cells: a longer one is cut rather than hiding every other column', () => {
    const long = [{...ROWS[0], name: 'x'.repeat(70)}] as Row[];
    const got = widths(100, long);
    expect(got.name).toBeGreaterThanOrEqual(24);
    expect(got.name).toBeLessThan(35);
    expect(Object.keys(got)).toEqual(['id', 'name', 'ping', 'platform', 'agent', 'last']);
  });
});

describe('longestValues with a width cache', () => {
  it('measures each row once for the same columns and rows, with the widths of a fresh measure', () => {
    let calls = 0;
    const counted = COLS.map((c) => ({...c, text: (r: Row) => {
      calls++;
      return r[c.id] ?? '';
    }}));
    const many: Row[] = Array.from({length: 300}, (_, i) => ({...ROWS[i % 2], name: `node-${'x'.repeat(i % 37)}`}));
    const cache: WidthCache<Row> = new Map();
    const ctx = {now: 0, newestAgent: {}};
    const fresh = longestValues(counted, many, ctx);
    const first = longestValues(counted, many, ctx, cache);
    calls = 0;
    // A filter keystroke: a subset of the same rows, measured again from the cache.
    const subset = many.filter((_, i) => i % 3 === 0);
    const again = longestValues(counted, subset, ctx, cache);
    expect(calls).toBe(0);
    const uncached = longestValues(counted, subset, ctx);
    for (const c of counted) {
      expect(first(c), c.id).toBe(fresh(c));
      expect(again(c), c.id).toBe(uncached(c));
    }
  });
});
