// THE filter syntax, used by every view and every headless command. Generic over row types; a view supplies a
// FilterSchema. Compile once per keystroke into closures; run the predicate over every row.
//
// Syntax (terms separated by whitespace, all must hold):
//   web            free text: case-insensitive substring of the row's text fields
//   "two words"    double quotes group; inside quotes a backslash escapes the next character (\" \\ \*)
//   key:value      structured: case-insensitive, per key as exact (enums), substring or prefix
//   name:"web 01"  quotes may cover any part of a term; a quoted ':' or '=' or leading '!' is plain text
//   id:i-0ab*      a '*' makes the value a glob, anchored at both ends (`*web*` = contains "web"); `\*` is a
//                  literal star. In free text a '*' matches any run of characters within one field.
//   ping:on        enum keys take a value, an alias, or an unambiguous prefix of a value
//   tag:Env=prod   a tag whose key is Env and value is prod (key and value case-insensitive, either may be a glob)
//   tag:Env=prod,staging  any of these values (as the run form's targets and SSM's Targets take them)
//   tag-key:Team   the tag Team exists (tag-key:Team,Owner: either exists), as in SSM's Targets
//   tag:Env        the tag Env exists (any value)
//   tag:Env=       the tag Env exists with an empty value
//   name:""        the field is empty (an unquoted empty value is an error)
//   !term          negates any term: !ping:online, !tag:Owner, !web
// Outside quotes a backslash is an ordinary character (Windows names like CORP\web01 need no quoting).
// `*` is the only wildcard: an unquoted `?`, `[` or `{` is an error rather than a pattern that silently matches
// nothing; quoted, they are plain text.

import {ESCAPED, FilterError, NOT_WILDCARDS, notWildcardError, PLAIN, tokenize, type Token} from './filter-terms.js';

export type MatchMode = 'exact' | 'substring' | 'prefix';

/** A compiled structured value, handed to custom matchers. Every test is case-insensitive and honours a glob. */
export interface ValueMatcher {
  /** The value as typed (unquoted, unescaped). */
  readonly text: string;
  /** Whether it contains an unescaped `*` (then every test is an anchored glob). */
  readonly glob: boolean;
  exact(s: string): boolean;
  substring(s: string): boolean;
  prefix(s: string): boolean;
}

export interface KeySpec<T> {
  /** One line for the help overlay, e.g. "ping status: online, connectionlost (lost), inactive". */
  describe: string;
  aliases?: readonly string[];
  /** An enum: the valid values (lowercase). Values are validated; an unambiguous prefix is accepted. */
  values?: readonly string[];
  /** Extra names for enum values, e.g. {lost: 'connectionlost'}. */
  valueAliases?: Readonly<Record<string, string>>;
  /** Names the enum in errors: `is not a ping status`. Default `a valid <key> value`. */
  valueNoun?: string;
  /** Shown when the value is missing: `name: needs a value, e.g. name:web*`. */
  example?: string;
  get: (row: T) => string | readonly string[];
  /** Default: exact for enums, substring otherwise. A function receives the row and the compiled value. */
  match?: MatchMode | ((row: T, value: ValueMatcher) => boolean);
}

export interface FilterSchema<T> {
  /** Structured keys, in the order errors and help list them. `tag` is reserved for `tags`. */
  keys: Readonly<Record<string, KeySpec<T>>>;
  /** The free-text haystack of a row: LOWERCASE, fields joined with '\n'. Use `cachedHaystack` to build it. */
  text: Haystack<T>;
  tags?: (row: T) => Readonly<Record<string, string>>;
}

/** A row's free-text haystack (see FilterSchema.text). */
export type Haystack<T> = ((row: T) => string) & {
  /** The same text without keeping it on the row: for the search index, which holds every row's text itself. */
  transient?: (row: T) => string;
};

export type FilterTerm =
  | {kind: 'text'; negated: boolean; value: string; start: number; end: number}
  | {kind: 'key'; negated: boolean; key: string; value: string; start: number; end: number}
  | {kind: 'tag'; negated: boolean; tagKey: string; tagValue?: string; start: number; end: number};

export type CompiledFilter<T> =
  | {
    ok: true; predicate: (row: T) => boolean; terms: readonly FilterTerm[];
    /** Lowercase plain substrings every match must contain (free-text terms without `*` or `!`): index keys. */
    needles: readonly string[];
  }
  | {ok: false; error: string; position: number};

/**
 * A memoised free-text haystack: `fields(row)` joined with '\n' and lowercased, computed once per row object.
 * Rows must be immutable (a refresh brings new objects), which is how the store holds them.
 *
 * The cache is a non-enumerable symbol-keyed property on the row (invisible to Object.keys, JSON, spreads, toEqual
 * and structuredClone): a WeakMap lookup costs ~5× more, which at 50,000 rows per keystroke is most of the budget.
 * Frozen or sealed rows fall back to a WeakMap.
 */
export function cachedHaystack<T extends object>(
  fields: (row: T) => readonly (string | undefined)[],
): Haystack<T> & {transient: (row: T) => string} {
  const slot = Symbol('haystack');
  const frozen = new WeakMap<T, string>();
  const held = (row: T): string | undefined => (row as {[slot]?: string})[slot] ?? frozen.get(row);
  const make = (row: T): string => fields(row).filter((f) => f).join('\n').toLowerCase();
  const cached = (row: T): string => {
    let hay = held(row);
    if (hay === undefined) {
      hay = make(row);
      if (Object.isExtensible(row)) Object.defineProperty(row, slot, {value: hay});
      else frozen.set(row, hay);
    }
    return hay;
  };
  return Object.assign(cached, {transient: (row: T) => held(row) ?? make(row)});
}

// ---- values -------------------------------------------------------------------------------------------------

const escapeRe = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** Regex source for text[from, to): unescaped '*' → `star`, everything else literal. */
function patternOf(tok: Token, from: number, to: number, star: string): {source: string; glob: boolean} {
  let source = '';
  let glob = false;
  for (let j = from; j < to; j++) {
    const c = tok.text[j] ?? '';
    if (c === '*' && tok.kinds[j] !== ESCAPED) {
      source += star;
      glob = true;
    } else {
      source += escapeRe(c);
    }
  }
  return {source, glob};
}

function makeValue(tok: Token, from: number, to: number): ValueMatcher {
  const {source, glob} = patternOf(tok, from, to, '[\\s\\S]*');
  const exactRe = new RegExp(`^${source}$`, 'i');
  const prefixRe = glob ? exactRe : new RegExp(`^${source}`, 'i');
  const substringRe = glob ? exactRe : new RegExp(source, 'i');
  return {
    text: tok.text.slice(from, to),
    glob,
    exact: (s) => exactRe.test(s),
    prefix: (s) => prefixRe.test(s),
    substring: (s) => substringRe.test(s),
  };
}

/** Input offset of text[j]; just past the previous character when j is the end of the text. */
const posAt = (tok: Token, j: number): number => tok.pos[j] ?? (tok.pos[j - 1] ?? tok.start - 1) + 1;
const isQuotedFrom = (tok: Token, from: number): boolean => tok.quoteStarts.some((q) => q >= from);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

// ---- terms --------------------------------------------------------------------------------------------------

type Pred<T> = (row: T) => boolean;

function compileText<T>(schema: FilterSchema<T>, tok: Token, from: number): Pred<T> {
  const {source, glob} = patternOf(tok, from, tok.text.length, '[^\\n]*');
  if (glob) {
    const re = new RegExp(source, 'i');
    return (row) => re.test(schema.text(row));
  }
  const needle = tok.text.slice(from).toLowerCase();
  return (row) => schema.text(row).includes(needle);
}

/** The values of text[from, to) split at unquoted commas: `prod,staging` → any of prod, staging. */
function valueList(tok: Token, from: number, to: number, what: string): ValueMatcher[] {
  const cuts = [from - 1];
  for (let j = from; j < to; j++) if (tok.text[j] === ',' && tok.kinds[j] === PLAIN) cuts.push(j);
  cuts.push(to);
  const values: ValueMatcher[] = [];
  for (let i = 1; i < cuts.length; i++) {
    const start = (cuts[i - 1] ?? 0) + 1;
    const end = cuts[i] ?? to;
    if (start === end && cuts.length > 2) {
      throw new FilterError(`${what}: an empty value between commas, e.g. tag:Env=prod,staging`, posAt(tok, end));
    }
    values.push(makeValue(tok, start, end));
  }
  return values;
}

/** `tag-key:Team,Owner`: any of these tag keys exists, whatever its value. */
function compileTagKey<T>(tags: (row: T) => Readonly<Record<string, string>>, tok: Token, from: number): Pred<T> {
  if (from === tok.text.length) throw new FilterError('tag-key: needs a key, e.g. tag-key:Team', posAt(tok, from));
  const keys = valueList(tok, from, tok.text.length, 'tag-key');
  return (row) => {
    for (const k in tags(row)) if (keys.some((key) => key.exact(k))) return true;
    return false;
  };
}

function compileTag<T>(tags: (row: T) => Readonly<Record<string, string>>, tok: Token, from: number): Pred<T> {
  let eq = -1;
  for (let j = from; j < tok.text.length; j++) {
    if (tok.text[j] === '=' && tok.kinds[j] === PLAIN) {
      eq = j;
      break;
    }
  }
  const keyEnd = eq < 0 ? tok.text.length : eq;
  if (keyEnd === from) throw new FilterError('tag: needs a key, e.g. tag:Env=prod', posAt(tok, from));
  const key = makeValue(tok, from, keyEnd);
  const keyLower = key.text.toLowerCase();
  const keyMatches = key.glob ? key.exact : (k: string) => k.length === keyLower.length && k.toLowerCase() === keyLower;
  const values = eq < 0 ? undefined : valueList(tok, eq + 1, tok.text.length, 'tag');
  return (row) => {
    const t = tags(row);
    for (const k in t) {
      if (!keyMatches(k)) continue;
      if (values === undefined || values.some((v) => v.exact(t[k] ?? ''))) return true;
    }
    return false;
  };
}

function resolveEnum<T>(name: string, spec: KeySpec<T>, values: readonly string[], v: ValueMatcher, at: number): string[] {
  const aliases = spec.valueAliases ?? {};
  const names = [...values, ...Object.keys(aliases)];
  const canonical = (x: string): string => (hasOwn(aliases, x) ? (aliases[x] ?? x) : x);
  const lower = v.text.toLowerCase();
  let hits: string[];
  if (v.glob) hits = names.filter((x) => v.exact(x));
  else if (names.includes(lower)) hits = [lower];
  else hits = names.filter((x) => x.startsWith(lower));
  const found = [...new Set(hits.map(canonical))];
  if (found.length === 1 || (v.glob && found.length > 0)) return found;
  const list = values.join(', ');
  if (found.length === 0) {
    const noun = spec.valueNoun ?? `a valid ${name} value`;
    throw new FilterError(`${name}: "${v.text}" is not ${noun} — use ${list}`, at);
  }
  throw new FilterError(`${name}: "${v.text}" could be ${found.join(' or ')} — type more of it`, at);
}

function compileKey<T>(name: string, spec: KeySpec<T>, tok: Token, from: number): Pred<T> {
  const at = posAt(tok, from);
  const {values} = spec;
  if (from === tok.text.length && (values || !isQuotedFrom(tok, from))) {
    const hint = values ? ` — use ${values.join(', ')}` : spec.example ? `, e.g. ${spec.example}` : '';
    throw new FilterError(`${name}: needs a value${hint}`, at);
  }
  let value = makeValue(tok, from, tok.text.length);
  let test: (s: string) => boolean;
  if (value.text === '') {
    test = (s) => s === '';
  } else if (values) {
    const allowed = new Set(resolveEnum(name, spec, values, value, at));
    if (allowed.size === 1 && !value.glob) {
      const only = [...allowed][0] ?? '';
      value = {...value, text: only, exact: (s) => s.toLowerCase() === only};
    }
    test = (s) => allowed.has(s.toLowerCase());
  } else {
    const mode = typeof spec.match === 'string' ? spec.match : 'substring';
    test = value[mode];
  }
  const custom = spec.match;
  if (typeof custom === 'function') {
    const v = value;
    return (row) => custom(row, v);
  }
  const get = spec.get;
  return (row) => {
    const got = get(row);
    if (typeof got === 'string') return test(got);
    if (got.length === 0) return value.text === '';
    for (const g of got) if (test(g)) return true;
    return false;
  };
}

// ---- compile ------------------------------------------------------------------------------------------------

const KEY_NAME = /^[a-z][a-z0-9_-]*$/i;
/** Refuse a wildcard the syntax does not have, where it would otherwise silently match nothing. */
function checkWildcards(tok: Token): void {
  for (let j = 0; j < tok.text.length; j++) {
    const c = tok.text[j] ?? '';
    if (tok.kinds[j] === PLAIN && NOT_WILDCARDS.includes(c)) throw new FilterError(notWildcardError(c), posAt(tok, j));
  }
}

/** Compile a filter string against a schema. Blank text is ok and matches every row. */
export function compileFilter<T>(text: string, schema: FilterSchema<T>): CompiledFilter<T> {
  const byName = new Map<string, [string, KeySpec<T>]>();
  for (const [name, spec] of Object.entries(schema.keys)) {
    byName.set(name.toLowerCase(), [name, spec]);
    for (const alias of spec.aliases ?? []) byName.set(alias.toLowerCase(), [name, spec]);
  }
  const keyList = [...(schema.tags ? ['tag', 'tag-key'] : []), ...Object.keys(schema.keys)].join(', ');
  const preds: Pred<T>[] = [];
  const terms: FilterTerm[] = [];
  const needles: string[] = [];
  try {
    for (const tok of tokenize(text)) {
      checkWildcards(tok);
      const negated = tok.text[0] === '!' && tok.kinds[0] === PLAIN;
      const body = negated ? 1 : 0;
      if (body === tok.text.length && !isQuotedFrom(tok, body)) {
        throw new FilterError('! needs a term after it, e.g. !ping:online', tok.start);
      }
      const colon = tok.kinds.findIndex((k, j) => j >= body && k === PLAIN && tok.text[j] === ':');
      const keyText = colon > body ? tok.text.slice(body, colon) : '';
      const isKey = KEY_NAME.test(keyText) && tok.kinds.slice(body, colon).every((k) => k === PLAIN);
      const span = {negated, start: tok.start, end: tok.end};
      let pred: Pred<T>;
      if (!isKey) {
        pred = compileText(schema, tok, body);
        terms.push({kind: 'text', value: tok.text.slice(body), ...span});
        const needle = tok.text.slice(body).toLowerCase();
        if (!negated && needle !== '' && !patternOf(tok, body, tok.text.length, '').glob) needles.push(needle);
      } else if (keyText.toLowerCase() === 'tag' && schema.tags) {
        pred = compileTag(schema.tags, tok, colon + 1);
        const rest = tok.text.slice(colon + 1);
        const eq = rest.indexOf('=');
        terms.push(eq < 0 ? {kind: 'tag', tagKey: rest, ...span}
          : {kind: 'tag', tagKey: rest.slice(0, eq), tagValue: rest.slice(eq + 1), ...span});
      } else if (keyText.toLowerCase() === 'tag-key' && schema.tags) {
        pred = compileTagKey(schema.tags, tok, colon + 1);
        terms.push({kind: 'tag', tagKey: tok.text.slice(colon + 1), ...span});
      } else {
        const entry = byName.get(keyText.toLowerCase());
        if (!entry) throw new FilterError(`unknown filter key "${keyText}" — use one of: ${keyList}`, posAt(tok, body));
        const [name, spec] = entry;
        pred = compileKey(name, spec, tok, colon + 1);
        terms.push({kind: 'key', key: name, value: tok.text.slice(colon + 1), ...span});
      }
      preds.push(negated ? (row) => !pred(row) : pred);
    }
  } catch (e) {
    if (e instanceof FilterError) return {ok: false, error: e.message, position: e.position};
    throw e;
  }
  return {ok: true, predicate: combine(preds), terms, needles};
}

function combine<T>(preds: readonly Pred<T>[]): Pred<T> {
  const [first, second] = preds;
  if (!first) return () => true;
  if (!second) return first;
  if (preds.length === 2) return (row) => first(row) && second(row);
  return (row) => {
    for (const p of preds) if (!p(row)) return false;
    return true;
  };
}
