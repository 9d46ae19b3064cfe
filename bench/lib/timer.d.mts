// Types for timer.mjs.

export function now(): number;
export function stopwatch(): {elapsed(): number; lap(): number};
export function time<T>(fn: () => T | Promise<T>): Promise<{result: T; ms: number; cpuMs: number}>;
export function sample(fn: () => unknown, opts: {iterations: number; warmup?: number}): Promise<number[]>;
export function memoryMB(): {rssMB: number; heapUsedMB: number; externalMB: number; gc: boolean};
