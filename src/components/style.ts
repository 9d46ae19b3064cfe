// SGR styling for pre-styled rows: one <Text> per row is far cheaper for Ink than a <Text> per cell.
import type {Tone} from './columns.js';

const TONE_SGR: Record<Tone, string> = {good: '32', bad: '31', warn: '33', muted: '90', accent: '36'};

/** NO_COLOR (no-color.org) turns every colour off; structure (inverse for the cursor) stays. */
export const colorEnabled = (): boolean => !process.env.NO_COLOR;

export function tone(text: string, t: Tone | undefined): string {
  if (!t || !colorEnabled() || text === '') return text;
  return `\x1b[${TONE_SGR[t]}m${text}\x1b[39m`;
}

export function bold(text: string): string {
  return `\x1b[1m${text}\x1b[22m`;
}

export function inverse(text: string): string {
  return `\x1b[7m${text}\x1b[27m`;
}

/**
 * The cursor row: inverse over its text, with long blank runs (column padding) left plain, so that moving the cursor
 * rewrites only the cells that change style and the terminal jumps over the padding of both rows.
 */
export function highlight(text: string): string {
  return inverse(text.replace(/ {8,}/g, (run) => `\x1b[27m${run}\x1b[7m`));
}

export function dim(text: string): string {
  return colorEnabled() ? `\x1b[2m${text}\x1b[22m` : text;
}
