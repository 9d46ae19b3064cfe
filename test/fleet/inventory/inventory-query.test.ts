// The inventory query syntax: what parses to which GetInventory filters, errors that name what is valid, and the
// screen argument round trip (describeQuery → parseInventoryWhere) for any value, Windows names with spaces included.
import {describe, expect, it} from 'vitest';
import {describeQuery, parseInventoryWhere, type InventoryFilter} from '../../../src/fleet/inventory/inventory.js';
import {parseQueryArg} from '../../../src/views/inventory/matches.js';
import {prng} from '../../helpers/prng.js';

describe('parseInventoryWhere', () => {
  it('reads operators, alternatives and quoted values', () => {
    expect(parseInventoryWhere('AWS:Application', 'Name=openssl|openssl-libs')).toEqual([
      {Key: 'AWS:Application.Name', Values: ['openssl', 'openssl-libs'], Type: 'Equal'},
    ]);
    expect(parseInventoryWhere('AWS:Application', 'Name="Microsoft Visual C++ 2019, x64",Version<14.2')).toEqual([
      {Key: 'AWS:Application.Name', Values: ['Microsoft Visual C++ 2019, x64'], Type: 'Equal'},
      {Key: 'AWS:Application.Version', Values: ['14.2'], Type: 'LessThan'},
    ]);
    expect(parseInventoryWhere('aws:service', 'Status!=Running name^=ssm')).toEqual([
      {Key: 'AWS:Service.Status', Values: ['Running'], Type: 'NotEqual'},
      {Key: 'AWS:Service.Name', Values: ['ssm'], Type: 'BeginWith'},
    ]);
    expect(parseInventoryWhere('Custom:Certs', 'Expiry<2027')).toEqual([{Key: 'Custom:Certs.Expiry', Values: ['2027'], Type: 'LessThan'}]);
  });

  it('names what is valid when the input is not', () => {
    expect(() => parseInventoryWhere('AWS:Application', 'Name="open')).toThrow(/unclosed quote/);
    expect(() => parseInventoryWhere('AWS:Application', 'openssl')).toThrow(/has no attribute "openssl" — use one of: Name,/);
    expect(() => parseInventoryWhere('AWS:Application', 'Version>1.x')).not.toThrow();
    expect(() => parseInventoryWhere('AWS:Application', 'Version>x1')).toThrow(/"x1" is not a version/);
    expect(() => parseInventoryWhere('AWS:Application', 'Version>=1')).toThrow(/"=1" is not a version/);
    expect(() => parseInventoryWhere('AWS:Application', 'Name=a,Name=b,Name=c,Name=d,Name=e,Name=f')).toThrow(/at most 5 conditions/);
  });

  it('reads back every query the views describe, whatever the values hold', () => {
    const rand = prng(6);
    const alphabet = 'ab9 ,|"\\\\=<>!^.-+:()é';
    const word = () => Array.from({length: 1 + Math.floor(rand() * 12)}, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    for (let n = 0; n < 300; n++) {
      const filters: InventoryFilter[] = [
        {Key: 'AWS:Application.Name', Values: [word(), word()].slice(0, 1 + Math.floor(rand() * 2)), Type: 'Equal'},
        {Key: 'AWS:Application.Publisher', Values: [word()], Type: 'BeginWith'},
      ];
      expect(parseQueryArg(describeQuery(filters))).toEqual(filters);
    }
  });
});
