// Timing and memory helpers for benchmarks. Types: timer.d.mts.
import {performance} from 'node:perf_hooks';

/** Monotonic milliseconds. */
export const now = () => performance.now();

/**
 * A stopwatch: `elapsed()` since start, `lap()` since the previous lap (or start).
 * @returns {{elapsed(): number; lap(): number}}
 */
export const stopwatch = () => {
  const start = performance.now();
  let last = start;
  return {
    elapsed: () => performance.now() - start,
    lap: () => {
      const t = performance.now();
      const d = t - last;
      last = t;
      return d;
    },
  };
};

/**
 * Runs `fn` (sync or async) and returns its result with wall time and this process's CPU time (user + system) in ms.
 * @template T
 * @param {() => T | Promise<T>} fn
 * @returns {Promise<{result: T; ms: number; cpuMs: number}>}
 */
export const time = async (fn) => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {result, ms, cpuMs: (cpu.user + cpu.system) / 1000};
};

/**
 * Runs `fn` `warmup` times unmeasured, then `iterations` times, and returns each run's wall time in ms.
 * @param {() => unknown} fn
 * @param {{iterations: number; warmup?: number}} opts
 * @returns {Promise<number[]>}
 */
export const sample = async (fn, {iterations, warmup = 0}) => {
  for (let i = 0; i < warmup; i++) await fn();
  /** @type {number[]} */
  const out = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
};

/**
 * This process's memory in MB, after a full GC when node runs with --expose-gc (as `npm run bench` does).
 * @returns {{rssMB: number; heapUsedMB: number; externalMB: number; gc: boolean}}
 */
export const memoryMB = () => {
  const gc = /** @type {{gc?: () => void}} */ (globalThis).gc;
  if (gc) gc();
  const m = process.memoryUsage();
  const mb = (/** @type {number} */ b) => b / (1024 * 1024);
  return {rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external), gc: gc !== undefined};
};
