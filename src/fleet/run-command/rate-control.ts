// SendCommand rate controls: MaxConcurrency and MaxErrors (docs/ssm-api.md §8 "Rate controls").
// Pure: parsing, SSM's own validation (and the Coral ValidationException text the local endpoint returns),
// and the resolution of a percentage against the target count.
//
// What the sources say, and what they leave open:
// - Patterns and lengths (CONFIRMED, botocore @0e6e2404 ssm/2014-11-06 service-2.json): both shapes are strings
//   of length 1–7; MaxConcurrency `^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$`, MaxErrors
//   `^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$`; defaults "50" and "0" (member documentation).
// - Coral message shape (CONFIRMED from real AWS messages quoted in amazon-ssm-agent#60, aws-cli#7048 and other
//   services' error texts): `1 validation error detected: Value '<v>' at '<member>' failed to satisfy constraint:
//   Member must satisfy regular expression pattern: <pattern>`; several violations are counted ("2 validation
//   errors detected: …") and joined with "; ", the pattern violation before the length one. That SSM uses the
//   camelCase member names `maxConcurrency`/`maxErrors` follows the same convention (`instanceId`,
//   `associationId` in those SSM messages); the exact SSM text for these two members is UNVERIFIED.
// - MaxErrors (CONFIRMED examples, UG send-commands-multiple.md, state-manager rate controls, BC): "3 → stop when
//   the fourth error is received", "0 → stop after the first error", "50 targets at 10% → stop at the sixth". So a
//   threshold t is passed when ErrorCount > t, with t = n for a count. For a percentage the docs only give an
//   exact case (10% × 50 = 5); the Automation page says "fifth" for that same case, contradicting the other
//   three pages. ROUNDING IS UNVERIFIED: we use t = floor(pct × TargetCount / 100) — the rule ssm-api.md suggests
//   and the cautious one (it stops no later than any other rounding would).
// - MaxConcurrency percentage rounding: NO SSM source found (UNVERIFIED). We use
//   max(1, floor(pct × TargetCount / 100)): never more nodes at once than the stated share, except that at least
//   one always runs. This is the rule AWS documents for CloudFormation StackSets' MaxConcurrentPercentage
//   ("rounds down …, except where rounding down would result in zero … sets the number as one") — the closest
//   documented AWS analogue, not SSM itself.

export type RateKind = 'maxConcurrency' | 'maxErrors';
export type RateValue = {readonly kind: 'count'; readonly n: number} | {readonly kind: 'percent'; readonly pct: number};
export type RateParseResult = {ok: true; value: RateValue} | {ok: false; error: string};

/** The model's patterns, verbatim. */
export const RATE_PATTERNS: Readonly<Record<RateKind, string>> = {
  maxConcurrency: '^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$',
  maxErrors: '^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$',
};
/** The model's length bounds (both shapes). */
export const RATE_MIN_LENGTH = 1;
export const RATE_MAX_LENGTH = 7;
/** What SSM uses when the field is omitted. */
export const RATE_DEFAULTS: Readonly<Record<RateKind, string>> = {maxConcurrency: '50', maxErrors: '0'};

const REGEX: Readonly<Record<RateKind, RegExp>> = {
  maxConcurrency: new RegExp(RATE_PATTERNS.maxConcurrency),
  maxErrors: new RegExp(RATE_PATTERNS.maxErrors),
};
const LABEL: Readonly<Record<RateKind, string>> = {maxConcurrency: 'MaxConcurrency', maxErrors: 'MaxErrors'};
const VALID: Readonly<Record<RateKind, string>> = {
  maxConcurrency: 'a whole number of instances from 1 to 9999999 (e.g. 10) or a percentage from 1% to 100% (e.g. 10%)',
  maxErrors: 'a whole number of errors from 0 to 9999999 (e.g. 0 or 3) or a percentage from 0% to 100% (e.g. 10%)',
};

/**
 * The constraint violations SSM would report for `text`, as Coral message fragments
 * (`Value '…' at 'maxConcurrency' failed to satisfy constraint: …`). Empty when the value is valid.
 */
export function rateConstraintViolations(kind: RateKind, text: string): string[] {
  const prefix = `Value '${text}' at '${kind}' failed to satisfy constraint: `;
  const out: string[] = [];
  if (!REGEX[kind].test(text)) out.push(`${prefix}Member must satisfy regular expression pattern: ${RATE_PATTERNS[kind]}`);
  if (text.length < RATE_MIN_LENGTH) out.push(`${prefix}Member must have length greater than or equal to ${RATE_MIN_LENGTH}`);
  if (text.length > RATE_MAX_LENGTH) out.push(`${prefix}Member must have length less than or equal to ${RATE_MAX_LENGTH}`);
  return out;
}

/** Join violation fragments (possibly from several members) into one ValidationException message. */
export function coralValidationMessage(violations: readonly string[]): string {
  const n = violations.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`;
}

/** The ValidationException message the endpoint returns for a bad value; undefined when the value is valid. */
export function rateValidationMessage(kind: RateKind, text: string): string | undefined {
  const v = rateConstraintViolations(kind, text);
  return v.length === 0 ? undefined : coralValidationMessage(v);
}

/** Why `text` is not valid, in words a user can act on. Only called for values SSM would reject. */
function reason(kind: RateKind, text: string): string {
  if (text === '') return 'is empty';
  if (/\s/.test(text)) return `'${text}' contains spaces`;
  const isPct = text.endsWith('%');
  const body = isPct ? text.slice(0, -1) : text;
  if (body.startsWith('-')) return `'${text}' is negative`;
  if (/^\d*[.,]\d*$/.test(body) && /\d/.test(body)) return `'${text}' is not a whole number`;
  if (!/^\d+$/.test(body)) return `'${text}' is not a number or a percentage`;
  if (body.length > 1 && body.startsWith('0')) return `'${text}' has a leading zero (write ${String(Number(body))}${isPct ? '%' : ''})`;
  const n = Number(body);
  if (isPct && n > 100) return `'${text}' is more than 100%`;
  if (n === 0 && kind === 'maxConcurrency') return `'${text}' would never run the command on any instance`;
  if (text.length > RATE_MAX_LENGTH) return `'${text}' is longer than ${RATE_MAX_LENGTH} characters`;
  return `'${text}' is not accepted by SSM`; // defensive: every rejected shape is named above
}

/** Parse and validate a MaxConcurrency / MaxErrors string exactly as SSM does. */
export function parseRateValue(kind: RateKind, text: string): RateParseResult {
  if (rateConstraintViolations(kind, text).length > 0) {
    return {ok: false, error: `${LABEL[kind]} ${reason(kind, text)}. Use ${VALID[kind]}.`};
  }
  return text.endsWith('%')
    ? {ok: true, value: {kind: 'percent', pct: Number(text.slice(0, -1))}}
    : {ok: true, value: {kind: 'count', n: Number(text)}};
}

/** The wire form: `10` or `10%`. */
export function formatRateValue(v: RateValue): string {
  return v.kind === 'count' ? String(v.n) : `${v.pct}%`;
}

function percentOf(pct: number, targetCount: number): number {
  // Integers throughout (pct ≤ 100, counts are small), so this floor is exact.
  return Math.floor((pct * targetCount) / 100);
}

/**
 * How many invocations may be in flight at once. A count is used as given (it may exceed the target count; that
 * simply never binds). A percentage is max(1, floor(pct × targetCount / 100)) — see the header: UNVERIFIED.
 * Examples: 10% of 50 → 5; 10% of 15 → 1; 10% of 5 → 1; 33% of 10 → 3; 100% of 7 → 7.
 */
export function resolveConcurrency(v: RateValue, targetCount: number): number {
  return v.kind === 'count' ? v.n : Math.max(1, percentOf(v.pct, targetCount));
}

/**
 * The number of errors tolerated: dispatch stops once ErrorCount > threshold. A count is the threshold; a
 * percentage is floor(pct × targetCount / 100) (rounding UNVERIFIED, see the header).
 * Examples: "0" → 0 (stop after the 1st error); "3" → 3 (stop at the 4th); 10% of 50 → 5 (stop at the 6th);
 * 10% of 15 → 1 (stop at the 2nd); 0% → 0; 100% of n → n (never stops).
 */
export function errorThreshold(v: RateValue, targetCount: number): number {
  return v.kind === 'count' ? v.n : percentOf(v.pct, targetCount);
}

/** True once the error budget is spent: SSM stops sending at the (threshold + 1)-th error. */
export function isThresholdPassed(errorCount: number, threshold: number): boolean {
  return errorCount > threshold;
}
