// One pane's flow control: output the emulator has not parsed yet stays bounded — past a high watermark the
// session is paused (the native client then holds frames and their acks, so the agent stops reading the shell),
// and it resumes once the emulator has caught up. No byte is lost on the way.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {RemoteScreen, type PaneScreen} from '../../src/terminal/screen.js';
import {OUTPUT_SLICE, ShellPane} from '../../src/workspace/pane.js';
import type {ShellLaunchOptions, ShellLauncher} from '../../src/workspace/shell.js';

describe('ShellPane flow control', () => {
  it('pauses the session while the emulator is more than 2 MB behind and resumes when it has caught up', async () => {
    const calls: string[] = [];
    let launch: ShellLaunchOptions | undefined;
    const launcher: ShellLauncher = async (o) => {
      launch = o;
      return {sessionId: 's-1', write: () => undefined, resize: () => undefined, terminate: async () => undefined,
        pause: () => calls.push('pause'), resume: () => calls.push('resume')};
    };
    const pane = new ShellPane('p1', {instanceId: 'i-1', name: ''}, {cols: 80, rows: 24}, {
      onChange: () => undefined, onBell: () => undefined, onStarted: () => undefined, onEnded: () => undefined,
    });
    await pane.connect(launcher, 'test');
    if (!launch) throw new Error('not launched');
    // 4 MB arriving in one turn of the event loop, as 1 KB messages; the last line is a marker.
    const line = Buffer.from(`${'x'.repeat(1021)}\r\n`);
    for (let i = 0; i < 4096; i++) launch.onOutput(line);
    launch.onOutput(Buffer.from('END-MARKER'));
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual(['pause']);
    expect(pane.behindBytes).toBeGreaterThan(2 * 1024 * 1024);
    // The emulator is handed one bounded slice at a time; the rest waits in the pane.
    expect(pane.screen.pendingBytes).toBeLessThanOrEqual(OUTPUT_SLICE);
    await vi.waitFor(() => expect(calls).toEqual(['pause', 'resume']), {timeout: 20_000, interval: 20});
    // Resumed at the low watermark: the rest of what was queued reaches the emulator too.
    await vi.waitFor(() => expect(pane.behindBytes).toBe(0), {timeout: 20_000, interval: 20});
    expect(pane.screen.text(pane.screen.cursorLine, pane.screen.cursorLine + 1)).toBe('END-MARKER');
    pane.dispose();
  });

  it('parses nothing while held and everything, in order, once released', async () => {
    let launch: ShellLaunchOptions | undefined;
    const launcher: ShellLauncher = async (o) => {
      launch = o;
      return {sessionId: 's-2', write: () => undefined, resize: () => undefined, terminate: async () => undefined,
        pause: () => undefined, resume: () => undefined};
    };
    let changes = 0;
    const pane = new ShellPane('p2', {instanceId: 'i-2', name: ''}, {cols: 80, rows: 24}, {
      onChange: () => changes++, onBell: () => undefined, onStarted: () => undefined, onEnded: () => undefined,
    });
    await pane.connect(launcher, 'test');
    if (!launch) throw new Error('not launched');
    const onOutput = launch.onOutput;
    pane.hold();
    expect(pane.held).toBe(true);
    // 200 KB of numbered lines: more than one slice.
    for (let i = 1; i <= 20_000; i++) onOutput(Buffer.from(`${String(i).padStart(8)}\r\n`));
    const before = changes;
    // Time in which an unheld pane would have parsed several slices: a held one parsing none is what is tested.
    await new Promise((r) => setTimeout(r, 100));
    expect(pane.screen.pendingBytes).toBe(0);
    expect(pane.behindBytes).toBe(200_000);
    expect(changes).toBe(before);
    expect(pane.screen.text(0, pane.screen.length).trim()).toBe('');
    pane.release();
    expect(pane.held).toBe(false);
    await vi.waitFor(() => expect(pane.behindBytes).toBe(0), {timeout: 10_000, interval: 10});
    const lines = pane.screen.text(0, pane.screen.length).split('\n').map((l) => l.trim()).filter(Boolean).map(Number);
    expect(lines.at(-1)).toBe(20_000);
    lines.forEach((n, i) => {
      if (i > 0) expect(n).toBe((lines[i - 1] ?? 0) + 1);
    });
    pane.dispose();
  });
});

describe('ShellPane hand-over to a screen parsed on another thread', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A screen "on another thread" that records the size of each hand-over and parses it a moment later. */
  function offThreadScreen(writes: number[]): PaneScreen {
    const screen = new RemoteScreen({cols: 80, rows: 24});
    let pending = 0;
    return new Proxy(screen, {
      get(target, key) {
        if (key === 'offThread') return true;
        if (key === 'inFlightLimit') return 192 * 1024;
        if (key === 'pendingBytes') return pending;
        if (key === 'write') {
          return (data: Uint8Array, done?: () => void) => {
            writes.push(data.byteLength);
            pending += data.byteLength;
            queueMicrotask(() => {
              pending -= data.byteLength;
              done?.();
            });
          };
        }
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  it('hands a lone output over after 2 ms, and a flood in whole slices rather than whatever came in 2 ms', async () => {
    vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'performance']});
    const writes: number[] = [];
    let launch: ShellLaunchOptions | undefined;
    const launcher: ShellLauncher = async (o) => {
      launch = o;
      return {sessionId: 's-3', write: () => undefined, resize: () => undefined, terminate: async () => undefined,
        pause: () => undefined, resume: () => undefined};
    };
    const pane = new ShellPane('p3', {instanceId: 'i-3', name: ''}, {cols: 80, rows: 24}, {
      onChange: () => undefined, onBell: () => undefined, onStarted: () => undefined, onEnded: () => undefined,
    }, undefined, () => offThreadScreen(writes));
    await pane.connect(launcher, 'test');
    if (!launch) throw new Error('not launched');
    const kb = Buffer.alloc(1024, 0x61);
    launch.onOutput(kb);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual([1024]);
    // 640 KB at 16 KB a millisecond (a shell printing a large file, as 1 KB messages).
    for (let i = 0; i < 640; i++) {
      launch.onOutput(kb);
      if (i % 16 === 15) {
        vi.advanceTimersByTime(1);
        await Promise.resolve();
      }
    }
    vi.advanceTimersByTime(20);
    await Promise.resolve();
    expect(writes).toEqual([1024, ...new Array<number>(10).fill(OUTPUT_SLICE)]);
    expect(pane.behindBytes).toBe(0);
    pane.dispose();
  });
});
