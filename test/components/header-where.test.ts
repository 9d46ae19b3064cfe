// The header's "where": LOCAL FLEET, real AWS, or AWS API calls sent to a custom endpoint (said in a warning colour).
import {describe, expect, it, vi} from 'vitest';
import {whereText} from '../../src/components/Header.js';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('whereText', () => {
  it('says LOCAL FLEET for the local fleet', () => {
    expect(plain(whereText({kind: 'local', region: 'us-east-1', label: 'LOCAL FLEET', endpoint: 'http://127.0.0.1:1'}))).toBe('LOCAL FLEET');
  });

  it('says account, region and profile for AWS', () => {
    expect(plain(whereText({kind: 'aws', region: 'eu-west-1', accountId: '123456789012', profile: 'prod',
      label: '123456789012 · eu-west-1 · profile prod'}))).toBe('123456789012 · eu-west-1 · profile prod');
  });

  it('names a custom endpoint after the region, in its own colour, sanitized', () => {
    vi.stubEnv('NO_COLOR', '');
    const out = whereText({kind: 'aws', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566\x1b[2J', label: 'x'});
    expect(plain(out)).toBe('us-east-1 endpoint http://127.0.0.1:4566␛[2J');
    expect(out).toMatch(/\x1b\[[0-9;]*mendpoint http/);
    vi.unstubAllEnvs();
  });
});
