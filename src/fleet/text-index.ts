// The free-text search index of a table: every sorted row's haystack in a few long strings (NUL between rows, which
// sanitized text never holds), so a filter keystroke is one native indexOf per match instead of one `includes` per
// row — at 50,000 rows that is most of a keystroke's budget.
//
// Memory is why it is cut into segments: V8 stores a string as two bytes per character as soon as one character is
// past Latin-1, and one node named with an emoji (or a sanitized control picture, ␛) would double a single 8 MB index.
// A segment of a few thousand rows keeps that cost to its own rows. The haystacks are read without being kept on
// the rows (`transient`): the index holds them once, not twice.
import type {Haystack} from './filter.js';

/** Rows per segment: small enough that a wide character costs little, large enough that indexOf stays native. */
export const SEGMENT_ROWS = 4096;

interface Segment {
  /** The segment's haystacks joined with NUL. */
  text: string;
  /** Where each of the segment's rows starts in `text`; one more entry, past the end. */
  starts: Int32Array;
  /** The index of the segment's first row in `rows`. */
  first: number;
}

export interface TextIndex<T> {
  rows: readonly T[];
  segments: readonly Segment[];
}

export function buildTextIndex<T>(rows: readonly T[], haystack: Haystack<T>, segmentRows = SEGMENT_ROWS): TextIndex<T> {
  const read = haystack.transient ?? haystack;
  const segments: Segment[] = [];
  for (let first = 0; first < rows.length; first += segmentRows) {
    const n = Math.min(segmentRows, rows.length - first);
    const starts = new Int32Array(n + 1);
    const parts = new Array<string>(n);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const h = read(rows[first + i] as T);
      starts[i] = at;
      parts[i] = h;
      at += h.length + 1;
    }
    starts[n] = at;
    segments.push({text: parts.join('\u0000'), starts, first});
  }
  return {rows, segments};
}

/** The rows whose haystack contains `needle` (lowercase), in index order. */
export function searchTextIndex<T>(ix: TextIndex<T>, needle: string): T[] {
  const out: T[] = [];
  for (const {text, starts, first} of ix.segments) {
    const n = starts.length - 1;
    let row = 0;
    let pos = text.indexOf(needle);
    while (pos >= 0) {
      // The row holding `pos`: the last start at or before it (binary search ahead of the previous match).
      let lo = row;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] ?? 0) <= pos) lo = mid;
        else hi = mid - 1;
      }
      row = lo;
      out.push(ix.rows[first + row] as T);
      row++;
      if (row >= n) break;
      pos = text.indexOf(needle, starts[row]);
    }
  }
  return out;
}
