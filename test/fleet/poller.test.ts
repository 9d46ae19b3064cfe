import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createPoller, type ErrorClass, type PollerOptions, type PollerState} from '../../src/fleet/poller.js';
import {pollerErrorClass} from '../../src/aws/errors.js';

const T0 = 1_700_000_000_000;

interface Call {
  at: number;
  signal: AbortSignal;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** A fetch the test settles by hand (or after `durationMs` / with `fail`), recording overlap. */
function harness(opts: {durationMs?: number; fail?: (n: number) => unknown} = {}) {
  const calls: Call[] = [];
  let active = 0;
  let maxActive = 0;
  const fetch = (signal: AbortSignal): Promise<void> => new Promise<void>((resolve, reject) => {
    const n = calls.length;
    active++;
    maxActive = Math.max(maxActive, active);
    const done = (): void => {
      active--;
    };
    const call: Call = {
      at: Date.now(), signal,
      resolve: () => { done(); resolve(); },
      reject: (e) => { done(); reject(e); },
    };
    calls.push(call);
    const settle = (): void => {
      const err = opts.fail?.(n);
      if (err === undefined) call.resolve();
      else call.reject(err);
    };
    // 0 ms settles on a microtask: a 0 ms fake timer would still take 1 ms, as in Node.
    if (opts.durationMs === 0) queueMicrotask(settle);
    else if (opts.durationMs !== undefined) setTimeout(settle, opts.durationMs);
  });
  const states: PollerState[] = [];
  const make = (extra: Partial<PollerOptions> = {}) => createPoller({
    fetch, intervalMs: 5_000, random: () => 0, onState: (s) => states.push(s), classifyError: pollerErrorClass, ...extra,
  });
  return {calls, states, make, maxActive: () => maxActive, times: () => calls.map((c) => c.at - T0)};
}

const throttle = Object.assign(new Error('Rate exceeded'), {name: 'ThrottlingException'});
const boom = new Error('socket hang up');

beforeEach(() => {
  vi.useFakeTimers({now: T0});
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createPoller', () => {
  it('fetches at once, then intervalMs after each fetch completes', async () => {
    const h = harness({durationMs: 3_000});
    const p = h.make();
    p.start();
    expect(h.calls).toHaveLength(1);
    expect(p.getState()).toMatchObject({status: 'loading', inFlight: true});
    await vi.advanceTimersByTimeAsync(3_000);
    expect(p.getState()).toMatchObject({status: 'ok', inFlight: false, lastSuccessAt: T0 + 3_000, nextAttemptAt: T0 + 8_000});
    await vi.advanceTimersByTimeAsync(20_000);
    expect(h.times()).toEqual([0, 8_000, 16_000]);
    p.stop();
  });

  it('never overlaps, even when a fetch outlasts the interval and refreshes are spammed', async () => {
    const h = harness({durationMs: 12_000});
    const p = h.make({intervalMs: 1_000});
    p.start();
    for (let t = 0; t < 60; t++) {
      p.refreshNow();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(h.maxActive()).toBe(1);
    expect(h.calls.length).toBeGreaterThan(1);
    p.stop();
  });

  it('backs off exponentially on transient errors, capped at 60 s, and resets on success', async () => {
    const h = harness({durationMs: 0, fail: (n) => (n < 7 ? boom : undefined)});
    const p = h.make();
    p.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(p.getState()).toMatchObject({
      status: 'error', lastError: 'socket hang up', lastErrorKind: 'transient', consecutiveFailures: 1,
      nextAttemptAt: T0 + 5_000,
    });
    await vi.advanceTimersByTimeAsync(300_000);
    // delays 5, 10, 20, 40, 60, 60, 60 s after failures 1–7, then the regular 5 s
    const gaps = h.times().slice(1).map((t, i) => t - (h.times()[i] ?? 0));
    expect(gaps.slice(0, 8)).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000, 5_000]);
    expect(p.getState()).toMatchObject({status: 'ok', consecutiveFailures: 0, lastError: undefined});
    p.stop();
  });

  it('starts higher when throttled and reports it', async () => {
    const h = harness({durationMs: 0, fail: (n) => (n < 3 ? throttle : undefined)});
    const p = h.make();
    p.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(p.getState()).toMatchObject({
      status: 'throttled', lastErrorKind: 'throttle', lastError: 'Rate exceeded', nextAttemptAt: T0 + 10_000,
    });
    await vi.advanceTimersByTimeAsync(100_000);
    expect(h.times().slice(0, 5)).toEqual([0, 10_000, 30_000, 70_000, 75_000]);
    p.stop();
  });

  it('takes jitter off the backoff delay, from the injected random', async () => {
    const h = harness({durationMs: 0, fail: () => boom});
    const p = h.make({random: () => 1, jitter: 0.5, throttleBaseMs: 1, maxBackoffMs: 60_000});
    p.start();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(h.times()).toEqual([0, 2_500, 7_500, 17_500]);
    p.stop();
  });

  it('stops scheduling after a fatal error; refreshNow retries', async () => {
    const denied = Object.assign(new Error('not authorized'), {name: 'AccessDeniedException'});
    const h = harness({durationMs: 0, fail: (n) => (n === 0 ? denied : undefined)});
    const p = h.make();
    p.start();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(h.calls).toHaveLength(1);
    expect(p.getState()).toMatchObject({status: 'error', lastErrorKind: 'fatal', nextAttemptAt: undefined});
    p.refreshNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(p.getState()).toMatchObject({status: 'ok', nextAttemptAt: Date.now() + 5_000});
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.calls).toHaveLength(3);
    p.stop();
  });

  it('uses a custom classifier', async () => {
    const classify = vi.fn((): ErrorClass => 'throttle');
    const h = harness({durationMs: 0, fail: () => boom});
    const p = h.make({classifyError: classify});
    p.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(classify).toHaveBeenCalledWith(boom);
    expect(p.getState().status).toBe('throttled');
    p.stop();
  });

  it('stop() aborts the fetch in flight, drops its result and cancels timers', async () => {
    const h = harness();
    const p = h.make();
    p.start();
    const first = h.calls[0]!;
    p.stop();
    expect(first.signal.aborted).toBe(true);
    expect(p.getState()).toMatchObject({status: 'stopped', inFlight: false});
    const seen = h.states.length;
    first.resolve();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.states.length).toBe(seen);
    expect(h.calls).toHaveLength(1);
  });

  it('a restart waits for an aborted fetch to settle before fetching again', async () => {
    const h = harness();
    const p = h.make();
    p.start();
    p.stop();
    p.start();
    expect(h.calls).toHaveLength(1);
    expect(p.getState()).toMatchObject({status: 'loading', inFlight: true});
    h.calls[0]!.reject(new Error('aborted'));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.calls).toHaveLength(2);
    expect(h.maxActive()).toBe(1);
    h.calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(p.getState().status).toBe('ok');
    p.stop();
  });

  it('pause() defers the next run; resume() runs at once when it fell due', async () => {
    const h = harness({durationMs: 0});
    const p = h.make();
    p.start();
    await vi.advanceTimersByTimeAsync(1_000);
    p.pause();
    expect(p.getState()).toMatchObject({status: 'paused', nextAttemptAt: undefined});
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.calls).toHaveLength(1);
    p.resume();
    expect(h.calls).toHaveLength(2);
    expect(h.times()[1]).toBe(31_000);
    p.stop();
  });

  it('resume() before the next run is due waits out the rest', async () => {
    const h = harness({durationMs: 0});
    const p = h.make();
    p.start();
    await vi.advanceTimersByTimeAsync(1_000);
    p.pause();
    await vi.advanceTimersByTimeAsync(2_000);
    p.resume();
    expect(p.getState()).toMatchObject({status: 'ok', nextAttemptAt: T0 + 5_000});
    await vi.advanceTimersByTimeAsync(1_999);
    expect(h.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.calls).toHaveLength(2);
    p.stop();
  });

  it('a fetch in flight when paused finishes but schedules nothing until resume', async () => {
    const h = harness({durationMs: 1_000});
    const p = h.make();
    p.start();
    p.pause();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.calls).toHaveLength(1);
    expect(p.getState()).toMatchObject({status: 'paused', lastSuccessAt: T0 + 1_000});
    p.resume();
    expect(h.calls).toHaveLength(2);
    p.stop();
  });

  it('refreshNow() runs at once when idle and restarts the wait', async () => {
    const h = harness({durationMs: 0});
    const p = h.make();
    p.start();
    await vi.advanceTimersByTimeAsync(2_000);
    p.refreshNow();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(h.times()).toEqual([0, 2_000, 7_000]);
    p.stop();
  });

  it('refreshNow() during a fetch coalesces into exactly one more run', async () => {
    const h = harness({durationMs: 1_000});
    const p = h.make();
    p.start();
    p.refreshNow();
    p.refreshNow();
    p.refreshNow();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.times()).toEqual([0, 1_000]);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(h.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.times()).toEqual([0, 1_000, 7_000]);
    expect(h.maxActive()).toBe(1);
    p.stop();
  });

  it('setInterval() re-times the current wait', async () => {
    const h = harness({durationMs: 0});
    const p = h.make();
    p.start();
    await vi.advanceTimersByTimeAsync(1_000);
    p.setInterval(2_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.times()).toEqual([0, 2_000]);
    p.setInterval(30_000);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(h.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.calls).toHaveLength(3);
    expect(() => p.setInterval(0)).toThrow(RangeError);
    p.stop();
  });

  it('sanitizes error messages and reports non-Error throws', async () => {
    const h = harness({durationMs: 0, fail: (n) => (n === 0 ? new Error('bad\u001b[2J') : 'plain string')});
    const p = h.make();
    p.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(p.getState().lastError).toBe('bad␛[2J');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(p.getState()).toMatchObject({lastError: 'plain string', consecutiveFailures: 2});
    p.stop();
  });

  it('a synchronous throw from fetch counts as a failure', async () => {
    const p = createPoller({
      fetch: () => { throw boom; }, intervalMs: 1_000, random: () => 0, onState: () => {}, classifyError: pollerErrorClass,
    });
    p.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(p.getState()).toMatchObject({status: 'error', lastError: 'socket hang up'});
    p.stop();
  });
});

describe('pollerErrorClass', () => {
  it.each<[unknown, ErrorClass]>([
    [{name: 'ThrottlingException'}, 'throttle'],
    [{name: 'RequestLimitExceeded'}, 'throttle'],
    [{name: 'TooManyRequestsException'}, 'throttle'],
    [{name: 'Whatever', $metadata: {httpStatusCode: 429}}, 'throttle'],
    [{name: 'AccessDeniedException'}, 'fatal'],
    [{name: 'UnauthorizedOperation'}, 'fatal'],
    [{name: 'ExpiredTokenException'}, 'fatal'],
    [{name: 'CredentialsProviderError'}, 'fatal'],
    [{name: 'Whatever', $metadata: {httpStatusCode: 403}}, 'fatal'],
    [{name: 'InternalServerError', $metadata: {httpStatusCode: 500}}, 'transient'],
    [new Error('ECONNRESET'), 'transient'],
    ['string', 'transient'],
    [null, 'transient'],
  ])('%j → %s', (error, expected) => {
    expect(pollerErrorClass(error)).toBe(expected);
  });
});
