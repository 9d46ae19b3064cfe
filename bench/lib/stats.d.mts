// Types for stats.mjs.

/** Linear-interpolated percentiles (numpy default); keys `p50`, `p95`, … Throws on no samples or non-finite ones. */
export function percentiles(samples: readonly number[], ps?: readonly number[]): Record<string, number>;

export function summarize(samples: readonly number[]): {
  n: number;
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation (n - 1). */
  stddev: number;
  p50: number;
  p95: number;
  p99: number;
};
