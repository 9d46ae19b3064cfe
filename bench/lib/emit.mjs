// Machine-readable benchmark output: one JSON object per line on stdout. Anything for humans goes to stderr (log()).
// Types: emit.d.mts.

export const UNITS = Object.freeze(['ms', 'bytes', 'MB', 'MB/s', 'ratio', 'count', 'percent']);

/** @typedef {import('./emit.d.mts').BenchRecord} BenchRecord */
/** @typedef {import('./emit.d.mts').Target} Target */

/** @type {(line: string) => void} */
let sink = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * Redirects emit() (tests, or a runner that collects records). Returns the previous sink.
 * @param {(line: string) => void} next
 */
export const setSink = (next) => {
  const prev = sink;
  sink = next;
  return prev;
};

/**
 * Whether `value` meets `target`: a number is an upper bound (lower is better: ms, bytes, MB); `{max}` / `{min}` say
 * it explicitly (`{min: 0.9}` for a ratio that must stay high).
 * @param {number} value
 * @param {Target} target
 */
export const meetsTarget = (value, target) => {
  if (typeof target === 'number') return value <= target;
  if (target.max !== undefined && !(value <= target.max)) return false;
  if (target.min !== undefined && !(value >= target.min)) return false;
  return true;
};

/**
 * Prints one result as a JSON line: `{"bench", "metric", "value", "unit", "target"?, "ok"?, …extra}`.
 * `ok` is computed from `target` unless given. Throws on a malformed record (a bench bug, not a measurement).
 * @param {BenchRecord} record
 * @returns {BenchRecord & {ok?: boolean}}
 */
export const emit = (record) => {
  if (typeof record.bench !== 'string' || record.bench === '') throw new TypeError('emit: bench must be a non-empty string');
  if (typeof record.metric !== 'string' || record.metric === '') throw new TypeError('emit: metric must be a non-empty string');
  if (typeof record.value !== 'number' || !Number.isFinite(record.value)) {
    throw new TypeError(`emit: ${record.bench}/${record.metric}: value must be a finite number (got ${record.value})`);
  }
  if (!UNITS.includes(record.unit)) {
    throw new TypeError(`emit: ${record.bench}/${record.metric}: unit must be one of ${UNITS.join(', ')} (got ${record.unit})`);
  }
  const out = {...record};
  if (out.ok === undefined && out.target !== undefined) out.ok = meetsTarget(out.value, out.target);
  sink(JSON.stringify(out));
  return out;
};

/** Human-readable progress on stderr, so stdout stays one JSON record per line. @param {...unknown} args */
export const log = (...args) => {
  process.stderr.write(`${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`);
};
