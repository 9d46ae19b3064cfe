// Types for build-if-stale.mjs.
export const BUILD_INPUTS: readonly string[];
export const BUILD_OUTPUTS: readonly string[];
export function staleReason(root?: string): string | undefined;
