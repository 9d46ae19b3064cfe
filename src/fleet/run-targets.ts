// `--targets` (and the Run Command form's target field): instance ids, or a target expression that goes to SSM as
// Targets — `tag:Env=prod,staging`, `tag-key:Team`, `resource-groups:web-servers`, several ANDed by spaces.

import {notWildcardAt, notWildcardError} from './filter.js';

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
  const targets: {Key: string; Values: string[]}[] = [];
  for (const term of t.split(/\s+/)) {
    // The same words as the `/` filter: a `?`, `[` or `{` there is an error, so it is one here too.
    const odd = notWildcardAt(term);
    if (odd >= 0) return {ok: false, error: `"${term}": ${notWildcardError(term[odd] ?? '', false)}`};
    const m = /^(tag|tag-key|resource-groups):(.+)$/.exec(term);
    if (!m?.[1] || !m[2]) {
      return {ok: false, error: `"${term}" is not a target: use tag:Key=Value, tag-key:Key or resource-groups:Name`};
    }
    const [kind, rest] = [m[1], m[2]];
    if (kind === 'tag') {
      const eq = rest.indexOf('=');
      const key = eq < 0 ? '' : rest.slice(0, eq);
      const values = eq < 0 ? [] : rest.slice(eq + 1).split(',').filter(Boolean);
      if (!key || values.length === 0) return {ok: false, error: `"${term}" needs a key and values, e.g. tag:Env=prod,staging`};
      targets.push({Key: `tag:${key}`, Values: values});
    } else if (kind === 'tag-key') {
      targets.push({Key: 'tag-key', Values: rest.split(',').filter(Boolean)});
    } else {
      targets.push({Key: 'resource-groups:Name', Values: [rest]});
    }
  }
  if (targets.length > MAX_TARGET_KEYS) return {ok: false, error: `at most ${MAX_TARGET_KEYS} target terms (SSM's limit)`};
  if (targets.some((x) => x.Values.length > MAX_TARGET_VALUES)) {
    return {ok: false, error: `at most ${MAX_TARGET_VALUES} values per target term (SSM's limit)`};
  }
  return {ok: true, value: {kind: 'targets', targets}};
}

/** The expression back as text, for confirmations and the audit log. */
export function describeTargets(t: RunTargets): string {
  return t.kind === 'ids'
    ? `${t.ids.length} instance${t.ids.length === 1 ? '' : 's'}`
    : t.targets.map((x) => `${x.Key}=${x.Values.join(',')}`).join(' ');
}
