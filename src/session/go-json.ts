/**
 * Small helpers to speak JSON the way Go's encoding/json does, so that payloads are byte-identical to what the
 * plugin and the agent produce, and so that we read what they would read.
 */

/**
 * Compact JSON with Go's default escaping: json.Marshal escapes <, > and & (HTML-safe) and U+2028/U+2029, which
 * JSON.stringify leaves raw. Those characters can only occur inside strings, so rewriting the output is safe.
 * Key order is the insertion order of the objects given (build them in Go struct field order).
 */
export function goJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('value is not representable as JSON');
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** UTF-8 bytes of {@link goJson}. */
export function goJsonBytes(value: unknown): Buffer {
  return Buffer.from(goJson(value), 'utf8');
}

export type JsonObjectResult = {ok: true; value: Record<string, unknown>} | {ok: false; error: string};

/** Parses bytes (UTF-8, invalid sequences replaced as Go does) as a JSON object. Never throws. */
export function parseJsonObject(bytes: Uint8Array | string): JsonObjectResult {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {ok: false, error: `invalid JSON: ${(error as Error).message}`};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {ok: false, error: 'JSON payload is not an object'};
  }
  return {ok: true, value: value as Record<string, unknown>};
}

/**
 * Go's json.Unmarshal matches object keys to struct fields case-insensitively, preferring an exact match.
 * Returns undefined when absent.
 */
export function goField(object: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name];
  const lower = name.toLowerCase();
  let found: unknown;
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === lower) found = object[key];
  }
  return found;
}

/** A string field (missing or null → ''), or an error message when it has another type. */
export function goStringField(object: Record<string, unknown>, name: string): string | {error: string} {
  const value = goField(object, name);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return {error: `${name} is not a string`};
  return value;
}
