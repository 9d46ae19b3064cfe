import {describe, expect, it} from 'vitest';
import {mergedFetch} from '../../../src/views/contexts/merged-fetch.js';
import {rowPlace} from '../../../src/fleet/contexts/row-place.js';
import type {ContextInfo} from '../../../src/fleet/contexts/context.js';
import type {ContextRoutes} from '../../../src/views/contexts/services.js';
import type {ContextLoad} from '../../../src/store/contexts-slice.js';
import type {Services} from '../../../src/views/view.js';

interface Row {
  id: string;
}

function info(name: string, region: string, accountId: string): ContextInfo {
  return {spec: {name, region}, accountId, credentials: {kind: 'valid'}, requestsPerSecond: 0, throttlesLastMinute: 0,
    inFlight: 0, inView: true};
}

/** Three contexts whose fetch answers what `answers` says now (rows, or an error to throw). */
function setup() {
  const infos = [info('a:us-east-1', 'us-east-1', '111111111111'), info('b:us-east-1', 'us-east-1', '222222222222'),
    info('b:eu-west-1', 'eu-west-1', '222222222222')];
  const answers = new Map<string, Row[] | Error>([
    ['a:us-east-1', [{id: 'i-a1'}, {id: 'i-a2'}]], ['b:us-east-1', [{id: 'i-b1'}]], ['b:eu-west-1', [{id: 'i-c1'}]]]);
  const services = new Map(infos.map((c) => [c.spec.name, {ctx: c.spec.name} as unknown as Services]));
  const backgrounds: string[] = [];
  const routes: ContextRoutes = {
    all: () => infos,
    inView: () => infos.filter((c) => c.inView),
    servicesFor: (name) => services.get(name),
    background: (name, fn) => {
      backgrounds.push(name);
      return fn();
    },
    setInView: () => undefined,
    subscribe: () => () => undefined,
  };
  let loads: Readonly<Record<string, ContextLoad>> = {};
  const fetch = mergedFetch<Row>(async (s, o) => {
    const answer = answers.get((s as unknown as {ctx: string}).ctx);
    if (answer instanceof Error) throw answer;
    const rows = (answer ?? []).map((r) => ({...r}));
    o.onProgress?.(rows.slice(0, 1), false); // the first page, before the rest
    return rows;
  }, routes, {describeError: (e) => (e as Error).message, report: (l) => (loads = l), now: () => 1_000});
  return {infos, answers, fetch, backgrounds, loads: () => loads};
}

describe('one table over several contexts', () => {
  it('loads every context in view, each under its own budget, and places each row where it lives', async () => {
    const {fetch, backgrounds, loads} = setup();
    const rows = await fetch({});
    expect(rows.map((r) => r.id)).toEqual(['i-a1', 'i-a2', 'i-b1', 'i-c1']);
    expect(rows.map((r) => rowPlace(r)?.account)).toEqual(['111111111111', '111111111111', '222222222222', '222222222222']);
    expect(rowPlace(rows[3])?.region).toBe('eu-west-1');
    expect(backgrounds.sort()).toEqual(['a:us-east-1', 'b:eu-west-1', 'b:us-east-1']);
    expect(loads()['a:us-east-1']).toEqual({rows: 2, at: 1_000});
  });

  it('keeps a failing context\'s last good rows with its error while the others stay live, then recovers', async () => {
    const {fetch, answers, loads} = setup();
    await fetch({});
    answers.set('b:us-east-1', new Error('The security token included in the request is expired'));
    answers.set('a:us-east-1', [{id: 'i-a1'}, {id: 'i-a2'}, {id: 'i-a3'}]);
    const during = await fetch({});
    expect(during.map((r) => r.id)).toEqual(['i-a1', 'i-a2', 'i-a3', 'i-b1', 'i-c1']);
    expect(loads()['b:us-east-1']).toMatchObject({rows: 1, error: 'The security token included in the request is expired'});
    expect(loads()['a:us-east-1']?.error).toBeUndefined();
    answers.set('b:us-east-1', [{id: 'i-b1'}, {id: 'i-b2'}]);
    const after = await fetch({});
    expect(after.map((r) => r.id)).toContain('i-b2');
    expect(loads()['b:us-east-1']?.error).toBeUndefined();
  });

  it('fails only when every context fails, and shows only the contexts in view', async () => {
    const {fetch, answers, infos} = setup();
    for (const name of answers.keys()) answers.set(name, new Error(`down: ${name}`));
    await expect(fetch({})).rejects.toThrow(/down: a:us-east-1/);
    answers.set('a:us-east-1', [{id: 'i-a1'}]);
    infos[0]!.inView = false;
    await expect(fetch({})).rejects.toThrow(/down: b:us-east-1/);
    infos[0]!.inView = true;
    infos[2]!.inView = false;
    expect((await fetch({})).map((r) => r.id)).toEqual(['i-a1']);
  });

  it('streams the first load of each context as it arrives, merged with the others', async () => {
    const {fetch} = setup();
    const placed: (string | undefined)[] = [];
    const seen: string[][] = [];
    await fetch({onProgress: (rows) => {
      seen.push(rows.map((r) => r.id));
      placed.push(rowPlace(rows[rows.length - 1])?.context);
    }});
    // Each context's first page joins the rows of the contexts already there, placed before it is shown.
    expect(seen).toEqual([['i-a1'], ['i-a1', 'i-b1'], ['i-a1', 'i-b1', 'i-c1']]);
    expect(placed).toEqual(['a:us-east-1', 'b:us-east-1', 'b:eu-west-1']);
  });
});

describe('pages streaming in from several contexts', () => {
  /** One context whose load reports `pages` (row counts so far), one every 100 ms; returns the row counts shown. */
  async function shown(pages: number[]): Promise<number[]> {
    let clock = 0;
    const infos = [info('a:us-east-1', 'us-east-1', '111111111111')];
    const routes: ContextRoutes = {
      all: () => infos, inView: () => infos, servicesFor: () => ({} as Services), background: (_n, fn) => fn(),
      setInView: () => undefined, subscribe: () => () => undefined,
    };
    const fetch = mergedFetch<Row>(async (_s, o) => {
      let rows: Row[] = [];
      for (const count of pages) {
        rows = Array.from({length: count}, (_, i) => ({id: `i-${i}`}));
        clock += 100;
        o.onProgress?.(rows, false);
      }
      return rows;
    }, routes, {describeError: String, report: () => undefined, now: () => clock});
    const seen: number[] = [];
    await fetch({onProgress: (rows) => seen.push(rows.length)});
    return seen;
  }

  it('are put together for each context\'s first page, then at most every 500 ms once grown by a quarter', async () => {
    // Ten rows a page: the first at once; then 500 ms later each time (60, 110, 160, 210), until 500 ms bring less
    // than a quarter more (260 after 210), which waits for the page that does (270); the rest with the final rows.
    expect(await shown(Array.from({length: 30}, (_, i) => 10 * (i + 1)))).toEqual([10, 60, 110, 160, 210, 270]);
  });

  it('are put together every 2 s while they grow slowly', async () => {
    // A thousand rows, then one more a page: never a quarter more, so every 2 s.
    expect(await shown(Array.from({length: 45}, (_, i) => 1000 + i))).toEqual([1000, 1020, 1040]);
  });
});
