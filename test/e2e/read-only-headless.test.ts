// Read-only mode for headless subcommands: every one that changes anything refuses (flag or config), with the
// dashboard's words and exit code 2, before it sends anything.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {READ_ONLY_REFUSALS} from '../../src/fleet/read-only.js';

const exec = promisify(execFile);
const t = useLocalFleet({nodes: 12, seed: 'read-only'});

function configFile(settings: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-ro-config-'));
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify(settings));
  return file;
}

async function cli(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  const env = {...process.env, ...t.env()} as Record<string, string>;
  delete env.CI;
  try {
    const r = await exec(process.execPath, [CLI_PATH, ...args, '--endpoint-url', t.fleet.endpoint], {env});
    return {code: 0, stdout: r.stdout, stderr: r.stderr};
  } catch (e) {
    const x = e as {code: number; stdout: string; stderr: string};
    return {code: x.code, stdout: x.stdout, stderr: x.stderr};
  }
}

const online = () => t.fleet.model.managed().find((n) => n.platformType === 'Linux' && n.pingStatus === 'Online');
const runArgs = () => ['run', '--targets', online()?.instanceId ?? '', '--document', 'AWS-RunShellScript',
  '--parameter', 'commands=touch /tmp/should-not-run'];
const forwardArgs = () => ['forward', online()?.instanceId ?? '', '22'];
const mutatingCalls = () => Object.keys(t.fleet.requestCounts())
  .filter((k) => /SendCommand|StartSession|CancelCommand/.test(k));
const audited = () => fs.existsSync(path.join(t.stateDir, 'fleetdeck', 'audit.jsonl'));

describe('headless commands in read-only mode', () => {
  it('run --read-only refuses with the dashboard message, exit 2, nothing sent or audited', async () => {
    const r = await cli([...runArgs(), '--read-only']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`fleetdeck: ${READ_ONLY_REFUSALS.run}\n`);
    expect(r.stdout).toBe('');
    expect(mutatingCalls()).toEqual([]);
    expect(audited()).toBe(false);
  });

  it('run refuses when the config says readOnly: true', async () => {
    const r = await cli([...runArgs(), '--config', configFile({readOnly: true})]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(READ_ONLY_REFUSALS.run);
    expect(mutatingCalls()).toEqual([]);
  });

  it('forward --read-only (and readOnly in the config) refuses before it opens a session', async () => {
    const flag = await cli([...forwardArgs(), '--read-only']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe(`fleetdeck: ${READ_ONLY_REFUSALS.forward}\n`);
    const config = await cli([...forwardArgs(), '--config', configFile({readOnly: true})]);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain(READ_ONLY_REFUSALS.forward);
    expect(mutatingCalls()).toEqual([]);
  });

  it('forward passes the guard when allowForwardsInReadOnly is set (as in the dashboard)', async () => {
    // An unknown instance: the forward gets as far as StartSession, which refuses it.
    const r = await cli(['forward', 'i-0000000000000000f', '22', '--read-only',
      '--config', configFile({allowForwardsInReadOnly: true})]);
    expect(r.stderr).not.toContain('read-only mode');
    expect(r.stderr).toContain('cannot forward to i-0000000000000000f');
    expect(mutatingCalls()).toEqual(['ssm:StartSession']);
  });

  it('read-only does not stop commands that only read', async () => {
    const r = await cli(['instances', '--read-only', '--output', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(t.fleet.model.managed().length);
  });
});
