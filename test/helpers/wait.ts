// Waiting for a condition instead of a fixed time: the test goes on as soon as the app is there, and a slow machine
// only makes it slower, never wrong.

/** Resolves once `check()` holds (polled every few ms); rejects naming `what` after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Resolves once `read()` (a change counter, a frame) has kept the same value for `quietMs`: the thing watched is
 * idle. Rejects naming `what` after `timeoutMs`.
 */
export async function untilIdle(read: () => unknown, what: string, quietMs = 100, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = read();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} to be idle`);
    await new Promise((r) => setTimeout(r, 5));
    const now = read();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

/** Resolves after the callbacks already queued have run (timers due now, I/O, then this turn's check phase). */
export function nextTurn(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}
