// The bundle answers string-width for one-cell text itself (scripts/narrow-width.mjs): wherever it answers, it must
// say what each string-width the bundle wraps says (Ink's, and the older one wrap-ansi has).
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';
import {narrowWidth} from '../../scripts/narrow-width.mjs';

type Width = (text: string, options?: {ambiguousIsNarrow?: boolean}) => number;
const load = async (rel: string): Promise<Width> =>
  ((await import(pathToFileURL(path.resolve(rel)).href)) as {default: Width}).default;
const versions = await Promise.all([load('node_modules/string-width/index.js'),
  load('node_modules/wrap-ansi/node_modules/string-width/index.js')]);

/** Every code point of the BMP the front answers for on its own. */
const answered = Array.from({length: 0x10000}, (_, c) => String.fromCharCode(c)).filter((ch) => narrowWidth(ch) !== undefined);

describe('narrowWidth', () => {
  it('gives each character it answers for the width every wrapped string-width gives it', () => {
    expect(answered.length).toBeGreaterThan(900);
    for (const width of versions) {
      const wrong = answered.filter((ch) => width(ch) !== narrowWidth(ch));
      expect(wrong.map((ch) => ch.charCodeAt(0).toString(16))).toEqual([]);
    }
  });

  it('agrees on those characters together, in both orders, styled or not', () => {
    const all = answered.join('');
    const styled = answered.map((ch, i) => (i % 7 === 0 ? `\u001b[1;38;5;${i % 256}m${ch}\u001b[0m` : ch)).join('');
    const rows = [all, [...all].reverse().join(''), styled, `  i-00b0d888f5544cf24  Online  3.2.2303.0↑  │ ● … ─`];
    for (const width of versions) for (const s of rows) expect(narrowWidth(s), s.slice(0, 40)).toBe(width(s));
  });

  it('leaves to string-width what may need the segmenter or another width', () => {
    for (const s of ['漢字', 'e\u0301', '👍', '❤️', '\u00ad', 'a\u200bb', '\u001b]8;;x\u0007link', '\u009b1m', 'ｱ', '⌚']) {
      expect(narrowWidth(s), JSON.stringify(s)).toBeUndefined();
    }
    expect(narrowWidth('│ box', {ambiguousIsNarrow: false})).toBeUndefined();
    expect(narrowWidth('\u001b[1mbold\u001b[22m', {countAnsiEscapeCodes: true})).toBeUndefined();
    expect(narrowWidth('')).toBe(0);
  });
});
