// The real terminal: alternate screen in, coalesced writes, and a restore that runs on every way out
// (quit, uncaught error, SIGINT, SIGTERM, SIGHUP). Ink 6.8 has no alternate-screen option, so we do it here.

export const ENTER = '\x1b[?1049h\x1b[H\x1b[?25l';
/** Leave the alternate screen, show the cursor, reset attributes, turn off bracketed paste and mouse modes. */
export const RESTORE = '\x1b[0m\x1b[?2004l\x1b[?1000l\x1b[?1002l\x1b[?1006l\x1b[?25h\x1b[?1049l';

/**
 * Ink makes three write() calls per frame (begin-sync, frame, end-sync); one write per tick halves the syscalls
 * and keeps each frame in one packet over SSH. Counting here also gives the bytes-per-keystroke figure.
 */
export function coalescingStdout(target: NodeJS.WriteStream): NodeJS.WriteStream {
  let buf: string[] = [];
  let cbs: (() => void)[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const data = buf.join('');
    const done = cbs;
    buf = [];
    cbs = [];
    // A terminal that is gone (see watchTerminalLoss) takes nothing more; callers still get their callbacks.
    if (target.destroyed || target.writableEnded) done.forEach((f) => f());
    else target.write(data, () => done.forEach((f) => f()));
  };
  const write = (chunk: string | Uint8Array, enc?: unknown, cb?: unknown): boolean => {
    buf.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const f = typeof enc === 'function' ? enc : cb;
    if (typeof f === 'function') cbs.push(f as () => void);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
    return true;
  };
  return new Proxy(target, {
    get(obj, prop, recv) {
      if (prop === 'write') return write;
      const v = Reflect.get(obj, prop, recv) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(obj) : v;
    },
  });
}

export interface TerminalSession {
  restore(): void;
}

/** Enter the alternate screen and arrange for the terminal to be restored exactly once, whatever happens. */
export function enterFullscreen(out: NodeJS.WriteStream, input: NodeJS.ReadStream): TerminalSession {
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      if (input.isTTY && input.isRaw) input.setRawMode(false);
    } catch {
      // stdin may already be gone (SIGHUP); nothing left to restore there.
    }
    try {
      out.write(RESTORE);
    } catch {
      // The terminal is gone; nothing to restore.
    }
  };
  out.write(ENTER);
  process.once('exit', restore);
  return {restore};
}

/** Codes a tty read or write fails with once the terminal is gone (SSH link dropped, pty master closed). */
const TERMINAL_LOST = new Set(['EIO', 'EPIPE', 'ENXIO', 'ECONNRESET', 'ERR_STREAM_DESTROYED']);

const errorCode = (e: unknown) => (e as {code?: unknown} | null)?.code;

/** A failed read or write on the terminal's own streams that means it is gone. */
export function isTerminalLost(e: unknown): boolean {
  const code = errorCode(e);
  return typeof code === 'string' && TERMINAL_LOST.has(code);
}

/**
 * An error from anywhere that only a vanished tty produces (EIO, ENXIO: e.g. setRawMode after a hangup). EPIPE and
 * ECONNRESET also come from sockets (port forwards, the endpoint), so they do not count unless a terminal stream
 * reported them.
 */
export function isTtyGone(e: unknown): boolean {
  const code = errorCode(e);
  return code === 'EIO' || code === 'ENXIO';
}

/**
 * Losing the terminal is a hangup, not a crash: the first failed read or write on `streams` calls `onLost` (once),
 * and the streams stop writing. Other stream errors go to `onError`. The listeners stay until exit, so the writes
 * still in flight (the last frame, the restore sequence) fail quietly.
 */
export function watchTerminalLoss(streams: readonly (NodeJS.ReadStream | NodeJS.WriteStream)[], onLost: () => void,
  onError: (e: unknown) => void): void {
  let lost = false;
  const handle = (e: unknown) => {
    if (!isTerminalLost(e)) return onError(e);
    for (const s of streams) s.destroy();
    if (lost) return;
    lost = true;
    onLost();
  };
  for (const s of streams) s.on('error', handle);
}
