// One name per key press, from Ink's (input, key) pair: "j", "G", "enter", "ctrl+r", "space", "pgdn".

export interface InkKey {
  upArrow: boolean; downArrow: boolean; leftArrow: boolean; rightArrow: boolean;
  pageDown: boolean; pageUp: boolean; return: boolean; escape: boolean; ctrl: boolean; shift: boolean;
  tab: boolean; backspace: boolean; delete: boolean; meta: boolean;
  home?: boolean; end?: boolean;
}

export function keyName(input: string, key: InkKey): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pgup';
  if (key.pageDown) return 'pgdn';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return key.meta ? 'alt+enter' : 'enter';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  // Ink 6 reports the usual Backspace byte (0x7f) as `delete`; both edit text the same way.
  if (key.backspace || key.delete) return 'backspace';
  if (key.escape && !input) return 'esc';
  if (input === ' ') return 'space';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (key.meta && input) return `alt+${input}`;
  return input;
}

const NAMED = new Set(['up', 'down', 'left', 'right', 'pgup', 'pgdn', 'home', 'end', 'enter', 'tab', 'shift+tab',
  'backspace', 'esc', 'space']);

export function isValidKeyName(k: string): boolean {
  return NAMED.has(k) || /^(ctrl|alt)\+[a-z0-9]$/.test(k) || (k.length === 1 && k >= '!' && k <= '~');
}

/**
 * The text a key press types into a field: a printable character (or a pasted run of them), never a named or
 * modified key. Typing is not a binding: forms and prompts offer it for keys no command of theirs is bound to.
 */
export function typedText(key: string, input: string): string | undefined {
  if (!input || key.startsWith('ctrl+') || key.startsWith('alt+')) return undefined;
  if (key === 'space') return ' ';
  return NAMED.has(key) ? undefined : input;
}

/** How a key is shown in hints and help: `<ctrl+r>`. */
export function showKey(k: string): string {
  return `<${k}>`;
}
