import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {createInterface} from 'node:readline';
import {DescribeInstanceInformationCommand, SendCommandCommand, SSMClient} from '@aws-sdk/client-ssm';
import ts from 'typescript';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {parseMainArgs} from '../../src/local/main.js';
import {isAlive} from '../helpers/processes.js';

// main.ts is run as its own process. The test transpiles src/local into a temporary directory (next to
// a node_modules link) rather than relying on a full build, which other folders may be mid-edit for.
const repo = resolve(import.meta.dirname, '../..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleetdeck-local-main-'));
  await symlink(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, 'package.json'), '{"type":"module"}\n');
  // src/local imports pure modules from sibling folders (../fleet/run-plan.js, ../session/…), so every .ts file
  // under src is transpiled, keeping the folder layout; only what main.js imports is ever loaded.
  const transpile = async (rel: string): Promise<void> => {
    await mkdir(join(dir, rel), {recursive: true});
    for (const entry of await readdir(join(repo, 'src', rel), {withFileTypes: true})) {
      const file = join(rel, entry.name);
      if (entry.isDirectory()) await transpile(file);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const source = await readFile(join(repo, 'src', file), 'utf8');
        const out = ts.transpileModule(source, {compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022}});
        await writeFile(join(dir, file.replace(/\.ts$/, '.js')), out.outputText);
      }
    }
  };
  await transpile('.');
});
afterAll(async () => {
  await rm(dir, {recursive: true, force: true});
});

function start(args: string[], script = join(dir, 'local/main.js')): ChildProcessWithoutNullStreams {
  const env = {...process.env};
  delete env['CI'];
  return spawn(process.execPath, [script, ...args], {env, stdio: 'pipe'});
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

describe('main.js (the endpoint as its own process)', () => {
  it('prints one JSON line when listening, serves, and exits when its stdin closes', async () => {
    const child = start(['--nodes', '7', '--seed', 'main-test', '--region', 'eu-north-1']);
    const exit = exited(child);
    const lines = createInterface({input: child.stdout});
    const first = await new Promise<string>((done) => lines.once('line', done));
    const info = JSON.parse(first) as Record<string, string>;
    expect(Object.keys(info).sort()).toEqual(['accessKeyId', 'endpoint', 'partitions', 'region', 'secretAccessKey', 'sessionToken']);
    expect(info['endpoint']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info['region']).toBe('eu-north-1');
    const ssm = new SSMClient({
      endpoint: info['endpoint'],
      region: info['region'],
      credentials: {accessKeyId: info['accessKeyId'] ?? '', secretAccessKey: info['secretAccessKey'] ?? '', sessionToken: info['sessionToken']},
      maxAttempts: 1,
    });
    const out = await ssm.send(new DescribeInstanceInformationCommand({MaxResults: 50}));
    expect(out.InstanceInformationList?.length).toBeGreaterThan(0);
    child.stdin.end();
    expect(await exit).toBe(0);
    const rest: string[] = [];
    lines.on('line', (l) => rest.push(l));
    expect(rest).toEqual([]);
  });

  it('serves several accounts and regions, listing every partition with its credentials in the JSON line', async () => {
    const child = start(['--nodes', '3', '--seed', 'main-partitions', '--accounts', '2', '--regions', 'us-east-1,eu-west-1']);
    const exit = exited(child);
    const info = JSON.parse(await new Promise<string>((done) => createInterface({input: child.stdout}).once('line', done))) as {
      endpoint: string; region: string; accessKeyId: string;
      partitions: {accountId: string; region: string; accessKeyId: string; secretAccessKey: string; sessionToken: string}[];
    };
    expect(info.partitions.map((p) => p.region)).toEqual(['us-east-1', 'eu-west-1', 'us-east-1', 'eu-west-1']);
    expect(new Set(info.partitions.map((p) => p.accountId)).size).toBe(2);
    // The top-level fields are the first partition's.
    expect(info.accessKeyId).toBe(info.partitions[0]?.accessKeyId);
    expect(info.region).toBe('us-east-1');
    const last = info.partitions[3];
    const ssm = new SSMClient({
      endpoint: info.endpoint, region: last?.region ?? '', maxAttempts: 1,
      credentials: {accessKeyId: last?.accessKeyId ?? '', secretAccessKey: last?.secretAccessKey ?? '', sessionToken: last?.sessionToken ?? ''},
    });
    const out = await ssm.send(new DescribeInstanceInformationCommand({MaxResults: 50}));
    expect(out.InstanceInformationList?.length).toBeGreaterThan(0);
    child.stdin.end();
    expect(await exit).toBe(0);
  });

  it('runs when started through a symlink, and stops on SIGTERM', async () => {
    const link = join(dir, 'local-fleet-link.js');
    await symlink(join(dir, 'local/main.js'), link);
    const child = start(['--nodes', '1'], link);
    const exit = exited(child);
    await new Promise<string>((done) => createInterface({input: child.stdout}).once('line', done));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('takes the processes its commands started down with it when it is killed with SIGKILL', async () => {
    const child = start(['--nodes', '6', '--seed', 'kill-9']);
    const exit = exited(child);
    const info = JSON.parse(await new Promise<string>((done) => createInterface({input: child.stdout}).once('line', done))) as Record<string, string>;
    const ssm = new SSMClient({
      endpoint: info['endpoint'],
      region: info['region'],
      credentials: {accessKeyId: info['accessKeyId'] ?? '', secretAccessKey: info['secretAccessKey'] ?? '', sessionToken: info['sessionToken']},
      maxAttempts: 1,
    });
    const pidFile = join(dir, 'kill-9-pids');
    const nodes = (await ssm.send(new DescribeInstanceInformationCommand({Filters: [{Key: 'PingStatus', Values: ['Online']}, {Key: 'PlatformTypes', Values: ['Linux']}]})))
      .InstanceInformationList ?? [];
    const target = nodes[0]?.InstanceId ?? '';
    // The script, a background job and a grandchild: all three must go.
    await ssm.send(new SendCommandCommand({DocumentName: 'AWS-RunShellScript', InstanceIds: [target],
      Parameters: {commands: [`sleep 300 & bash -c 'sleep 301' & echo "$$ $(jobs -p | tr '\\n' ' ')" > ${pidFile}; wait`]}}));
    await vi.waitFor(async () => {
      expect((await readFile(pidFile, 'utf8').catch(() => '')).trim().split(/\s+/).length).toBe(3);
    }, {timeout: 10_000, interval: 20});
    const pids = (await readFile(pidFile, 'utf8')).trim().split(/\s+/).map(Number);
    expect(pids.every(isAlive)).toBe(true);
    child.kill('SIGKILL');
    await exit;
    await vi.waitFor(() => {
      expect(pids.filter(isAlive)).toEqual([]);
    }, {timeout: 10_000, interval: 20});
  });

  it('reports argument errors on stderr with exit code 2 and prints nothing on stdout', async () => {
    const child = start(['--port', 'eighty']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await exited(child)).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("--port expects an integer, got 'eighty'");
    expect(stderr).toContain('usage:');
  });
});

describe('parseMainArgs', () => {
  it('parses flags in both spellings', () => {
    expect(parseMainArgs(['--port', '4566', '--nodes=500', '--seed', 'abc', '--region=eu-west-1'])).toEqual({
      exitOnStdinEnd: true,
      port: 4566,
      nodes: 500,
      seed: 'abc',
      region: 'eu-west-1',
    });
    expect(parseMainArgs(['--no-stdin-exit'])).toEqual({exitOnStdinEnd: false});
    expect(parseMainArgs(['--accounts', '3', '--regions=us-east-1,eu-west-1'])).toEqual({exitOnStdinEnd: true, accounts: 3, regions: ['us-east-1', 'eu-west-1']});
  });

  it('rejects unknown flags, missing values and out-of-range numbers', () => {
    expect(() => parseMainArgs(['--verbose'])).toThrow("unknown argument '--verbose'");
    expect(() => parseMainArgs(['--seed'])).toThrow('--seed needs a value');
    expect(() => parseMainArgs(['--port', '70000'])).toThrow('--port must be between 0 and 65535');
    expect(() => parseMainArgs(['--nodes', '-3'])).toThrow('--nodes expects an integer');
  });
});
