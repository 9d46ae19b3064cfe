import {describe, expect, it} from 'vitest';
import {sanitizeMultiline, sanitizeText} from '../../src/fleet/sanitize.js';

const ESC = '\u001b';
const BEL = '\u0007';

/** Nothing a terminal could act on, nor an invisible spoofing character. */
 
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const INVISIBLE = /[\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\u{e0000}-\u{e007f}]/u;
const LONE_SURROGATE = /\p{Cs}/u;

function expectSafeCell(out: string): void {
  expect(out).not.toMatch(CONTROL);
  expect(out).not.toMatch(INVISIBLE);
  expect(out).not.toMatch(LONE_SURROGATE);
}

describe('sanitizeText', () => {
  it.each([
    ['plain text', 'web-01.prod', 'web-01.prod'],
    ['unicode text', 'サーバー 01 — ok ✓', 'サーバー 01 — ok ✓'],
    ['screen clear', `${ESC}[2J`, '␛[2J'],
    ['cursor home + clear', `${ESC}[H${ESC}[2Jx`, '␛[H␛[2Jx'],
    ['SGR colour', `${ESC}[31mred${ESC}[0m`, '␛[31mred␛[0m'],
    ['title change OSC BEL', `${ESC}]0;pwned${BEL}name`, '␛]0;pwned␇name'],
    ['title change OSC ST', `${ESC}]2;pwned${ESC}\\name`, '␛]2;pwned␛\\name'],
    ['OSC 52 clipboard write', `${ESC}]52;c;Y3VybCBldmlsIHwgc2g=${BEL}`, '␛]52;c;Y3VybCBldmlsIHwgc2g=␇'],
    ['OSC 8 hyperlink', `${ESC}]8;;http://evil${ESC}\\x${ESC}]8;;${ESC}\\`, '␛]8;;http://evil␛\\x␛]8;;␛\\'],
    ['DCS string', `${ESC}P1$r${ESC}\\`, '␛P1$r␛\\'],
    ['APC string', `${ESC}_Gf=100${ESC}\\`, '␛_Gf=100␛\\'],
    ['PM and SOS strings', `${ESC}^pm${ESC}\\${ESC}Xsos${ESC}\\`, '␛^pm␛\\␛Xsos␛\\'],
    ['full reset ESC c', `${ESC}c`, '␛c'],
    ['two-char escapes', `${ESC}7${ESC}8${ESC}D${ESC}M`, '␛7␛8␛D␛M'],
    ['8-bit CSI', '\u009b2J', '\\x9b2J'],
    ['8-bit OSC', '\u009d0;title\u009c', '\\x9d0;title\\x9c'],
    ['NEL and other C1', '\u0085\u0080\u009f', '\\x85\\x80\\x9f'],
    ['BEL', `ding${BEL}`, 'ding␇'],
    ['CR', 'ok\rFAIL', 'ok␍FAIL'],
    ['LF', 'line1\nline2', 'line1␊line2'],
    ['CRLF', 'a\r\nb', 'a␍␊b'],
    ['TAB', 'a\tb', 'a␉b'],
    ['BS', 'abc\b\b\bxyz', 'abc␈␈␈xyz'],
    ['DEL', 'a\u007fb', 'a␡b'],
    ['NUL', 'a\u0000b', 'a␀b'],
    ['other C0', '\u0001\u001a\u001f', '␁␚␟'],
    ['RLO bidi override', 'txt.\u202Eexe.sh', 'txt.�exe.sh'],
    ['bidi embeddings and isolates', '\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069', '��������'],
    ['bidi marks', 'a\u200Eb\u200Fc\u061Cd', 'a�b�c�d'],
    ['zero-width space spoof', 'pr\u200Bod', 'pr�od'],
    ['zero-width joiners, word joiner, BOM', '\u200C\u200D\u2060\uFEFF', '����'],
    ['line/paragraph separators', 'a\u2028b\u2029c', 'a�b�c'],
    ['tag characters (ASCII smuggling)', 'ok\u{E0041}\u{E007F}', 'ok��'],
    ['lone surrogates', 'a\uD800b\uDC00c', 'a�b�c'],
  ])('%s', (_name, input, expected) => {
    const out = sanitizeText(input);
    expect(out).toBe(expected);
    expectSafeCell(out);
  });

  it('keeps valid surrogate pairs (emoji, astral CJK)', () => {
    expect(sanitizeText('🚀 𠀀')).toBe('🚀 𠀀');
  });

  it('returns clean strings unchanged (same value)', () => {
    const s = 'i-0123456789abcdef0';
    expect(sanitizeText(s)).toBe(s);
  });

  it('fuzz: random code units never leave a control, an invisible or a lone surrogate', () => {
    let seed = 0x2f6e2b1;
    const rand = (): number => {
      // xorshift32: deterministic, so a failure reproduces
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x1_0000_0000;
    };
    const interesting = [0x1b, 0x07, 0x0d, 0x0a, 0x9b, 0x9d, 0x7f, 0x202e, 0x2066, 0x200b, 0xd800, 0xdc00, 0xfeff];
    for (let n = 0; n < 2000; n++) {
      const len = Math.floor(rand() * 40);
      let s = '';
      for (let i = 0; i < len; i++) {
        const pick = rand();
        const code = pick < 0.3 ? (interesting[Math.floor(rand() * interesting.length)] ?? 0)
          : pick < 0.7 ? Math.floor(rand() * 0x100) : Math.floor(rand() * 0x10000);
        s += String.fromCharCode(code);
      }
      const out = sanitizeText(s);
      expectSafeCell(out);
      expect(sanitizeText(out)).toBe(out); // idempotent
      // Encoded as a terminal would receive it: no byte below 0x20, no DEL, no C1 (0xC2 0x80–0x9F) sequence.
      const bytes = Buffer.from(out, 'utf8');
      const bad = bytes.findIndex((b, i) => b < 0x20 || b === 0x7f || (b === 0xc2 && (bytes[i + 1] ?? 0) < 0xa0));
      expect(bad, JSON.stringify(s)).toBe(-1);
    }
  });
});

describe('sanitizeMultiline', () => {
  it.each([
    ['keeps LF line breaks', 'one\ntwo\n', 'one\ntwo\n'],
    ['CRLF becomes LF', 'one\r\ntwo\r\n', 'one\ntwo\n'],
    ['drops a lone CR instead of overwriting', '50%\r100%\rrm -rf /\r', '50%100%rm -rf /'],
    ['strips SGR colours', `${ESC}[1;31mERROR${ESC}[0m: ${ESC}[38;5;208mx${ESC}[m`, 'ERROR: x'],
    ['strips 8-bit SGR', '\u009b32mok\u009b0m', 'ok'],
    ['shows other escapes', `${ESC}[2J${ESC}]0;t${BEL}${ESC}c`, '␛[2J␛]0;t␇␛c'],
    ['OSC 52 stays visible text', `${ESC}]52;c;ZXZpbA==${BEL}`, '␛]52;c;ZXZpbA==␇'],
    ['8-bit CSI that is not SGR', '\u009b2J', '\\x9b2J'],
    ['expands TAB to 8-column stops', 'a\tbc\tdef\n\tx', 'a       bc      def\n        x'],
    ['TAB stops count wide characters as 2', '日本\tx', '日本    x'],
    ['TAB after a placeholder counts its width', '\u0007\tx', '␇       x'],
    ['bidi and zero-width become �', 'a\u202Eb\u200Bc', 'a�b�c'],
    ['other C0 and DEL', 'a\u0000\u0008\u007f', 'a␀␈␡'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeMultiline(input)).toBe(expected);
  });

  it('fuzz: only LF survives below 0x20', () => {
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    for (let n = 0; n < 1000; n++) {
      let s = '';
      for (let i = 0; i < 60; i++) s += String.fromCharCode(rand() < 0.5 ? Math.floor(rand() * 0xa0) : Math.floor(rand() * 0x10000));
      const out = sanitizeMultiline(s);
       
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u);
      expect(out).not.toMatch(INVISIBLE);
      expect(out).not.toMatch(LONE_SURROGATE);
    }
  });
});
