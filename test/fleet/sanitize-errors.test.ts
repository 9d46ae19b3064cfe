// Errors, emulated cells and log lines: the sanitizer's entry points beyond table cells and output panes.
import {describe, expect, it} from 'vitest';
import {cellChars, errorText, escapeJsonForTerminal} from '../../src/fleet/sanitize.js';
import {describeAwsError} from '../../src/aws/errors.js';

const HOSTILE = 'denied \x1b]52;c;ZXZpbA==\x07\x1b]0;title\x07\x1b[2J\u009b2J\u202eevil\u2066';
const ACTS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function sdkError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), {name, $metadata: {httpStatusCode: status}});
}

describe('errorText', () => {
  it('turns anything thrown into one safe line', () => {
    expect(errorText(new Error(HOSTILE))).toBe('denied ␛]52;c;ZXZpbA==␇␛]0;title␇␛[2J\\x9b2J�evil�');
    expect(errorText(new Error('line one\nline two'))).toBe('line one␊line two');
    expect(errorText(Object.assign(new Error(''), {name: 'Evil\x1bName'}))).toBe('Evil␛Name');
    expect(errorText('plain \x1b[2J')).toBe('plain ␛[2J');
    expect(errorText({toString: () => '\x07bell'})).toBe('␇bell');
  });
});

describe('describeAwsError', () => {
  it.each([
    ['AccessDeniedException', 403],
    ['ThrottlingException', 400],
    ['ValidationException', 400],
    ['Evil\x1b]0;x\x07Name', 400],
  ])('sanitizes the name and message of %s', (name, status) => {
    const out = describeAwsError(sdkError(name, HOSTILE, status));
    expect(out).not.toMatch(ACTS);
  });
});

describe('cellChars', () => {
  it('passes ordinary cells through and drops invisibles joined to a cell', () => {
    expect(cellChars('a')).toBe('a');
    expect(cellChars('é')).toBe('é');
    expect(cellChars('世')).toBe('世');
    expect(cellChars('b\u202e')).toBe('b');
    expect(cellChars('e\u200b')).toBe('e');
    expect(cellChars('\u2066')).toBe('\ufffd');
    expect(cellChars('\u009b')).toBe('\ufffd');
  });
});

describe('escapeJsonForTerminal', () => {
  it('writes C1, bidi and invisible characters as \\u escapes; the value reads back the same', () => {
    const value = {msg: `out ${HOSTILE} \u2028 tag\u{e0041}`};
    const line = escapeJsonForTerminal(JSON.stringify(value));
    expect(line).not.toMatch(ACTS);
    expect(line).not.toMatch(/[\u2028\u2029]|\u{e0041}/u);
    expect(line).toContain('\\u202e');
    expect(JSON.parse(line)).toEqual(value);
  });

  it('leaves a clean line as it is', () => {
    const line = JSON.stringify({msg: 'サーバー ok ✓'});
    expect(escapeJsonForTerminal(line)).toBe(line);
  });
});
