// OSC 52: the terminal (also over SSH, and through tmux with set-clipboard on) puts the text on the user's
// clipboard; nothing is drawn. Base64 keeps every byte of the text out of the terminal's parser.
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text).toString('base64')}\x07`;
}
