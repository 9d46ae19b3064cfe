// One pane's flow control: output the emulator has not parsed yet stays bounded — past a high watermark the
// session is paused (the native client then holds frames and their acks, so the agent stops reading the shell),
// and it resumes once the emulator has caught up. No byte is lost on the way.
import {describe, expect, it, vi} from 'vitest';
import {OUTPUT_SLICE, ShellPane} from '../../../src/workspace/pane.js';
import type {ShellLaunchOptions, ShellLauncher} from '../../../src/workspace/shell.js';

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
});
