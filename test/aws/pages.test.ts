import {describe, expect, it} from 'vitest';
import {allPages, pageToken} from '../../src/aws/pages.js';

describe('allPages', () => {
  it('follows NextToken from the first page to the last, in order', async () => {
    const book: Record<string, {items: number[]; next?: string}> = {'': {items: [1, 2], next: 'b'}, b: {items: [], next: 'c'}, c: {items: [3]}};
    const asked: (string | undefined)[] = [];
    const all = await allPages(async (token) => {
      asked.push(token);
      const page = book[token ?? ''];
      return {items: page?.items, next: page?.next};
    });
    expect(all).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, 'b', 'c']);
  });

  it('stops on an empty token and takes a page without items as empty', async () => {
    let calls = 0;
    expect(await allPages<number>(async () => ({items: calls++ === 0 ? undefined : [9], next: ''}))).toEqual([]);
    expect(calls).toBe(1);
  });

  it('asks for no page once the limit is reached, keeping the last page whole', async () => {
    let calls = 0;
    const all = await allPages(async (token) => {
      calls++;
      const n = Number(token ?? 0);
      return {items: [n, n + 1, n + 2], next: String(n + 3)};
    }, 5);
    expect(all).toEqual([0, 1, 2, 3, 4, 5]);
    expect(calls).toBe(2);
  });

  it('passes a failure of any page on', async () => {
    await expect(allPages(async (token) => {
      if (token) throw new Error('page two failed');
      return {items: [1], next: 'two'};
    })).rejects.toThrow('page two failed');
  });

  it('leaves NextToken out of the first request', () => {
    expect(pageToken(undefined)).toEqual({});
    expect(pageToken('t')).toEqual({NextToken: 't'});
  });
});
