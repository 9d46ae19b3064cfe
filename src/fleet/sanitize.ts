// Everything that comes from AWS or from a node is untrusted. These functions turn any control or escape content
// into harmless, visible text before it can reach a table cell or an output pane — and so the real terminal.
//
// A terminal only ever acts on control characters: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F, which
// includes the 8-bit CSI U+009B and OSC U+009D). Every escape sequence — CSI `ESC[…`, OSC `ESC]…BEL`, DCS/SOS/PM/APC
// strings, two-character escapes like `ESC c` — starts with one of them. Replacing each of those characters by a
// printable placeholder therefore disarms the whole sequence, and leaves the rest of it readable:
// `ESC[2J` shows as `␛[2J`, an OSC 52 clipboard write as `␛]52;c;…␇`.
//
// Placeholders (each one printable, none of them a control):
//   C0 U+0000–U+001F → the Control Pictures U+2400 + code: ␀ … ␇ (BEL) ␈ (BS) ␉ (TAB) ␊ (LF) ␍ (CR) ␛ (ESC) … ␟
//   DEL U+007F       → ␡ (U+2421)
//   C1 U+0080–U+009F → the text `\x80` … `\x9f` (four ASCII characters, lowercase hex)
//   bidi controls (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069), zero-width and invisible format
//   characters (U+180E, U+200B–U+200D, U+2060–U+2064, U+206A–U+206F, U+FEFF, U+FFF9–U+FFFB), line/paragraph
//   separators (U+2028–U+2029), tag characters (U+E0000–U+E007F) and lone surrogates → � (U+FFFD).
// Replacing (rather than dropping) the invisible characters keeps spoofs visible: `pr\u200Bod` shows as `pr�od`,
// never as `prod`. The price: emoji ZWJ sequences (👨‍👩‍👧) show their joiners as �.
import {displayWidth} from './format.js';

/** Every character `sanitizeText` replaces. Kept in one place so the cell and pane variants agree. */
const INVISIBLE = '\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb' +
  '\\u{e0000}-\\u{e007f}\\u{d800}-\\u{dfff}';
const UNSAFE_CELL_CLASS = `[\\u0000-\\u001f\\u007f-\\u009f${INVISIBLE}]`;
const UNSAFE_CELL = new RegExp(UNSAFE_CELL_CLASS, 'gu');
const HAS_UNSAFE_CELL = new RegExp(UNSAFE_CELL_CLASS, 'u');
/** The same, but leaves TAB and LF alone (sanitizeMultiline deals with them itself). */
const UNSAFE_PANE = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${INVISIBLE}]`, 'gu');

function placeholder(ch: string): string {
  const code = ch.codePointAt(0) ?? 0xfffd;
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  if (code <= 0x9f) return `\\x${code.toString(16)}`;
  return '\ufffd';
}

/**
 * Make an untrusted string safe for one table cell: a single line of printable text. Every control character
 * (including TAB, CR and LF) and every invisible spoofing character becomes a visible placeholder (see above).
 * Clean strings are returned as they are (no copy). The output never contains U+0000–U+001F, U+007F or
 * U+0080–U+009F.
 */
export function sanitizeText(s: string): string {
  if (!HAS_UNSAFE_CELL.test(s)) return s;
  return s.replace(UNSAFE_CELL, placeholder);
}

// SGR ("select graphic rendition", colours and bold): CSI parameters then `m`, as 7-bit `ESC[` or 8-bit U+009B.
 
const SGR = /(?:\u001b\[|\u009b)[0-9;:]*m/g;
const TAB_STOP = 8;

/**
 * Make untrusted multi-line output (a command's stdout/stderr) safe for an output pane.
 *
 * - Line breaks are kept: CRLF and LF end a line; the result's lines are joined with `\n`.
 * - A lone CR is dropped. A terminal would return to the start of the line and overwrite it (progress bars), but
 *   that also lets output hide what came before it; here every character stays visible.
 * - SGR colour sequences are stripped (colour is cosmetic and the pane draws its own); every other escape sequence
 *   and control character is shown as in `sanitizeText` (`ESC[2J` → `␛[2J`), so nothing acts on the terminal.
 * - TAB expands to spaces up to the next multiple of 8 columns, measured in display columns after sanitizing.
 *
 * The output never contains a byte below 0x20 other than `\n`, nor U+007F, nor U+0080–U+009F.
 */
export function sanitizeMultiline(s: string): string {
  const lines = s.replace(SGR, '').split(/\r?\n/);
  return lines.map(sanitizeLine).join('\n');
}

function sanitizeLine(line: string): string {
  const safe = line.replace(/\r/g, '').replace(UNSAFE_PANE, placeholder);
  if (!safe.includes('\t')) return safe;
  let out = '';
  let col = 0;
  const parts = safe.split('\t');
  parts.forEach((part, i) => {
    out += part;
    col += displayWidth(part);
    if (i < parts.length - 1) {
      const pad = TAB_STOP - (col % TAB_STOP);
      out += ' '.repeat(pad);
      col += pad;
    }
  });
  return out;
}

/**
 * Anything thrown — an SDK error whose message came from the endpoint, a network error, a string — as one line of
 * safe text for the screen or stderr: its message (or its name when the message is empty), sanitized as a cell.
 * Every place that shows an error uses this (or describeAwsError, which ends in it).
 */
export function errorText(e: unknown): string {
  const raw = e instanceof Error ? e.message || e.name : typeof e === 'string' ? e : String(e);
  return sanitizeText(raw);
}

const INVISIBLE_ONLY = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${INVISIBLE}]`, 'gu');

/**
 * The characters of one emulated terminal cell, safe to draw. An emulator keeps zero-width characters (bidi
 * overrides, zero-width spaces) in the cell before them and gives some format characters a cell of their own;
 * drawn as they are, a bidi override would reorder the user's real terminal line. Those are dropped, and a cell that
 * held nothing else shows � so the columns stay where the emulator put them.
 */
export function cellChars(chars: string): string {
  const c = chars.charCodeAt(0);
  if (chars.length === 1 && c >= 0x20 && c < 0x7f) return chars; // printable ASCII: nearly every cell
  if (!HAS_UNSAFE_CELL.test(chars)) return chars;
  const kept = chars.replace(INVISIBLE_ONLY, '');
  return kept === '' ? '\ufffd' : kept;
}

const JSON_UNSAFE = new RegExp(`[\\u007f-\\u009f${INVISIBLE}]`, 'gu');

/**
 * A JSON text (a log or audit line) with the characters a terminal would act on — C1 controls, bidi overrides,
 * invisible format characters, line separators — written as `\uXXXX` escapes, so `cat` or `tail -f` of the file
 * shows them as text. JSON.stringify already escapes C0; the value read back is unchanged.
 */
export function escapeJsonForTerminal(json: string): string {
  return json.replace(JSON_UNSAFE, (ch) => {
    let out = '';
    for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}
