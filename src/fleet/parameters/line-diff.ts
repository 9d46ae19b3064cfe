// A line diff between two values (Myers' O(ND) algorithm). Parameter values are at most 8 KB, so a small local
// implementation is enough; no dependency. Lines are compared exactly (a trailing newline is a difference of its own).

export type DiffKind = 'same' | 'add' | 'del';

export interface DiffLine {
  readonly kind: DiffKind;
  readonly text: string;
  /** 1-based line numbers in the old and new value (absent on the side the line is not in). */
  readonly oldLine?: number;
  readonly newLine?: number;
}

export function splitLines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

/** The shortest edit script from `before` to `after`, as lines in order. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let done = max === 0;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? v[offset + k + 1] ?? 0 : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  // Walk the trace back from the end to recover the path.
  const out: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (vd[offset + k - 1] ?? 0) < (vd[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK] ?? 0;
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({kind: 'same', text: a[x - 1] ?? '', oldLine: x, newLine: y});
      x--;
      y--;
    }
    if (d === 0) break;
    if (down) {
      out.push({kind: 'add', text: b[y - 1] ?? '', newLine: y});
      y--;
    } else {
      out.push({kind: 'del', text: a[x - 1] ?? '', oldLine: x});
      x--;
    }
  }
  return out.reverse();
}

export function diffStats(lines: readonly DiffLine[]): {added: number; removed: number} {
  let added = 0;
  let removed = 0;
  for (const l of lines) {
    if (l.kind === 'add') added++;
    else if (l.kind === 'del') removed++;
  }
  return {added, removed};
}
