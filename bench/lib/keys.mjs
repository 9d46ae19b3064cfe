// Key names → the bytes an xterm-compatible terminal sends for them.
// Shared by the e2e harness (test/helpers/pty-harness.ts) and the benchmarks. Types: keys.d.mts.

/** @typedef {{applicationCursorKeys?: boolean}} KeyEncodingModes */

const ESC = '\x1b';
const CSI = `${ESC}[`;
const SS3 = `${ESC}O`;

/** Keys whose bytes do not depend on modifiers or modes. */
const SIMPLE = /** @type {Record<string, string>} */ ({
  enter: '\r',
  return: '\r',
  esc: ESC,
  escape: ESC,
  tab: '\t',
  'shift-tab': `${CSI}Z`,
  backtab: `${CSI}Z`,
  // What xterm, VTE, kitty, iTerm2… send for the Backspace key. Ink 6.8 reports it as key.delete (not key.backspace).
  backspace: '\x7f',
  space: ' ',
  'ctrl-space': '\x00',
  'ctrl-@': '\x00',
  'ctrl-[': ESC,
  'ctrl-\\': '\x1c',
  'ctrl-]': '\x1d',
  'ctrl-^': '\x1e',
  'ctrl-_': '\x1f',
  'ctrl-?': '\x7f',
});

/** Cursor-style keys: final byte; normal mode `CSI x`, application cursor mode `SS3 x`, with modifiers `CSI 1;m x`. */
const CURSOR = /** @type {Record<string, string>} */ ({up: 'A', down: 'B', right: 'C', left: 'D', home: 'H', end: 'F'});
/** F1–F4 are `SS3 x`, with modifiers `CSI 1;m x`. */
const SS3_FKEYS = /** @type {Record<string, string>} */ ({f1: 'P', f2: 'Q', f3: 'R', f4: 'S'});
/** Tilde keys: `CSI n ~`, with modifiers `CSI n;m ~`. */
const TILDE = /** @type {Record<string, number>} */ ({
  insert: 2,
  ins: 2,
  delete: 3,
  del: 3,
  pgup: 5,
  pageup: 5,
  pgdn: 6,
  pgdown: 6,
  pagedown: 6,
  f5: 15,
  f6: 17,
  f7: 18,
  f8: 19,
  f9: 20,
  f10: 21,
  f11: 23,
  f12: 24,
});

const MODIFIERS = new Set(['ctrl', 'alt', 'meta', 'shift']);

/** Every key name `press()` understands without modifiers (modifier combinations such as `ctrl-x`, `alt-up`,
 * `shift-f5`, `ctrl-alt-del` are accepted on top of these). */
export const KEY_NAMES = Object.freeze([
  ...Object.keys(SIMPLE),
  ...Object.keys(CURSOR),
  ...Object.keys(SS3_FKEYS),
  ...Object.keys(TILDE),
]);

/**
 * xterm modifier parameter: 1 + shift(1) + alt(2) + ctrl(4).
 * @param {{shift: boolean; alt: boolean; ctrl: boolean}} m
 */
const modifierParam = (m) => 1 + (m.shift ? 1 : 0) + (m.alt ? 2 : 0) + (m.ctrl ? 4 : 0);

/**
 * Parses `ctrl-alt-x` style names. Returns undefined when `key` is not a key name.
 * @param {string} key
 * @param {KeyEncodingModes} modes
 * @returns {string | undefined}
 */
const fromName = (key, modes) => {
  const lower = key.toLowerCase();
  const simple = SIMPLE[lower];
  if (simple !== undefined) return simple;

  // Split modifiers off the front; the base is whatever follows the last recognised modifier.
  const mods = {ctrl: false, alt: false, shift: false};
  let rest = key;
  for (;;) {
    const dash = rest.indexOf('-');
    if (dash <= 0 || dash === rest.length - 1) break;
    const mod = rest.slice(0, dash).toLowerCase();
    if (!MODIFIERS.has(mod)) break;
    if (mod === 'meta') mods.alt = true;
    else mods[/** @type {'ctrl' | 'alt' | 'shift'} */ (mod)] = true;
    rest = rest.slice(dash + 1);
  }
  const base = rest.length === 1 ? rest : rest.toLowerCase();
  const hasMods = mods.ctrl || mods.alt || mods.shift;

  const cursor = CURSOR[base];
  if (cursor !== undefined) {
    if (hasMods) return `${CSI}1;${modifierParam(mods)}${cursor}`;
    return `${modes.applicationCursorKeys ? SS3 : CSI}${cursor}`;
  }
  const f = SS3_FKEYS[base];
  if (f !== undefined) return hasMods ? `${CSI}1;${modifierParam(mods)}${f}` : `${SS3}${f}`;
  const tilde = TILDE[base];
  if (tilde !== undefined) return hasMods ? `${CSI}${tilde};${modifierParam(mods)}~` : `${CSI}${tilde}~`;
  if (!hasMods) return undefined;

  // Modified "character" keys: ctrl maps to C0, shift upper-cases, alt prefixes ESC.
  /** @type {string | undefined} */
  let bytes;
  if (base.length === 1) {
    bytes = mods.shift ? base.toUpperCase() : base;
    if (mods.ctrl) {
      const combo = SIMPLE[`ctrl-${base}`];
      const code = base.toLowerCase().charCodeAt(0);
      if (combo !== undefined) bytes = combo;
      else if (code >= 0x61 && code <= 0x7a) bytes = String.fromCharCode(code - 0x60);
      else return undefined;
    }
  } else {
    if (mods.ctrl || mods.shift) {
      if (mods.shift && base === 'tab' && !mods.ctrl) bytes = `${CSI}Z`;
      else if (mods.ctrl && base === 'space' && !mods.shift) bytes = '\x00';
      else return undefined;
    } else {
      bytes = SIMPLE[base];
    }
  }
  if (bytes === undefined) return undefined;
  return mods.alt ? `${ESC}${bytes}` : bytes;
};

/**
 * Turns one `press()` argument into bytes.
 * - A key name (`enter`, `esc`, `up`, `pgdn`, `f5`, `ctrl-c`, `alt-x`, `shift-up`, `ctrl-alt-del`, …) → its bytes.
 *   Arrows and Home/End honour application cursor mode (DECCKM), as a real terminal does.
 * - Anything else of length 1, or containing characters other than `[A-Za-z0-9-]`, is sent as raw bytes
 *   (`'j'`, `'/'`, `'\x1b[A'`).
 * - A multi-character `[A-Za-z0-9-]` word that is not a key name (`'pgdown2'`, `'hello'`) throws: it is almost always a
 *   typo for a key name; send text with `type()`.
 * @param {string} key
 * @param {KeyEncodingModes} [modes]
 * @returns {string}
 */
export const keyToBytes = (key, modes = {}) => {
  if (key.length === 0) throw new TypeError('press(): empty key');
  if (key.length === 1) return key;
  const named = fromName(key, modes);
  if (named !== undefined) return named;
  if (/^[A-Za-z0-9-]+$/.test(key)) {
    throw new TypeError(
      `press(): unknown key name ${JSON.stringify(key)}. Known: ${KEY_NAMES.join(', ')} ` +
        `(optionally prefixed by ctrl-/alt-/meta-/shift-). Use type() to send text.`,
    );
  }
  return key;
};
