// When shell panes are redrawn while the user types into one of them and another floods: the flooding pane waits
// for a pause in the typing, except for the end of its output, which is drawn soon after the output stops. Real
// panes and screens; the clock is vitest's, so the policy is checked step by step, not timed.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {ShellPane} from '../../src/workspace/pane.js';
import {RedrawScheduler} from '../../src/workspace/redraw-scheduler.js';
import type {ShellLaunchOptions} from '../../src/workspace/shell.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A pane whose session is a stub: `output` is what its shell prints. */
async function pane(id: string, onChange: (p: ShellPane) => void): Promise<{pane: ShellPane; output: (text: string) => void}> {
  let launch: ShellLaunchOptions | undefined;
  const p = new ShellPane(id, {instanceId: `i-${id}`, name: ''}, {cols: 40, rows: 5}, {
    onChange, onBell: () => undefined, onStarted: () => undefined, onEnded: () => undefined,
  });
  await p.connect(async (o) => {
    launch = o;
    return {sessionId: `s-${id}`, write: () => undefined, resize: () => undefined, terminate: async () => undefined,
      pause: () => undefined, resume: () => undefined};
  }, 'test');
  return {pane: p, output: (text) => launch?.onOutput(Buffer.from(text))};
}

/**
 * A pane typed into and a pane flooding, under one scheduler that draws both on every frame as SplitLayout does:
 * `frame` gets each pane's rows, the typed one focused.
 */
async function typedAndFlood(frame: (rows: {typed: string; flood: string}) => void) {
  const panes: ShellPane[] = [];
  // The panes report changes from their first moment; the scheduler comes after them.
  const ref: {scheduler?: RedrawScheduler} = {};
  const typed = await pane('typed', (p) => ref.scheduler?.schedule(p));
  const flood = await pane('flood', (p) => ref.scheduler?.schedule(p));
  panes.push(typed.pane, flood.pane);
  const sched: RedrawScheduler = new RedrawScheduler({
    visible: () => true,
    isShown: () => true,
    isFocused: (p) => p === typed.pane,
    panes: () => panes,
    redraw: () => frame({typed: sched.rows(typed.pane, true, 0).join('\n'), flood: sched.rows(flood.pane, false, 0).join('\n')}),
  });
  ref.scheduler = sched;
  const dispose = () => {
    sched.dispose();
    for (const p of panes) p.dispose();
  };
  return {typed, flood, sched, dispose};
}

describe('RedrawScheduler', () => {
  it('draws the end of a flood in another pane soon after it stops, not at the next pause in the typing', async () => {
    vi.useFakeTimers({now: 0});
    const frames: {at: number; flood: string}[] = [];
    const {typed, flood, sched, dispose} = await typedAndFlood((rows) => frames.push({at: Date.now(), flood: rows.flood}));
    const floodDrawn = () => frames.filter((f, i) => i === 0 || f.flood !== frames[i - 1]?.flood);

    // Keys every 40 ms into one pane (each echoed), lines every 10 ms in the other.
    let line = 0;
    const step = async (ms: number, flooding: boolean) => {
      for (let t = 0; t < ms; t += 10) {
        if (flooding) flood.output(`line-${line++}\r\n`);
        if (t % 40 === 0) {
          sched.prioritize([typed.pane], typed.pane);
          typed.output('k');
        }
        await vi.advanceTimersByTimeAsync(10);
      }
    };
    // The flood, until the flooding pane has been drawn during the typing; it stops right after that frame.
    await step(1200, true);
    const before = floodDrawn().length;
    while (floodDrawn().length === before) await step(10, true);
    flood.output('FLOOD-DONE\r\n');
    const stoppedAt = Date.now();
    // The typing goes on for as long as a flooding pane may wait for a pause in it (a second).
    await step(1000, false);
    const done = frames.find((f) => f.flood.includes('FLOOD-DONE'));
    expect(done).toBeDefined();
    // Drawn at the pane's usual background pace (250 ms after its last frame), well before the second is up.
    expect((done?.at ?? Infinity) - stoppedAt).toBeLessThan(500);
    // While the flood ran, the typing held its frames back to about one a second.
    expect(before).toBeLessThanOrEqual(3);
    dispose();
  });

  it('draws a flooding pane held past a second in the typed pane\'s echo frame, never in a frame of its own while the typing goes on', async () => {
    vi.useFakeTimers({now: 0});
    const frames: {typed: string; flood: string}[] = [];
    const {typed, flood, sched, dispose} = await typedAndFlood((rows) => frames.push(rows));
    // Keys every 40 ms into one pane, each echoed; lines every 10 ms in the other; for 3.5 s.
    let line = 0;
    for (let t = 0; t < 3500; t += 10) {
      flood.output(`line-${line++}\r\n`);
      if (t % 40 === 0) {
        sched.prioritize([typed.pane], typed.pane);
        typed.output(String.fromCharCode(97 + ((t / 40) % 26)));
      }
      await vi.advanceTimersByTimeAsync(10);
    }
    const changed = frames.map((f, i) => ({
      typed: i > 0 && f.typed !== frames[i - 1]?.typed,
      flood: i > 0 && f.flood !== frames[i - 1]?.flood,
    }));
    // The flooding pane is still drawn about once a second...
    expect(changed.filter((c) => c.flood).length).toBeGreaterThanOrEqual(2);
    // ...each time together with an echo.
    expect(changed.filter((c) => c.flood && !c.typed)).toEqual([]);
    dispose();
  });
});
