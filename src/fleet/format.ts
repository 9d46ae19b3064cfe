// Presentation helpers: domain values → compact cell text and semantic tones. Pure; no terminal, no Ink.
import type {ManagedInstance, PlatformType} from './instances/instance.js';

export const NO_VALUE = '—';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/**
 * A duration in k9s/kubectl style (k8s.io/apimachinery `duration.HumanDuration`): about two significant figures,
 * no spaces. `45s`, `119s`, `2m5s`, `9m59s`, `10m`, `179m`, `3h`, `7h59m`, `8h`, `47h`, `2d`, `7d23h`, `8d`, `729d`,
 * `2y`, `2y3d`, `8y`. Negative durations down to −1 s (clock skew) are `0s`; more negative is `<invalid>`.
 */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return NO_VALUE;
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(ms / DAY);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(ms / YEAR);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/**
 * The age of an epoch-ms timestamp at `now`, as `humanDuration`. `—` when the timestamp is unknown. A timestamp
 * more than a second in the future (a skewed clock) shows `<invalid>`, as kubectl does: it is a fact worth seeing.
 */
/** A moment as the local time of day, HH:MM:SS ('—' when unknown): the header's "refreshed", a stale row's age. */
export function clock(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

export function formatAge(at: number | undefined, now: number): string {
  if (at === undefined || !Number.isFinite(at)) return NO_VALUE;
  return humanDuration(now - at);
}

// ---- display width -------------------------------------------------------------------------------------------

/** East Asian Wide and Fullwidth blocks (the main ones; rare historic scripts are left at width 1). */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf],
  [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4], [0x17000, 0x18cff], [0x1b000, 0x1b2ff],
  [0x1f200, 0x1f2ff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];
const EMOJI_WIDE = /\p{Emoji_Presentation}/u;
const COMBINING = /^[\p{Mn}\p{Me}]$/u;
/** Zero-width format characters and variation selectors (combining marks are tested by COMBINING). */
const ZERO_RANGES: readonly (readonly [number, number])[] = [
  [0x200b, 0x200f], [0x2060, 0x2064], [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xe0000, 0xe01ef],
];
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function inRanges(ranges: readonly (readonly [number, number])[], cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (!r) break;
    if (cp < r[0]) hi = mid - 1;
    else if (cp > r[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Columns one code point takes in a terminal: 0 (combining, zero-width), 1, or 2 (wide CJK, emoji). */
export function charWidth(ch: string): 0 | 1 | 2 {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x300) return 1;
  if (inRanges(ZERO_RANGES, cp) || COMBINING.test(ch)) return 0;
  if (inRanges(WIDE_RANGES, cp) || EMOJI_WIDE.test(ch)) return 2;
  return 1;
}

/** Terminal columns a (sanitized) string takes. Printable ASCII is the fast path. */
export function displayWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let n = 0;
  for (const ch of s) n += charWidth(ch);
  return n;
}

/**
 * Cut `s` to at most `width` columns, ending with `…` when something was cut. A wide character that would straddle
 * the edge is left out, so the result can be one column short of `width` (padCell fills it).
 */
export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(s) <= width) return s;
  const room = width - 1; // the ellipsis takes one column
  let out = '';
  let used = 0;
  for (const ch of s) {
    const w = charWidth(ch);
    if (used + w > room) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

export type Align = 'left' | 'right' | 'center';

/** Exactly `width` columns: truncated with `…` if too long, padded with spaces if too short. */
export function padCell(s: string, width: number, align: Align = 'left'): string {
  const cut = truncate(s, width);
  const gap = Math.max(0, width - displayWidth(cut));
  if (gap === 0) return cut;
  switch (align) {
    case 'left': return cut + ' '.repeat(gap);
    case 'right': return ' '.repeat(gap) + cut;
    case 'center': {
      const left = gap >> 1;
      return ' '.repeat(left) + cut + ' '.repeat(gap - left);
    }
  }
}

// ---- versions and agents -------------------------------------------------------------------------------------

function compareComponent(a: string, b: string): number {
  const na = /^\d+/.exec(a)?.[0];
  const nb = /^\d+/.exec(b)?.[0];
  if (na === undefined || nb === undefined) {
    if (na !== nb) return na !== undefined ? 1 : -1; // a number sorts after text ("3.1.0" > "3.beta")
    return a === b ? 0 : a < b ? -1 : 1;
  }
  const byNumber = Number(na) - Number(nb);
  if (byNumber !== 0) return byNumber;
  const ra = a.slice(na.length);
  const rb = b.slice(nb.length);
  return ra === rb ? 0 : ra < rb ? -1 : 1;
}

/**
 * Compare dotted versions component by component, numerically: `compareVersions('3.2.1000.0', '3.10.1.0')` is −1.
 * Missing components count as 0 (`3.2` = `3.2.0.0`); a component with text compares by its leading number, then as
 * text. Returns −1, 0 or 1.
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const pa = a.trim().split('.');
  const pb = b.trim().split('.');
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const c = compareComponent(pa[i] ?? '0', pb[i] ?? '0');
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  return 0;
}

export type NewestAgentByPlatform = Readonly<Partial<Record<PlatformType, string>>>;

/** The newest agent version seen per platform type across a fleet: the reference for `agentOutdated`. */
export function newestAgentByPlatform(instances: Iterable<ManagedInstance>): NewestAgentByPlatform {
  const newest: Partial<Record<PlatformType, string>> = {};
  // A fleet runs a handful of versions: each is weighed once per platform, not once per node (30,000 at every update).
  const weighed: Partial<Record<PlatformType, Set<string>>> = {};
  for (const i of instances) {
    if (!i.agentVersion) continue;
    const versions = (weighed[i.platformType] ??= new Set());
    if (versions.has(i.agentVersion)) continue;
    versions.add(i.agentVersion);
    const seen = newest[i.platformType];
    if (seen === undefined || compareVersions(i.agentVersion, seen) > 0) newest[i.platformType] = i.agentVersion;
  }
  return newest;
}

/**
 * Whether an instance's SSM agent is outdated. SSM's own `isLatestVersion` decides when it is defined (Linux);
 * otherwise the agent is outdated when it is older than the newest version seen on the same platform type. An
 * unknown (empty) agent version is never called outdated.
 */
export function agentOutdated(instance: ManagedInstance, newestByPlatform: NewestAgentByPlatform): boolean {
  if (instance.isLatestVersion !== undefined) return !instance.isLatestVersion;
  if (!instance.agentVersion) return false;
  const newest = newestByPlatform[instance.platformType];
  return newest !== undefined && compareVersions(instance.agentVersion, newest) < 0;
}

// ---- tones ---------------------------------------------------------------------------------------------------

/** Semantic colours; the theme maps them to real ones. */
export type Tone = 'good' | 'bad' | 'warn' | 'muted';

/** Tone of a ping status: Online good, ConnectionLost bad, Inactive muted, anything else (Unknown) warn. */
export function pingTone(status: string): Tone {
  switch (status) {
    case 'Online': return 'good';
    case 'ConnectionLost': return 'bad';
    case 'Inactive': return 'muted';
    default: return 'warn';
  }
}
