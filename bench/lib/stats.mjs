// Summary statistics for benchmark samples. Types: stats.d.mts.

/**
 * Percentiles by linear interpolation between closest ranks (numpy's default, "type 7"): p0 = min, p100 = max,
 * p50 of [1, 2, 3, 4] = 2.5. Keys are `p${p}` (`p99.9` for 99.9).
 * @param {readonly number[]} samples
 * @param {readonly number[]} [ps]
 * @returns {Record<string, number>}
 */
export const percentiles = (samples, ps = [50, 95, 99]) => {
  if (samples.length === 0) throw new RangeError('percentiles: no samples');
  for (const s of samples) {
    if (!Number.isFinite(s)) throw new RangeError(`percentiles: non-finite sample ${s}`);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  /** @type {Record<string, number>} */
  const out = {};
  for (const p of ps) {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentiles: ${p} is not in [0, 100]`);
    const rank = (p / 100) * (sorted.length - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    const a = /** @type {number} */ (sorted[lo]);
    const b = /** @type {number} */ (sorted[hi]);
    out[`p${p}`] = a + (b - a) * (rank - lo);
  }
  return out;
};

/**
 * @param {readonly number[]} samples
 * @returns {{n: number; min: number; max: number; mean: number; stddev: number; p50: number; p95: number; p99: number}}
 */
export const summarize = (samples) => {
  const p = percentiles(samples, [0, 50, 95, 99, 100]);
  const n = samples.length;
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) : 0;
  return {
    n,
    min: /** @type {number} */ (p.p0),
    max: /** @type {number} */ (p.p100),
    mean,
    stddev: Math.sqrt(variance),
    p50: /** @type {number} */ (p.p50),
    p95: /** @type {number} */ (p.p95),
    p99: /** @type {number} */ (p.p99),
  };
};
