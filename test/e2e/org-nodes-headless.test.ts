// `fleetdeck org-nodes list` of the built CLI on a local fleet of 3 accounts × 2 regions it starts itself: every node
// of every account and region, once (one call set in the management account, not once per context), each with its
// account and region; a sync that is not there is one sentence naming the config key and the command that makes one.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';

const exec = promisify(execFile);

async function cli(args: string[], config: Record<string, unknown> = {}): Promise<{code: number; stdout: string; stderr: string}> {
  const env: Record<string, string | undefined> = {...process.env, ...isolatedEnv('fd-org-nodes-e2e-')};
  delete env.CI;
  const configFile = path.join(env.HOME ?? '', 'config.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  try {
    const r = await exec(process.execPath, [CLI_PATH, ...args, '--config', configFile], {env: env as Record<string, string>, maxBuffer: 16 << 20});
    return {code: 0, stdout: r.stdout, stderr: r.stderr};
  } catch (e) {
    const x = e as {code: number; stdout: string; stderr: string};
    return {code: x.code, stdout: x.stdout, stderr: x.stderr};
  }
}

const LOCAL = ['--local', '--accounts', '3', '--regions', 'us-east-1,eu-west-1', '--nodes', '5'];

describe('fleetdeck org-nodes list', () => {
  it('prints every node of every account and region once, with its account and region', async () => {
    const r = await cli(['org-nodes', 'list', ...LOCAL, '--output', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as {Id: string; AccountId: string; Region: string}[];
    expect(new Set(rows.map((n) => n.Id)).size).toBe(rows.length);
    expect(new Set(rows.map((n) => n.AccountId)).size).toBe(3);
    expect(new Set(rows.map((n) => `${n.AccountId}:${n.Region}`)).size).toBe(6);
    const table = await cli(['org-nodes', 'list', ...LOCAL]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ACCOUNT\s+REGION\s+ID\s+NAME\s+PING/);
    expect(table.stderr).toMatch(new RegExp(`^${rows.length} nodes · 3 accounts · \\d+ online · .*sync AWS-QuickSetup-ManagedNode\n$`));
    expect(table.stderr).toMatch(/ · us-east-1 \d+ · /);
    expect(table.stderr).toMatch(/ · eu-west-1 \d+ · /);
  }, 60_000);

  it('a sync that is not there (--sync, or org.syncName in the config) says how to make one', async () => {
    const r = await cli(['org-nodes', 'list', ...LOCAL], {org: {syncName: 'org-typo'}});
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no resource data sync org-typo in us-east-1 (org.syncName); SyncFromSource syncs here: AWS-QuickSetup-ManagedNode');
    expect(r.stderr).toContain('aws ssm create-resource-data-sync --sync-name org-typo --sync-type SyncFromSource');
    const flag = await cli(['org-nodes', 'list', ...LOCAL, '--sync', 'other']);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('no resource data sync other in us-east-1');
  }, 60_000);
});
