import {describe, expect, it} from 'vitest';
import {matchingLines, nextMatch, scrollTo} from '../../src/fleet/text-search.js';

describe('text search in a pane', () => {
  const lines = ['exit code 0', '\x1b[2m── stdout ──\x1b[0m', 'Line 1', 'line 10', 'other', 'LINE 2'];

  it('finds lines case-insensitively, ignoring styling; an empty query finds nothing', () => {
    expect(matchingLines(lines, 'line 1')).toEqual([2, 3]);
    expect(matchingLines(lines, 'stdout')).toEqual([1]);
    // The styling's own characters are not text.
    expect(matchingLines(lines, '[2m')).toEqual([]);
    expect(matchingLines(lines, '')).toEqual([]);
  });

  it.each([
    [[2, 3, 5], 0, 1, false, 2],
    [[2, 3, 5], 2, 1, false, 3],
    [[2, 3, 5], 5, 1, false, 2],
    [[2, 3, 5], 2, 1, true, 2],
    [[2, 3, 5], 3, -1, false, 2],
    [[2, 3, 5], 2, -1, false, 5],
    [[], 0, 1, false, undefined],
  ] as const)('from the matches %j at line %i going %i (inclusive %s) lands on %s', (m, from, dir, inclusive, want) => {
    expect(nextMatch(m, from, dir, inclusive)).toBe(want);
  });

  it('shows a match near the top, never past the end', () => {
    expect(scrollTo(50, 100, 20)).toBe(48);
    expect(scrollTo(1, 100, 20)).toBe(0);
    expect(scrollTo(95, 100, 20)).toBe(80);
  });
});
