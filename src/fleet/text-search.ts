// `/` search in a text pane: which lines hold the text (case-insensitive, styling ignored), and where n and N go.

export const SGR = /\x1b\[[0-9;]*m/g;

/** Indexes of the lines containing `query`, ignoring case and SGR styling; none for an empty query. */
export function matchingLines(lines: readonly string[], query: string): number[] {
  const q = query.toLowerCase();
  if (!q) return [];
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (l.replace(SGR, '').toLowerCase().includes(q)) out.push(i);
  });
  return out;
}

/**
 * The match after (dir 1) or before (dir -1) line `from`, wrapping around as less and vim do; `from` itself counts
 * when `inclusive` (a new search starts at the line in view).
 */
export function nextMatch(matches: readonly number[], from: number, dir: 1 | -1, inclusive = false): number | undefined {
  if (matches.length === 0) return undefined;
  if (dir === 1) return matches.find((m) => (inclusive ? m >= from : m > from)) ?? matches[0];
  for (let i = matches.length - 1; i >= 0; i--) {
    const m = matches[i];
    if (m !== undefined && (inclusive ? m <= from : m < from)) return m;
  }
  return matches[matches.length - 1];
}

/** The scroll offset that shows `line` near the top of a `height`-line pane of `total` lines, a little context above. */
export function scrollTo(line: number, total: number, height: number): number {
  return Math.max(0, Math.min(line - 2, total - height));
}
