// How a run pauses between its calls to SSM: the poll pace after a send, and the backoff (and when to give up) while
// SSM does not answer. run-orchestrator.ts decides what to call; this decides when.
import type {RunCommandApi} from './port.js';

export interface RunInterruption {
  /** The last failed call, sanitized. */
  error: string;
  /** When calls started failing (epoch ms). */
  since: number;
  /** When the next try is (epoch ms). */
  retryAt: number;
}

/** The first poll after a send comes this soon: nodes acknowledge within moments, short jobs end within moments. */
const FIRST_POLL_MS = 25;
/** The longest pause while ids still wait behind the ramp-up or the concurrency limit. */
const RAMP_POLL_MS = 250;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 15_000;
const FATAL_IN_A_ROW = 3;

/**
 * When to poll: soon after a send, then twice as late each round up to the poll interval (at most RAMP_POLL_MS while
 * ids are queued), so a ramp-up step and a short job's end are seen within moments and a long job costs a few more
 * rounds at its start only.
 */
export class PollPace {
  private nextMs = FIRST_POLL_MS;
  constructor(private readonly pollMs: number) {}

  sent(): void {
    this.nextMs = FIRST_POLL_MS;
  }

  /** The pause before the next round. */
  take(queued: boolean): number {
    const ms = Math.min(this.pollMs, this.nextMs, queued ? RAMP_POLL_MS : Infinity);
    this.nextMs = Math.min(this.pollMs, this.nextMs * 2);
    return ms;
  }
}

export /** Resolves after `ms`, or at once when `signal` aborts (a cancel or Ctrl+C must not wait for a backoff). */
const defaultSleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
  if (signal?.aborted) return resolve();
  const t = setTimeout(done, ms);
  function done() {
    clearTimeout(t);
    signal?.removeEventListener('abort', done);
    resolve();
  }
  signal?.addEventListener('abort', done, {once: true});
});

/** Consecutive failed calls: the backoff, what the user is told, and when to give up. */
export class Outage {
  since: number | undefined;
  private failures = 0;
  private fatal = 0;
  error = '';
  lastKind: 'throttle' | 'transient' | 'fatal' | undefined;
  constructor(private readonly api: RunCommandApi, private readonly now: () => number) {}

  ok(): void {
    this.since = undefined;
    this.failures = 0;
    this.fatal = 0;
  }

  /** Records a failed call; returns its kind. */
  fail(e: unknown): 'throttle' | 'transient' | 'fatal' {
    const kind = this.api.classifyError(e);
    this.lastKind = kind;
    this.since ??= this.now();
    this.failures++;
    this.fatal = kind === 'fatal' ? this.fatal + 1 : 0;
    this.error = this.api.describeError(e);
    return kind;
  }

  delayMs(): number {
    return Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(this.failures - 1, 4));
  }

  gaveUp(giveUpMs: number): string | undefined {
    if (this.since === undefined) return undefined;
    if (this.fatal >= FATAL_IN_A_ROW) return `SSM keeps refusing to answer about this run (${this.error})`;
    const waited = this.now() - this.since;
    if (waited < giveUpMs) return undefined;
    return `could not reach SSM for ${Math.round(waited / 60_000)} min (last error: ${this.error})`;
  }

  interruption(): RunInterruption | undefined {
    return this.since === undefined ? undefined : {error: this.error, since: this.since, retryAt: this.now() + this.delayMs()};
  }
}
