// Headless commands of the built CLI: same loader and filter syntax as the UI, machine-readable output.
import {execFile, spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';
import {STREAM_YOUNG_GENERATION_MB} from '../../src/cli/stream-worker.js';

const run = promisify(execFile);
const cleanEnv = () => {
  const env = {...process.env};
  for (const k of Object.keys(env)) if (k.startsWith('AWS_') || k === 'CI') delete env[k];
  return {...env, AWS_EC2_METADATA_DISABLED: 'true'};
};

describe('--help after a command', () => {
  it.each([['run'], ['local-fleet'], ['instances', '--local'], ['parameters', 'get']])('fleetdeck %s --help prints the usage and exits 0, doing nothing else', async (...args) => {
    const {stdout, stderr} = await run(process.execPath, [CLI_PATH, ...args, '--help'], {env: cleanEnv(), timeout: 20_000});
    expect(stdout).toContain('$ fleetdeck run [options]');
    expect(stdout).toContain('Local fleet (--local, fleetdeck local-fleet)');
    // Neither a run's complaint nor a local fleet's exports.
    expect(stdout).not.toContain('export AWS_');
    expect(stderr).toBe('');
  });
});

describe('fleetdeck instances', () => {
  it('prints the local fleet as JSON, filtered with the shared syntax', async () => {
    const {stdout} = await run(process.execPath, [CLI_PATH, 'instances', '--local', '--seed', '5', '--output', 'json'], {env: cleanEnv()});
    const all = JSON.parse(stdout) as {instanceId: string; pingStatus: string; tags: Record<string, string>}[];
    expect(all.length).toBeGreaterThanOrEqual(30);
    expect(all.some((i) => i.instanceId.startsWith('mi-'))).toBe(true);
    const {stdout: prod} = await run(process.execPath,
      [CLI_PATH, 'instances', '--local', '--seed', '5', '--output', 'json', '--filter', 'tag:Env=prod ping:online'], {env: cleanEnv()});
    const rows = JSON.parse(prod) as typeof all;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBe(all.filter((i) => i.tags.Env === 'prod' && i.pingStatus === 'Online').length);
  });

  it('writes all of a large fleet through a pipe before it exits', async () => {
    // Larger than a pipe's buffer many times over: exiting right after the write used to cut it short.
    const {stdout} = await run(process.execPath, [CLI_PATH, 'instances', '--local', '--nodes', '1000', '--output', 'json'],
      {env: cleanEnv(), maxBuffer: 64 * 1024 * 1024});
    expect(stdout.length).toBeGreaterThan(256 * 1024);
    const rows = JSON.parse(stdout) as unknown[];
    expect(rows.length).toBeGreaterThan(900); // some generated nodes are deregistered
  });

  it('prints a table and CSV', async () => {
    const {stdout} = await run(process.execPath, [CLI_PATH, 'instances', '--local', '--columns', 'Env'], {env: cleanEnv()});
    expect(stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+PING\s+PLATFORM\s+AGENT\s+LAST PING\s+IP\s+ENV$/);
    expect(stdout).not.toMatch(/\x1b/);
    const {stdout: csv} = await run(process.execPath, [CLI_PATH, 'instances', '--local', '--output', 'csv'], {env: cleanEnv()});
    expect(csv.split('\n')[0]).toBe('ID,NAME,PING,PLATFORM,AGENT,LAST PING,IP');
  });

  it('rejects a bad filter with exit code 2 and a message that says what is valid', async () => {
    const err = await run(process.execPath, [CLI_PATH, 'instances', '--local', '--filter', 'color:red'], {env: cleanEnv()})
      .then(() => undefined, (e: {code: number; stderr: string}) => e);
    expect(err?.code).toBe(2);
    expect(err?.stderr).toMatch(/unknown filter key "color" — use one of:/);
  });

  it('streams JSON and CSV from a worker with a small young generation, and says a worker\'s failure as the CLI would', async () => {
    const env = {...cleanEnv(), ...isolatedEnv('fd-headless-stream-')};
    const {stdout} = await run(process.execPath, [CLI_PATH, 'instances', '--local', '--nodes', '40', '--output', 'csv'], {env});
    expect(stdout.split('\n')[0]).toBe('ID,NAME,PING,PLATFORM,AGENT,LAST PING,IP');
    const logged = fs.readFileSync(path.join(env.XDG_STATE_HOME, 'fleetdeck', 'fleetdeck.log'), 'utf8');
    expect(logged).toMatch(new RegExp(`streamed listing in a worker.*"youngGenerationMb":${STREAM_YOUNG_GENERATION_MB}\\b`));
    // An error inside the worker: its message and exit code, as from the CLI itself.
    const err = await run(process.execPath, [CLI_PATH, 'instances', '--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1', '--output', 'json'],
      {env: {...env, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret'}}).then(() => undefined, (e: {code: number; stdout: string; stderr: string}) => e);
    expect(err?.code).toBe(1);
    expect(err?.stderr).toBe('fleetdeck: endpoint unreachable (ECONNREFUSED)\n');
    expect(err?.stdout).toBe('');
  });

  it.each([['json', '[\n'], ['table', 'ID ']])('ends quietly with 0 when the reader of its %s stops early (| head)', async (output, opening) => {
    const child = spawn(process.execPath, [CLI_PATH, 'instances', '--local', '--nodes', '3000', '--output', output], {env: cleanEnv()});
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(String(d))));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(first.startsWith(opening)).toBe(true);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});

describe('fleetdeck local-fleet', () => {
  it('prints shell exports the AWS CLI can use as is, and fleetdeck sees the same fleet', async () => {
    const child = spawn(process.execPath, [CLI_PATH, 'local-fleet', '--nodes', '25', '--seed', '9'], {env: cleanEnv()});
    try {
      const lines: string[] = [];
      const rl = readline.createInterface({input: child.stdout});
      for await (const line of rl) {
        lines.push(line);
        if (line.startsWith('export AWS_ENDPOINT_URL=')) break;
      }
      const vars: Record<string, string> = {};
      for (const l of lines) {
        const m = /^export (AWS_[A-Z_]+)=(.*)$/.exec(l);
        if (m?.[1] && m[2] !== undefined) vars[m[1]] = m[2].replace(/^'|'$/g, '');
      }
      expect(Object.keys(vars).sort()).toEqual(
        ['AWS_ACCESS_KEY_ID', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_REGION', 'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN']);
      expect(vars.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const env = {...cleanEnv(), ...vars, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null'};
      const {stdout: cli} = await run('aws', ['ssm', 'describe-instance-information', '--output', 'json'], {env});
      const cliIds = (JSON.parse(cli) as {InstanceInformationList: {InstanceId: string}[]}).InstanceInformationList
        .map((i) => i.InstanceId).sort();
      const {stdout: ours} = await run(process.execPath,
        [CLI_PATH, 'instances', '--endpoint-url', vars.AWS_ENDPOINT_URL ?? '', '--output', 'json'], {env});
      const ourIds = (JSON.parse(ours) as {instanceId: string}[]).map((i) => i.instanceId).sort();
      expect(cliIds.length).toBeGreaterThan(0);
      expect(ourIds).toEqual(cliIds);
    } finally {
      child.kill('SIGINT');
    }
  });
});
