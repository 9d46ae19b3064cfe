// `fleetdeck parameters` of the built CLI against a local fleet: listing a level and a filtered tree, a secret that
// prints only when asked, put from stdin and from a file (never an argument) with a conditional version, history,
// diff, labels and delete — and the audit log holding names, versions and digests, never a value.
import {execFile, spawn} from 'node:child_process';
import {createHmac} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';

const exec = promisify(execFile);
const t = useLocalFleet({nodes: 4, seed: 'params-headless'});
const argv = (args: string[]) => [CLI_PATH, 'parameters', ...args, '--endpoint-url', t.fleet.endpoint];

async function cli(...args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  try {
    const {stdout, stderr} = await exec(process.execPath, argv(args), {env: {...process.env, ...t.env()}});
    return {code: 0, stdout, stderr};
  } catch (e) {
    const err = e as {code: number; stdout: string; stderr: string};
    return {code: err.code, stdout: err.stdout, stderr: err.stderr};
  }
}

/** The CLI with `input` on its stdin (a pipe, as `printf … | fleetdeck parameters put`). */
function cliWithStdin(input: string, ...args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv(args), {env: {...process.env, ...t.env()}});
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({code: code ?? -1, stdout, stderr}));
    child.stdin.end(input);
  });
}

const auditLines = () => {
  const file = path.join(t.stateDir, 'fleetdeck', 'audit.jsonl');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
};

describe('fleetdeck parameters', () => {
  it('lists one level with its folders, and a filtered tree', async () => {
    const root = await cli('ls', '--output', 'json');
    expect(root.code).toBe(0);
    const level = JSON.parse(root.stdout) as {Path: string; Folders: string[]; Parameters: {Name: string}[]};
    expect(level.Path).toBe('/');
    expect(level.Folders.length).toBeGreaterThan(2);
    expect(level.Folders.every((f) => /^\/[^/]+$/.test(f))).toBe(true);
    const app = level.Folders[0] ?? '';
    const secrets = await cli('ls', app, '--filter', 'type:secure', '--output', 'json');
    const names = (JSON.parse(secrets.stdout) as {Parameters: {Name: string; Type: string}[]}).Parameters;
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((p) => p.Type === 'SecureString' && p.Name.startsWith(`${app}/`))).toBe(true);
    const bad = await cli('ls', '--filter', 'type:binary');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--filter: .*parameter type/);
  });

  it('writes a secret from stdin, prints it only with --with-decryption, and audits a digest', async () => {
    const secret = 'hunter2-e2e-b7f1';
    const put = await cliWithStdin(`${secret}\n`, 'put', '/e2e/db/password', '--type', 'SecureString');
    expect(put.stderr).toBe('');
    expect(put.stdout).toBe('/e2e/db/password: version 1\n');
    const masked = await cli('get', '/e2e/db/password');
    expect(masked.stdout).toContain('add --with-decryption');
    expect(masked.stdout).not.toContain(secret);
    const shown = await cli('get', '/e2e/db/password', '--with-decryption', '--output', 'json');
    expect((JSON.parse(shown.stdout) as {Value: string}).Value).toBe(secret); // one trailing newline dropped
    const record = auditLines().find((r) => r['action'] === 'PutParameter' && r['name'] === '/e2e/db/password');
    // A keyed digest: the machine's audit key matches the value; a plain SHA-256 of it (guessable) is not there.
    const key = fs.readFileSync(path.join(t.stateDir, 'fleetdeck', 'audit.key'), 'utf8');
    expect(record).toMatchObject({version: 1, valueDigest: `hmac-sha256:${createHmac('sha256', key).update(secret).digest('hex')}`, via: 'headless'});
    expect(fs.statSync(path.join(t.stateDir, 'fleetdeck', 'audit.key')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(t.stateDir, 'fleetdeck', 'audit.jsonl'), 'utf8')).not.toContain(secret);
  });

  it('writes only if the version is still the one read, and says who changed it otherwise', async () => {
    const file = path.join(t.stateDir, 'value.txt');
    fs.writeFileSync(file, 'v1');
    expect((await cli('put', '/e2e/app/mode', '--type', 'String', '--value-file', file)).code).toBe(0);
    fs.writeFileSync(file, 'v2');
    expect((await cli('put', '/e2e/app/mode', '--value-file', file, '--if-version', '1')).stdout).toMatch(/version 2/);
    fs.writeFileSync(file, 'v3');
    const stale = await cli('put', '/e2e/app/mode', '--value-file', file, '--if-version', '1');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/was not written: it is at version 2/);
    const exists = await cli('put', '/e2e/app/mode', '--type', 'String', '--value-file', file);
    expect(exists.code).toBe(1);
    const hist = JSON.parse((await cli('history', '/e2e/app/mode', '--output', 'json')).stdout) as {Parameters: {Version: number; Value: string}[]};
    expect(hist.Parameters.map((p) => [p.Version, p.Value])).toEqual([[1, 'v1'], [2, 'v2']]);
    const d = await cli('diff', '/e2e/app/mode:1', '/e2e/app/mode:2');
    expect(d.code).toBe(1);
    expect(d.stdout).toBe('--- /e2e/app/mode:1\n+++ /e2e/app/mode:2\n-v1\n+v2\n');
    expect((await cli('diff', '/e2e/app/mode', '/e2e/app/mode:2')).code).toBe(0);
  });

  it('never takes a value as an argument, and refuses to diff secrets unless asked', async () => {
    const arg = await cli('put', '/e2e/x', 'the-value', '--type', 'String');
    expect(arg.code).toBe(2);
    expect(arg.stderr).toMatch(/usage: fleetdeck parameters put NAME/);
    const secretDiff = await cli('diff', '/e2e/db/password', '/e2e/app/mode');
    expect(secretDiff.code).toBe(2);
    expect(secretDiff.stderr).toMatch(/SecureString: add --with-decryption/);
  });

  it('labels a version, deletes, and refuses writes in read-only mode before connecting', async () => {
    const lab = await cli('label', '/e2e/app/mode', '1', 'stable');
    expect(lab.code).toBe(0);
    const v1 = JSON.parse((await cli('get', '/e2e/app/mode:stable', '--output', 'json')).stdout) as {Version: number; Labels: string[]};
    expect(v1).toMatchObject({Version: 1, Labels: ['stable']});
    const ro = await cli('delete', '/e2e/app/mode', '--read-only');
    expect(ro.code).toBe(2);
    expect(ro.stderr).toMatch(/read-only mode: Parameter Store writes are off/);
    const del = await cli('delete', '/e2e/app/mode', '/e2e/nope');
    expect(del.code).toBe(1);
    expect(del.stdout).toBe('deleted /e2e/app/mode\n');
    expect(del.stderr).toMatch(/\/e2e\/nope does not exist/);
    expect((await cli('get', '/e2e/app/mode')).code).toBe(1);
    expect(auditLines().map((r) => r['action'])).toEqual(expect.arrayContaining(['LabelParameterVersion', 'DeleteParameters']));
  });

  it('says which flags go with which command', async () => {
    const {stderr, code} = await exec(process.execPath, [CLI_PATH, 'instances', '--with-decryption', '--local'])
      .then(() => ({stderr: '', code: 0}), (e: {stderr: string; code: number}) => e);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--with-decryption goes with `fleetdeck parameters`/);
  });
});
