// Types for process-cpu.mjs.

export function treeCpu(root: number): Map<number, {comm: string; ms: number}> | undefined;
export function cpuSince(before: Map<number, {comm: string; ms: number}>, after: Map<number, {comm: string; ms: number}>): Map<number, {comm: string; ms: number}>;
