import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {profileEndpoint} from '../../../src/aws/contexts/profile-endpoint.js';

function configWith(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-profile-endpoint-'));
  const file = path.join(dir, 'config');
  fs.writeFileSync(file, text);
  return file;
}

const CONFIG = configWith([
  '[default]', 'region = us-east-1', '',
  '[profile local-1]', 'region = us-east-1', 'endpoint_url = http://127.0.0.1:4566', '',
  '[profile plain]', 'region = eu-west-1', '',
  '[profile off]', 'endpoint_url = http://127.0.0.1:1', 'ignore_configured_endpoint_urls = true', '',
].join('\n'));

describe("a named profile's endpoint_url", () => {
  it('is read for the profile named, as the AWS CLI reads it', () => {
    expect(profileEndpoint('local-1', {AWS_CONFIG_FILE: CONFIG})).toBe('http://127.0.0.1:4566');
  });

  it('is nothing for a profile without one, no profile, or a missing file', () => {
    expect(profileEndpoint('plain', {AWS_CONFIG_FILE: CONFIG})).toBeUndefined();
    expect(profileEndpoint(undefined, {AWS_CONFIG_FILE: CONFIG})).toBeUndefined();
    expect(profileEndpoint('local-1', {AWS_CONFIG_FILE: '/nonexistent/config'})).toBeUndefined();
  });

  it('leaves the endpoint to the environment when it names one, or when configured endpoints are turned off', () => {
    expect(profileEndpoint('local-1', {AWS_CONFIG_FILE: CONFIG, AWS_ENDPOINT_URL: 'http://127.0.0.1:9'})).toBeUndefined();
    expect(profileEndpoint('local-1', {AWS_CONFIG_FILE: CONFIG, AWS_ENDPOINT_URL_SSM: 'http://127.0.0.1:9'})).toBeUndefined();
    expect(profileEndpoint('local-1', {AWS_CONFIG_FILE: CONFIG, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true'})).toBeUndefined();
    expect(profileEndpoint('off', {AWS_CONFIG_FILE: CONFIG})).toBeUndefined();
  });
});
