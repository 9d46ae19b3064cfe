// The profile files of a local fleet of several accounts: private, one profile per account, read back for --stop,
// and removed only when they are this module's own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {expect, it} from 'vitest';
import {readFirstProfile, removeProfileFiles, writeProfileFiles} from '../../src/cli/local-fleet-profiles.js';

const partition = (accountId: string, region: string, n: number) =>
  ({accountId, region, accessKeyId: `ASIAKEY${n}`, secretAccessKey: `secret-${n}`, sessionToken: `token-${n}`});

it('writes one profile per account (its first region, the endpoint) into a private directory, and reads the first back', () => {
  const files = writeProfileFiles('http://127.0.0.1:4566', [
    partition('111111111111', 'us-east-1', 1), partition('111111111111', 'eu-west-1', 1),
    partition('222222222222', 'us-east-1', 2), partition('222222222222', 'eu-west-1', 2),
  ]);
  try {
    expect(files.profiles).toEqual(['local-1', 'local-2']);
    expect(fs.statSync(files.dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(files.configFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(files.credentialsFile).mode & 0o777).toBe(0o600);
    const config = fs.readFileSync(files.configFile, 'utf8');
    expect(config).toContain('[profile local-2]\n# account 222222222222\nregion = us-east-1\nendpoint_url = http://127.0.0.1:4566\n');
    expect(fs.readFileSync(files.credentialsFile, 'utf8')).toContain('[local-2]\naws_access_key_id = ASIAKEY2\naws_secret_access_key = secret-2\naws_session_token = token-2\n');
    expect(readFirstProfile(files.configFile, files.credentialsFile)).toEqual({
      endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', accessKeyId: 'ASIAKEY1', secretAccessKey: 'secret-1', sessionToken: 'token-1',
    });
  } finally {
    removeProfileFiles(files.dir);
  }
  expect(fs.existsSync(files.dir)).toBe(false);
});

it('leaves a directory that is not its own', () => {
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'not-fleetdeck-'));
  try {
    removeProfileFiles(other);
    expect(fs.existsSync(other)).toBe(true);
  } finally {
    fs.rmSync(other, {recursive: true, force: true});
  }
});
