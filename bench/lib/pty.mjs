// The one pty + terminal-emulator driver behind both the e2e harness (test/helpers/pty-harness.ts re-exports it
// with types from pty.d.mts) and the benchmarks (plain `node bench/…`, no transpile step).
//
// A program runs under a real pseudo-terminal (@lydell/node-pty). Every byte it writes is counted and fed to an
// @xterm/headless Terminal of the same size, so callers read the screen the way a user would see it, and measure
// bytes and latency the way they would arrive over SSH.

import {spawn as spawnPty} from '@lydell/node-pty';
import xterm from '@xterm/headless';
import {spawn as spawnProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {keyToBytes} from './keys.mjs';

export {keyToBytes, KEY_NAMES} from './keys.mjs';

const {Terminal} = xterm;

/** @typedef {import('./pty.d.mts').SpawnTuiOptions} SpawnTuiOptions */
/** @typedef {import('./pty.d.mts').Tui} Tui */
/** @typedef {import('./pty.d.mts').ExitStatus} ExitStatus */
/** @typedef {import('./pty.d.mts').TerminalModes} TerminalModes */
/** @typedef {import('./pty.d.mts').TtyState} TtyState */
/** @typedef {import('./pty.d.mts').WaitOptions} WaitOptions */
/** @typedef {import('./pty.d.mts').KeyMeasurement} KeyMeasurement */
/** @typedef {import('./pty.d.mts').CellInfo} CellInfo */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_PATH = fileURLToPath(new URL('../../dist/bin/fleetdeck.mjs', import.meta.url));

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_QUIET_MS = 50;

/**
 * Removed from the child's environment unless `opts.env` sets them again:
 * - `CI`, `CONTINUOUS_INTEGRATION`: Ink's is-in-ci treats any value but '0'/'false' — even '' — as CI and then draws
 *   no live frames; vitest.config.ts sets CI='false' for in-process renders, which must not leak either.
 * - colour forcing and terminal identity (`FORCE_COLOR`, `NO_COLOR`, `COLORTERM`, `TERM_PROGRAM*`): colour support
 *   must follow from TERM=xterm-256color alone, the same on every machine. vitest.config.ts sets FORCE_COLOR='0'.
 * - what node-pty itself strips when handed process.env (multiplexer and size variables).
 * - what vitest injects into its workers (`VITEST*`, `TEST`, `NODE_ENV`, `MODE`, `DEV`, `PROD`, `SSR`, `BASE_URL`).
 */
export const STRIPPED_ENV = Object.freeze([
  'CI',
  'CONTINUOUS_INTEGRATION',
  'FORCE_COLOR',
  'NO_COLOR',
  'COLORTERM',
  'TERM_PROGRAM',
  'TERM_PROGRAM_VERSION',
  'TMUX',
  'TMUX_PANE',
  'STY',
  'WINDOW',
  'WINDOWID',
  'TERMCAP',
  'COLUMNS',
  'LINES',
  'TEST',
  'NODE_ENV',
  'MODE',
  'DEV',
  'PROD',
  'SSR',
  'BASE_URL',
]);

/**
 * The environment a spawned program sees.
 * @param {Record<string, string | undefined> | undefined} overrides
 * @param {boolean} inherit
 * @returns {Record<string, string>}
 */
export const buildEnv = (overrides, inherit = true) => {
  /** @type {Record<string, string>} */
  const env = {};
  if (inherit) {
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  } else {
    for (const k of ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'TMPDIR']) {
      const v = process.env[k];
      if (v !== undefined) env[k] = v;
    }
  }
  for (const k of STRIPPED_ENV) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith('VITEST')) delete env[k];
  env.TERM = 'xterm-256color';
  for (const [k, v] of Object.entries(overrides ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
};

/** @param {string} s */
const escapeForDisplay = (s) =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[\x00-\x1f\x7f]/g, (c) => (c === '\x1b' ? '\\e' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));

/** @param {unknown} v */
const isPositiveInt = (v) => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * Renders a screen for error messages: numbered rows inside a frame, so blank rows and trailing spaces are visible.
 * @param {string} screen  rows joined by '\n'
 * @param {{cols: number; rows: number; cursor?: {x: number; y: number; visible: boolean}}} size
 */
export const formatScreen = (screen, size) => {
  const lines = screen.split('\n');
  const width = Math.min(size.cols, 200);
  const cur = size.cursor ? `, cursor ${size.cursor.x},${size.cursor.y}${size.cursor.visible ? '' : ' (hidden)'}` : '';
  const head = `┌── screen ${size.cols}×${size.rows}${cur} `;
  const out = [head + '─'.repeat(Math.max(0, width + 5 - head.length))];
  lines.forEach((l, i) => out.push(`${String(i).padStart(3)} │${l}`));
  out.push(`└${'─'.repeat(width + 4)}`);
  return out.join('\n');
};

/** Decodes `stty -a` output (GNU and BSD both print `-flag`/`flag` tokens). @param {string} text @returns {TtyState} */
export const parseStty = (text) => {
  const tokens = new Set(text.split(/[\s;]+/));
  /** @param {string} f */
  const flag = (f) => (tokens.has(f) ? true : tokens.has(`-${f}`) ? false : undefined);
  const icanon = flag('icanon') ?? true;
  const echo = flag('echo') ?? true;
  const isig = flag('isig') ?? true;
  const icrnl = flag('icrnl') ?? true;
  const opost = flag('opost') ?? true;
  return {icanon, echo, isig, icrnl, opost, raw: !icanon, cooked: icanon && echo && isig && icrnl && opost, stty: text};
};

// Mouse reporting encodings (DECSET numbers) → names.
const MOUSE_ENCODINGS = /** @type {Record<number, TerminalModes['mouseEncoding']>} */ ({
  1005: 'utf8',
  1006: 'sgr',
  1015: 'urxvt',
  1016: 'sgr-pixels',
});

/** How long a frame may hold synchronized output (DECSET 2026) before waitFor looks at the screen anyway.
 * Real terminals cap it too (kitty/foot/WezTerm: 150 ms–1 s). */
const SYNC_OUTPUT_CAP_MS = 1000;
/** Above this many bytes waiting to be parsed the pty is paused (xterm.js throws above 50 MB pending). */
const HIGH_WATER = 4 * 1024 * 1024;
const LOW_WATER = 512 * 1024;
/** How much raw output `rawOutput()` keeps (the tail). */
const RAW_CAP = 8 * 1024 * 1024;

/**
 * Spawns `command args…` under a pty of `cols×rows` and returns a handle to drive it and read its screen.
 * @param {SpawnTuiOptions} opts
 * @returns {Promise<Tui>}
 */
export const spawnTui = async (opts) => {
  if (!Array.isArray(opts.args)) throw new TypeError('spawnTui: args must be an array');
  if (!isPositiveInt(opts.cols) || !isPositiveInt(opts.rows)) {
    throw new TypeError(`spawnTui: cols and rows must be positive integers (got ${opts.cols}×${opts.rows})`);
  }
  const command = opts.command ?? process.execPath;
  const cwd = opts.cwd ?? process.cwd();
  const keyGapMs = opts.keyGapMs ?? 25;
  const env = buildEnv(opts.env, opts.inheritEnv ?? true);

  let cols = opts.cols;
  let rows = opts.rows;
  const term = new Terminal({cols, rows, scrollback: opts.scrollback ?? 100, allowProposedApi: true});

  // ---- modes xterm's public API does not expose, tracked from the parsed stream ----
  let cursorVisible = true;
  /** @type {TerminalModes['mouseEncoding']} */
  let mouseEncoding = 'default';
  /** @type {number[]} */
  const kittyStack = [];
  let kittyBase = 0;
  let modifyOtherKeys = 0;
  /** @type {number | undefined} */
  let syncSince;

  /** @param {(number | number[])[]} params @param {boolean} on */
  const onPrivateMode = (params, on) => {
    for (const p of params) {
      const n = Array.isArray(p) ? p[0] : p;
      if (n === undefined) continue;
      if (n === 25) cursorVisible = on;
      else if (n === 2026) syncSince = on ? performance.now() : undefined;
      else if (MOUSE_ENCODINGS[n] !== undefined) {
        if (on) mouseEncoding = MOUSE_ENCODINGS[n];
        else if (mouseEncoding === MOUSE_ENCODINGS[n]) mouseEncoding = 'default';
      }
    }
    return false; // let xterm apply the mode too
  };
  const resetTracked = () => {
    cursorVisible = true;
    mouseEncoding = 'default';
    kittyStack.length = 0;
    kittyBase = 0;
    modifyOtherKeys = 0;
    syncSince = undefined;
  };
  /** @param {(number | number[])[]} params @param {number} i */
  const param = (params, i, dflt = 0) => {
    const p = params[i];
    const n = Array.isArray(p) ? p[0] : p;
    return n === undefined || n === -1 ? dflt : n;
  };
  term.parser.registerCsiHandler({prefix: '?', final: 'h'}, (p) => onPrivateMode(p, true));
  term.parser.registerCsiHandler({prefix: '?', final: 'l'}, (p) => onPrivateMode(p, false));
  // Kitty keyboard protocol: CSI > flags u (push), CSI < n u (pop n), CSI = flags ; mode u (set).
  term.parser.registerCsiHandler({prefix: '>', final: 'u'}, (p) => (kittyStack.push(param(p, 0)), false));
  term.parser.registerCsiHandler({prefix: '<', final: 'u'}, (p) => {
    kittyStack.splice(Math.max(0, kittyStack.length - Math.max(1, param(p, 0, 1))));
    return false;
  });
  term.parser.registerCsiHandler({prefix: '=', final: 'u'}, (p) => {
    const flags = param(p, 0);
    const mode = param(p, 1, 1);
    const cur = kittyStack.length > 0 ? /** @type {number} */ (kittyStack[kittyStack.length - 1]) : kittyBase;
    const next = mode === 2 ? cur | flags : mode === 3 ? cur & ~flags : flags;
    if (kittyStack.length > 0) kittyStack[kittyStack.length - 1] = next;
    else kittyBase = next;
    return false;
  });
  // xterm modifyOtherKeys: CSI > 4 ; n m (CSI > 4 m resets).
  term.parser.registerCsiHandler({prefix: '>', final: 'm'}, (p) => {
    if (p.length === 0 || param(p, 0) === 4) modifyOtherKeys = param(p, 1);
    return false;
  });
  // DECSTR soft reset shows the cursor again; RIS resets everything.
  term.parser.registerCsiHandler({intermediates: '!', final: 'p'}, () => ((cursorVisible = true), false));
  term.parser.registerEscHandler({final: 'c'}, () => (resetTracked(), false));

  // ---- byte accounting and parse bookkeeping ----
  let totalBytes = 0;
  let countedBytes = 0;
  /** @type {Buffer[]} */
  let rawChunks = [];
  let rawBytes = 0;
  let pendingWrites = 0;
  let pendingBytes = 0;
  let paused = false;
  let lastDataAt = performance.now();
  /** @type {((at: number) => void) | undefined} */
  let onFirstByte;

  /** @type {ExitStatus | undefined} */
  let exitStatus;
  let finalized = false;
  let closeRequested = false;
  let disposed = false;
  let termDisposed = false;
  /** @type {TtyState | undefined} */
  let lastTty;

  /** @type {Set<() => void>} */
  const parsedListeners = new Set();
  let notifyScheduled = false;
  const notifyParsed = () => {
    if (notifyScheduled) return;
    notifyScheduled = true;
    queueMicrotask(() => {
      notifyScheduled = false;
      for (const l of [...parsedListeners]) l();
    });
  };

  // node-pty always exports TERM=name to the child, so TERM can be changed through env but not removed.
  const pty = spawnPty(command, opts.args, {name: env.TERM ?? 'xterm-256color', cols, rows, cwd, env, encoding: null});
  const pid = pty.pid;

  // A helper that holds a duplicate of the pty master, so the termios of the (slave) tty can still be read with
  // `stty -a` after the program exits (Linux answers TCGETS on a master with the slave's settings). Writing a line
  // to its fd 3 runs one probe; closing fd 3 ends it. The master goes to fd 4, not stdin: libuv clears O_NONBLOCK on
  // a child's fds 0–2, and the file description is shared, so node-pty's own reads and writes would turn blocking.
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let prober;
  if (opts.probeTty ?? true) {
    const masterFd = /** @type {{fd?: unknown}} */ (/** @type {unknown} */ (pty)).fd;
    if (typeof masterFd === 'number') {
      try {
        prober = spawnProcess(
          'sh',
          ['-c', `while IFS= read -r _ <&3; do stty -a <&4 2>&1; printf '\\036\\n'; done`],
          {stdio: ['ignore', 'pipe', 'ignore', 'pipe', masterFd]},
        );
        prober.on('error', () => (prober = undefined));
        prober.stdout?.setEncoding('utf8');
        prober.stdout?.on('error', () => {});
        prober.stdio[3]?.on('error', () => {});
      } catch {
        prober = undefined;
      }
    }
  }
  /** @type {Promise<unknown>} */
  let probeChain = Promise.resolve();
  /** @returns {Promise<TtyState | undefined>} */
  const probeTty = () => {
    const run = () =>
      /** @type {Promise<TtyState | undefined>} */ (
        new Promise((resolve) => {
          const p = prober;
          const out = p?.stdout;
          const ctl = /** @type {import('node:stream').Writable | undefined} */ (p?.stdio[3] ?? undefined);
          if (!p || !out || !ctl || p.exitCode !== null || ctl.destroyed) return resolve(undefined);
          let buf = '';
          /** @param {TtyState | undefined} v */
          const done = (v) => {
            clearTimeout(timer);
            out.off('data', onData);
            p.off('exit', onExit);
            resolve(v);
          };
          /** @param {string} d */
          const onData = (d) => {
            buf += d;
            const end = buf.indexOf('\x1e');
            if (end !== -1) {
              const text = buf.slice(0, end).trim();
              done(/speed|icanon/.test(text) ? parseStty(text) : undefined);
            }
          };
          const onExit = () => done(undefined);
          const timer = setTimeout(() => done(undefined), 3000);
          out.on('data', onData);
          p.once('exit', onExit);
          ctl.write('\n');
        })
      );
    const result = probeChain.then(run, run);
    probeChain = result;
    return result.then((v) => {
      if (v) lastTty = v;
      return v;
    });
  };
  const endProber = () => {
    const ctl = prober?.stdio[3];
    if (ctl && 'end' in ctl && typeof ctl.end === 'function') ctl.end();
    prober = undefined;
  };

  /** @param {Buffer} chunk */
  const feed = (chunk) => {
    if (disposed) return;
    pendingWrites++;
    pendingBytes += chunk.length;
    if (!paused && pendingBytes > HIGH_WATER) {
      paused = true;
      pty.pause();
    }
    term.write(chunk, () => {
      pendingWrites--;
      pendingBytes -= chunk.length;
      if (paused && pendingBytes < LOW_WATER) {
        paused = false;
        if (!exitStatus) pty.resume();
      }
      notifyParsed();
    });
  };

  const dataSub = pty.onData((d) => {
    const chunk = /** @type {Buffer} */ (/** @type {unknown} */ (d));
    const now = performance.now();
    lastDataAt = now;
    totalBytes += chunk.length;
    countedBytes += chunk.length;
    rawChunks.push(chunk);
    rawBytes += chunk.length;
    while (rawBytes > RAW_CAP && rawChunks.length > 1) rawBytes -= /** @type {Buffer} */ (rawChunks.shift()).length;
    if (onFirstByte) {
      const f = onFirstByte;
      onFirstByte = undefined;
      f(now);
    }
    feed(chunk);
  });
  // The emulator's replies (cursor position reports, device attributes…) go back to the program, as a terminal's do.
  const replySub = term.onData((reply) => {
    if (!exitStatus && !disposed) pty.write(reply);
  });

  /** Resolves once every chunk received so far has been parsed by the emulator. */
  const whenParsed = () =>
    /** @type {Promise<void>} */ (
      new Promise((resolve) => {
        if (pendingWrites === 0 || disposed) return resolve();
        const l = () => {
          if (pendingWrites === 0 || disposed) {
            parsedListeners.delete(l);
            resolve();
          }
        };
        parsedListeners.add(l);
      })
    );

  /**
   * Resolves when no output has arrived for `quietMs`, counted from `from` or the last byte, whichever is later,
   * and everything received has been parsed; or when `cap` ms have passed (resolves false then). Once the process
   * has exited it only waits for parsing, unless `drain` (used to drain the pty after exit).
   * @param {number} quietMs @param {number} from @param {number} cap @param {boolean} [drain]
   * @returns {Promise<boolean>}
   */
  const quiet = (quietMs, from, cap, drain = false) =>
    new Promise((resolve) => {
      const deadline = from + cap;
      const check = () => {
        const now = performance.now();
        const quietFor = now - Math.max(lastDataAt, from);
        if ((quietFor >= quietMs || (exitStatus && !drain)) && pendingWrites === 0) return resolve(true);
        if (now >= deadline) return resolve(false);
        const wait = pendingWrites > 0 ? 5 : Math.max(1, quietMs - quietFor);
        setTimeout(check, Math.min(wait, Math.max(1, deadline - now)));
      };
      check();
    });

  // ---- exit: drain, parse, probe the tty, then settle `exited` ----
  /** @type {(s: ExitStatus) => void} */
  let resolveExited = () => {};
  /** @type {Promise<ExitStatus>} */
  const exited = new Promise((r) => (resolveExited = r));
  const exitSub = pty.onExit(({exitCode, signal}) => {
    /** @type {ExitStatus} */
    const status = signal ? {exitCode, signal} : {exitCode};
    exitStatus = status;
    void (async () => {
      // node-pty emits exit only after the master read hits EIO, so the output is normally complete; ink-engineering
      // §4 still recommends a drain in case data races the exit (node-pty's 200 ms socket-timeout path). On a loaded
      // machine a long last write (the usage before a bad flag's error) can still be arriving 100 ms later.
      await quiet(50, performance.now(), 1000, true);
      await whenParsed();
      if (!disposed) await probeTty();
      endProber();
      finalized = true;
      resolveExited(status);
      notifyParsed(); // wake waiters so they fail fast instead of timing out
    })().catch(() => {
      finalized = true;
      resolveExited(status);
      notifyParsed();
    });
  });

  // ---- screen access ----
  const buffer = () => term.buffer.active;
  /** @param {number} y */
  const lineText = (y) => buffer().getLine(buffer().baseY + y)?.translateToString(true) ?? '';
  const screen = () => {
    const out = [];
    for (let y = 0; y < rows; y++) out.push(lineText(y));
    return out.join('\n');
  };
  const cursor = () => ({x: buffer().cursorX, y: buffer().cursorY, visible: cursorVisible});
  /** @param {number} y */
  const rowIndex = (y) => {
    const i = y < 0 ? rows + y : y;
    if (!Number.isInteger(i) || i < 0 || i >= rows) throw new RangeError(`line(${y}): the screen has ${rows} rows`);
    return i;
  };
  const describeState = () => {
    if (termDisposed) return '(the tui was closed; no screen)';
    const status = exitStatus
      ? `process exited (code ${exitStatus.exitCode}${exitStatus.signal ? `, signal ${exitStatus.signal}` : ''})`
      : `process running (pid ${pid})`;
    const tail = Buffer.concat(rawChunks.slice(-8)).toString('utf8').slice(-300);
    return [
      formatScreen(screen(), {cols, rows, cursor: cursor()}),
      `${status}; ${totalBytes} bytes received; last bytes: ${escapeForDisplay(tail) || '(none)'}`,
    ].join('\n');
  };

  const syncHeld = () =>
    term.modes.synchronizedOutputMode &&
    syncSince !== undefined &&
    performance.now() - syncSince < SYNC_OUTPUT_CAP_MS;

  /**
   * @param {(screen: string) => boolean} pred
   * @param {WaitOptions} [options]
   * @returns {Promise<void>}
   */
  const waitFor = (pred, options = {}) => {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    const description = options.description ?? (pred.toString().slice(0, 120) || 'predicate');
    // Created here so the stack trace points at the test line, not at a timer.
    const error = new Error(`waitFor: ${description}`);
    return new Promise((resolve, reject) => {
      /** @type {ReturnType<typeof setTimeout> | undefined} */
      let syncTimer;
      const finish = (/** @type {Error | undefined} */ err) => {
        parsedListeners.delete(check);
        clearTimeout(timer);
        clearTimeout(syncTimer);
        if (err) reject(err);
        else resolve();
      };
      /** @param {string} why */
      const fail = (why) => {
        error.message = `waitFor ${why}: ${description}\n${describeState()}`;
        finish(error);
      };
      const evaluate = () => {
        try {
          return pred(screen());
        } catch (e) {
          error.message = `waitFor: predicate threw (${e instanceof Error ? e.message : String(e)}): ${description}`;
          finish(error);
          return undefined;
        }
      };
      const check = () => {
        if (disposed || closeRequested) return fail('aborted: the tui was closed');
        if (syncHeld()) {
          // Mid-frame: look again when the frame ends, or when the cap runs out.
          clearTimeout(syncTimer);
          syncTimer = setTimeout(check, SYNC_OUTPUT_CAP_MS - (performance.now() - (syncSince ?? 0)) + 1);
          return;
        }
        const ok = evaluate();
        if (ok === undefined) return;
        if (ok) return finish(undefined);
        if (finalized) fail('failed: the process exited first');
      };
      const timer = setTimeout(() => {
        const ok = evaluate();
        if (ok === undefined) return;
        if (ok) return finish(undefined);
        fail(`timed out after ${timeout} ms`);
      }, timeout);
      parsedListeners.add(check);
      check();
    });
  };

  /** @param {string | RegExp} text @param {WaitOptions} [options] */
  const waitForText = (text, options = {}) =>
    waitFor((s) => (typeof text === 'string' ? s.includes(text) : (text.lastIndex = 0, text.test(s))), {
      ...options,
      description: options.description ?? `text ${typeof text === 'string' ? JSON.stringify(text) : String(text)}`,
    });

  /** @param {number} [quietMs] @param {{timeout?: number}} [options] */
  const waitForIdle = async (quietMs = DEFAULT_QUIET_MS, options = {}) => {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    const error = new Error('waitForIdle');
    const ok = await quiet(quietMs, performance.now(), timeout);
    if (!ok) {
      error.message = `waitForIdle(${quietMs}) timed out after ${timeout} ms: output never paused\n${describeState()}`;
      throw error;
    }
  };

  /** @param {string} bytes */
  const send = (bytes) => {
    if (disposed) throw new Error('tui: write after close()');
    if (exitStatus) throw new Error(`tui: write after the process exited (code ${exitStatus.exitCode})`);
    pty.write(bytes);
  };
  const keyModes = () => ({applicationCursorKeys: term.modes.applicationCursorKeysMode});

  /** @param {string[]} keys */
  const press = async (...keys) => {
    const encoded = keys.map((k) => keyToBytes(k, keyModes()));
    for (let i = 0; i < encoded.length; i++) {
      if (i > 0) {
        // Separate keys in time, so the program reads each on its own (Ink reads "jj" in one chunk as one input,
        // and ESC followed by a key as alt-key). Waits for the reaction to settle, at most 10 gaps.
        await quiet(keyGapMs, performance.now(), keyGapMs * 10);
        // Arrow keys depend on DECCKM, which the previous key may have toggled.
        encoded[i] = keyToBytes(/** @type {string} */ (keys[i]), keyModes());
      }
      send(/** @type {string} */ (encoded[i]));
    }
  };

  /** @param {string} text */
  const type = async (text) => {
    send(text);
  };

  /** @param {number} c @param {number} r */
  const resize = (c, r) => {
    if (!isPositiveInt(c) || !isPositiveInt(r)) throw new TypeError(`resize: bad size ${c}×${r}`);
    if (disposed) throw new Error('tui: resize after close()');
    cols = c;
    rows = r;
    term.resize(c, r);
    if (!exitStatus) pty.resize(c, r);
  };

  /** @param {string} key @param {{quietMs?: number; timeout?: number}} [options] */
  const measureKey = async (key, options = {}) => {
    const quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    const error = new Error('measureKey');
    // Nothing may be in flight when the key goes out.
    if (!(await quiet(quietMs, lastDataAt, timeout))) {
      error.message = `measureKey(${JSON.stringify(key)}): output never paused before the key\n${describeState()}`;
      throw error;
    }
    const bytes = keyToBytes(key, keyModes());
    const before = countedBytes;
    /** @type {Promise<number | undefined>} */
    const first = new Promise((resolve) => {
      const t = setTimeout(() => {
        onFirstByte = undefined;
        resolve(undefined);
      }, timeout);
      onFirstByte = (at) => {
        clearTimeout(t);
        resolve(at);
      };
    });
    const t0 = performance.now();
    send(bytes);
    const firstAt = await first;
    if (firstAt === undefined) {
      error.message = `measureKey(${JSON.stringify(key)}): no output within ${timeout} ms\n${describeState()}`;
      throw error;
    }
    if (!(await quiet(quietMs, firstAt, timeout))) {
      error.message = `measureKey(${JSON.stringify(key)}): output never settled within ${timeout} ms\n${describeState()}`;
      throw error;
    }
    return {bytes: countedBytes - before, latencyMs: firstAt - t0, settleMs: lastDataAt - t0};
  };

  /** @returns {TerminalModes} */
  const terminalModes = () => {
    const m = term.modes;
    const kitty = kittyStack.length > 0 ? /** @type {number} */ (kittyStack[kittyStack.length - 1]) : kittyBase;
    return {
      altScreen: buffer().type === 'alternate',
      cursorVisible,
      bracketedPaste: m.bracketedPasteMode,
      mouseTracking: m.mouseTrackingMode,
      mouseEncoding,
      focusEvents: m.sendFocusMode,
      applicationCursorKeys: m.applicationCursorKeysMode,
      applicationKeypad: m.applicationKeypadMode,
      synchronizedOutput: m.synchronizedOutputMode,
      autoWrap: m.wraparoundMode,
      kittyKeyboard: kitty,
      kittyKeyboardStack: kittyStack.length,
      modifyOtherKeys,
      tty: lastTty,
    };
  };

  const restoreProblems = () => {
    const m = terminalModes();
    /** @type {string[]} */
    const problems = [];
    if (m.altScreen) problems.push('the alternate screen is still active (no ESC[?1049l)');
    if (!m.cursorVisible) problems.push('the cursor is hidden (no ESC[?25h after ESC[?25l)');
    if (m.bracketedPaste) problems.push('bracketed paste is still on (no ESC[?2004l)');
    if (m.mouseTracking !== 'none') problems.push(`mouse tracking '${m.mouseTracking}' is still on (no ESC[?1000l/1002l/1003l)`);
    if (m.mouseEncoding !== 'default') problems.push(`mouse encoding '${m.mouseEncoding}' is still on`);
    if (m.focusEvents) problems.push('focus reporting is still on (no ESC[?1004l)');
    if (m.applicationCursorKeys) problems.push('application cursor keys (DECCKM) are still on (no ESC[?1l)');
    if (m.applicationKeypad) problems.push('application keypad is still on (no ESC>)');
    if (m.synchronizedOutput) problems.push('synchronized output is still on (no ESC[?2026l): the terminal may freeze');
    if (!m.autoWrap) problems.push('auto-wrap is off (no ESC[?7h)');
    if (m.kittyKeyboard !== 0 || m.kittyKeyboardStack > 0) {
      problems.push(`kitty keyboard flags ${m.kittyKeyboard} still pushed (${m.kittyKeyboardStack} entries; no ESC[<u)`);
    }
    if (m.modifyOtherKeys !== 0) problems.push(`modifyOtherKeys ${m.modifyOtherKeys} still on (no ESC[>4m)`);
    if (m.tty && !m.tty.cooked) {
      const off = /** @type {const} */ (['icanon', 'echo', 'isig', 'icrnl', 'opost']).filter((f) => !m.tty?.[f]);
      problems.push(`the tty was left in raw mode (-${off.join(' -')})`);
    }
    return problems;
  };

  const assertRestored = () => {
    if (!finalized) {
      throw new Error(`assertRestored(): the process (pid ${pid}) has not exited yet; await tui.exited first`);
    }
    const problems = restoreProblems();
    if (problems.length > 0) {
      throw new Error(
        `the terminal was not restored on exit:\n${problems.map((p) => `  - ${p}`).join('\n')}\n${describeState()}`,
      );
    }
  };

  /** @param {number} x @param {number} y @returns {CellInfo | undefined} */
  const cell = (x, y) => {
    const line = buffer().getLine(buffer().baseY + rowIndex(y));
    const c = line?.getCell(x);
    if (!c) return undefined;
    return {
      chars: c.getChars(),
      width: c.getWidth(),
      fg: c.isFgDefault() ? 'default' : c.getFgColor(),
      bg: c.isBgDefault() ? 'default' : c.getBgColor(),
      fgMode: c.isFgDefault() ? 'default' : c.isFgRGB() ? 'rgb' : 'palette',
      bgMode: c.isBgDefault() ? 'default' : c.isBgRGB() ? 'rgb' : 'palette',
      bold: c.isBold() !== 0,
      dim: c.isDim() !== 0,
      italic: c.isItalic() !== 0,
      underline: c.isUnderline() !== 0,
      inverse: c.isInverse() !== 0,
    };
  };

  /** @param {NodeJS.Signals} [signal] */
  const kill = (signal = 'SIGTERM') => {
    if (exitStatus || disposed) return;
    pty.kill(signal);
  };

  // A dropped SSH link: the master side goes away (the program's reads and writes on the tty fail with EIO) and
  // the program gets SIGHUP. The tty probe's copy of the master is closed first, or the kernel would keep the tty up.
  const hangup = () => {
    if (exitStatus || disposed) return;
    endProber();
    pty.destroy();
  };

  /** @type {Promise<void> | undefined} */
  let closing;
  const close = () => {
    closing ??= (async () => {
      closeRequested = true;
      notifyParsed(); // pending waiters fail with "closed"
      if (!exitStatus) {
        try {
          process.kill(-pid, 'SIGKILL'); // forkpty made it a session and process-group leader: take its children too
        } catch {
          try {
            pty.kill('SIGKILL');
          } catch {
            /* already gone */
          }
        }
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000).unref())]);
      disposed = true;
      finalized = true;
      endProber();
      dataSub.dispose();
      replySub.dispose();
      exitSub.dispose();
      termDisposed = true;
      term.dispose();
      rawChunks = [];
    })();
    return closing;
  };

  /** @type {Tui} */
  const tui = {
    pid,
    get cols() {
      return cols;
    },
    get rows() {
      return rows;
    },
    screen,
    line: (y) => lineText(rowIndex(y)),
    cursor,
    cell,
    waitFor,
    waitForText,
    waitForIdle,
    press,
    type,
    resize,
    bytesWritten: () => countedBytes,
    totalBytes: () => totalBytes,
    resetByteCount: () => {
      countedBytes = 0;
      rawChunks = [];
      rawBytes = 0;
    },
    rawOutput: () => Buffer.concat(rawChunks).toString('utf8'),
    measureKey,
    exited,
    exitStatus: () => exitStatus,
    kill,
    hangup,
    terminalModes,
    ttyState: () => (exitStatus ? Promise.resolve(lastTty) : probeTty()),
    restoreProblems,
    assertRestored,
    describe: describeState,
    close,
  };
  return tui;
};

/**
 * Spawns the built CLI (`node dist/cli.js …args`). Throws a clear error when it has not been built.
 * @param {Omit<SpawnTuiOptions, 'command'>} opts
 */
export const spawnCli = (opts) => {
  if (!existsSync(CLI_PATH)) {
    return Promise.reject(new Error(`${CLI_PATH} does not exist: run \`npm run build\` first`));
  }
  // BENCH_CLI_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"): node options for the CLI alone, which
  // NODE_OPTIONS cannot carry (it refuses --cpu-prof) and which would reach the measuring process too.
  const nodeArgs = (process.env.BENCH_CLI_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawnTui({...opts, command: process.execPath, args: [...nodeArgs, CLI_PATH, ...opts.args], cwd: opts.cwd ?? REPO_ROOT});
};
