// The user's $EDITOR (or $VISUAL) on the real terminal while the dashboard stays up: the dashboard draws a blank
// frame, stops drawing and reading, leaves the alternate screen, runs the editor on a private temporary file, then
// takes the terminal back and draws everything again — whether the editor succeeded, failed or could not start.
// Shells and forwards keep running meanwhile (nothing blocks the event loop).
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {ENTER, RESTORE} from './fullscreen.js';

/** Drops the dashboard's writes while another program owns the screen, and says when the next write came. */
export interface OutputGate {
  readonly stream: NodeJS.WriteStream;
  held: boolean;
  /** Resolves at the next write that reaches the terminal (or after `timeoutMs`). */
  nextWrite(timeoutMs: number): Promise<void>;
}

export function outputGate(target: NodeJS.WriteStream): OutputGate {
  let waiters: (() => void)[] = [];
  const gate: OutputGate = {
    held: false,
    stream: new Proxy(target, {
      get(obj, prop, recv) {
        if (prop === 'write') {
          return (chunk: string | Uint8Array, enc?: unknown, cb?: unknown): boolean => {
            const done = typeof enc === 'function' ? enc : cb;
            if (gate.held) {
              if (typeof done === 'function') (done as () => void)();
              return true;
            }
            const woken = waiters;
            waiters = [];
            const ok = (obj.write as (c: unknown, e?: unknown, f?: unknown) => boolean)(chunk, enc, cb);
            woken.forEach((w) => w());
            return ok;
          };
        }
        const v = Reflect.get(obj, prop, recv) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(obj) : v;
      },
    }),
    nextWrite: (timeoutMs) => new Promise<void>((resolve) => {
      const t = setTimeout(resolve, timeoutMs);
      waiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    }),
  };
  return gate;
}

/** Stops (or restarts) reading a tty: a paused stream would otherwise keep reading into its buffer the keys meant for the editor. */
function reading(input: NodeJS.ReadStream, on: boolean): void {
  const handle = (input as unknown as {_handle?: {reading?: boolean; readStop?: () => number; readStart?: () => number}})._handle;
  if (on) {
    input.resume();
    // resume() alone does not start the handle again: the stream still counts the read it had asked for.
    if (handle?.readStart && handle.reading === false) {
      handle.reading = true;
      handle.readStart();
    }
    return;
  }
  input.pause();
  if (handle?.readStop && handle.reading) {
    handle.reading = false;
    handle.readStop();
  }
}

export interface EditorTerminal {
  out: NodeJS.WriteStream;
  input: NodeJS.ReadStream;
  gate: OutputGate;
  /** Tells the dashboard to draw a blank frame (true) or itself again (false). */
  blank: (on: boolean) => void;
}

/** The editor command line: $VISUAL, then $EDITOR, then vi. */
export function editorCommand(env: NodeJS.ProcessEnv): string {
  return env['VISUAL']?.trim() || env['EDITOR']?.trim() || 'vi';
}

/** A file name that says what is edited (the editor shows it), without a path. */
const fileName = (hint: string) => `${hint.replace(/^\/+/, '').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'value'}.txt`;

/**
 * Edits `text` in the user's editor; resolves with the saved text, or undefined when the editor exits with an
 * error. The file is private (0600 in a 0700 directory, in $XDG_RUNTIME_DIR when there is one) and removed after.
 */
export async function editInTerminal(term: EditorTerminal, text: string, hint: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const base = env['XDG_RUNTIME_DIR'] && fs.existsSync(env['XDG_RUNTIME_DIR']) ? env['XDG_RUNTIME_DIR'] : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, 'fleetdeck-edit-'));
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, fileName(hint));
  fs.writeFileSync(file, text, {mode: 0o600});
  const wasRaw = term.input.isTTY === true && term.input.isRaw;
  term.blank(true);
  await term.gate.nextWrite(500);
  term.gate.held = true;
  reading(term.input, false);
  try {
    if (term.input.isTTY) term.input.setRawMode(false);
    term.out.write(RESTORE);
    const code = await new Promise<number>((resolve) => {
      // Through the shell, as git runs it: EDITOR may carry arguments ("code --wait").
      const child = spawn('/bin/sh', ['-c', `${editorCommand(env)} "$1"`, 'fleetdeck-editor', file], {stdio: 'inherit', env});
      child.on('error', () => resolve(127));
      child.on('exit', (c) => resolve(c ?? 1));
    });
    return code === 0 ? fs.readFileSync(file, 'utf8') : undefined;
  } finally {
    fs.rmSync(dir, {recursive: true, force: true});
    // Cleared as well: an editor that left the alternate screen dirty (or never left it) leaves nothing behind.
    term.out.write(`${ENTER}\x1b[2J\x1b[H`);
    if (term.input.isTTY && wasRaw) term.input.setRawMode(true);
    reading(term.input, true);
    term.gate.held = false;
    term.blank(false);
  }
}
