// A context's API budget. Systems Manager's limits are per account per region, so every context has its own:
// - a cap on requests in flight: each HTTP attempt takes a slot (inside the SDK's retries, so a call backing off
//   between attempts holds none), and attempts beyond the cap wait in line;
// - a live meter: attempts per second over the last 10 s, throttling answers in the last minute, attempts in flight;
// - background work yields: calls made inside `background(fn)` (the views' polls) queue behind the user's own, and
//   while the context has been throttled recently they get a quarter of the slots and are spaced out, so the
//   account's rate limit is spent on what the user asked for.
//
// Background is marked with AsyncLocalStorage: `background(fn)` runs fn in a flow whose every SDK call (in any
// context: one poll may read several) is background; everything else — key presses, runs, shells — is foreground.
import {AsyncLocalStorage} from 'node:async_hooks';
import type {SSMClient} from '@aws-sdk/client-ssm';
import {classifyAwsError} from '../errors.js';
import type {Stack} from '../clients.js';

const backgroundFlow = new AsyncLocalStorage<true>();

/** Runs fn as background work: its requests yield to the user's in every context they reach. */
export function runInBackground<T>(fn: () => Promise<T>): Promise<T> {
  return backgroundFlow.run(true, fn);
}

export function isBackground(): boolean {
  return backgroundFlow.getStore() === true;
}

export interface BudgetMeter {
  /** HTTP attempts sent in the last 10 s, per second. */
  requestsPerSecond: number;
  /** Throttling answers in the last minute. */
  throttlesLastMinute: number;
  /** Attempts in flight now. */
  inFlight: number;
}

export interface RequestBudgetOptions {
  /** Attempts in flight at once (config maxConcurrentRequests). */
  maxConcurrent: number;
  now?: () => number;
}

type SsmStack = SSMClient['middlewareStack'];
type RelativeMiddleware = Parameters<SsmStack['addRelativeTo']>[0];
type Handler = (args: unknown) => Promise<unknown>;

const RATE_WINDOW_MS = 10_000;
const THROTTLE_WINDOW_MS = 60_000;
/** Background work is held back while a throttle is this recent. */
const CALM_AFTER_MS = 15_000;
/** Background attempts start at least this far apart per recent throttle, up to the maximum. */
const SPACING_PER_THROTTLE_MS = 200;
const MAX_SPACING_MS = 5_000;

interface Waiter {
  background: boolean;
  start: () => void;
}

export class RequestBudget {
  readonly maxConcurrent: number;
  private readonly now: () => number;
  private inFlight = 0;
  private backgroundInFlight = 0;
  private readonly waiting: Waiter[] = [];
  private sent: number[] = [];
  private throttles: number[] = [];
  private nextBackgroundAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly errorListeners = new Set<(err: unknown) => void>();
  private readonly successListeners = new Set<() => void>();

  constructor(opts: RequestBudgetOptions) {
    if (!(Number.isInteger(opts.maxConcurrent) && opts.maxConcurrent >= 1)) throw new Error('maxConcurrent must be a whole number of at least 1');
    this.maxConcurrent = opts.maxConcurrent;
    this.now = opts.now ?? Date.now;
  }

  /** Runs fn as background work (see runInBackground): its requests yield to the user's. */
  background<T>(fn: () => Promise<T>): Promise<T> {
    return runInBackground(fn);
  }

  /** Adds the budget to a client: between the SDK's retries and the signature, so each attempt is counted once. */
  attach(stack: Stack): void {
    const middleware = (next: Handler) => async (args: unknown): Promise<unknown> => {
      const background = isBackground();
      await this.acquire(background);
      this.record(this.sent);
      try {
        const out = await next(args);
        for (const l of this.successListeners) l();
        return out;
      } catch (e) {
        if (classifyAwsError(e) === 'throttle') this.record(this.throttles);
        for (const l of this.errorListeners) l(e);
        throw e;
      } finally {
        this.release(background);
      }
    };
    // Every SDK client's stack takes the same middleware; the SSM stack's type stands for all of them.
    (stack as SsmStack).addRelativeTo(middleware as unknown as RelativeMiddleware,
      {relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'fleetdeckRequestBudget', override: true});
  }

  /** Each attempt's error: the context's health reads credential failures here. */
  onError(listener: (err: unknown) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  onSuccess(listener: () => void): () => void {
    this.successListeners.add(listener);
    return () => this.successListeners.delete(listener);
  }

  meter(): BudgetMeter {
    const now = this.now();
    this.prune(now);
    return {
      requestsPerSecond: Math.round((this.sent.length / (RATE_WINDOW_MS / 1000)) * 10) / 10,
      throttlesLastMinute: this.throttles.length,
      inFlight: this.inFlight,
    };
  }

  /** Attempts waiting for a slot now. */
  queued(): number {
    return this.waiting.length;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // Nothing waits forever once the context is gone: the SDK's own handler fails them (destroyed client).
    for (const w of this.waiting.splice(0)) w.start();
  }

  private record(list: number[]): void {
    const now = this.now();
    list.push(now);
    this.prune(now);
  }

  private prune(now: number): void {
    const firstSent = this.sent.findIndex((t) => t > now - RATE_WINDOW_MS);
    this.sent = firstSent < 0 ? [] : this.sent.slice(firstSent);
    const firstThrottle = this.throttles.findIndex((t) => t > now - THROTTLE_WINDOW_MS);
    this.throttles = firstThrottle < 0 ? [] : this.throttles.slice(firstThrottle);
  }

  /** Throttles recent enough that background work should hold back (0: calm). */
  private recentThrottles(now: number): number {
    let n = 0;
    for (let i = this.throttles.length - 1; i >= 0 && (this.throttles[i] ?? 0) > now - CALM_AFTER_MS; i--) n++;
    return n;
  }

  private acquire(background: boolean): Promise<void> {
    return new Promise((resolve) => {
      const waiter: Waiter = {background, start: () => {
        this.inFlight++;
        if (background) this.backgroundInFlight++;
        resolve();
      }};
      // Background work goes behind every foreground waiter; foreground goes behind foreground only.
      const at = background ? -1 : this.waiting.findIndex((w) => w.background);
      if (at < 0) this.waiting.push(waiter);
      else this.waiting.splice(at, 0, waiter);
      this.pump();
    });
  }

  private release(background: boolean): void {
    this.inFlight--;
    if (background) this.backgroundInFlight--;
    this.pump();
  }

  private pump(): void {
    const now = this.now();
    while (this.waiting.length > 0 && this.inFlight < this.maxConcurrent) {
      const next = this.waiting[0];
      if (next === undefined) return;
      if (next.background) {
        const throttled = this.recentThrottles(now);
        if (throttled > 0) {
          if (this.backgroundInFlight >= Math.max(1, Math.floor(this.maxConcurrent / 4))) return;
          if (now < this.nextBackgroundAt) {
            this.wakeAt(this.nextBackgroundAt);
            return;
          }
          this.nextBackgroundAt = now + Math.min(MAX_SPACING_MS, throttled * SPACING_PER_THROTTLE_MS);
        }
      }
      this.waiting.shift();
      next.start();
    }
  }

  private wakeAt(at: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, Math.max(0, at - this.now()));
  }
}
