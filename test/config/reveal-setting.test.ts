// The revealSeconds setting: how long a revealed SecureString stays on screen, validated like every other field.
import {describe, expect, it} from 'vitest';
import {validateConfig} from '../../src/config/config.js';

describe('the revealSeconds setting', () => {
  it('is 30 by default, and a number of seconds from 1 to 3600', () => {
    expect(validateConfig({}, 'c.json').revealSeconds).toBe(30);
    expect(validateConfig({revealSeconds: 5}, 'c.json').revealSeconds).toBe(5);
    for (const bad of [0, 3601, '10', -1, Number.NaN]) {
      expect(() => validateConfig({revealSeconds: bad}, 'c.json')).toThrow(/revealSeconds must be a number of seconds from 1 to 3600/);
    }
  });
});
