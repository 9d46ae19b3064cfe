// Raw terminal input for the shell workspace. While a pane has focus the bytes the user's terminal sends go to the
// remote shell untouched (Ink's parsed keys lose F-keys, alt combinations, paste); only the prefix key is looked
// for. After the prefix, and in the workspace's own modes (scroll, search, workspace list), input is split into
// keys named as src/keys/key-name.ts names them, so they resolve through the keymap like every other command.

/** What the prefix key may be: ctrl with a letter or one of ] \ ^ _ (one control byte each). */
const PREFIX_RE = /^ctrl\+([a-z\]\\^_])$/;

export const DEFAULT_PREFIX_KEY = 'ctrl+g';

export function isValidPrefixKey(name: string): boolean {
  return PREFIX_RE.test(name);
}

/** The byte a prefix key sends ('ctrl+g' → '\x07', 'ctrl+]' → '\x1d'). */
export function prefixChar(name: string): string {
  const m = PREFIX_RE.exec(name);
  if (!m?.[1]) throw new Error(`not a prefix key: ${name}`);
  return String.fromCharCode(m[1].toUpperCase().charCodeAt(0) - 64);
}

export interface KeyToken {
  /** The key's name ('x', 'ctrl+g', 'up', 'esc', 'enter', 'alt+x'), or '' for an unrecognised sequence. */
  name: string;
  /** The characters it was made of. */
  text: string;
}

const CSI_NAMES: Record<string, string> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'shift+tab',
  '5~': 'pgup', '6~': 'pgdn', '1~': 'home', '4~': 'end', '7~': 'home', '8~': 'end', '3~': 'delete',
};

function controlName(ch: string): string {
  switch (ch) {
    case '\r':
    case '\n':
      return 'enter';
    case '\t':
      return 'tab';
    case '\x7f':
    case '\b':
      return 'backspace';
    case ' ':
      return 'space';
    default: {
      const code = ch.charCodeAt(0);
      if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
      if (code >= 0x1c && code <= 0x1f) return `ctrl+${'\\]^_'[code - 0x1c] ?? ''}`;
      return ch;
    }
  }
}

/** The key starting at `s[i]`, and where the next one starts. */
export function nextKey(s: string, i: number): KeyToken & {end: number} {
  const ch = s[i] ?? '';
  if (ch !== '\x1b') {
    const cp = s.codePointAt(i) ?? 0;
    const text = String.fromCodePoint(cp);
    return {name: controlName(text), text, end: i + text.length};
  }
  const next = s[i + 1];
  if (next === undefined) return {name: 'esc', text: ch, end: i + 1};
  if (next === '[' || next === 'O') {
    // CSI/SS3: parameters and intermediates, then one final byte in @–~.
    let j = i + 2;
    while (j < s.length && !/[@-~]/.test(s[j] ?? '')) j++;
    const text = s.slice(i, j + 1);
    const body = s.slice(i + 2, j + 1);
    return {name: CSI_NAMES[body] ?? CSI_NAMES[body.replace(/^1;\d/, '')] ?? '', text, end: j + 1};
  }
  if (next === '\x1b') return {name: 'esc', text: ch, end: i + 1};
  const inner = nextKey(s, i + 1);
  return {name: `alt+${inner.name}`, text: s.slice(i, inner.end), end: inner.end};
}

export function splitKeys(s: string): KeyToken[] {
  const out: KeyToken[] = [];
  for (let i = 0; i < s.length;) {
    const k = nextKey(s, i);
    out.push({name: k.name, text: k.text});
    i = k.end;
  }
  return out;
}
