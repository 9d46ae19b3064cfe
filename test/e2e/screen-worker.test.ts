// Shell panes' emulators run in the built screen worker (the CLI's): a pane's screen there draws the same rows, keeps
// the same scrollback and finds and copies the same text as the emulator on the main thread, fed the same bytes.
import fs from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {RemoteScreen, type PaneScreen} from '../../src/terminal/screen.js';
import {createPaneScreen} from '../../src/terminal/worker-screen.js';
import type * as WorkerScreenModule from '../../src/terminal/worker-screen.js';

const ENTRY = new URL('../../dist/bin/screen-worker.mjs', import.meta.url);
const ESC = '\x1b';

const open: PaneScreen[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.dispose();
});

/** The same screen twice: in the worker and here. */
function pair(cols: number, rows: number): [PaneScreen, PaneScreen] {
  const worker = createPaneScreen({cols, rows}, ENTRY);
  const local = new RemoteScreen({cols, rows});
  open.push(worker, local);
  return [worker, local];
}

async function feed(screens: PaneScreen[], text: string): Promise<void> {
  for (const s of screens) s.write(Buffer.from(text));
  await Promise.all(screens.map((s) => s.flush()));
}

function colouredLines(from: number, count: number): string {
  let out = '';
  for (let i = from; i < from + count; i++) {
    out += `${ESC}[3${i % 8}m${String(i).padStart(5, '0')}${ESC}[0m ${ESC}[1;38;5;${i % 256}mINFO${ESC}[0m ` +
      `${ESC}[38;2;${i % 256};${(i * 3) % 256};9mservice-${i % 97}${ESC}[0m handled\r\n`;
  }
  return out;
}

/** Everything a pane asks of its screen, in one value. */
function observe(s: PaneScreen) {
  return {
    size: [s.cols, s.rows],
    live: s.render({cursor: true}),
    hidden: s.render({cursor: false}),
    back: s.render({cursor: false, scrollBack: 37}),
    top: s.render({cursor: false, scrollBack: s.scrollbackLength}),
    lines: [s.scrollbackLength, s.length, s.baseY, s.cursorLine],
    text: s.text(0, s.length),
    older: s.searchBackward('service-13 ', s.length),
    newer: s.searchForward('info', 5),
    missing: s.searchBackward('nowhere', s.length),
    last: s.lastOutput(),
  };
}

describe('the screen worker', () => {
  it('draws the same rows, scrollback, search results and copied text as the emulator on this thread', async () => {
    const [worker, local] = pair(60, 8);
    expect(worker.offThread).toBe(true);
    expect(local.offThread).toBe(false);
    const both = [worker, local];
    await feed(both, `me@node:~$ cat log\r\n${colouredLines(0, 400)}me@node:~$ `);
    expect(observe(worker)).toEqual(observe(local));
    expect(worker.lastOutput()).toContain('00399 INFO service-11 handled');

    // A full-screen program on the alternate screen, cursor moves, then a resize.
    await feed(both, `${ESC}[?1049h${ESC}[2J${ESC}[3;7Hfull ${ESC}[7mscreen${ESC}[0m`);
    expect(observe(worker)).toEqual(observe(local));
    for (const s of both) s.resize(41, 5);
    await feed(both, `${ESC}[?1049l${colouredLines(400, 30)}me@node:~$ `);
    expect(observe(worker)).toEqual(observe(local));
  });

  it('parses an echo to one screen before the flood queued for another, even when the flood came first', async () => {
    const flood = createPaneScreen({cols: 200, rows: 50}, ENTRY);
    const typed = createPaneScreen({cols: 80, rows: 24}, ENTRY);
    open.push(flood, typed);
    const text = Buffer.from(colouredLines(0, 8000));
    const slice = 64 * 1024;
    expect(text.length).toBeGreaterThan(4 * slice);
    const order: string[] = [];
    // Four writes of a slice each (what a flooding pane hands over at once), then a keystroke's echo.
    for (let i = 0; i < 4; i++) flood.write(text.subarray(i * slice, (i + 1) * slice), () => order.push(`flood-${i}`));
    typed.write(Buffer.from('k'), () => order.push('echo'));
    await Promise.all([flood.flush(), typed.flush()]);
    expect(order).toEqual(['echo', 'flood-0', 'flood-1', 'flood-2', 'flood-3']);
    expect(typed.lastOutput()).toBe('k');
  });

  it('answers a question with everything written to that screen before it, parsed or not', () => {
    const [worker] = pair(30, 4);
    worker.write(Buffer.from(`${colouredLines(0, 3000)}END-MARKER`));
    expect(worker.pendingBytes).toBeGreaterThan(0);
    expect(worker.text(worker.cursorLine, worker.cursorLine + 1)).toBe('END-MARKER');
  });

  it('reports writes parsed in order, passes the emulator\'s replies back and rings the bell', async () => {
    const [worker] = pair(20, 4);
    const done: number[] = [];
    const replies: string[] = [];
    let bells = 0;
    worker.onData((r) => replies.push(r));
    worker.onBell(() => bells++);
    for (let i = 0; i < 5; i++) worker.write(Buffer.from(colouredLines(i * 100, 100)), () => done.push(i));
    worker.write(Buffer.from(`${ESC}[2;3H${ESC}[6n\x07`), () => done.push(5));
    await vi.waitFor(() => expect(done).toEqual([0, 1, 2, 3, 4, 5]), {timeout: 10_000, interval: 10});
    expect(worker.pendingBytes).toBe(0);
    await vi.waitFor(() => expect(replies).toEqual([`${ESC}[2;3R`]), {timeout: 10_000, interval: 10});
    expect(bells).toBe(1);
  });

  it('is where the built CLI puts each pane\'s emulator: its entry is found next to the bundle and the modules', async () => {
    const bin = fileURLToPath(new URL('../../dist/bin/', import.meta.url));
    const chunks = fs.readdirSync(bin).filter((f) => f.endsWith('.mjs'));
    expect(chunks).toContain('screen-worker.mjs');
    // The bundle asks for the entry by name (worker-entry.ts), next to itself.
    expect(chunks.some((f) => /workerEntry\d*\(["']screen-worker["']/.test(fs.readFileSync(`${bin}${f}`, 'utf8')))).toBe(true);
    const built = await import(String(new URL('../../dist/terminal/worker-screen.js', import.meta.url))) as
      typeof WorkerScreenModule;
    const screen = built.createPaneScreen({cols: 10, rows: 2});
    open.push(screen);
    expect(screen.offThread).toBe(true);
    await feed([screen], 'hi');
    expect(screen.render({cursor: false})[0]).toBe('hi'.padEnd(10));
  });
});
