import {describe, expect, it} from 'vitest';
import {
  RATE_DEFAULTS,
  RATE_PATTERNS,
  coralValidationMessage,
  errorThreshold,
  formatRateValue,
  isThresholdPassed,
  parseRateValue,
  rateConstraintViolations,
  rateValidationMessage,
  resolveConcurrency,
  type RateKind,
  type RateValue,
} from '../../../src/fleet/run-command/rate-control.js';

const count = (n: number): RateValue => ({kind: 'count', n});
const pct = (p: number): RateValue => ({kind: 'percent', pct: p});

describe('parseRateValue accepts exactly what SSM accepts', () => {
  it.each<[RateKind, string, RateValue]>([
    ['maxConcurrency', '1', count(1)],
    ['maxConcurrency', '50', count(50)],
    ['maxConcurrency', '9999999', count(9999999)],
    ['maxConcurrency', '1%', pct(1)],
    ['maxConcurrency', '10%', pct(10)],
    ['maxConcurrency', '99%', pct(99)],
    ['maxConcurrency', '100%', pct(100)],
    ['maxErrors', '0', count(0)],
    ['maxErrors', '3', count(3)],
    ['maxErrors', '0%', pct(0)],
    ['maxErrors', '9%', pct(9)],
    ['maxErrors', '10%', pct(10)],
    ['maxErrors', '100%', pct(100)],
  ])('%s %j', (kind, text, value) => {
    expect(parseRateValue(kind, text)).toEqual({ok: true, value});
    expect(rateValidationMessage(kind, text)).toBeUndefined();
    expect(formatRateValue(value)).toBe(text);
  });

  it('the defaults are valid', () => {
    expect(parseRateValue('maxConcurrency', RATE_DEFAULTS.maxConcurrency)).toEqual({ok: true, value: count(50)});
    expect(parseRateValue('maxErrors', RATE_DEFAULTS.maxErrors)).toEqual({ok: true, value: count(0)});
  });
});

describe('parseRateValue rejects bad values with a message saying what is wrong and what is valid', () => {
  const concValid = /whole number of instances from 1 .* percentage from 1% to 100%/;
  const errValid = /whole number of errors from 0 .* percentage from 0% to 100%/;
  it.each<[RateKind, string, RegExp]>([
    ['maxConcurrency', '', /^MaxConcurrency is empty\./],
    ['maxConcurrency', '0', /'0' would never run/],
    ['maxConcurrency', '0%', /'0%' would never run/],
    ['maxConcurrency', '150%', /'150%' is more than 100%/],
    ['maxConcurrency', '101%', /more than 100%/],
    ['maxConcurrency', 'abc', /'abc' is not a number or a percentage/],
    ['maxConcurrency', '-1', /'-1' is negative/],
    ['maxConcurrency', '05', /leading zero \(write 5\)/],
    ['maxConcurrency', '05%', /leading zero \(write 5%\)/],
    ['maxConcurrency', '1.5', /'1\.5' is not a whole number/],
    ['maxConcurrency', '2,5', /not a whole number/],
    ['maxConcurrency', ' 10', /contains spaces/],
    ['maxConcurrency', '10 %', /contains spaces/],
    ['maxConcurrency', '12345678', /longer than 7 characters/],
    ['maxConcurrency', '1e3', /not a number/],
    ['maxConcurrency', '+5', /not a number/],
    ['maxConcurrency', '%', /not a number/],
    ['maxConcurrency', '10%%', /not a number/],
    ['maxErrors', '', /^MaxErrors is empty\./],
    ['maxErrors', '150%', /more than 100%/],
    ['maxErrors', 'abc', /not a number/],
    ['maxErrors', '-1', /negative/],
    ['maxErrors', '05', /leading zero \(write 5\)/],
    ['maxErrors', '00', /leading zero \(write 0\)/],
    ['maxErrors', '00%', /leading zero \(write 0%\)/],
    ['maxErrors', '1.5', /not a whole number/],
    ['maxErrors', '0.5%', /not a whole number/],
    ['maxErrors', '12345678', /longer than 7/],
  ])('%s %j', (kind, text, why) => {
    const r = parseRateValue(kind, text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(why);
    expect(r.error).toMatch(kind === 'maxConcurrency' ? concValid : errValid);
    expect(r.error.startsWith(kind === 'maxConcurrency' ? 'MaxConcurrency ' : 'MaxErrors ')).toBe(true);
    // Whatever we reject, the endpoint rejects too (same rules).
    expect(rateValidationMessage(kind, text)).toMatch(/^\d validation errors? detected: /);
  });
});

describe('Coral ValidationException text', () => {
  it('pattern violation', () => {
    expect(rateValidationMessage('maxConcurrency', '150%')).toBe(
      "1 validation error detected: Value '150%' at 'maxConcurrency' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: ^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$',
    );
    expect(rateValidationMessage('maxErrors', '-1')).toBe(
      "1 validation error detected: Value '-1' at 'maxErrors' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: ^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$',
    );
  });

  it('empty value: pattern and minimum length, pattern first', () => {
    expect(rateValidationMessage('maxErrors', '')).toBe(
      "2 validation errors detected: Value '' at 'maxErrors' failed to satisfy constraint: Member must satisfy " +
        `regular expression pattern: ${RATE_PATTERNS.maxErrors}; Value '' at 'maxErrors' failed to satisfy ` +
        'constraint: Member must have length greater than or equal to 1',
    );
  });

  it('too long but matching the pattern: length only', () => {
    expect(rateConstraintViolations('maxConcurrency', '12345678')).toEqual([
      "Value '12345678' at 'maxConcurrency' failed to satisfy constraint: Member must have length less than or equal to 7",
    ]);
    expect(rateConstraintViolations('maxConcurrency', '1234567')).toEqual([]);
  });

  it('violations from several members join into one message', () => {
    const v = [...rateConstraintViolations('maxConcurrency', '0'), ...rateConstraintViolations('maxErrors', 'x')];
    expect(coralValidationMessage(v)).toMatch(
      /^2 validation errors detected: Value '0' at 'maxConcurrency' .*; Value 'x' at 'maxErrors' /,
    );
  });
});

describe('resolveConcurrency: count as given, percent = max(1, floor(pct × T / 100))', () => {
  it.each<[RateValue, number, number]>([
    [count(50), 3, 50],
    [count(1), 300, 1],
    [pct(10), 50, 5],
    [pct(10), 15, 1],
    [pct(10), 19, 1],
    [pct(10), 20, 2],
    [pct(10), 5, 1],
    [pct(33), 10, 3],
    [pct(50), 3, 1],
    [pct(99), 100, 99],
    [pct(100), 7, 7],
    [pct(1), 1, 1],
    [pct(1), 0, 1],
  ])('%j of %i targets → %i', (v, t, want) => {
    expect(resolveConcurrency(v, t)).toBe(want);
  });
});

describe('errorThreshold and the doc examples', () => {
  it.each<[RateValue, number, number]>([
    [count(0), 10, 0],
    [count(3), 10, 3],
    [pct(10), 50, 5],
    [pct(10), 15, 1],
    [pct(10), 9, 0],
    [pct(0), 100, 0],
    [pct(9), 100, 9],
    [pct(100), 8, 8],
    [pct(50), 3, 1],
  ])('%j of %i targets → threshold %i', (v, t, want) => {
    expect(errorThreshold(v, t)).toBe(want);
  });

  /** The 1-based error at which sending stops. */
  const stopsAt = (v: RateValue, t: number): number => {
    const th = errorThreshold(v, t);
    let e = 0;
    while (!isThresholdPassed(e, th)) e++;
    return e;
  };
  it('MaxErrors 3 stops at the 4th error', () => expect(stopsAt(count(3), 20)).toBe(4));
  it('MaxErrors 0 stops after the first error', () => expect(stopsAt(count(0), 20)).toBe(1));
  it('50 targets at 10% stop at the 6th error', () => expect(stopsAt(pct(10), 50)).toBe(6));
  it('100% never stops before every target has failed', () => expect(stopsAt(pct(100), 8)).toBe(9));
});
