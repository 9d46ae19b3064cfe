import {describe, expect, it} from 'vitest';
import {exposureWarning, isLoopbackAddress} from '../../../src/fleet/forwards/forward-exposure.js';

describe('forward exposure', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '[::1]'])('%s is loopback', (a) => {
    expect(isLoopbackAddress(a)).toBe(true);
    expect(exposureWarning(a, 'i-0abc 5432')).toBeUndefined();
  });

  it.each(['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'fe80::1', '::ffff:10.0.0.1', '128.0.0.1'])('%s is reachable from the network', (a) => {
    expect(isLoopbackAddress(a)).toBe(false);
    expect(exposureWarning(a, 'i-0abc localhost:5432')).toMatch(/anyone who can reach this machine over the network can connect through this forward to i-0abc localhost:5432/);
  });

  it('names every interface for the wildcard addresses', () => {
    expect(exposureWarning('0.0.0.0', 'x')).toMatch(/^warning: listening on every network interface:/);
    expect(exposureWarning('10.1.2.3', 'x')).toMatch(/^warning: listening on 10\.1\.2\.3:/);
  });
});
