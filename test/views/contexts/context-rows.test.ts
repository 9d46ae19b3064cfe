import {describe, expect, it} from 'vitest';
import type {CredentialState} from '../../../src/fleet/contexts/context.js';
import {assumedHow, colourTone, contextsNote, credentialFix, credentialText, credentialTone, guardFlags} from '../../../src/views/contexts/context-rows.js';

const NOW = 1_000_000_000;
const MIN = 60_000;

describe('a context in the :ctx table', () => {
  it.each<[CredentialState, string, string, string | undefined]>([
    [{kind: 'unknown'}, 'checking…', 'muted', undefined],
    [{kind: 'valid'}, 'valid', 'good', undefined],
    [{kind: 'valid', expiresAt: NOW + 41 * MIN}, 'expires in 41m', 'good', undefined],
    [{kind: 'valid', expiresAt: NOW + 9 * MIN}, 'expires in 9m', 'warn', undefined],
    [{kind: 'login-needed', message: 'The SSO session has expired', command: 'aws sso login --profile prod'}, 'login needed', 'bad',
      'aws sso login --profile prod'],
    [{kind: 'expired', message: 'ExpiredToken'}, 'expired', 'bad', 'refresh the credentials of its profile (or its environment), then r rechecks'],
    [{kind: 'denied', message: 'AccessDenied'}, 'denied', 'bad', 'the profile\'s role needs ssm:DescribeInstanceInformation (and sts:GetCallerIdentity)'],
    [{kind: 'unreachable', message: 'connect ETIMEDOUT'}, 'unreachable', 'warn', 'check the network path to its endpoints (VPN, proxy, VPC endpoints), then r rechecks'],
  ])('%j reads %s (%s), fixed by %s', (state, text, tone, fix) => {
    expect(credentialText(state, NOW)).toBe(text);
    expect(credentialTone(state, NOW)).toBe(tone);
    expect(credentialFix(state)).toBe(fix);
  });

  it('takes the nearest tone for its colour, and the title counts what is in view, guarded and failing', () => {
    expect([colourTone('red'), colourTone('green'), colourTone('grey'), colourTone('orange'), colourTone(undefined)])
      .toEqual(['bad', 'good', 'muted', undefined, undefined]);
    const row = (name: string, more: object = {}) => ({spec: {name, region: 'us-east-1'}, credentials: {kind: 'valid'} as CredentialState,
      requestsPerSecond: 0, throttlesLastMinute: 0, inFlight: 0, inView: true, ...more});
    expect(contextsNote([row('a', {spec: {name: 'a', region: 'x', protected: true}}), row('b', {inView: false}),
      row('c', {credentials: {kind: 'denied', message: 'no'}, spec: {name: 'c', region: 'x', readOnly: true}})]))
      .toBe('3 contexts · 2 in view · 1 read-only · 1 protected · 1 failing');
    expect(contextsNote([row('solo')])).toBe('1 context · 1 in view');
  });

  it('one the organisation view made is counted apart, flagged ORG ROLE (ORG without a role), and says how it was reached', () => {
    const base = {credentials: {kind: 'valid'} as CredentialState, requestsPerSecond: 0, throttlesLastMinute: 0, inFlight: 0};
    const mine = {...base, spec: {name: 'mgmt', region: 'us-east-1'}, inView: true};
    const role = {...base, spec: {name: 'org:333333333333:eu-west-1', region: 'eu-west-1', alias: '333333333333'}, accountId: '333333333333',
      inView: false, assumed: {roleName: 'FleetdeckOperator'}};
    const own = {...base, spec: {name: 'org:111111111111:eu-west-1', region: 'eu-west-1'}, accountId: '111111111111', inView: false, assumed: {}};
    expect(contextsNote([mine, role, own])).toBe('1 context · 1 in view · 2 made for :org');
    expect([guardFlags(mine), guardFlags(role), guardFlags(own)]).toEqual(['', 'ORG ROLE', 'ORG']);
    expect(assumedHow(role)).toBe('role FleetdeckOperator (org.roleName) assumed in account 333333333333 in eu-west-1 (:org)');
    expect(assumedHow(own)).toBe('the management context\'s credentials, account 111111111111 in eu-west-1 (:org)');
    expect(assumedHow(mine)).toBeUndefined();
  });
});
