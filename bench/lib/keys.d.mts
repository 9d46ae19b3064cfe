// Types for keys.mjs.

export interface KeyEncodingModes {
  /** DECCKM: arrows and Home/End are sent as SS3 (ESC O A) instead of CSI (ESC [ A). */
  applicationCursorKeys?: boolean;
}

/** Key names understood without modifiers; `ctrl-`, `alt-`, `meta-`, `shift-` combinations work on top. */
export const KEY_NAMES: readonly string[];

/**
 * One press() argument → bytes. Key names (`enter`, `esc`, `up`, `pgdn`, `ctrl-c`, `alt-x`, `shift-up`…) are
 * encoded as xterm does; single characters and strings with characters outside `[A-Za-z0-9-]` are sent raw; any other
 * word throws (likely a misspelt key name: use type() for text).
 */
export function keyToBytes(key: string, modes?: KeyEncodingModes): string;
