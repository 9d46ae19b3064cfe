// The free-text index: segments of rows searched with indexOf, matches mapped back to rows in order, never across
// two rows' text, and the haystacks read without being kept on the rows.
import {describe, expect, it} from 'vitest';
import {cachedHaystack} from '../../src/fleet/filter.js';
import {buildTextIndex, searchTextIndex} from '../../src/fleet/text-index.js';

interface Row {
  id: string;
  name: string;
}

const haystack = cachedHaystack((r: Row) => [r.id, r.name]);
const rows = (names: readonly string[]): Row[] => names.map((name, i) => ({id: `i-${i}`, name}));

describe('the free-text index', () => {
  it('finds every row holding the text, in order, across segment boundaries, once per row', () => {
    const r = rows(['web-1', 'db', 'web-web', 'cache', 'api', 'web-2', 'Web-3']);
    for (const segmentRows of [1, 2, 3, 4096]) {
      const ix = buildTextIndex(r, haystack, segmentRows);
      expect(ix.segments.length).toBe(Math.ceil(r.length / segmentRows));
      expect(searchTextIndex(ix, 'web').map((x) => x.name)).toEqual(['web-1', 'web-web', 'web-2', 'Web-3']);
      expect(searchTextIndex(ix, 'i-4').map((x) => x.name)).toEqual(['api']);
      expect(searchTextIndex(ix, 'nothing')).toEqual([]);
    }
  });

  it('never matches text that spans two rows', () => {
    const ix = buildTextIndex(rows(['ab', 'cd']), haystack, 4096);
    // 'i-0\nab' then 'i-1\ncd': "abi" would only exist across the NUL between them.
    expect(searchTextIndex(ix, 'abi')).toEqual([]);
    expect(searchTextIndex(ix, 'b')).toHaveLength(1);
  });

  it('finds rows with characters past Latin-1 as any other', () => {
    const ix = buildTextIndex(rows(['plain', 'evil␛[2j', 'café', '🚀 launch', 'plain-2']), haystack, 2);
    expect(searchTextIndex(ix, 'plain').map((x) => x.name)).toEqual(['plain', 'plain-2']);
    expect(searchTextIndex(ix, '␛').map((x) => x.name)).toEqual(['evil␛[2j']);
    expect(searchTextIndex(ix, '🚀').map((x) => x.name)).toEqual(['🚀 launch']);
  });

  it('does not keep the haystacks on the rows (the index holds them), and reuses one already kept', () => {
    const r = rows(['a', 'b']);
    buildTextIndex(r, haystack);
    expect(r.map((x) => Object.getOwnPropertySymbols(x).length)).toEqual([0, 0]);
    expect(haystack(r[0] as Row)).toBe('i-0\na');
    expect(Object.getOwnPropertySymbols(r[0]).length).toBe(1);
    expect(haystack.transient(r[0] as Row)).toBe(haystack(r[0] as Row));
    expect(searchTextIndex(buildTextIndex(r, haystack), 'i-1')).toEqual([r[1]]);
  });
});
