import {describe, expect, it} from 'vitest';
import {collationKey, collator} from '../../src/fleet/collation-key.js';

const english = /^en(?:-|$)/.test(collator.resolvedOptions().locale);
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const byKey = (a: string, b: string) => sign(a < b ? -1 : a > b ? 1 : 0);

let seed = 5;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
/** Text like names and ids, with every printable ASCII character now and then and runs of digits with zeros. */
const PARTS = ['web', 'Web', 'db-', 'i-0', 'a', 'B', '-', '_', '.', ' ', '0', '00', '7', '007', '10', '9', '123', '1.2.10'];
const ASCII = Array.from({length: 0x5f}, (_, i) => String.fromCharCode(0x20 + i));
const text = () => Array.from({length: rand(6)}, () => (rand(3) === 0 ? ASCII[rand(ASCII.length)] : PARTS[rand(PARTS.length)])).join('');

describe('collation keys', () => {
  it('are made for ASCII text where the collator is English', () => {
    if (english) expect(collationKey('web-prod-fra-010')).toBeDefined();
    expect(collationKey('café')).toBeUndefined();
    expect(collationKey('a\u0000b')).toBeUndefined(); // a character the collator passes over
    expect(collationKey('x'.repeat(5_000))).toBeUndefined();
  });

  it('order as the collator does: numbers by value, case and leading zeros ignored (random text)', () => {
    let compared = 0;
    for (let n = 0; n < 60_000; n++) {
      const a = text();
      const b = rand(10) === 0 ? a.toUpperCase() : text();
      const ka = collationKey(a);
      const kb = collationKey(b);
      if (ka === undefined || kb === undefined) continue;
      compared++;
      expect(byKey(ka, kb), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(sign(collator.compare(a, b)));
    }
    if (english) expect(compared).toBeGreaterThan(50_000);
  });

  it('sort a list as the collator does', () => {
    const list = Array.from({length: 3000}, text).filter((s) => collationKey(s) !== undefined);
    const viaCollator = list.slice().sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
    const viaKeys = list.slice().sort((a, b) => byKey(collationKey(a) ?? '', collationKey(b) ?? '') || (a < b ? -1 : a > b ? 1 : 0));
    expect(viaKeys).toEqual(viaCollator);
  });
});
