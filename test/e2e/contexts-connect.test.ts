// Starting on several contexts with the built CLI: --profile and --region lists against a local fleet of two
// accounts (each a profile in a real credentials file), --context from the config, --local --accounts --regions.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';

const exec = promisify(execFile);
const t = useLocalFleet({nodes: 3, seed: 'contexts-e2e', accounts: 2, regions: ['us-east-1', 'eu-west-1']});

/** The CLI with a home of its own whose profiles acct1 and acct2 are the fleet's two accounts. */
async function cli(args: string[], config: Record<string, unknown> = {}): Promise<{code: number; stdout: string; stderr: string; log: string}> {
  const env: Record<string, string | undefined> = {...process.env, ...isolatedEnv('fd-contexts-e2e-')};
  delete env.CI;
  const home = env.HOME ?? '';
  const accounts = [...new Map(t.fleet.partitions.map((p) => [p.accountId, p.credentials])).values()];
  fs.writeFileSync(path.join(home, 'credentials'), accounts.map((c, i) =>
    `[acct${i + 1}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\naws_session_token = ${c.sessionToken}\n`).join(''));
  const configFile = path.join(home, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  env.AWS_SHARED_CREDENTIALS_FILE = path.join(home, 'credentials');
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const log = () => {
    const file = path.join(env.XDG_STATE_HOME ?? '', 'fleetdeck', 'fleetdeck.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  };
  try {
    const r = await exec(process.execPath, [CLI_PATH, ...args, '--config', configFile], {env: env as Record<string, string>});
    return {code: 0, stdout: r.stdout, stderr: r.stderr, log: log()};
  } catch (e) {
    const x = e as {code: number; stdout: string; stderr: string};
    return {code: x.code, stdout: x.stdout, stderr: x.stderr, log: log()};
  }
}

const accountIds = () => [...new Set(t.fleet.partitions.map((p) => p.accountId))];

describe('starting on several contexts', () => {
  it('one context whose credentials fail does not stop the start; every one failing does, one line per context', async () => {
    const [first, second] = accountIds();
    t.fleet.expireCredentials(first ?? '');
    try {
      const some = await cli(['instances', '--profile', 'acct1,acct2', '--region', 'us-east-1,eu-west-1', '--endpoint-url', t.fleet.endpoint, '--output', 'json']);
      // The working contexts' nodes are printed; the expired ones are named (the exit code is the command's own).
      expect((JSON.parse(some.stdout) as unknown[]).length).toBeGreaterThan(0);
      expect(some.stderr).not.toMatch(/acct2|No context/);
      t.fleet.expireCredentials(second ?? '');
      const none = await cli(['instances', '--profile', 'acct1,acct2', '--region', 'us-east-1', '--endpoint-url', t.fleet.endpoint]);
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(/^fleetdeck: No context has usable AWS credentials:\n {2}acct1:us-east-1: .*\n {2}acct2:us-east-1: .*\n/);
    } finally {
      for (const id of accountIds()) t.fleet.restoreCredentials(id);
    }
  });

  it('--context names from the config; an unknown one is a usage error that lists the known ones', async () => {
    const config = {contexts: {west: {profile: 'acct2', region: 'eu-west-1', endpoint: t.fleet.endpoint}}, contextGroups: {all: ['west', 'acct1:us-east-1']}};
    const ok = await cli(['instances', '--context', 'west', '--output', 'json'], config);
    expect(ok.code).toBe(0);
    const ids = (JSON.parse(ok.stdout) as {instanceId: string}[]).map((i) => i.instanceId).sort();
    const west = t.fleet.partitions.find((p) => p.accountId === accountIds()[1] && p.region === 'eu-west-1');
    expect(ids).toEqual(west?.model.managed().map((n) => n.instanceId).sort());
    const bad = await cli(['instances', '--context', 'east'], config);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--context: unknown context "east"; the config names contexts west and groups all/);
    const wrong = await cli(['instances'], {contextGroups: {all: ['nowhere']}});
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/contextGroups\.all: unknown context "nowhere"/);
  });

  it('--local --accounts 2 --regions a,b starts the local fleet with every partition', async () => {
    const r = await cli(['instances', '--local', '--accounts', '2', '--regions', 'us-east-1,eu-west-1', '--nodes', '3', '--output', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBeGreaterThan(0);
    const opened = r.log.split('\n').filter(Boolean).map((l) => JSON.parse(l) as {msg: string; contexts?: {name: string; account: string}[]})
      .find((l) => l.msg === 'contexts opened');
    expect(opened?.contexts?.map((c) => c.name)).toEqual(['local-1:us-east-1', 'local-1:eu-west-1', 'local-2:us-east-1', 'local-2:eu-west-1']);
    // Each with the account the local fleet listed for it: two accounts, each in both regions.
    const accounts = opened?.contexts?.map((c) => c.account) ?? [];
    expect(accounts.every((a) => /^\d{12}$/.test(a))).toBe(true);
    expect([accounts[0] === accounts[1], accounts[2] === accounts[3], accounts[0] === accounts[2]]).toEqual([true, true, false]);
  });
});
