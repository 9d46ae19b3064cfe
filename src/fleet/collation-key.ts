// The tables' text order (a collator: numbers in text by value, case and accents ignored) and, for the text most
// tables hold (ASCII names and ids), a key per string whose plain code-unit order is that same order. Sorting
// 30,000 rows compares a few hundred thousand pairs: two keys compare in a fraction of the collator's time.

/** The one collator of every table sort (String.prototype.localeCompare with options builds one per call). */
export const collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});

/** Longest run of digits a key holds (the collator itself reads runs of up to 254 digits as one number). */
const MAX_DIGITS = 200;
/** Longest text a key is made for (names and ids are far shorter; the key is built in one call). */
const MAX_LENGTH = 1_000;
const FIRST = 0x21;

/**
 * The key character of each printable ASCII character (its rank in the collator's order of single characters),
 * DIGIT for digits (a run of them is one number), 0 for a character no key is made for. Undefined where the
 * collator's order is not the plain one over ASCII: only English is trusted (other languages read some letter pairs
 * as one letter, Czech "ch" or Danish "aa", which a key made character by character cannot follow).
 */
let table: {ranks: Uint8Array; digit: number} | null | undefined;

function deriveTable(): {ranks: Uint8Array; digit: number} | null {
  const opts = collator.resolvedOptions();
  if (!/^en(?:-|$)/.test(opts.locale) || opts.ignorePunctuation || !opts.numeric || opts.sensitivity !== 'base') return null;
  const chars: string[] = [];
  for (let code = 0x20; code < 0x7f; code++) {
    const c = String.fromCharCode(code);
    // A character the collator passes over (weighs nothing) cannot be given a rank.
    if ((code < 0x30 || code > 0x39) && collator.compare(`a${c}b`, 'ab') !== 0) chars.push(c);
  }
  chars.push('0');
  chars.sort((a, b) => collator.compare(a, b));
  const ranks = new Uint8Array(0x80);
  let rank = FIRST;
  let digit = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (i > 0 && collator.compare(chars[i - 1] as string, c) !== 0) rank++;
    if (c === '0') digit = rank;
    else ranks[c.charCodeAt(0)] = rank;
  }
  // Digits sort as one block: no other character between 0 and 9.
  for (const c of chars) {
    if (c !== '0' && Math.sign(collator.compare(c, '0')) !== Math.sign(collator.compare(c, '9'))) return null;
  }
  for (let code = 0x30; code <= 0x39; code++) ranks[code] = digit;
  return {ranks, digit};
}

/**
 * A key for `s` such that comparing two keys with < and > gives what collator.compare gives for their strings
 * (equal keys: the collator finds them equal), or undefined for text it makes none for (compare that with the
 * collator itself).
 */
export function collationKey(s: string): string | undefined {
  if (table === undefined) table = deriveTable();
  if (table === null) return undefined;
  const n = s.length;
  if (n > MAX_LENGTH) return undefined;
  const {ranks, digit} = table;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const code = s.charCodeAt(i);
    const r = code < 0x80 ? (ranks[code] as number) : 0;
    if (r === 0) return undefined;
    if (r !== digit) {
      out.push(r);
      continue;
    }
    // A run of digits: by its value, which is its length without leading zeros, then its digits.
    let end = i;
    while (end < n && s.charCodeAt(end) >= 0x30 && s.charCodeAt(end) <= 0x39) end++;
    if (end - i > MAX_DIGITS) return undefined;
    let start = i;
    while (start < end - 1 && s.charCodeAt(start) === 0x30) start++;
    out.push(digit, FIRST + (end - start));
    for (let j = start; j < end; j++) out.push(s.charCodeAt(j));
    i = end - 1;
  }
  return String.fromCharCode(...out);
}
