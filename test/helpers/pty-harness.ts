// End-to-end harness: drive a program (normally the built CLI) under a real pty and read its screen through
// @xterm/headless.
//
// The implementation lives in bench/lib/pty.mjs — plain JS with JSDoc, so `npm run bench` runs it with plain node —
// and its types in bench/lib/pty.d.mts (tsconfig has no allowJs; NodeNext resolves `pty.mjs` to the sibling
// `pty.d.mts`). Tests and benchmarks therefore drive programs with the same code. This module adds the vitest glue.
//
//   const spawn = useTuis();                 // closes every tui after each test
//   const tui = await spawn({args: [CLI_PATH, '--local'], cols: 120, rows: 40});
//   await tui.waitForText('fleet');
//   await tui.press('down', 'enter');
//   await tui.waitFor((s) => s.includes('i-0abc'), {description: 'instance detail'});

// What "the terminal is restored" covers (tui.assertRestored() after `await tui.exited`):
// - read from the emulator: alternate screen (buffer.active.type), bracketed paste, mouse tracking, focus events,
//   application cursor keys / keypad, synchronized output, auto-wrap;
// - tracked from the parsed stream with parser hooks (xterm has no public accessor): cursor visibility (DECTCEM
//   ?25h/l), mouse encoding (?1005/1006/1015/1016), kitty keyboard flags (CSI >u / <u / =u), modifyOtherKeys;
//   RIS and DECSTR reset them as a terminal would;
// - the tty's termios, read with `stty -a` through a duplicate of the pty master that a tiny `sh` keeps open, so it
//   still answers after the program has exited: "left in raw mode" = not (icanon echo isig icrnl opost).
// Limits: the termios probe works on Linux (TCGETS on a master returns the slave's settings); elsewhere, or without
// `sh`/`stty`, TerminalModes.tty is undefined and that one check is skipped. Node itself puts the tty back to cooked
// mode at exit (libuv's uv_tty_reset_mode), so for a Node program the check mostly catches SIGKILL or a child program
// (ssh, session-manager-plugin) killed mid-session. SGR attributes left set (colours) are not checked.

import {afterEach} from 'vitest';
import {spawnTui, type SpawnTuiOptions, type Tui} from '../../bench/lib/pty.mjs';

export {
  CLI_PATH,
  DEFAULT_QUIET_MS,
  DEFAULT_TIMEOUT_MS,
  KEY_NAMES,
  REPO_ROOT,
  STRIPPED_ENV,
  buildEnv,
  formatScreen,
  keyToBytes,
  parseStty,
  spawnCli,
  spawnTui,
} from '../../bench/lib/pty.mjs';
export type {
  CellInfo,
  ExitStatus,
  KeyMeasurement,
  SpawnTuiOptions,
  TerminalModes,
  TtyState,
  Tui,
  WaitOptions,
} from '../../bench/lib/pty.mjs';

/**
 * Call at the top of a test file or describe block. Returns a spawnTui that remembers what it spawned; every tui is
 * closed (process group killed, pty and emulator disposed) after each test, whether it passed or not.
 */
export function useTuis(): (opts: SpawnTuiOptions) => Promise<Tui> {
  const live = new Set<Tui>();
  afterEach(async () => {
    const all = [...live];
    live.clear();
    await Promise.all(all.map((t) => t.close()));
  });
  return async (opts) => {
    const tui = await spawnTui(opts);
    live.add(tui);
    return tui;
  };
}
