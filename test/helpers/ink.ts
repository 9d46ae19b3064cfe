// Helpers for Ink view tests: wait for a frame condition (never a fixed sleep) and strip styling.
export const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '');

export async function waitForFrame(
  lastFrame: () => string | undefined,
  pred: (frame: string) => boolean,
  description: string,
  timeoutMs = 5_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const f = stripAnsi(lastFrame() ?? '');
    if (pred(f)) return f;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Let Ink process pending input (its parser defers a lone ESC by one tick). */
export const tick = () => new Promise((r) => setImmediate(r));
