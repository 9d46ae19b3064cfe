import {describe, expect, it} from 'vitest';
import {contextTrouble} from '../../src/components/context-badges.js';
import {clock} from '../../src/fleet/format.js';
import type {ContextInfo} from '../../src/fleet/contexts/context.js';

const info = (name: string, credentials: ContextInfo['credentials']): ContextInfo =>
  ({spec: {name, region: 'eu-west-1'}, credentials, requestsPerSecond: 0, throttlesLastMinute: 0, inFlight: 0, inView: true});

describe('the status line over several contexts', () => {
  it('names the first context in trouble, its fix, and the time of the rows it still shows', () => {
    const at = Date.UTC(2026, 11, 6, 9, 30, 5);
    const text = contextTrouble([info('prod:us-east-1', {kind: 'valid'}),
      info('dev:eu-west-1', {kind: 'login-needed', message: 'the SSO session has expired', command: 'aws sso login --profile dev'})],
    {'dev:eu-west-1': {rows: 12, at, error: 'expired'}});
    expect(text).toBe(`dev:eu-west-1: the SSO session has expired: run \`aws sso login --profile dev\` (showing its data from ${clock(at)}); the other contexts stay live`);
  });

  it('says nothing when every context is well', () => {
    expect(contextTrouble([info('prod:us-east-1', {kind: 'valid'})], {'prod:us-east-1': {rows: 3, at: 1}})).toBeUndefined();
  });
});
