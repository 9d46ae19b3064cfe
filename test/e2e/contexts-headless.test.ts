// Headless commands of the built CLI over several contexts: a local fleet of two accounts in two regions, each
// account a profile in a real credentials file. Every command's output carries account and region; a failing context
// is named on stderr while the others' output is printed; changes need --all-contexts; read-only contexts refuse.
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {CLI_PATH} from '../helpers/pty-harness.js';
import {startForward} from '../helpers/forward-cli.js';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {sessionServiceFor} from '../../src/local/ssm/sessions/session-service.js';
import {demoPage} from '../../src/local/ssm/sessions/port-forward-demo.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';

const exec = promisify(execFile);
const t = useLocalFleet({nodes: 4, seed: 'contexts-headless', accounts: 2, regions: ['us-east-1', 'eu-west-1']});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
  /** The audit log the command wrote (one JSON event a line). */
  audit: () => {action: string; identity: string}[];
}

/** A home of its own: profiles acct1 and acct2 are the fleet's accounts, ssoacct signs in with SSO (signed out). */
function home(config: Record<string, unknown>): {env: Record<string, string>; configFile: string} {
  const env: Record<string, string | undefined> = {...process.env, ...isolatedEnv('fd-contexts-headless-')};
  delete env.CI;
  const dir = env.HOME ?? '';
  const accounts = [...new Map(t.fleet.partitions.map((p) => [p.accountId, p.credentials])).values()];
  fs.writeFileSync(path.join(dir, 'credentials'), accounts.map((c, i) =>
    `[acct${i + 1}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\naws_session_token = ${c.sessionToken}\n`).join(''));
  fs.writeFileSync(path.join(dir, 'config'), '[profile ssoacct]\nsso_session = corp\nsso_account_id = 123456789012\n' +
    'sso_role_name = Ops\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n');
  const configFile = path.join(dir, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
  env.AWS_CONFIG_FILE = path.join(dir, 'config');
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return {env: env as Record<string, string>, configFile};
}

async function cli(args: string[], opts: {config?: Record<string, unknown>; input?: string} = {}): Promise<Result> {
  const {env, configFile} = home(opts.config ?? {});
  const audit = () => {
    const file = path.join(env.XDG_STATE_HOME ?? '', 'fleetdeck', 'audit.jsonl');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as {action: string; identity: string}) : [];
  };
  const child = exec(process.execPath, [CLI_PATH, ...args, '--config', configFile], {env, maxBuffer: 16 * 1024 * 1024});
  if (opts.input !== undefined) child.child.stdin?.end(opts.input);
  try {
    const r = await child;
    return {code: 0, stdout: r.stdout, stderr: r.stderr, audit};
  } catch (e) {
    const x = e as {code: number; stdout: string; stderr: string};
    return {code: x.code, stdout: x.stdout, stderr: x.stderr, audit};
  }
}

const accountIds = () => [...new Set(t.fleet.partitions.map((p) => p.accountId))];
const everywhere = () => ['--profile', 'acct1,acct2', '--region', 'us-east-1,eu-west-1', '--endpoint-url', t.fleet.endpoint];
const partition = (account: string, region: string) => t.fleet.partitions.find((p) => p.accountId === account && p.region === region);

describe('headless commands over several contexts', () => {
  it('instances: JSON records, table rows and CSV rows carry account and region; every partition is listed', async () => {
    const json = await cli(['instances', ...everywhere(), '--output', 'json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as {account: string; region: string; context: string; instanceId: string}[];
    for (const account of accountIds()) {
      for (const region of ['us-east-1', 'eu-west-1']) {
        const mine = rows.filter((r) => r.account === account && r.region === region).map((r) => r.instanceId).sort();
        expect(mine).toEqual(partition(account, region)?.model.managed().map((n) => n.instanceId).sort());
      }
    }
    expect(new Set(rows.map((r) => r.context))).toEqual(new Set(['acct1:us-east-1', 'acct1:eu-west-1', 'acct2:us-east-1', 'acct2:eu-west-1']));
    const table = await cli(['instances', ...everywhere()]);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ACCOUNT\s+REGION\s+ID\s+NAME\s+PING/);
    expect(lines.length - 1).toBe(rows.length);
    const [first] = rows;
    expect(lines.some((l) => l.startsWith(`${first?.account ?? ''}  ${first?.region ?? ''}`) && l.includes(first?.instanceId ?? '?'))).toBe(true);
    const csv = await cli(['instances', ...everywhere(), '--output', 'csv']);
    const csvLines = csv.stdout.trimEnd().split('\n');
    expect(csvLines[0]).toBe('ACCOUNT,REGION,ID,NAME,PING,PLATFORM,AGENT,LAST PING,IP');
    expect(csvLines.length - 1).toBe(rows.length);
  });

  it('--local --accounts 2 --regions a,b: one context per partition of the embedded fleet, each record placed', async () => {
    const r = await cli(['instances', '--local', '--accounts', '2', '--regions', 'us-east-1,eu-west-1', '--nodes', '3', '--output', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as {account: string; region: string; context: string}[];
    expect([...new Set(rows.map((x) => x.context))].sort()).toEqual(['local-1:eu-west-1', 'local-1:us-east-1', 'local-2:eu-west-1', 'local-2:us-east-1']);
    expect(new Set(rows.map((x) => x.account)).size).toBe(2);
    expect(rows.every((x) => /^\d{12}$/.test(x.account) && x.context.endsWith(`:${x.region}`))).toBe(true);
  });

  it('one context failing: its line on stderr names it and the fix, the others are printed, the exit code is 1', async () => {
    const [first] = accountIds();
    t.fleet.expireCredentials(first ?? '');
    try {
      const r = await cli(['instances', ...everywhere(), '--output', 'json']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^fleetdeck: acct1:us-east-1 \(.*us-east-1\): the session credentials have expired/m);
      expect(r.stderr).toMatch(/^fleetdeck: acct1:eu-west-1 \(.*eu-west-1\): the session credentials have expired/m);
      const rows = JSON.parse(r.stdout) as {account: string}[];
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((x) => x.account))).toEqual(new Set([accountIds()[1]]));
    } finally {
      t.fleet.restoreCredentials(first ?? '');
    }
    // An SSO profile that is signed out: the exact `aws sso login --profile …` line.
    const sso = await cli(['documents', 'ls', '--profile', 'acct2,ssoacct', '--region', 'eu-west-1', '--endpoint-url', t.fleet.endpoint]);
    expect(sso.code).toBe(1);
    expect(sso.stderr).toMatch(/^fleetdeck: ssoacct:eu-west-1 \(.*\): SSO sign-in needed: .* — run `aws sso login --profile ssoacct`$/m);
    expect(sso.stdout.split('\n')[0]).toMatch(/^ACCOUNT\s+REGION\s+NAME\s+OWNER/);
    expect(sso.stdout).toContain(`${accountIds()[1] ?? '?'}  eu-west-1  AWS-RunShellScript`);
  });

  it('a context whose STS is out of reach (an SSM-only network) is still asked, and its rows are printed', async () => {
    const [acct1] = accountIds();
    t.fleet.injectFault({kind: 'server-error', operation: 'sts:GetCallerIdentity', accountId: acct1 ?? ''});
    try {
      const r = await cli(['instances', '--profile', 'acct1,acct2', '--region', 'us-east-1', '--endpoint-url', t.fleet.endpoint, '--output', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const rows = JSON.parse(r.stdout) as {context: string; instanceId: string}[];
      expect(rows.filter((x) => x.context === 'acct1:us-east-1').map((x) => x.instanceId).sort())
        .toEqual(partition(acct1 ?? '', 'us-east-1')?.model.managed().map((n) => n.instanceId).sort());
    } finally {
      t.fleet.clearFaults();
    }
  });

  it('a context whose calls fail mid-command (denied, hostile message) is named on stderr, disarmed; the others print', async () => {
    const [, acct2] = accountIds();
    t.fleet.injectFault({kind: 'error', operation: 'ssm:ListDocuments', errorCode: 'AccessDeniedException', status: 400,
      message: 'not allowed\u001b]52;c;cHduZWQ=\u0007\u001b[2J here', accountId: acct2 ?? '', region: 'eu-west-1'});
    try {
      const r = await cli(['documents', 'ls', ...everywhere()]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^fleetdeck: acct2:eu-west-1 \(account \d+, eu-west-1\): .*not allowed/m);
      expect(r.stderr).not.toMatch(/\u001b|\u0007/);
      const placesPrinted = new Set(r.stdout.trimEnd().split('\n').slice(1).map((l) => l.split(/\s+/).slice(0, 2).join(' ')));
      expect(placesPrinted).toEqual(new Set([...accountIds().flatMap((a) => [`${a} us-east-1`, `${a} eu-west-1`])]
        .filter((p) => p !== `${acct2 ?? ''} eu-west-1`)));
    } finally {
      t.fleet.clearFaults();
    }
  });

  it('compliance and inventory: tables and JSON gain account and region', async () => {
    const table = await cli(['compliance', ...everywhere()]);
    expect(table.code).toBe(0);
    const [summary, list] = table.stdout.split('\n\n');
    expect(summary?.split('\n')[0]).toMatch(/^ACCOUNT\s+REGION\s+TYPE\s+COMPLIANT/);
    expect(list?.split('\n')[0]).toMatch(/^ACCOUNT\s+REGION\s+INSTANCE\s+NAME/);
    const json = await cli(['compliance', ...everywhere(), '--output', 'json']);
    const reports = JSON.parse(json.stdout) as {account: string; region: string; summaries: unknown[]; resources: unknown[]}[];
    expect(reports.map((x) => `${x.account} ${x.region}`).sort()).toEqual(accountIds().flatMap((a) => [`${a} eu-west-1`, `${a} us-east-1`]).sort());
    expect(reports.every((x) => Array.isArray(x.summaries) && Array.isArray(x.resources))).toBe(true);
    const inv = await cli(['inventory', ...everywhere(), '--where', 'Name=openssl', '--output', 'json']);
    expect(inv.code).toBe(0);
    const answers = JSON.parse(inv.stdout) as {account: string; region: string; instanceId: string}[];
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((a) => accountIds().includes(a.account) && /^(us-east-1|eu-west-1)$/.test(a.region))).toBe(true);
  });

  it('a change with several contexts needs --all-contexts (exit 2 naming them); with it, each context is written', async () => {
    const put = ['parameters', 'put', '/fd-ctx/flag', '--type', 'String', '--overwrite', ...everywhere()];
    const refused = await cli(put, {input: 'on\n'});
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/fleetdeck parameters put changes something and 4 contexts are selected \(acct1:us-east-1, acct1:eu-west-1, acct2:us-east-1, acct2:eu-west-1\): pick one with --context/);
    const done = await cli([...put, '--all-contexts', '--output', 'json'], {input: 'on\n'});
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const lines = done.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as {account: string; region: string; Name: string; Version: number});
    expect(lines.map((l) => `${l.account} ${l.region}`).sort()).toEqual(accountIds().flatMap((a) => [`${a} eu-west-1`, `${a} us-east-1`]).sort());
    // One audit record per context, each naming it.
    expect(done.audit().filter((e) => e.action === 'PutParameter').map((e) => /context (\S+)$/.exec(e.identity)?.[1]).sort())
      .toEqual(['acct1:eu-west-1', 'acct1:us-east-1', 'acct2:eu-west-1', 'acct2:us-east-1']);
    const got = await cli(['parameters', 'get', '/fd-ctx/flag', ...everywhere(), '--output', 'json']);
    const values = JSON.parse(got.stdout) as {account: string; Value: string}[];
    expect(values).toHaveLength(4);
    expect(values.every((v) => v.Value === 'on')).toBe(true);
  });

  it('show by id: found in one context is a success; the others say it is not there', async () => {
    const [acct1] = accountIds();
    const ls = await cli(['documents', 'show', 'AWS-RunShellScript', ...everywhere(), '--output', 'json']);
    expect(ls.code).toBe(0);
    const missing = await cli(['parameters', 'get', '/fd-ctx/nowhere', ...everywhere()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^fleetdeck: acct1:us-east-1 \(account \d+, us-east-1\): .*nowhere/m);
    const put = await cli(['parameters', 'put', '/fd-ctx/only-here', '--type', 'String', '--profile', 'acct1', '--region', 'eu-west-1',
      '--endpoint-url', t.fleet.endpoint], {input: 'x'});
    expect(put.code).toBe(0);
    const one = await cli(['parameters', 'get', '/fd-ctx/only-here', ...everywhere(), '--output', 'json']);
    expect(one.code).toBe(0);
    expect((JSON.parse(one.stdout) as {account: string; region: string}[]).map((x) => `${x.account} ${x.region}`)).toEqual([`${acct1 ?? ''} eu-west-1`]);
    expect(one.stderr).toMatch(/acct2:us-east-1/);
  });

  it('a read-only context refuses a change, alone or among others, before anything is sent', async () => {
    const config = {contexts: {ro: {profile: 'acct1', region: 'us-east-1', endpoint: t.fleet.endpoint, readOnly: true},
      rw: {profile: 'acct2', region: 'us-east-1', endpoint: t.fleet.endpoint}}};
    const alone = await cli(['parameters', 'put', '/fd-ctx/ro', '--type', 'String', '--context', 'ro'], {config, input: 'x'});
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/context ro is read-only/);
    const both = await cli(['parameters', 'put', '/fd-ctx/ro', '--type', 'String', '--context', 'ro,rw', '--all-contexts'], {config, input: 'x'});
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/context ro is read-only/);
    const run = await cli(['run', '--context', 'ro', '--targets', 'tag:Env=prod', '--document', 'AWS-RunShellScript', '--parameter', 'commands=true'], {config});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/fleetdeck run changes something, and context ro is read-only/);
    const fwd = await cli(['forward', '--context', 'ro', 'i-0123456789abcdef0', '22'], {config});
    expect(fwd.code).toBe(2);
    expect(fwd.stderr).toMatch(/fleetdeck forward changes something, and context ro is read-only/);
    const reads = await cli(['parameters', 'get', '/fd-ctx/ro', '--context', 'ro,rw'], {config});
    expect(reads.stderr).not.toMatch(/read-only/);
  });

  it('run: ids go to the context that has them; a run over several contexts needs --all-contexts; results carry account and region', async () => {
    const [acct1, acct2] = accountIds();
    const online = (account: string, region: string) =>
      partition(account, region)?.model.managed().find((n) => n.pingStatus === 'Online' && n.platformType === 'Linux')?.instanceId ?? '';
    const west1 = online(acct1 ?? '', 'eu-west-1');
    const east2 = online(acct2 ?? '', 'us-east-1');
    const args = ['run', ...everywhere(), '--document', 'AWS-RunShellScript', '--parameter', 'commands=echo hi', '--output', 'json'];
    const one = await cli([...args, '--targets', west1]);
    expect(one.code).toBe(0);
    expect(one.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as {instanceId: string; account: string; region: string; context: string}))
      .toEqual([expect.objectContaining({instanceId: west1, account: acct1, region: 'eu-west-1', context: 'acct1:eu-west-1'})]);
    const refused = await cli([...args, '--targets', `${west1},${east2}`]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/fleetdeck run changes something and 2 contexts are selected \(acct1:eu-west-1, acct2:us-east-1\)/);
    const both = await cli([...args, '--targets', `${west1},${east2}`, '--all-contexts']);
    expect(both.code).toBe(0);
    const results = both.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as {instanceId: string; account: string; region: string; output: string});
    expect(results.map((r) => `${r.instanceId} ${r.account} ${r.region}`).sort())
      .toEqual([`${west1} ${acct1 ?? ''} eu-west-1`, `${east2} ${acct2 ?? ''} us-east-1`].sort());
    expect(results.every((r) => r.output === 'hi\n')).toBe(true);
    expect(both.stderr).toMatch(/^\[acct1:eu-west-1\] \[1\/1\] 1 Success$/m);
    expect(both.audit().filter((e) => e.action === 'SendCommand').map((e) => /context (\S+)$/.exec(e.identity)?.[1]).sort())
      .toEqual(['acct1:eu-west-1', 'acct2:us-east-1']);
    // A run-like resource verb places its targets the same way: an expression matching in several contexts.
    const patch = await cli(['patch', 'scan', '--targets', 'tag:Env=prod', ...everywhere()]);
    expect(patch.code).toBe(2);
    expect(patch.stderr).toMatch(/fleetdeck run changes something and \d contexts are selected .*--all-contexts/);
    const unknown = await cli([...args, '--targets', 'i-0123456789abcdef0']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"i-0123456789abcdef0" is no managed instance in any context/);
  });

  it('forward: the instance is found in its context (told on stderr with account and region) and forwarded there', async () => {
    const [, acct2] = accountIds();
    const p = partition(acct2 ?? '', 'eu-west-1');
    const demo = p ? sessionServiceFor(p.model).demoWeb : undefined;
    const port = await demo?.ready;
    const node = demo?.node;
    if (!node || port === undefined) throw new Error('no demo node in acct2:eu-west-1');
    const {env, configFile} = home({});
    const fwd = startForward(t.fleet.endpoint, [node.instanceId, String(port), '--profile', 'acct1,acct2', '--region', 'us-east-1,eu-west-1',
      '--config', configFile], env);
    try {
      const address = await fwd.address;
      expect(fwd.stderr).toMatch(new RegExp(`^fleetdeck: ${node.instanceId} is in acct2:eu-west-1 \\(account ${acct2 ?? ''}, eu-west-1\\)$`, 'm'));
      const res = await fetch(`http://${address}/`, {headers: {connection: 'close'}});
      expect(await res.text()).toBe(demoPage(node));
    } finally {
      fwd.child.kill('SIGINT');
    }
    expect(await fwd.exited).toBe(0);
    const missing = await cli(['forward', 'i-0123456789abcdef0', '22', ...everywhere()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/"i-0123456789abcdef0" is no managed instance in any context/);
  });
});
