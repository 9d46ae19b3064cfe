// Headless `fleetdeck instances` output: raw values in CSV and JSON, bounded table cells, and JSON/CSV written page
// by page as the fleet loads (waiting for a slow reader), so memory does not grow with the fleet.
import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import type {ManagedInstance} from '../../src/fleet/instances/instance.js';
import {formatInstances, MAX_TABLE_CELL, printInstances, toJson, type OutputSink} from '../../src/cli/instances-command.js';
import {makeFleet, makeInstance} from '../helpers/instances.js';

const NOW = Date.parse('2026-12-06T04:00:00Z');

class Collector extends EventEmitter implements OutputSink {
  chunks: string[] = [];
  full = false;
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return !this.full;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

/** Pages handed out one at a time: each next page waits until the test calls release(). */
function gatedPages(pages: ManagedInstance[][]) {
  let served = 0;
  let open: () => void = () => {};
  let gate = Promise.resolve();
  const release = () => open();
  async function* gen(): AsyncGenerator<ManagedInstance[]> {
    for (const p of pages) {
      await gate;
      gate = new Promise((r) => (open = r));
      served++;
      yield p;
    }
  }
  return {pages: gen(), release, served: () => served};
}

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setImmediate(r));
};

describe('raw values', () => {
  const outdated = makeInstance({instanceId: 'i-0aaaaaaaaaaaaaaa1', name: 'old', agentVersion: '3.1.0.0',
    pingStatus: 'ConnectionLost', lastPingAt: NOW - 57_000, tags: {Env: 'prod'}});
  const current = makeInstance({instanceId: 'i-0aaaaaaaaaaaaaaa2', name: 'new', agentVersion: '3.3.40.0', lastPingAt: NOW});

  it('CSV carries the agent version, ping status and last ping as SSM reports them', () => {
    const csv = formatInstances([outdated, current], 'csv', ['Env'], NOW).split('\n');
    expect(csv[0]).toBe('ID,NAME,PING,PLATFORM,AGENT,LAST PING,IP,ENV');
    expect(csv[1]).toBe('i-0aaaaaaaaaaaaaaa1,old,ConnectionLost,Amazon Linux 2023,3.1.0.0,2026-12-06T03:59:03.000Z,10.0.0.1,prod');
    expect(formatInstances([outdated, current], 'table', [], NOW)).toContain('3.1.0.0↑'); // the table still marks it
  });

  it('JSON carries ISO timestamps and the real strings, escaped by JSON itself', () => {
    const odd = makeInstance({name: 'a "quoted" name, with, commas', lastPingAt: NOW});
    const [j] = JSON.parse(formatInstances([odd], 'json', [], NOW)) as Record<string, unknown>[];
    expect(j?.name).toBe('a "quoted" name, with, commas');
    expect(j?.lastPingAt).toBe('2026-12-06T04:00:00.000Z');
    expect(j?.agentVersion).toBe('3.3.40.0');
  });
});

it('bounds the width of headless table cells', () => {
  const long = makeInstance({name: 'n'.repeat(200), tags: {Owner: 'o'.repeat(300)}});
  const lines = formatInstances([long], 'table', ['Owner'], NOW).trimEnd().split('\n');
  const row = lines[1] ?? '';
  expect(row).toContain(`${'n'.repeat(MAX_TABLE_CELL - 1)}…`);
  expect(row).not.toContain('n'.repeat(MAX_TABLE_CELL));
  expect(row.length).toBeLessThan(20 + 7 * MAX_TABLE_CELL);
});

describe('printInstances', () => {
  const fleet = makeFleet(120);
  const pages = [fleet.slice(0, 50), fleet.slice(50, 100), fleet.slice(100)];

  it('writes JSON page by page, as JSON.stringify would print the whole array', async () => {
    const g = gatedPages(pages);
    const out = new Collector();
    const done = printInstances(g.pages, out, {format: 'json', tagColumns: [], now: NOW});
    await until(() => out.text.includes(fleet[49]?.instanceId ?? '?'));
    expect(g.served()).toBe(1);
    expect(out.text).not.toContain(fleet[50]?.instanceId);
    g.release();
    await until(() => g.served() === 2);
    g.release();
    await done;
    expect(out.text).toBe(`${JSON.stringify(fleet.map(toJson), null, 2)}\n`);
  });

  it('filters as it goes; an empty result is still valid JSON and CSV with its header', async () => {
    const run = async (format: 'json' | 'csv', filter: string) => {
      const out = new Collector();
      async function* all() {
        yield* pages;
      }
      await printInstances(all(), out, {format, filter, tagColumns: [], now: NOW});
      return out.text;
    };
    const prod = JSON.parse(await run('json', 'tag:Env=prod')) as {tags: Record<string, string>}[];
    expect(prod.length).toBe(fleet.filter((i) => i.tags.Env === 'prod').length);
    expect(JSON.parse(await run('json', 'name:nothing-like-this'))).toEqual([]);
    expect(await run('csv', 'name:nothing-like-this')).toBe('ID,NAME,PING,PLATFORM,AGENT,LAST PING,IP\n');
    expect((await run('csv', '')).trimEnd().split('\n')).toHaveLength(121);
  });

  it('waits for a slow reader to drain before it loads the next page', async () => {
    const g = gatedPages(pages);
    const out = new Collector();
    out.full = true;
    const done = printInstances(g.pages, out, {format: 'csv', tagColumns: [], now: NOW});
    await until(() => out.chunks.length === 1);
    g.release();
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(g.served()).toBe(1); // the loader is held back until the sink drains
    out.full = false;
    out.emit('drain');
    await until(() => g.served() === 2);
    g.release();
    await done;
    expect(out.text.trimEnd().split('\n')).toHaveLength(121);
  });
});
