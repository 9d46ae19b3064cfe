// Shared paging for the inventory and compliance operations: opaque tokens bound to a scope (see
// page-token.ts) over lists that are sorted ascending by a string key.

import type {OperationContext} from './operation-context.js';
import {indexAfter, pageOf} from './page-token.js';
import {ServiceError} from './service-error.js';

export interface Page<T> {
  items: readonly T[];
  /** The NextToken to send, or undefined on the last page. */
  nextToken: string | undefined;
}

/** One page of `list` (sorted by `key`) after the cursor in `token`; InvalidNextToken for foreign tokens. */
export function paginate<T>(
  list: readonly T[],
  opts: {ctx: OperationContext; scope: string; token: string | undefined; size: number; key: (item: T) => string},
): Page<T> {
  const {ctx, scope, token, size, key} = opts;
  let start = 0;
  if (token !== undefined && token !== '') {
    const cursor = ctx.tokens.read(token, scope);
    if (cursor === undefined) throw new ServiceError('InvalidNextToken', "The specified token isn't valid.");
    start = indexAfter(list, cursor, key);
  }
  const page = pageOf(list, start, size, key);
  return {items: page.items, nextToken: page.nextCursor === undefined ? undefined : ctx.tokens.issue(scope, page.nextCursor)};
}

/** A sortable key for list positions (index-ordered lists page on their index). */
export function indexKey(i: number): string {
  return String(i).padStart(9, '0');
}

/** ISO-8601 without milliseconds, as inventory CaptureTime and InstalledTime are sent ("2017-02-20T18:03:58Z"). */
export function isoSeconds(ms: number): string {
  return `${new Date(ms - (((ms % 1000) + 1000) % 1000)).toISOString().slice(0, 19)}Z`;
}

/**
 * Compares two version-like strings segment by segment: runs of digits numerically, everything else by
 * code unit ("3.0.10" > "3.0.9", "1.1.1k" > "1.1.1j"). Used for LessThan/GreaterThan filters.
 */
export function compareVersions(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff < 0 ? -1 : 1;
      continue;
    }
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
