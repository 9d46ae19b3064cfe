// Headless output: table cells sanitized and bounded in width; JSON keeps the real strings, escaping every character
// a terminal could act on or that hides text.
import {describe, expect, it} from 'vitest';
import {MAX_CELL_WIDTH, formatJson, formatTable} from '../../src/cli/headless-output.js';
import {displayWidth} from '../../src/fleet/format.js';

describe('formatTable', () => {
  it('cuts a long cell to the bound with an ellipsis and disarms control characters', () => {
    const long = 'x'.repeat(500);
    const out = formatTable(['NAME', 'VALUE'], [['a\u001b]0;pwned\u0007', long], ['b', 'short']]);
    const [header = '', first = '', second = ''] = out.split('\n');
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(first).toContain('a␛]0;pwned␇');
    expect(first).toContain(`${'x'.repeat(MAX_CELL_WIDTH - 1)}…`);
    expect(displayWidth(first)).toBeLessThan(2 * MAX_CELL_WIDTH);
    expect(header).toMatch(/^NAME\s+VALUE$/);
    expect(second).toMatch(/^b\s+short$/);
  });
});

describe('formatJson', () => {
  it('keeps the real strings while escaping C1, bidi and invisible characters', () => {
    const value = {name: 'open\u200bssl', csi: '\u009b2J', rtl: 'abc\u202edcba', esc: '\u001b[2J', plain: 'ü ✓'};
    const out = formatJson(value);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u202e]/);
    expect(out).toContain('open\\u200bssl');
    expect(out).toContain('\\u009b2J');
    expect(out).toContain('ü ✓');
    expect(JSON.parse(out)).toEqual(value);
  });
});
