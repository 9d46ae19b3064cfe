// Types for pty.mjs (the implementation is plain JS so benchmarks run with plain node; tsconfig has no allowJs, so
// TypeScript callers — test/helpers/pty-harness.ts — see these declarations instead).

export {keyToBytes, KEY_NAMES} from './keys.mjs';

export interface SpawnTuiOptions {
  /** Arguments to `command`. For a node script: `[scriptPath, ...scriptArgs]`. */
  args: string[];
  cols: number;
  rows: number;
  /**
   * Merged over the inherited environment (see STRIPPED_ENV for what is removed first); `undefined` deletes a
   * variable. TERM is xterm-256color unless set here (it can be changed, not removed: node-pty always exports it).
   */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Default: process.execPath (node). */
  command?: string;
  /** Inherit process.env (minus STRIPPED_ENV). Default true; false keeps only PATH, HOME, USER, LANG, LC_ALL, TMPDIR. */
  inheritEnv?: boolean;
  /** Emulator scrollback lines. Default 100. */
  scrollback?: number;
  /** press() with several keys waits for this much quiet between them (at most 10× this). Default 25 ms. */
  keyGapMs?: number;
  /** Keep a `stty` helper on the pty master so the tty's raw/cooked state can be read even after exit. Default true. */
  probeTty?: boolean;
}

export interface ExitStatus {
  exitCode: number;
  /** Signal number when the process was killed by a signal (15 = SIGTERM, 9 = SIGKILL, 1 = SIGHUP). */
  signal?: number;
}

export interface WaitOptions {
  /** Default 10 000 ms. */
  timeout?: number;
  /** Shown in the error message on failure. */
  description?: string;
}

export interface KeyMeasurement {
  /** Bytes the program wrote in reaction to the key (until quietMs of silence). */
  bytes: number;
  /** Key written → first byte read. */
  latencyMs: number;
  /** Key written → last byte before the quiet period. */
  settleMs: number;
}

/** The tty's termios as `stty -a` reports it (read through the pty master). */
export interface TtyState {
  icanon: boolean;
  echo: boolean;
  isig: boolean;
  icrnl: boolean;
  opost: boolean;
  /** !icanon */
  raw: boolean;
  /** icanon && echo && isig && icrnl && opost: what a shell expects to get back. */
  cooked: boolean;
  /** The raw `stty -a` text. */
  stty: string;
}

export interface TerminalModes {
  /** term.buffer.active.type === 'alternate' (DECSET 47/1047/1049). */
  altScreen: boolean;
  /** DECTCEM (?25h/?25l), tracked from the parsed stream (xterm has no public accessor). */
  cursorVisible: boolean;
  bracketedPaste: boolean;
  mouseTracking: 'none' | 'x10' | 'vt200' | 'drag' | 'any';
  /** Mouse report encoding (?1005/?1006/?1015/?1016). */
  mouseEncoding: 'default' | 'utf8' | 'sgr' | 'urxvt' | 'sgr-pixels';
  focusEvents: boolean;
  applicationCursorKeys: boolean;
  applicationKeypad: boolean;
  synchronizedOutput: boolean;
  autoWrap: boolean;
  /** Current kitty keyboard protocol flags (0 = off). */
  kittyKeyboard: number;
  /** Entries pushed with CSI > u and not popped. */
  kittyKeyboardStack: number;
  /** xterm modifyOtherKeys level (0 = off). */
  modifyOtherKeys: number;
  /**
   * The tty's termios from the last probe: after exit, the state the program left behind; undefined when probing
   * is off or failed (no `stty`, not Linux).
   */
  tty: TtyState | undefined;
}

export interface CellInfo {
  chars: string;
  /** 1, 2 for a wide character, 0 for the trailing half of one. */
  width: number;
  /** Palette index or 0xRRGGBB, or 'default'. */
  fg: number | 'default';
  bg: number | 'default';
  fgMode: 'default' | 'palette' | 'rgb';
  bgMode: 'default' | 'palette' | 'rgb';
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
}

export interface Tui {
  readonly pid: number;
  readonly cols: number;
  readonly rows: number;
  /** The visible rows, each right-trimmed, joined by '\n' (always `rows` lines). */
  screen(): string;
  /** One visible row, right-trimmed; negative y counts from the bottom (-1 = last row). */
  line(y: number): string;
  cursor(): {x: number; y: number; visible: boolean};
  /** Text and attributes of one cell of the visible screen (y may be negative); undefined when x is off-screen. */
  cell(x: number, y: number): CellInfo | undefined;
  /**
   * Resolves once `pred(screen())` is true. Re-evaluated after every parsed write (never polled on a timer); frames
   * held in synchronized output (?2026h) are not looked at until they end (at most 1 s). Rejects with the description
   * and the screen on timeout, as soon as the process has exited without it becoming true, or on close().
   */
  waitFor(pred: (screen: string) => boolean, options?: WaitOptions): Promise<void>;
  waitForText(text: string | RegExp, options?: WaitOptions): Promise<void>;
  /** Resolves after `quietMs` (default 50) without output, counted from the call; rejects after options.timeout. */
  waitForIdle(quietMs?: number, options?: {timeout?: number}): Promise<void>;
  /** Sends keys (names or raw strings, see keyToBytes), each in its own write, separated by a short quiet gap. */
  press(...keys: string[]): Promise<void>;
  /** Sends text in one write (as a fast typist or a paste without bracketed-paste markers would). */
  type(text: string): Promise<void>;
  /** Resizes the emulator and the pty (the program gets SIGWINCH). */
  resize(cols: number, rows: number): void;
  /** Bytes read from the pty since spawn or the last resetByteCount(). */
  bytesWritten(): number;
  /** Bytes read from the pty since spawn. */
  totalBytes(): number;
  resetByteCount(): void;
  /** Raw output (UTF-8 decoded) since spawn or the last resetByteCount(); keeps the last 8 MB. */
  rawOutput(): string;
  /**
   * Waits for quiet, sends one key, and measures: key → first byte, key → last byte before `quietMs` of silence,
   * and the bytes in between. Throws if nothing arrives within options.timeout (default 10 s).
   */
  measureKey(key: string, options?: {quietMs?: number; timeout?: number}): Promise<KeyMeasurement>;
  /** Settles (never rejects) once the process has exited and all its output has been parsed. */
  readonly exited: Promise<ExitStatus>;
  /** The exit status if the pty reported exit (exited may still be settling). */
  exitStatus(): ExitStatus | undefined;
  /** Signals the process (default SIGTERM). No-op once it has exited. */
  kill(signal?: NodeJS.Signals): void;
  /**
   * Closes the terminal as a dropped SSH link does: the pty master is closed (the program's tty reads and writes
   * fail with EIO) and the program gets SIGHUP. The screen stops updating; `exited` still settles.
   */
  hangup(): void;
  terminalModes(): TerminalModes;
  /** Reads the tty's termios now (after exit: the state at exit). */
  ttyState(): Promise<TtyState | undefined>;
  /** What is left on that a shell would not want (empty = restored). Usable any time. */
  restoreProblems(): string[];
  /** Throws a descriptive error unless the process has exited and left the terminal restored. */
  assertRestored(): void;
  /** Screen (framed), exit status and the last bytes received: for error messages. */
  describe(): string;
  /** Kills the process group (SIGKILL) if still running, waits for exit (≤ 3 s) and disposes. Idempotent. */
  close(): Promise<void>;
}

export const REPO_ROOT: string;
/** dist/cli.js of this checkout. */
export const CLI_PATH: string;
export const DEFAULT_TIMEOUT_MS: number;
export const DEFAULT_QUIET_MS: number;
export const STRIPPED_ENV: readonly string[];

export function buildEnv(overrides: Record<string, string | undefined> | undefined, inherit?: boolean): Record<string, string>;
export function formatScreen(
  screen: string,
  size: {cols: number; rows: number; cursor?: {x: number; y: number; visible: boolean}},
): string;
export function parseStty(text: string): TtyState;
export function spawnTui(opts: SpawnTuiOptions): Promise<Tui>;
/** Spawns `node dist/cli.js ...args` (cwd: the repo root); rejects with a hint when dist/cli.js is missing. */
export function spawnCli(opts: Omit<SpawnTuiOptions, 'command'>): Promise<Tui>;
