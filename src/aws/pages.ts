// NextToken listings: every page, in order, until the service stops returning a token (an empty string ends it too).

export interface Page<T> {
  items: readonly T[] | undefined;
  next: string | undefined;
}

/**
 * Every item of a NextToken listing; `fetch` gets undefined for the first page. With `limit`, no page is asked for
 * once that many items are in (the last page is kept whole, so there may be a few more).
 */
export async function allPages<T>(fetch: (token: string | undefined) => Promise<Page<T>>, limit = Infinity): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    for (const item of page.items ?? []) out.push(item);
    token = page.next || undefined;
  } while (token && out.length < limit);
  return out;
}

/** The NextToken field of a request: absent on the first page. */
export const pageToken = (token: string | undefined): {NextToken?: string} => (token ? {NextToken: token} : {});
