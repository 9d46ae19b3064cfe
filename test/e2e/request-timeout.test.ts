// Every request has connect and response timeouts: against an endpoint that accepts and never answers, a headless
// command ends with a clear error instead of hanging.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {useSilentEndpoint} from '../helpers/silent-endpoint.js';

const exec = promisify(execFile);
const silent = useSilentEndpoint();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-timeout-'));
const config = path.join(dir, 'config.json');
fs.writeFileSync(config, JSON.stringify({requestTimeoutSeconds: 1}), {mode: 0o600});

function env(): Record<string, string> {
  const e: Record<string, string | undefined> = {...process.env, CI: undefined, XDG_STATE_HOME: dir, AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null'};
  return Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

describe('a request timeout on every call', () => {
  it('`instances` against an endpoint that never answers exits 1 with a clear error', async () => {
    const r = await exec(process.execPath, [CLI_PATH, 'instances', '--config', config, '--endpoint-url', silent.url],
      {env: env(), timeout: 120_000}).then(() => ({code: 0, stderr: ''}), (e: {code: number; stderr: string}) => e);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the endpoint did not answer within 1s');
  });

  it('a bad requestTimeoutSeconds is a config error that says what it expects', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({requestTimeoutSeconds: 0}), {mode: 0o600});
    const r = await exec(process.execPath, [CLI_PATH, 'instances', '--config', bad, '--endpoint-url', silent.url],
      {env: env()}).then(() => ({code: 0, stderr: ''}), (e: {code: number; stderr: string}) => e);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('requestTimeoutSeconds must be a number of seconds from 1 to 600');
  });
});
