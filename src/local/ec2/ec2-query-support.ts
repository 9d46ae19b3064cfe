// Shared pieces of the EC2 Describe* operations: filter values with EC2 wildcards (* and ?, backslash
// escapes), MaxResults bounds, and NextToken paging over a sorted list.

import type {OperationContext} from '../protocol/operation-context.js';
import {indexAfter, pageOf} from '../protocol/page-token.js';
import {ServiceError} from '../protocol/service-error.js';
import {integerParam, type QueryFilter, type QueryParams} from '../protocol/wire-query.js';

export const EC2_MIN_RESULTS = 5;
export const EC2_MAX_RESULTS = 1000;

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '\\' && i + 1 < glob.length) re += (glob[++i] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Values of one filter (OR): exact strings, or EC2 wildcard patterns. */
export function valueMatcher(values: readonly string[]): (candidate: string | undefined) => boolean {
  const exact = new Set(values.filter((v) => !/[*?\\]/.test(v)));
  const patterns = values.filter((v) => /[*?\\]/.test(v)).map(globToRegExp);
  return (candidate) => candidate !== undefined && (exact.has(candidate) || patterns.some((p) => p.test(candidate)));
}

/** A filter over a resource: how to read the filtered attribute (a list attribute matches if any entry does). */
export type AttributeReader<T> = (item: T) => string | readonly string[] | undefined;

/**
 * Compiles EC2 filters (AND across filters, OR within one) over `readers`, which maps filter names to
 * attribute readers; `tag:<k>` is resolved through `tagReader`. An unknown name is InvalidParameterValue.
 */
export function compileFilters<T>(
  filters: readonly QueryFilter[],
  readers: Readonly<Record<string, AttributeReader<T>>>,
  tagReader: (key: string) => AttributeReader<T>,
): (item: T) => boolean {
  const tests = filters.map(({name, values}) => {
    const read = name.startsWith('tag:') && name.length > 4 ? tagReader(name.slice(4)) : readers[name];
    if (read === undefined) throw new ServiceError('InvalidParameterValue', `The filter '${name}' is invalid`);
    const match = valueMatcher(values);
    return (item: T): boolean => {
      const v = read(item);
      return typeof v === 'string' || v === undefined ? match(v) : v.some((x) => match(x));
    };
  });
  return (item) => tests.every((t) => t(item));
}

/** MaxResults, checked against EC2's bounds with EC2's messages. */
export function maxResultsParam(params: QueryParams): number | undefined {
  const max = integerParam(params, 'MaxResults');
  if (max === undefined) return undefined;
  if (max < EC2_MIN_RESULTS) {
    throw new ServiceError('InvalidParameterValue', `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value greater than ${EC2_MIN_RESULTS}.`);
  }
  if (max > EC2_MAX_RESULTS) {
    throw new ServiceError('InvalidParameterValue', `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value less than ${EC2_MAX_RESULTS}.`);
  }
  return max;
}

/**
 * One page of `list` (sorted by `key`). Without MaxResults and NextToken, everything in one page, as
 * EC2 does; with a NextToken but no MaxResults, pages of 1000.
 */
export function ec2Page<T>(
  list: readonly T[],
  params: QueryParams,
  maxResults: number | undefined,
  scope: string,
  key: (item: T) => string,
  ctx: OperationContext,
): {items: readonly T[]; nextToken: string | undefined} {
  const token = params.get('NextToken');
  let start = 0;
  if (token !== undefined && token !== '') {
    const cursor = ctx.tokens.read(token, scope);
    if (cursor === undefined) throw new ServiceError('InvalidPaginationToken', `Invalid token: ${token.length > 40 ? `${token.slice(0, 40)}…` : token}`);
    start = indexAfter(list, cursor, key);
  }
  const size = maxResults ?? (token === undefined || token === '' ? list.length : EC2_MAX_RESULTS);
  const page = pageOf(list, start, Math.max(size, 1), key);
  return {items: page.items, nextToken: page.nextCursor === undefined ? undefined : ctx.tokens.issue(scope, page.nextCursor)};
}

export function dryRun(params: QueryParams): void {
  if (params.get('DryRun')?.toLowerCase() === 'true') {
    throw new ServiceError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', {status: 412});
  }
}
