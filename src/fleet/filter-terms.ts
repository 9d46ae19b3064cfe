// The filter syntax's terms as typed (filter.ts compiles them): whitespace splits terms outside quotes, double quotes
// group, and inside quotes a backslash escapes the next character. Each character remembers whether it was typed
// plain (so `:`, `=`, `,`, `!` and `*` there are syntax), quoted or escaped. The run form's targets split with it too.

export const PLAIN = 0; // outside quotes: may be syntax
export const QUOTED = 1; // inside quotes: never syntax, but '*' still globs
export const ESCAPED = 2; // backslash-escaped inside quotes: always literal

export interface Token {
  text: string;
  kinds: number[];
  /** Input offset of each character of `text`. */
  pos: number[];
  /** Indices into `text` where a quoted segment began (kept even for `""`). */
  quoteStarts: number[];
  start: number;
  end: number;
}

export class FilterError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
  }
}

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const n = input.length;
  let i = 0;
  while (i < n) {
    while (i < n && /\s/.test(input[i] ?? '')) i++;
    if (i >= n) break;
    const tok: Token = {text: '', kinds: [], pos: [], quoteStarts: [], start: i, end: i};
    const push = (c: string, kind: number, at: number): void => {
      tok.text += c;
      tok.kinds.push(kind);
      tok.pos.push(at);
    };
    while (i < n && !/\s/.test(input[i] ?? '')) {
      const c = input[i] ?? '';
      if (c !== '"') {
        push(c, PLAIN, i++);
        continue;
      }
      const open = i++;
      tok.quoteStarts.push(tok.text.length);
      for (;;) {
        const q = input[i];
        if (q === undefined) throw new FilterError('unclosed quote — add the closing "', open);
        if (q === '"') break;
        if (q === '\\') {
          const next = input[i + 1];
          if (next === undefined) throw new FilterError('unclosed quote — add the closing "', open);
          push(next, ESCAPED, i);
          i += 2;
        } else {
          push(q, QUOTED, i++);
        }
      }
      i++; // the closing quote
    }
    tok.end = i;
    tokens.push(tok);
  }
  return tokens;
}

export const NOT_WILDCARDS = '?[{';

/** The error for a wildcard the syntax does not have (the filter and the run form's targets say it alike). */
export function notWildcardError(c: string): string {
  return `"${c}" is not a wildcard — only * is a wildcard (quote it to match it as text: "${c}")`;
}

/** A term as typed, quotes removed: which of its characters are syntax (typed outside quotes). */
export interface TermText {
  readonly text: string;
  /** Whether text[j] was typed outside quotes (so `:`, `=`, `,` and `*` there are syntax). */
  plain(j: number): boolean;
  readonly start: number;
  readonly end: number;
}

/**
 * The terms of `input` as this syntax splits them (whitespace outside quotes; quotes group and `\` escapes inside
 * them): the run form's and `--targets`' expressions read their terms with it, so both quote alike.
 */
export function splitTerms(input: string): {ok: true; terms: TermText[]} | {ok: false; error: string; position: number} {
  try {
    return {ok: true, terms: tokenize(input).map((tok) => ({text: tok.text, plain: (j: number) => tok.kinds[j] === PLAIN,
      start: tok.start, end: tok.end}))};
  } catch (e) {
    if (e instanceof FilterError) return {ok: false, error: e.message, position: e.position};
    throw e;
  }
}
