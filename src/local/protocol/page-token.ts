// Opaque, tamper-evident pagination tokens. A token carries a cursor (the last item of the previous page)
// and is bound to a scope (operation + normalized filters) with an HMAC under a key generated per start,
// so garbage, edited tokens, tokens from another operation or other filters, and tokens from an earlier
// run of the endpoint are all rejected.

import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto';

export class PageTokens {
  private readonly key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.key = key;
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest().subarray(0, 16);
  }

  issue(scope: string, cursor: string): string {
    const payload = JSON.stringify({s: scope, c: cursor});
    return Buffer.concat([this.mac(payload), Buffer.from(payload, 'utf8')]).toString('base64');
  }

  /** The cursor, or undefined when the token is not one this endpoint issued for this scope. */
  read(token: string, scope: string): string | undefined {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return undefined;
    const raw = Buffer.from(token, 'base64');
    if (raw.length <= 16) return undefined;
    const mac = raw.subarray(0, 16);
    const payload = raw.subarray(16).toString('utf8');
    if (!timingSafeEqual(mac, this.mac(payload))) return undefined;
    try {
      const parsed: unknown = JSON.parse(payload);
      if (typeof parsed !== 'object' || parsed === null) return undefined;
      const {s, c} = parsed as {s?: unknown; c?: unknown};
      return s === scope && typeof c === 'string' ? c : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Index of the first element whose key sorts after `cursor` (lists are sorted ascending by key). */
export function indexAfter<T>(list: readonly T[], cursor: string, key: (item: T) => string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = key(list[mid] as T);
    if (k <= cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One page of a sorted list: the items and the cursor for the next page (undefined on the last page). */
export function pageOf<T>(
  list: readonly T[],
  start: number,
  size: number,
  key: (item: T) => string,
): {items: readonly T[]; nextCursor: string | undefined} {
  const items = list.slice(start, start + size);
  const last = items[items.length - 1];
  const more = start + size < list.length && last !== undefined;
  return {items, nextCursor: more ? key(last) : undefined};
}
