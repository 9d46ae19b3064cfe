import {describe, expect, it} from 'vitest';
import {safeFileName} from '../../src/config/saved-files.js';

describe('saved file names', () => {
  it.each([
    ['0b1c2d3e-aaaa-bbbb-cccc-123456789012-i-0123456789abcdef0.txt', '0b1c2d3e-aaaa-bbbb-cccc-123456789012-i-0123456789abcdef0.txt'],
    ['../../etc/passwd', 'etc_passwd'],
    ['.hidden', 'hidden'],
    ['evil\x1b[2J name.txt', 'evil_2J_name.txt'],
    ['', 'saved.txt'],
  ])('%j is saved as %j (never a path, never hidden)', (name, want) => {
    expect(safeFileName(name)).toBe(want);
  });
});
