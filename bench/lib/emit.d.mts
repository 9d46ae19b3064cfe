// Types for emit.mjs.

export type Unit = 'ms' | 'bytes' | 'MB' | 'MB/s' | 'ratio' | 'count' | 'percent';
export const UNITS: readonly Unit[];

/** A number is an upper bound (lower is better); `{min}` / `{max}` say which way explicitly. */
export type Target = number | {min?: number; max?: number};

export interface BenchRecord {
  bench: string;
  metric: string;
  value: number;
  unit: Unit;
  target?: Target;
  ok?: boolean;
  [extra: string]: unknown;
}

export function emit(record: BenchRecord): BenchRecord & {ok?: boolean};
export function meetsTarget(value: number, target: Target): boolean;
export function setSink(next: (line: string) => void): (line: string) => void;
export function log(...args: unknown[]): void;
