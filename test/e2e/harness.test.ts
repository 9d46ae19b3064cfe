// Tests of the pty harness itself (test/helpers/pty-harness.ts → bench/lib/pty.mjs) and of the benchmark helpers in
// bench/lib, against the fixture program test/fixtures/pty-app.ts. No timing thresholds: only behaviour.

import {readdirSync, readFileSync, readlinkSync, realpathSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {describe, expect, it} from 'vitest';
import {emit, meetsTarget, setSink} from '../../bench/lib/emit.mjs';
import {percentiles, summarize} from '../../bench/lib/stats.mjs';
import {sample, stopwatch, time} from '../../bench/lib/timer.mjs';
import {fixturePath} from '../helpers/fixtures.js';
import {buildEnv, keyToBytes, parseStty, spawnTui, useTuis, type Tui} from '../helpers/pty-harness.js';

const APP = fixturePath('pty-app');
const spawn = useTuis();

/** The fixture at 60×10, ready for input. */
async function app(extraArgs: string[] = [], size = {cols: 60, rows: 10}): Promise<Tui> {
  const tui = await spawn({args: [APP, ...extraArgs], ...size});
  await tui.waitForText('READY', {description: 'fixture ready'});
  return tui;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('spawning', () => {
  it('runs under a pty with TERM=xterm-256color and without CI or FORCE_COLOR', async () => {
    // vitest.config.ts sets both for in-process renders; they must not reach the child.
    expect(process.env.CI).toBe('false');
    expect(process.env.FORCE_COLOR).toBe('0');
    const tui = await app();
    expect(tui.line(1)).toBe('env CI=<unset> FORCE_COLOR=<unset> TERM="xterm-256color"');
  });

  it('passes env overrides through, and undefined deletes a variable', async () => {
    const tui = await spawn({args: [APP], cols: 60, rows: 10, env: {FORCE_COLOR: '1', TERM: 'screen-256color'}});
    await tui.waitForText('env CI=<unset> FORCE_COLOR="1" TERM="screen-256color"');
    expect(buildEnv({CI: 'true'}).CI).toBe('true');
    expect(buildEnv({PATH: undefined})).not.toHaveProperty('PATH');
    expect(buildEnv(undefined, false)).not.toHaveProperty('NODE');
    expect(buildEnv(undefined)).not.toHaveProperty('VITEST');
    expect(buildEnv(undefined)).not.toHaveProperty('NODE_ENV');
  });

  it('runs other commands in the given cwd and reports their exit code', async () => {
    const dir = realpathSync(tmpdir());
    const tui = await spawn({command: 'sh', args: ['-c', 'pwd; printf "%s" "$TERM"; exit 7'], cols: 80, rows: 5, cwd: dir});
    expect(await tui.exited).toEqual({exitCode: 7});
    expect(tui.line(0)).toBe(dir);
    expect(tui.line(1)).toBe('xterm-256color');
  });

  it('rejects bad sizes', async () => {
    await expect(spawnTui({args: [APP], cols: 0, rows: 10})).rejects.toThrow(/positive integers/);
    await expect(spawnTui({args: [APP], cols: 80.5, rows: 10})).rejects.toThrow(/positive integers/);
  });

  it('keeps parallel programs apart', async () => {
    const tuis = await Promise.all([40, 50, 60, 70].map((cols) => spawn({args: [APP], cols, rows: 8})));
    await Promise.all(tuis.map((t) => t.waitForText(`size=${t.cols}x8`)));
    expect(new Set(tuis.map((t) => t.pid)).size).toBe(4);
    for (const t of tuis) expect(t.line(-1)).toMatch(new RegExp(`END ${t.cols}x8$`));
  });
});

describe('the pty master', () => {
  it('stays non-blocking while the tty prober holds a duplicate (else a write to a full pty would hang the loop)', async () => {
    const tui = await app();
    expect((await tui.ttyState())?.raw).toBe(true); // the prober has run stty on the master
    const masters = readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === '/dev/ptmx';
      } catch {
        return false;
      }
    });
    expect(masters.length).toBeGreaterThan(0);
    for (const fd of masters) {
      const flags = /^flags:\s+(\d+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1] ?? '0';
      expect(parseInt(flags, 8) & 0o4000, `O_NONBLOCK on fd ${fd}`).toBe(0o4000);
    }
  });
});

describe('reading the screen', () => {
  it('returns rows right-trimmed, lines by index (negative from the bottom), the cursor and cell attributes', async () => {
    const tui = await app();
    const rows = tui.screen().split('\n');
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatch(/^fixture pid=\d+ size=60x10$/);
    expect(rows[5]).toBe('');
    expect(tui.line(-1)).toBe(`${' '.repeat(51)}END 60x10`);
    expect(tui.line(9)).toBe(tui.line(-1));
    expect(() => tui.line(10)).toThrow(RangeError);
    expect(tui.cursor()).toEqual({x: 60, y: 9, visible: false});
    expect(tui.cell(0, 0)).toMatchObject({chars: 'f', bold: true, inverse: true, fg: 208, fgMode: 'palette'});
    expect(tui.cell(8, 0)).toMatchObject({chars: 'p', bold: false, inverse: false, fg: 'default'});
    expect(tui.cell(60, 0)).toBeUndefined();
  });
});

describe('waitFor', () => {
  it('resolves when output that arrives later makes the predicate true', async () => {
    const tui = await spawn({args: [APP, '--ready-delay=300'], cols: 60, rows: 10});
    await tui.waitForText('starting');
    expect(tui.screen()).not.toContain('READY');
    await tui.waitFor((s) => s.includes('READY'), {description: 'READY after the delay'});
    expect(tui.line(4)).toBe('READY');
    await tui.waitForText(/size=\d+x10/);
  });

  it('times out with the description and the screen in the message', async () => {
    const tui = await app();
    const error = await tui.waitFor((s) => s.includes('never shown'), {timeout: 200, description: 'the never text'}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('waitFor timed out after 200 ms: the never text');
    expect(message).toMatch(/screen 60×10/);
    expect(message).toMatch(/ 4 │READY/);
    expect(message).toContain('END 60x10');
    expect(message).toMatch(/process running \(pid \d+\)/);
    // The stack points at the caller, not at a timer callback.
    expect((error as Error).stack).toContain('harness.test.ts');
  });

  it('fails as soon as the process exits without the predicate becoming true', async () => {
    const tui = await app();
    const waiting = tui.waitForText('never shown', {timeout: 15_000});
    await tui.press('x');
    await expect(waiting).rejects.toThrow(/failed: the process exited first: text "never shown"[\s\S]*exited \(code 3\)/);
  });

  it('reports a predicate that throws', async () => {
    const tui = await app();
    await expect(
      tui.waitFor(() => {
        throw new Error('bad predicate');
      }),
    ).rejects.toThrow(/predicate threw \(bad predicate\)/);
  });

  it('does not look at a frame until its synchronized update (?2026) ends', async () => {
    const tui = await app();
    await tui.press('s'); // draws "TORN" inside ?2026h, replaces it 300 ms later, then ?2026l
    await expect(tui.waitForText('TORN', {timeout: 1500})).rejects.toThrow(/timed out/);
    expect(tui.rawOutput()).toContain('TORN'); // it was drawn: only the frame boundary hid it
    expect(tui.line(4)).toBe('FRAME COMPLETE');
  });

  it('waitForIdle resolves once output pauses, and times out while it never does', async () => {
    const quietApp = await app();
    await quietApp.waitForIdle(50);
    const busy = await app(['--tick=5']);
    await expect(busy.waitForIdle(100, {timeout: 400})).rejects.toThrow(/waitForIdle\(100\) timed out[\s\S]*tick=\d+/);
  });
});

describe('input', () => {
  it('sends named keys as xterm does, each in its own read', async () => {
    const tui = await app();
    const cases: [string, string][] = [
      ['up', '\\e[A'],
      ['pgdn', '\\e[6~'],
      ['backspace', '\\x7f'],
      ['ctrl-d', '\\x04'],
      ['shift-tab', '\\e[Z'],
      ['alt-x', '\\ex'],
      ['\x1b[1;5C', '\\e[1;5C'],
    ];
    let n = 0;
    for (const [key, shown] of cases) {
      await tui.press(key);
      n++;
      await tui.waitForText(`keys=${n} last=${shown}`, {description: `key ${JSON.stringify(key)}`});
    }
    // Several keys: separate reads (Ink would read "jj" as one input, and ESC then j as alt-j).
    await tui.press('j', 'j', 'esc', 'j');
    await tui.waitForText(`keys=${n + 4} last=j`);
  });

  it('type() sends text in one write', async () => {
    const tui = await app();
    await tui.type('hello');
    await tui.waitForText('keys=1 last=hello');
  });

  it('follows application cursor mode for arrows', async () => {
    const tui = await app();
    await tui.press('c');
    await tui.waitForText('DECCKM on');
    expect(tui.terminalModes().applicationCursorKeys).toBe(true);
    await tui.press('up');
    await tui.waitForText('last=\\eOA');
  });

  it('rejects misspelt key names instead of typing them', async () => {
    const tui = await app();
    await expect(tui.press('pgdown2')).rejects.toThrow(/unknown key name "pgdown2"/);
  });

  it('answers the program’s terminal queries (cursor position report)', async () => {
    const tui = await app();
    await tui.press('d');
    await tui.waitForText(/dsr=\d+;\d+/);
  });
});

describe('resize', () => {
  it('resizes the emulator and the pty; the program gets SIGWINCH with the new size', async () => {
    const tui = await app();
    tui.resize(80, 12);
    expect([tui.cols, tui.rows]).toEqual([80, 12]);
    await tui.waitForText('winch=1');
    expect(tui.line(0)).toMatch(/size=80x12$/);
    expect(tui.screen().split('\n')).toHaveLength(12);
    expect(tui.line(-1)).toBe(`${' '.repeat(71)}END 80x12`);
    const tty = await tui.ttyState();
    expect(tty?.stty).toMatch(/rows 12; columns 80/);
    tui.resize(40, 6);
    await tui.waitForText('winch=2');
    expect(tui.line(-1)).toBe(`${' '.repeat(32)}END 40x6`);
  });
});

describe('byte counting', () => {
  it('counts bytes, not characters, and resets', async () => {
    const tui = await app();
    expect(tui.bytesWritten()).toBeGreaterThan(0);
    const total = tui.totalBytes();
    tui.resetByteCount();
    expect(tui.bytesWritten()).toBe(0);
    expect(tui.rawOutput()).toBe('');
    await tui.press('b'); // 6-byte cursor move + 100 × "é" (2 bytes) + 50 × "B" = 256 bytes, 156 characters
    await tui.waitFor((s) => s.replace(/\n/g, '').includes(`${'é'.repeat(100)}${'B'.repeat(50)}`));
    await tui.waitForIdle();
    expect(tui.bytesWritten()).toBe(256);
    expect(tui.totalBytes()).toBe(total + 256);
    expect(tui.rawOutput()).toBe(`\x1b[7;1H${'é'.repeat(100)}${'B'.repeat(50)}`);
  });

  it('measureKey reports the bytes of one key’s reaction with latency and settle times', async () => {
    const tui = await app();
    const m = await tui.measureKey('b');
    expect(m.bytes).toBe(256);
    expect(m.latencyMs).toBeGreaterThanOrEqual(0);
    expect(m.settleMs).toBeGreaterThanOrEqual(m.latencyMs);
    tui.resetByteCount();
    const redraw = await tui.measureKey('z', {quietMs: 30});
    expect(tui.rawOutput()).toContain('keys=1 last=z');
    expect(redraw.bytes).toBe(Buffer.byteLength(tui.rawOutput()));
    // 'n' is read but draws nothing.
    await expect(tui.measureKey('n', {timeout: 300})).rejects.toThrow(/measureKey\("n"\): no output within 300 ms/);
  });
});

describe('exit and terminal restore', () => {
  it('the well-behaved fixture restores the terminal when it quits', async () => {
    const tui = await app();
    const during = tui.terminalModes();
    expect(during).toMatchObject({altScreen: true, cursorVisible: false, bracketedPaste: true, mouseTracking: 'vt200'});
    expect(tui.restoreProblems().length).toBeGreaterThan(0);
    expect((await tui.ttyState())?.raw).toBe(true);
    expect(() => tui.assertRestored()).toThrow(/has not exited yet/);
    await tui.press('q');
    expect(await tui.exited).toEqual({exitCode: 0});
    tui.assertRestored();
    expect(tui.terminalModes()).toMatchObject({
      altScreen: false,
      cursorVisible: true,
      bracketedPaste: false,
      mouseTracking: 'none',
      mouseEncoding: 'default',
      synchronizedOutput: false,
      tty: {cooked: true},
    });
  });

  it('the fixture run with --no-restore fails the check, naming each mode left on', async () => {
    const tui = await app(['--no-restore']);
    await tui.press('q');
    expect(await tui.exited).toEqual({exitCode: 0});
    expect(() => tui.assertRestored()).toThrow(/not restored/);
    let message = '';
    try {
      tui.assertRestored();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('the alternate screen is still active');
    expect(message).toContain('the cursor is hidden');
    expect(message).toContain('bracketed paste is still on');
    expect(message).toContain("mouse tracking 'vt200' is still on");
    expect(message).toMatch(/screen 60×10/); // and shows what was left on screen
  });

  it('detects a tty left in raw mode (SIGKILL: nothing can restore)', async () => {
    const tui = await app();
    await tui.press('k');
    expect(await tui.exited).toEqual({exitCode: 0, signal: 9});
    expect(tui.terminalModes().tty).toMatchObject({raw: true, cooked: false});
    expect(() => tui.assertRestored()).toThrow(/the tty was left in raw mode \(-icanon -echo -isig -icrnl\)/);
  });

  it('reports exit codes: process.exit(3), an uncaught exception, ctrl-c', async () => {
    const three = await app();
    await three.press('x');
    expect(await three.exited).toEqual({exitCode: 3});
    three.assertRestored();

    const crash = await app();
    await crash.press('e');
    expect(await crash.exited).toEqual({exitCode: 1});
    crash.assertRestored();

    const ctrlC = await app();
    await ctrlC.press('ctrl-c');
    expect(await ctrlC.exited).toEqual({exitCode: 130});
  });

  it('reports signals: kill() sends SIGTERM by default; SIGHUP', async () => {
    const term = await app();
    term.kill();
    expect(await term.exited).toEqual({exitCode: 0, signal: 15});
    term.assertRestored();

    const hup = await app();
    hup.kill('SIGHUP');
    expect(await hup.exited).toEqual({exitCode: 0, signal: 1});
    hup.assertRestored();
  });

  it('refuses input after exit', async () => {
    const tui = await app();
    await tui.press('q');
    await tui.exited;
    await expect(tui.press('j')).rejects.toThrow(/after the process exited/);
    expect(() => tui.kill()).not.toThrow();
  });
});

describe('close()', () => {
  let leftRunning: number | undefined;

  it('kills a running program, fails pending waits, and is idempotent', async () => {
    const tui = await app(['--tick=20']);
    const waiting = tui.waitForText('never shown').then(
      () => 'resolved',
      (e: unknown) => (e as Error).message,
    );
    const first = tui.close();
    expect(tui.close()).toBe(first);
    await first;
    expect(await waiting).toMatch(/^waitFor aborted: the tui was closed: text "never shown"/);
    expect(await tui.exited).toMatchObject({signal: 9});
    expect(isAlive(tui.pid)).toBe(false);
    await expect(tui.press('j')).rejects.toThrow(/after close|after the process exited/);
  });

  it('useTuis() leaves a program running for the next step…', async () => {
    const tui = await app(['--tick=20']);
    leftRunning = tui.pid;
    expect(isAlive(tui.pid)).toBe(true);
  });

  it('…and has closed it after that test (depends on the previous test)', () => {
    expect(leftRunning).toBeTypeOf('number');
    expect(isAlive(leftRunning as number)).toBe(false);
  });
});

describe('keyToBytes', () => {
  it('encodes names, modifiers and modes; passes raw strings through', () => {
    expect(keyToBytes('enter')).toBe('\r');
    expect(keyToBytes('esc')).toBe('\x1b');
    expect(keyToBytes('tab')).toBe('\t');
    expect(keyToBytes('space')).toBe(' ');
    expect(keyToBytes('backspace')).toBe('\x7f');
    expect(keyToBytes('delete')).toBe('\x1b[3~');
    expect(keyToBytes('home')).toBe('\x1b[H');
    expect(keyToBytes('end', {applicationCursorKeys: true})).toBe('\x1bOF');
    expect(keyToBytes('pgup')).toBe('\x1b[5~');
    expect(keyToBytes('f1')).toBe('\x1bOP');
    expect(keyToBytes('f12')).toBe('\x1b[24~');
    expect(keyToBytes('ctrl-c')).toBe('\x03');
    expect(keyToBytes('ctrl-up')).toBe('\x1b[1;5A');
    expect(keyToBytes('shift-f5')).toBe('\x1b[15;2~');
    expect(keyToBytes('meta-enter')).toBe('\x1b\r');
    expect(keyToBytes('Enter')).toBe('\r');
    expect(keyToBytes('q')).toBe('q');
    expect(keyToBytes('Q')).toBe('Q');
    expect(keyToBytes(':wq')).toBe(':wq');
    expect(() => keyToBytes('hello')).toThrow(/unknown key name/);
    expect(() => keyToBytes('')).toThrow(/empty/);
  });
});

describe('bench/lib', () => {
  it('percentiles interpolate linearly between ranks', () => {
    expect(percentiles([4, 1, 3, 2], [0, 50, 100])).toEqual({p0: 1, p50: 2.5, p100: 4});
    expect(percentiles([10], [50, 95, 99])).toEqual({p50: 10, p95: 10, p99: 10});
    const hundred = Array.from({length: 101}, (_, i) => i);
    expect(percentiles(hundred)).toEqual({p50: 50, p95: 95, p99: 99});
    expect(() => percentiles([])).toThrow(/no samples/);
    expect(() => percentiles([1, Number.NaN])).toThrow(/non-finite/);
    expect(() => percentiles([1], [101])).toThrow(/not in/);
    expect(summarize([2, 4, 4, 4, 5, 5, 7, 9])).toMatchObject({n: 8, min: 2, max: 9, mean: 5, p50: 4.5});
  });

  it('emit prints one JSON record per line and computes ok from target', () => {
    const lines: string[] = [];
    const prev = setSink((l) => lines.push(l));
    try {
      emit({bench: 'keys', metric: 'bytes_per_key_p50', value: 382, unit: 'bytes', target: 1000, cols: 200});
      emit({bench: 'keys', metric: 'latency_p95', value: 40, unit: 'ms', target: 30});
      emit({bench: 'fwd', metric: 'throughput_vs_loopback', value: 0.8, unit: 'ratio', target: {min: 0.5}});
      emit({bench: 'mem', metric: 'rss', value: 90, unit: 'MB'});
      expect(() => emit({bench: 'x', metric: 'y', value: Number.NaN, unit: 'ms'})).toThrow(/finite/);
      // @ts-expect-error: not a unit
      expect(() => emit({bench: 'x', metric: 'y', value: 1, unit: 'seconds'})).toThrow(/unit must be one of/);
    } finally {
      setSink(prev);
    }
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      {bench: 'keys', metric: 'bytes_per_key_p50', value: 382, unit: 'bytes', target: 1000, cols: 200, ok: true},
      {bench: 'keys', metric: 'latency_p95', value: 40, unit: 'ms', target: 30, ok: false},
      {bench: 'fwd', metric: 'throughput_vs_loopback', value: 0.8, unit: 'ratio', target: {min: 0.5}, ok: true},
      {bench: 'mem', metric: 'rss', value: 90, unit: 'MB'},
    ]);
    expect(meetsTarget(5, {min: 1, max: 4})).toBe(false);
  });

  it('timers return results and non-negative durations', async () => {
    const sw = stopwatch();
    const {result, ms, cpuMs} = await time(async () => 42);
    expect(result).toBe(42);
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(cpuMs).toBeGreaterThanOrEqual(0);
    let calls = 0;
    const samples = await sample(() => calls++, {iterations: 3, warmup: 2});
    expect(samples).toHaveLength(3);
    expect(calls).toBe(5);
    expect(sw.elapsed()).toBeGreaterThanOrEqual(sw.lap() - 1);
  });

  it('parseStty reads cooked and raw flag sets', () => {
    expect(parseStty('speed 38400 baud; icrnl opost isig icanon echo')).toMatchObject({cooked: true, raw: false});
    expect(parseStty('-icrnl opost -isig -icanon -echo')).toMatchObject({cooked: false, raw: true, echo: false});
  });
});
