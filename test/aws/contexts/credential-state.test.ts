import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {ContextHealth} from '../../../src/aws/contexts/context-health.js';
import {credentialStateFor} from '../../../src/aws/contexts/credential-state.js';
import {isSsoProfile} from '../../../src/aws/contexts/sso-profile.js';

const err = (name: string, message = '', extra: Record<string, unknown> = {}) => Object.assign(new Error(message), {name, ...extra});
const sso = {profile: 'acct-prod', sso: true};
const keys = {profile: 'ci', sso: false};

describe('credentialStateFor', () => {
  it.each([
    ['a missing SSO token', err('CredentialsProviderError', 'The SSO session token associated with profile=acct-prod was not found or is invalid.'), sso,
      {kind: 'login-needed', command: 'aws sso login --profile acct-prod'}],
    ['an expired SSO token', err('TokenProviderError', "Token is expired. To refresh this SSO session run 'aws sso login'"), {sso: false},
      {kind: 'login-needed', command: 'aws sso login'}],
    ['ExpiredToken of an SSO profile', err('ExpiredToken', 'The security token included in the request is expired'), sso,
      {kind: 'expired', message: 'the SSO session has expired', command: 'aws sso login --profile acct-prod'}],
    ['ExpiredTokenException of keys', err('ExpiredTokenException', 'expired'), keys, {kind: 'expired', message: expect.stringMatching(/refresh them where they come from/)}],
    ['ExpiredToken of the local fleet', err('ExpiredToken', 'expired'), {sso: false, local: true},
      {kind: 'expired', message: "the local fleet no longer takes this account's keys (expired)"}],
    ['no credentials at all', err('CredentialsProviderError', 'Could not load credentials from any providers'), keys, {kind: 'denied'}],
    ['AccessDenied', err('AccessDenied', 'User: arn:aws:iam::1:user/x is not authorized to perform: sts:GetCallerIdentity'), keys, {kind: 'denied'}],
    ['UnrecognizedClient', err('UnrecognizedClientException', 'The security token included in the request is invalid.'), keys, {kind: 'denied'}],
    ['a refused connection', err('Error', 'connect ECONNREFUSED', {code: 'ECONNREFUSED'}), keys, {kind: 'unreachable', message: 'endpoint unreachable (ECONNREFUSED)'}],
    ['a timeout', err('TimeoutError', 'socket hang up'), keys, {kind: 'unreachable'}],
  ])('%s', (_what, e, source, expected) => {
    expect(credentialStateFor(e, source)).toMatchObject(expected);
  });

  it('quotes a profile name the shell would split', () => {
    const e = err('CredentialsProviderError', 'The SSO session token associated with profile=ops team was not found');
    expect(credentialStateFor(e, {profile: "ops team's", sso: true})).toMatchObject({command: `aws sso login --profile 'ops team'\\''s'`});
  });

  it('a throttled probe says nothing about the credentials', () => {
    expect(credentialStateFor(err('ThrottlingException', 'Rate exceeded'), keys)).toBeUndefined();
  });

  it('never passes escape sequences from the endpoint on', () => {
    const s = credentialStateFor(err('AccessDenied', 'no\u001b]52;c;aGk=\u0007 way'), keys);
    expect(JSON.stringify(s)).not.toMatch(/\u001b|\u0007/);
  });
});

describe('SSO profiles', () => {
  const saved = {...process.env};
  afterEach(() => {
    for (const k of ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  function ssoConfig(): void {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-sso-'));
    const config = path.join(home, 'config');
    fs.writeFileSync(config, [
      '[profile sso-dev]', 'sso_session = corp', 'sso_account_id = 111122223333', 'sso_role_name = Operator', 'region = eu-west-1',
      '[profile via-sso]', 'role_arn = arn:aws:iam::444455556666:role/Ops', 'source_profile = sso-dev',
      '[profile keys]', 'aws_access_key_id = AKIAEXAMPLE', 'aws_secret_access_key = x',
      '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = eu-west-1', '',
    ].join('\n'));
    process.env.HOME = home;
    process.env.AWS_CONFIG_FILE = config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(home, 'credentials');
  }

  it('tells SSO profiles (and roles assumed from one) from the others', async () => {
    ssoConfig();
    expect(await isSsoProfile('sso-dev')).toBe(true);
    expect(await isSsoProfile('via-sso')).toBe(true);
    expect(await isSsoProfile('keys')).toBe(false);
    expect(await isSsoProfile('missing')).toBe(false);
  });

  it('a profile that was never signed in needs `aws sso login --profile NAME`, found without a network call', async () => {
    ssoConfig();
    const health = new ContextHealth({kind: 'aws', profile: 'sso-dev', region: 'eu-west-1'});
    try {
      expect(await health.check()).toMatchObject({kind: 'login-needed', command: 'aws sso login --profile sso-dev'});
    } finally {
      health.close();
    }
  });
});
