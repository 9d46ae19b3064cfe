// connect() over AWS profiles: the local fleet stands in for AWS (--endpoint-url), each of its accounts a profile
// in a real shared credentials file, read by the SDK's own credential chain.
import fs from 'node:fs';
import path from 'node:path';
import {DescribeInstanceInformationCommand} from '@aws-sdk/client-ssm';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {ConfigError} from '../../src/aws/clients.js';
import {connect, type Connection} from '../../src/cli/connect.js';
import {UsageError, validateArgs} from '../../src/cli/flags.js';
import {validateConfig} from '../../src/config/config.js';
import {isolatedEnv} from '../../bench/lib/fleet-env.mjs';
import {useLocalFleet} from '../helpers/local-fleet.js';
import {until} from '../helpers/wait.js';
import {startCountingProxy} from '../helpers/counting-proxy.js';

const local = useLocalFleet({nodes: 2, seed: 'connect', accounts: 2, regions: ['us-east-1', 'eu-west-1']});
const saved = {...process.env};
let conn: Connection | undefined;

beforeAll(() => {
  // This machine's AWS setup stays out; the profiles are the local fleet's two accounts.
  for (const [k, v] of Object.entries(isolatedEnv('fd-connect-'))) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const home = process.env.HOME ?? '';
  const accounts = [...new Map(local.fleet.partitions.map((p) => [p.accountId, p.credentials])).values()];
  const profile = (name: string, c: {accessKeyId: string; secretAccessKey: string; sessionToken: string}) =>
    `[${name}]\naws_access_key_id = ${c.accessKeyId}\naws_secret_access_key = ${c.secretAccessKey}\naws_session_token = ${c.sessionToken}\n`;
  fs.writeFileSync(path.join(home, 'credentials'), accounts.map((c, i) => profile(`acct${i + 1}`, c)).join('\n'));
  fs.writeFileSync(path.join(home, 'config'), '[profile acct1]\nregion = us-east-1\n[profile acct2]\nregion = eu-west-1\n');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(home, 'credentials');
  process.env.AWS_CONFIG_FILE = path.join(home, 'config');
});
afterAll(() => {
  process.env = saved;
});
afterEach(() => {
  conn?.close();
  conn = undefined;
  for (const p of local.fleet.partitions) local.fleet.restoreCredentials(p.accountId);
});

const args = (flags: Record<string, unknown>) => validateArgs([], {endpointUrl: local.fleet.endpoint, ...flags}, []);
const accountOf = (n: number) => [...new Set(local.fleet.partitions.map((p) => p.accountId))][n - 1] ?? '';

describe('connect', () => {
  it('one profile is one context, as before: the first context is the connection, its account from STS', async () => {
    conn = await connect(args({profile: 'acct2'}));
    expect(conn.contexts.size).toBe(1);
    expect(conn.contexts.all()[0]?.aws).toBe(conn.aws);
    expect(conn.aws.target).toMatchObject({kind: 'aws', region: 'eu-west-1', profile: 'acct2'});
    const c = conn.contexts;
    await until(() => c.infos()[0]?.credentials.kind === 'valid', 'the context valid');
    expect(c.infos()[0]).toMatchObject({spec: {name: 'acct2:eu-west-1', profile: 'acct2', region: 'eu-west-1'}, accountId: accountOf(2)});
  });

  it('one context whose credentials fail stops the start with the same message as before', async () => {
    await expect(connect(args({profile: 'nobody', region: 'us-east-1'}))).rejects.toThrow(ConfigError);
    await expect(connect(args({profile: 'nobody', region: 'us-east-1'}))).rejects.toThrow(/^No usable AWS credentials \(/);
  });

  it('--profile a,b --region x,y opens the cross product, each context in its own account and region', async () => {
    conn = await connect(args({profile: 'acct1,acct2', region: 'us-east-1,eu-west-1'}));
    const infos = conn.contexts.infos();
    expect(infos.map((i) => i.spec.name)).toEqual(['acct1:us-east-1', 'acct1:eu-west-1', 'acct2:us-east-1', 'acct2:eu-west-1']);
    expect(infos.map((i) => [i.accountId, i.credentials.kind])).toEqual([
      [accountOf(1), 'valid'], [accountOf(1), 'valid'], [accountOf(2), 'valid'], [accountOf(2), 'valid']]);
    const ids = async (name: string) => (await conn!.contexts.get(name)!.aws.ssm.send(new DescribeInstanceInformationCommand({})))
      .InstanceInformationList?.map((i) => i.InstanceId).sort();
    const expected = (accountId: string, region: string) => local.fleet.partitions.find((p) => p.accountId === accountId && p.region === region)!
      .model.managed().map((n) => n.instanceId).sort();
    expect(await ids('acct2:eu-west-1')).toEqual(expected(accountOf(2), 'eu-west-1'));
    expect(await ids('acct1:eu-west-1')).toEqual(expected(accountOf(1), 'eu-west-1'));
  });

  it('a context whose credentials fail does not stop the start when others work; all failing does', async () => {
    local.fleet.expireCredentials(accountOf(1));
    conn = await connect(args({profile: 'acct1,acct2', region: 'us-east-1'}));
    expect(conn.contexts.infos().map((i) => [i.spec.name, i.credentials.kind, i.inView]))
      .toEqual([['acct1:us-east-1', 'expired', true], ['acct2:us-east-1', 'valid', true]]);
    // Callers of one context get one that works.
    expect(conn.aws).toBe(conn.contexts.get('acct2:us-east-1')?.aws);
    conn.close();
    conn = undefined;
    local.fleet.expireCredentials(accountOf(2));
    const failing = connect(args({profile: 'acct1,acct2', region: 'us-east-1'}));
    await expect(failing).rejects.toThrow(ConfigError);
    await expect(connect(args({profile: 'acct1,acct2', region: 'us-east-1'})))
      .rejects.toThrow(/No context has usable AWS credentials:\n {2}acct1:us-east-1: .*expired.*\n {2}acct2:us-east-1: /);
  });

  it('keys written to the credentials file after the start are picked up by a recheck, without a restart', async () => {
    const file = process.env.AWS_SHARED_CREDENTIALS_FILE ?? '';
    const before = fs.readFileSync(file, 'utf8');
    const acct1 = /\[acct1\][^[]*/.exec(before)?.[0] ?? '';
    try {
      fs.writeFileSync(file, `${before}\n[rotating]\naws_access_key_id = ASIAEXAMPLEEXAMPLE00\naws_secret_access_key = old\n`);
      conn = await connect(args({profile: 'rotating,acct2', region: 'us-east-1'}));
      // A call signed with the old keys first: what the clients resolved then must not stick.
      await expect(conn.contexts.get('rotating:us-east-1')!.aws.ssm.send(new DescribeInstanceInformationCommand({}))).rejects.toThrow();
      expect(conn.contexts.info('rotating:us-east-1')?.credentials.kind).toBe('denied');
      // As `aws configure` or a credential tool would: new keys for the profile.
      fs.writeFileSync(file, `${before}\n${acct1.replace('[acct1]', '[rotating]')}`);
      await conn.contexts.recheck('rotating:us-east-1');
      expect(conn.contexts.info('rotating:us-east-1')).toMatchObject({credentials: {kind: 'valid'}, accountId: accountOf(1)});
      // The context's own clients sign with the new keys too.
      const out = await conn.contexts.get('rotating:us-east-1')!.aws.ssm.send(new DescribeInstanceInformationCommand({}));
      expect(out.InstanceInformationList?.length).toBeGreaterThan(0);
    } finally {
      fs.writeFileSync(file, before);
    }
  });

  it('a recheck asked while a check is on the wire checks again with the new keys', async () => {
    const file = process.env.AWS_SHARED_CREDENTIALS_FILE ?? '';
    const before = fs.readFileSync(file, 'utf8');
    const acct1 = /\[acct1\][^[]*/.exec(before)?.[0] ?? '';
    const proxy = await startCountingProxy(local.fleet.endpoint);
    try {
      fs.writeFileSync(file, `${before}\n[turning]\naws_access_key_id = ASIAEXAMPLEEXAMPLE01\naws_secret_access_key = old\n`);
      conn = await connect(validateArgs([], {endpointUrl: proxy.url, profile: 'turning,acct2', region: 'us-east-1'}, []));
      const contexts = conn.contexts;
      proxy.hold();
      const first = contexts.recheck('turning:us-east-1');
      await until(() => proxy.inFlight() === 1, 'a check with the old keys on the wire');
      fs.writeFileSync(file, `${before}\n${acct1.replace('[acct1]', '[turning]')}`);
      const second = contexts.recheck('turning:us-east-1');
      proxy.release();
      await Promise.all([first, second]);
      expect(contexts.info('turning:us-east-1')?.credentials.kind).toBe('valid');
    } finally {
      fs.writeFileSync(file, before);
      conn?.close();
      conn = undefined;
      await proxy.close();
    }
  });

  it('says when the credentials expire, when their source says (credential_process)', async () => {
    const home = process.env.HOME ?? '';
    const c = local.fleet.partitions[0]!.credentials;
    const expiration = new Date(Date.now() + 3_600_000);
    expiration.setMilliseconds(0);
    const script = path.join(home, 'creds.mjs');
    fs.writeFileSync(script, `process.stdout.write(${JSON.stringify(JSON.stringify({Version: 1, AccessKeyId: c.accessKeyId,
      SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: expiration.toISOString()}))});\n`);
    fs.appendFileSync(process.env.AWS_CONFIG_FILE ?? '', `[profile proc]\nregion = us-east-1\ncredential_process = ${process.execPath} ${script}\n`);
    conn = await connect(args({profile: 'proc,acct2', region: 'us-east-1'}));
    expect(conn.contexts.info('proc:us-east-1')).toMatchObject({credentials: {kind: 'valid', expiresAt: expiration.getTime()}, accountId: accountOf(1)});
  });

  it('is checked again when its credentials expire, so it never says valid past that time', async () => {
    const home = process.env.HOME ?? '';
    const c = local.fleet.partitions[0]!.credentials;
    const expiration = new Date(Date.now() + 1_500);
    const script = path.join(home, 'soon.mjs');
    fs.writeFileSync(script, `process.stdout.write(${JSON.stringify(JSON.stringify({Version: 1, AccessKeyId: c.accessKeyId,
      SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: expiration.toISOString()}))});\n`);
    fs.appendFileSync(process.env.AWS_CONFIG_FILE ?? '', `[profile soon]\ncredential_process = ${process.execPath} ${script}\n`);
    conn = await connect(args({profile: 'soon,acct2', region: 'us-east-1'}));
    expect(conn.contexts.info('soon:us-east-1')?.credentials).toMatchObject({kind: 'valid', expiresAt: expiration.getTime()});
    // The source hands out keys the account no longer takes: nothing calls, yet the state follows at the expiry.
    local.fleet.expireCredentials(accountOf(1));
    const contexts = conn.contexts;
    await until(() => contexts.info('soon:us-east-1')?.credentials.kind === 'expired', 'the context expired at its expiry time');
    // Rebuilt chains that still find nothing keep saying expired.
    await contexts.recheck('soon:us-east-1');
    expect(contexts.info('soon:us-east-1')?.credentials.kind).toBe('expired');
  });

  it('a profile without a region among several names the context it stops at', async () => {
    fs.appendFileSync(process.env.AWS_CONFIG_FILE ?? '', '[profile bare]\n');
    fs.appendFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE ?? '', '\n[bare]\naws_access_key_id = x\naws_secret_access_key = y\n');
    await expect(connect(args({profile: 'acct1,bare'}))).rejects.toThrow(/^bare: No AWS region is configured\. Pass --region/);
  });

  it('starts when STS is out of reach everywhere (an SSM-only VPC endpoint), and a context works once its calls answer', async () => {
    local.fleet.injectFault({kind: 'server-error', operation: 'sts:GetCallerIdentity'});
    try {
      conn = await connect(args({profile: 'acct1,acct2', region: 'us-east-1'}));
    } finally {
      local.fleet.clearFaults();
    }
    expect(conn.contexts.infos().map((i) => i.credentials.kind)).toEqual(['unreachable', 'unreachable']);
    await conn.aws.ssm.send(new DescribeInstanceInformationCommand({}));
    expect(conn.contexts.infos().map((i) => i.credentials.kind)).toEqual(['valid', 'unreachable']);
  });

  it('--context opens named contexts and groups from the config', async () => {
    const config = validateConfig({
      contexts: {'one-east': {profile: 'acct1', region: 'us-east-1', endpoint: local.fleet.endpoint, protected: true},
        'two-west': {profile: 'acct2', region: 'eu-west-1', endpoint: local.fleet.endpoint, readOnly: true}},
      contextGroups: {both: ['one-east', 'two-west']},
      maxConcurrentRequests: 2,
    }, 'c.json');
    conn = await connect(validateArgs([], {context: 'both'}, []), config);
    expect(conn.contexts.infos().map((i) => [i.spec.name, i.accountId, i.spec.protected ?? false, i.spec.readOnly ?? false])).toEqual([
      ['one-east', accountOf(1), true, false], ['two-west', accountOf(2), false, true]]);
    expect(conn.contexts.all()[0]?.budget.maxConcurrent).toBe(2);
    expect(conn.contexts.group('both')).toBe(true);
    await expect(connect(validateArgs([], {context: 'three'}, []), config)).rejects.toThrow(UsageError);
  });
});


