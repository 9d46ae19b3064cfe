// `--targets` (and the Run Command form's target field): instance ids, or a target expression that goes to SSM as
// Targets — `tag:Env=prod,staging`, `tag-key:Team`, `resource-groups:web-servers`, several ANDed by spaces. Terms are
// split as the `/` filter splits them, so a value with spaces or commas is quoted alike: `tag:Team="Data Eng"`.

import {notWildcardError, splitTerms, type TermText} from '../filter-terms.js';

export type RunTargets =
  | {kind: 'ids'; ids: string[]}
  | {kind: 'targets'; targets: {Key: string; Values: string[]}[]};

const ID = /^(i-[0-9a-f]{8}|i-[0-9a-f]{17}|mi-[0-9a-f]{17})$/;
const MAX_TARGET_KEYS = 5;
const MAX_TARGET_VALUES = 50;

export function parseRunTargets(text: string): {ok: true; value: RunTargets} | {ok: false; error: string} {
  const t = text.trim();
  if (!t) return {ok: false, error: 'no targets: give instance ids (i-…, mi-…) or an expression such as tag:Env=prod'};
  if (/^(i|mi)-/.test(t)) {
    const ids = [...new Set(t.split(/[\s,]+/).filter(Boolean))];
    const bad = ids.find((id) => !ID.test(id));
    if (bad !== undefined) {
      return {ok: false, error: `"${bad}" is not an instance id (i- and 8 or 17 hex digits, or mi- and 17)`};
    }
    return {ok: true, value: {kind: 'ids', ids}};
  }
  const split = splitTerms(t);
  if (!split.ok) return {ok: false, error: split.error};
  const targets: {Key: string; Values: string[]}[] = [];
  for (const term of split.terms) {
    const shown = t.slice(term.start, term.end);
    // The same words as the `/` filter: an unquoted `?`, `[` or `{` there is an error, so it is one here too.
    const odd = [...term.text].findIndex((c, j) => term.plain(j) && '?[{'.includes(c));
    if (odd >= 0) return {ok: false, error: `"${shown}": ${notWildcardError(term.text[odd] ?? '')}`};
    const colon = plainIndex(term, ':', 0);
    const kind = colon < 0 ? '' : term.text.slice(0, colon);
    const rest = colon + 1;
    if (!['tag', 'tag-key', 'resource-groups'].includes(kind) || rest >= term.text.length) {
      return {ok: false, error: `"${shown}" is not a target: use tag:Key=Value, tag-key:Key or resource-groups:Name`};
    }
    if (kind === 'tag') {
      const eq = plainIndex(term, '=', rest);
      const key = eq < 0 ? '' : term.text.slice(rest, eq);
      const values = eq < 0 ? [] : commaList(term, eq + 1);
      if (!key || values.length === 0) return {ok: false, error: `"${shown}" needs a key and values, e.g. tag:Env=prod,staging`};
      targets.push({Key: `tag:${key}`, Values: values});
    } else if (kind === 'tag-key') {
      targets.push({Key: 'tag-key', Values: commaList(term, rest)});
    } else {
      targets.push({Key: 'resource-groups:Name', Values: [term.text.slice(rest)]});
    }
  }
  if (targets.length > MAX_TARGET_KEYS) return {ok: false, error: `at most ${MAX_TARGET_KEYS} target terms (SSM's limit)`};
  if (targets.some((x) => x.Values.length > MAX_TARGET_VALUES)) {
    return {ok: false, error: `at most ${MAX_TARGET_VALUES} values per target term (SSM's limit)`};
  }
  return {ok: true, value: {kind: 'targets', targets}};
}

/** The first unquoted `ch` from `from`, or -1. */
function plainIndex(term: TermText, ch: string, from: number): number {
  for (let j = from; j < term.text.length; j++) if (term.text[j] === ch && term.plain(j)) return j;
  return -1;
}

/** text[from…] split at unquoted commas, empty items dropped (`prod,"a,b"` → prod, a,b). */
function commaList(term: TermText, from: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (let j = from; j < term.text.length; j++) {
    if (term.text[j] === ',' && term.plain(j)) {
      out.push(cur);
      cur = '';
    } else {
      cur += term.text[j] ?? '';
    }
  }
  out.push(cur);
  return out.filter(Boolean);
}

/** The expression back as text, for confirmations and the audit log. */
export function describeTargets(t: RunTargets): string {
  return t.kind === 'ids'
    ? `${t.ids.length} instance${t.ids.length === 1 ? '' : 's'}`
    : t.targets.map((x) => `${x.Key}=${x.Values.join(',')}`).join(' ');
}
