// A refresh loop that never overlaps itself and backs off when AWS pushes back (k9s's table updater, minus the
// overlaps). One fetch at a time: the next one is scheduled only after the previous one has settled.
//
//   start()       fetch now, then every intervalMs measured from the end of each fetch
//   failure       wait min(cap, base × 2^(n−1)) for the n-th consecutive failure, minus up to `jitter` of it;
//                 base = intervalMs for transient errors, throttleBaseMs for throttling; cap = maxBackoffMs
//   fatal error   (access denied, expired credentials) stop scheduling; refreshNow() or stop()/start() retries
//   pause()       a dialog is open: nothing new starts (a fetch in flight finishes); resume() runs at once if the
//                 next run fell due meanwhile, else waits out the rest of the delay
//   refreshNow()  run at once; during a fetch, exactly one more run follows it however often it was asked
//   stop()        abort the fetch in flight (its result is dropped), cancel timers
import {sanitizeText} from './sanitize.js';

export type ErrorClass = 'throttle' | 'transient' | 'fatal';
/** `loading`: no fetch has finished yet. Otherwise the outcome of the last fetch, unless paused or stopped. */
export type PollerStatus = 'loading' | 'ok' | 'error' | 'throttled' | 'paused' | 'stopped';

export interface PollerState {
  status: PollerStatus;
  /** A fetch is running now. */
  inFlight: boolean;
  lastSuccessAt?: number;
  /** The last failure's message (sanitized); cleared by a success. */
  lastError?: string;
  lastErrorKind?: ErrorClass;
  /** When the next fetch is due; absent while paused, stopped, in flight, or halted by a fatal error. */
  nextAttemptAt?: number;
  consecutiveFailures: number;
}

export interface PollerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PollerOptions {
  fetch: (signal: AbortSignal) => Promise<void>;
  intervalMs: number;
  onState: (state: PollerState) => void;
  /** Which kind of failure an error is (aws/errors.ts `pollerErrorClass` for AWS calls). */
  classifyError: (error: unknown) => ErrorClass;
  /** First delay after a throttling error. Default max(2 × intervalMs, 5 s). */
  throttleBaseMs?: number;
  /** Longest backoff (never shorter than intervalMs). Default 60 s. */
  maxBackoffMs?: number;
  /** Fraction of a backoff delay taken off at random, 0–1. Default 0.2. */
  jitter?: number;
  random?: () => number;
  now?: () => number;
  timers?: PollerTimers;
}

export interface Poller {
  start(): void;
  stop(): void;
  pause(): void;
  resume(): void;
  refreshNow(): void;
  setInterval(ms: number): void;
  getState(): PollerState;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return sanitizeText(error.message || error.name);
  return sanitizeText(String(error));
}

const realTimers: PollerTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createPoller(options: PollerOptions): Poller {
  const timers = options.timers ?? realTimers;
  const now = options.now ?? (() => Date.now());
  const random = options.random ?? Math.random;
  const classify = options.classifyError;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.2));
  let intervalMs = checkInterval(options.intervalMs);

  let started = false;
  let paused = false;
  let halted = false; // a fatal error: nothing is scheduled until refreshNow() or a restart
  let busy = false; // a fetch has not settled yet (even one that stop() aborted)
  let rerun = false;
  let generation = 0; // bumped by stop(): results of older fetches are dropped
  let controller: AbortController | undefined;
  let timer: unknown;
  let dueAt: number | undefined;
  let outcome: 'loading' | 'ok' | 'error' | 'throttled' = 'loading';
  let finishedAt: number | undefined;
  let lastSuccessAt: number | undefined;
  let lastError: string | undefined;
  let lastErrorKind: ErrorClass | undefined;
  let failures = 0;
  let current = snapshot();

  function snapshot(): PollerState {
    const status = !started ? 'stopped' : paused ? 'paused' : outcome;
    const scheduled = started && !paused && !busy && timer !== undefined;
    return {
      status, inFlight: started && busy, lastSuccessAt, lastError, lastErrorKind,
      nextAttemptAt: scheduled ? dueAt : undefined, consecutiveFailures: failures,
    };
  }

  function emit(): void {
    current = snapshot();
    options.onState(current);
  }

  function clearTimer(): void {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  }

  /** Set the next run `delay` ms from now; while paused only remember when it is due. */
  function schedule(delay: number): void {
    clearTimer();
    dueAt = now() + delay;
    if (!paused) {
      timer = timers.setTimeout(() => {
        timer = undefined;
        run();
      }, delay);
    }
  }

  function backoff(n: number, kind: ErrorClass): number {
    const base = kind === 'throttle' ? (options.throttleBaseMs ?? Math.max(2 * intervalMs, 5_000)) : intervalMs;
    const cap = Math.max(options.maxBackoffMs ?? 60_000, intervalMs);
    const raw = Math.min(cap, base * 2 ** Math.min(n - 1, 30));
    return Math.round(raw * (1 - jitter * random()));
  }

  function run(): void {
    if (!started) return;
    if (busy) {
      rerun = true;
      return;
    }
    clearTimer();
    halted = false;
    dueAt = undefined;
    busy = true;
    const ctrl = new AbortController();
    controller = ctrl;
    emit();
    void cycle(generation, ctrl.signal);
  }

  async function cycle(gen: number, signal: AbortSignal): Promise<void> {
    let failed = false;
    let error: unknown;
    try {
      await options.fetch(signal);
    } catch (e) {
      failed = true;
      error = e;
    }
    busy = false;
    controller = undefined;
    if (gen !== generation) {
      // stop() dropped this fetch. If start() came meanwhile, it has been waiting for this one to settle.
      if (started) run();
      return;
    }
    finishedAt = now();
    let delay = intervalMs;
    if (!failed) {
      failures = 0;
      outcome = 'ok';
      lastSuccessAt = finishedAt;
      lastError = undefined;
      lastErrorKind = undefined;
    } else {
      failures++;
      const kind = classify(error);
      lastError = messageOf(error);
      lastErrorKind = kind;
      outcome = kind === 'throttle' ? 'throttled' : 'error';
      if (kind === 'fatal') halted = true;
      else delay = backoff(failures, kind);
    }
    if (rerun) {
      rerun = false;
      run();
      return;
    }
    if (halted) dueAt = undefined;
    else schedule(delay);
    emit();
  }

  return {
    start() {
      if (started) return;
      started = true;
      paused = false;
      if (busy) emit(); // an aborted fetch is still settling; cycle() starts the next run when it does
      else run();
    },
    stop() {
      if (!started) return;
      started = false;
      paused = false;
      halted = false;
      rerun = false;
      generation++;
      clearTimer();
      dueAt = undefined;
      controller?.abort();
      emit();
    },
    pause() {
      if (!started || paused) return;
      paused = true;
      clearTimer();
      emit();
    },
    resume() {
      if (!started || !paused) return;
      paused = false;
      if (busy || halted) return emit();
      const remaining = dueAt === undefined ? 0 : dueAt - now();
      if (remaining <= 0) return run();
      schedule(remaining);
      emit();
    },
    refreshNow() {
      run();
    },
    setInterval(ms) {
      intervalMs = checkInterval(ms);
      // Re-time a regular wait; a backoff wait or a fetch in flight picks the new interval up afterwards.
      if (!started || busy || halted || failures > 0 || dueAt === undefined || finishedAt === undefined) return;
      const remaining = finishedAt + intervalMs - now();
      if (paused) dueAt = finishedAt + intervalMs;
      else if (remaining <= 0) run();
      else {
        schedule(remaining);
        emit();
      }
    },
    getState: () => current,
  };
}

function checkInterval(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`poll interval must be a positive number of ms, got ${ms}`);
  return ms;
}
