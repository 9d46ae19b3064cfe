// `fleetdeck local-fleet --accounts 3 --regions us-east-1,eu-west-1`: the accounts' credentials go to private AWS
// config and credentials files (never to the screen), and the AWS CLI with those files reaches the second account's
// eu-west-1 nodes. The built CLI, detached, then stopped through the same files.
import {execFile, spawn} from 'node:child_process';
import readline from 'node:readline';
import {readFileSync, statSync, existsSync} from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it, vi} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';
import {isAlive} from '../helpers/processes.js';

const run = promisify(execFile);

/** This environment without AWS_* (no real AWS setup can leak in) and with isolated files. */
const env = (): NodeJS.ProcessEnv => {
  const out: NodeJS.ProcessEnv = {...process.env, AWS_EC2_METADATA_DISABLED: 'true'};
  for (const k of Object.keys(out)) if ((k.startsWith('AWS_') && k !== 'AWS_EC2_METADATA_DISABLED') || k === 'CI') delete out[k];
  for (const [k, v] of Object.entries(isolatedEnv('fleetdeck-local-accounts-') as Record<string, string | undefined>)) {
    if (v !== undefined) out[k] = v;
  }
  return out;
};

describe('fleetdeck local-fleet --accounts --regions', () => {
  it('writes private profile files, prints no secret, and the AWS CLI reaches account 2 in eu-west-1', async () => {
    const e = env();
    const {stdout} = await run(process.execPath, [CLI_PATH, 'local-fleet', '--accounts', '3', '--regions', 'us-east-1,eu-west-1', '--nodes', '5', '--seed', 'accts', '--detach'],
      {env: e, timeout: 60_000});
    const pid = Number(/\(pid (\d+)\)/.exec(stdout)?.[1]);
    const vars = Object.fromEntries([...stdout.matchAll(/^export (AWS_\w+)=(\S+)$/gm)].map((m) => [m[1], (m[2] ?? '').replace(/^'|'$/g, '')]));
    try {
      expect(Object.keys(vars).sort()).toEqual(['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']);
      expect(stdout).toContain('fleetdeck --profile local-1,local-2,local-3 --region us-east-1,eu-west-1');
      const configFile = vars['AWS_CONFIG_FILE'] ?? '';
      const credentialsFile = vars['AWS_SHARED_CREDENTIALS_FILE'] ?? '';
      expect(statSync(path.dirname(configFile)).mode & 0o777).toBe(0o700);
      expect(statSync(configFile).mode & 0o777).toBe(0o600);
      expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
      const credentials = readFileSync(credentialsFile, 'utf8');
      const secrets = [...credentials.matchAll(/^aws_(?:secret_access_key|session_token|access_key_id) = (\S+)$/gm)].map((m) => m[1] ?? '');
      expect(secrets).toHaveLength(9);
      for (const secret of secrets) expect(stdout).not.toContain(secret);

      const cliEnv = {PATH: process.env['PATH'] ?? '', HOME: e['HOME'] ?? '', AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile};
      const aws = async (args: string[]): Promise<unknown> =>
        JSON.parse((await run('aws', [...args, '--output', 'json'], {env: cliEnv, timeout: 60_000})).stdout) as unknown;
      const who = await aws(['sts', 'get-caller-identity', '--profile', 'local-2', '--region', 'eu-west-1']) as {Account: string};
      const first = await aws(['sts', 'get-caller-identity', '--profile', 'local-1']) as {Account: string};
      expect(who.Account).toMatch(/^\d{12}$/);
      expect(who.Account).not.toBe(first.Account);
      const listed = await aws(['ssm', 'describe-instance-information', '--profile', 'local-2', '--region', 'eu-west-1']) as {InstanceInformationList: {InstanceId: string}[]};
      const home = await aws(['ssm', 'describe-instance-information', '--profile', 'local-1', '--region', 'us-east-1']) as {InstanceInformationList: {InstanceId: string}[]};
      expect(listed.InstanceInformationList.length).toBeGreaterThan(0);
      const ids = new Set(home.InstanceInformationList.map((i) => i.InstanceId));
      expect(listed.InstanceInformationList.some((i) => ids.has(i.InstanceId))).toBe(false);

      const stopped = await run(process.execPath, [CLI_PATH, 'local-fleet', '--stop'], {env: {...e, ...vars}, timeout: 30_000});
      expect(stopped.stdout).toContain('unset AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE');
      expect(existsSync(path.dirname(configFile))).toBe(false);
      await vi.waitFor(() => {
        expect(isAlive(pid)).toBe(false);
      }, {timeout: 10_000, interval: 50});
    } finally {
      if (isAlive(pid)) process.kill(pid, 'SIGTERM');
    }
  });

  it('in the foreground, removes the profile files when Ctrl-C stops it', async () => {
    const child = spawn(process.execPath, [CLI_PATH, 'local-fleet', '--accounts', '2', '--nodes', '3', '--seed', 'fg'], {env: env(), stdio: ['ignore', 'pipe', 'pipe']});
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const lines = readline.createInterface({input: child.stdout});
      const printed: string[] = [];
      const configFile = await new Promise<string>((resolve, reject) => {
        lines.on('line', (line) => {
          printed.push(line);
          const m = /^export AWS_CONFIG_FILE=(\S+)$/.exec(line);
          if (m?.[1] !== undefined) resolve(m[1]);
        });
        child.once('exit', () => reject(new Error(`exited before printing the files: ${printed.join('\n')}`)));
      });
      await vi.waitFor(() => {
        expect(printed.some((l) => l.includes('fleetdeck --profile local-1,local-2 --region us-east-1'))).toBe(true);
      }, {timeout: 10_000, interval: 20});
      expect(readFileSync(configFile, 'utf8')).toContain('[profile local-2]');
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(existsSync(path.dirname(configFile))).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
