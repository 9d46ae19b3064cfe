// The one module that imports @lydell/node-pty. Everything else spawns pseudo-terminals through `spawnPty`, which
// works in bytes (Buffers both ways), so callers never see node-pty's string decoding.

import {spawn} from '@lydell/node-pty';

export interface PtyOptions {
  cols: number;
  rows: number;
  cwd: string;
  /** The complete environment of the child (nothing is inherited). */
  env: Record<string, string>;
  /** TERM (default xterm-256color). */
  name?: string;
}

export interface PtyExit {
  exitCode: number;
  /** The signal number that ended the child, when one did. */
  signal?: number;
}

export interface PtyProcess {
  readonly pid: number;
  write(data: Uint8Array | string): void;
  resize(cols: number, rows: number): void;
  /** Stops reading the master: the kernel buffer fills and the child blocks (flow control). */
  pause(): void;
  resume(): void;
  /** SIGHUP by default, like node-pty. Ignored once the child has exited. */
  kill(signal?: string): void;
  onData(listener: (data: Buffer) => void): void;
  onExit(listener: (exit: PtyExit) => void): void;
  readonly exited: boolean;
}

/** Terminal sizes are 16-bit in the kernel; 0 is meaningless. */
export function clampPtyDimension(value: number): number {
  if (!Number.isFinite(value)) return 1;
  return Math.min(0xffff, Math.max(1, Math.trunc(value)));
}

export function spawnPty(file: string, args: readonly string[], options: PtyOptions): PtyProcess {
  const pty = spawn(file, [...args], {
    name: options.name ?? 'xterm-256color',
    cols: clampPtyDimension(options.cols),
    rows: clampPtyDimension(options.rows),
    cwd: options.cwd,
    env: options.env,
    // null: data arrives as Buffers and writes take Buffers (the typings only describe strings).
    encoding: null,
  });
  let exited = false;
  pty.onExit(() => {
    exited = true;
  });
  return {
    pid: pty.pid,
    write: (data) => {
      if (exited) return;
      (pty.write as (d: Uint8Array | string) => void)(typeof data === 'string' ? data : Buffer.from(data));
    },
    resize: (cols, rows) => {
      if (!exited) pty.resize(clampPtyDimension(cols), clampPtyDimension(rows));
    },
    pause: () => pty.pause(),
    resume: () => pty.resume(),
    kill: (signal) => {
      if (exited) return;
      try {
        pty.kill(signal);
      } catch {
        // Already gone (ESRCH).
      }
    },
    onData: (listener) => {
      pty.onData((data: unknown) => listener(Buffer.isBuffer(data) ? data : Buffer.from(String(data), 'utf8')));
    },
    onExit: (listener) => {
      pty.onExit((e) => listener(e.signal === undefined || e.signal === 0 ? {exitCode: e.exitCode} : {exitCode: e.exitCode, signal: e.signal}));
    },
    get exited() {
      return exited;
    },
  };
}
