// `fleetdeck local-fleet`: serve the local fleet on its own, for the AWS CLI and any SDK program. In the foreground
// (Ctrl-C stops it), or with --detach in the background — the exports are printed and the command returns, so
// `eval "$(fleetdeck local-fleet --detach)"` works — until `eval "$(fleetdeck local-fleet --stop)"`.
// With --accounts or --regions, the accounts' credentials go to private AWS config and credentials files (one profile
// per account) and only the two file paths are exported: no secret is printed.
import {spawn} from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import {fleetControlClient} from '../local/control-client.js';
import {startLocalFleet} from '../local/server.js';
import type {FleetCredentials} from '../local/protocol/sigv4.js';
import type {Args} from './flags.js';
import {localFleetArgs, type LocalPartitionInfo} from './local-child.js';
import {readFirstProfile, removeProfileFiles, writeProfileFiles} from './local-fleet-profiles.js';

export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const EXPORTED = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL'];
const EXPORTED_FILES = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'];

interface Served {
  endpoint: string;
  region: string;
  credentials: FleetCredentials;
  partitions: readonly LocalPartitionInfo[];
}

/** Several accounts or regions: profiles in files rather than one set of exported credentials. */
function usesProfiles(args: Args): boolean {
  return args.accounts !== undefined || args.regions !== undefined;
}

/** Writes the profile files and says how to use them; returns their directory (removed when the fleet stops). */
function profileLines(args: Args, fleet: Served, stopHint: string): {text: string; dir: string} {
  const files = writeProfileFiles(fleet.endpoint, fleet.partitions);
  const regions = [...new Set(fleet.partitions.map((p) => p.region))];
  const accounts = [...new Set(fleet.partitions.map((p) => p.accountId))];
  const text = [
    `# fleetdeck local fleet: ${accounts.length} account${accounts.length === 1 ? '' : 's'} (${accounts.join(', ')}) in ${regions.join(', ')}, `
      + `${args.nodes} nodes each (seed ${args.seed}) on ${fleet.endpoint}. ${stopHint}`,
    '# Local nodes run commands as the current user on this machine.',
    `# Profiles ${files.profiles.join(', ')} (one per account, with this endpoint) are in ${files.dir} (private; the credentials are not shown).`,
    `export AWS_CONFIG_FILE=${shellQuote(files.configFile)}`,
    `export AWS_SHARED_CREDENTIALS_FILE=${shellQuote(files.credentialsFile)}`,
    // The endpoint is named too: SDKs take a profile's endpoint_url only for the profile in AWS_PROFILE.
    `# Every account and region in one dashboard: fleetdeck --profile ${files.profiles.join(',')} --region ${regions.join(',')} --endpoint-url ${fleet.endpoint}`,
    `# One of them with the AWS CLI: aws ssm describe-instance-information --profile ${files.profiles[files.profiles.length - 1] ?? 'local-1'} --region ${regions[regions.length - 1] ?? fleet.region}`,
  ].join('\n') + '\n';
  return {text, dir: files.dir};
}
function exportLines(args: Args, fleet: Served, stopHint: string): string {
  const c = fleet.credentials;
  // The user asked for these: they are how other clients reach this endpoint. They are printed, never logged.
  return [
    `# fleetdeck local fleet: ${args.nodes} nodes (seed ${args.seed}) on ${fleet.endpoint}. ${stopHint}`,
    '# Local nodes run commands as the current user on this machine.',
    `export AWS_ACCESS_KEY_ID=${shellQuote(c.accessKeyId)}`,
    `export AWS_SECRET_ACCESS_KEY=${shellQuote(c.secretAccessKey)}`,
    `export AWS_SESSION_TOKEN=${shellQuote(c.sessionToken)}`,
    `export AWS_REGION=${shellQuote(fleet.region)}`,
    // AWS CLI v1 reads only AWS_DEFAULT_REGION.
    `export AWS_DEFAULT_REGION=${shellQuote(fleet.region)}`,
    `export AWS_ENDPOINT_URL=${shellQuote(fleet.endpoint)}`,
  ].join('\n') + '\n';
}

export async function runLocalFleet(args: Args): Promise<void> {
  if (args.localFleetMode === 'detach') return detach(args);
  if (args.localFleetMode === 'stop') return stop();
  const fleet = await startLocalFleet({
    port: args.port, nodes: args.nodes, seed: args.seed,
    ...(args.accounts === undefined ? {} : {accounts: args.accounts}),
    ...(args.regions === undefined ? {} : {regions: args.regions}),
  });
  const served: Served = {...fleet, partitions: fleet.partitions.map((p) => ({accountId: p.accountId, region: p.region, ...p.credentials}))};
  // Handlers first: whoever reads the lines may signal at once.
  const signalled = new Promise<void>((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    process.once('SIGHUP', done);
  });
  let dir: string | undefined;
  if (usesProfiles(args)) {
    const out = profileLines(args, served, 'Ctrl-C stops it.');
    dir = out.dir;
    process.stdout.write(out.text);
  } else {
    process.stdout.write(exportLines(args, served, 'Ctrl-C stops it.'));
  }
  await Promise.race([fleet.stopped, signalled]);
  await fleet.close();
  if (dir !== undefined) removeProfileFiles(dir);
}

/** Starts the fleet as its own background process (its own session, no terminal), prints the exports, returns. */
async function detach(args: Args): Promise<void> {
  const fleetArgs = localFleetArgs({
    nodes: args.nodes, seed: args.seed, port: args.port,
    ...(args.accounts === undefined ? {} : {accounts: args.accounts}),
    ...(args.regions === undefined ? {} : {regions: args.regions}),
  });
  const child = spawn(process.execPath, [...fleetArgs, '--no-stdin-exit'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({input: child.stdout}).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the local fleet could not start (exit code ${String(code)}): ${stderr.trim()}`)));
    child.once('error', (e) => reject(new Error(`the local fleet could not start: ${e.message}`)));
  });
  const info = JSON.parse(line) as {endpoint: string; region: string; accessKeyId: string; secretAccessKey: string; sessionToken: string;
    partitions: LocalPartitionInfo[]};
  // Let it go: it outlives this command and writes nothing more.
  child.stdout.destroy();
  child.stderr.destroy();
  child.unref();
  const served: Served = {
    endpoint: info.endpoint,
    region: info.region,
    credentials: {accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey, sessionToken: info.sessionToken},
    partitions: info.partitions,
  };
  const hint = `Running in the background (pid ${String(child.pid)}); stop it with: eval "$(fleetdeck local-fleet --stop)"`;
  process.stdout.write(usesProfiles(args) ? profileLines(args, served, hint).text : exportLines(args, served, hint));
}

/** The fleet the profile files of AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE name, when they are ours. */
function fromProfileFiles(env: NodeJS.ProcessEnv): {endpoint: string; region: string; accessKeyId: string; secretAccessKey: string; sessionToken: string; dir: string} | undefined {
  const configFile = env['AWS_CONFIG_FILE'];
  const credentialsFile = env['AWS_SHARED_CREDENTIALS_FILE'];
  if (configFile === undefined || credentialsFile === undefined || env['AWS_ENDPOINT_URL'] !== undefined) return undefined;
  try {
    return {...readFirstProfile(configFile, credentialsFile), dir: path.dirname(configFile)};
  } catch {
    return undefined;
  }
}

/** Stops the detached fleet this shell's AWS_* variables point at (a signed call only that fleet accepts). */
async function stop(): Promise<void> {
  const env = process.env;
  const files = fromProfileFiles(env);
  const endpoint = files?.endpoint ?? env['AWS_ENDPOINT_URL'] ?? '';
  const accessKeyId = files?.accessKeyId ?? env['AWS_ACCESS_KEY_ID'] ?? '';
  const secretAccessKey = files?.secretAccessKey ?? env['AWS_SECRET_ACCESS_KEY'] ?? '';
  const sessionToken = files?.sessionToken ?? env['AWS_SESSION_TOKEN'] ?? '';
  const region = files?.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? '';
  if (!/^http:\/\/127\.0\.0\.1:\d+\/?$/.test(endpoint) || accessKeyId === '' || secretAccessKey === '' || sessionToken === '' || region === '') {
    throw new Error('no local fleet to stop: AWS_ENDPOINT_URL and the AWS_* credentials must be the ones `eval "$(fleetdeck local-fleet --detach)"` set in this shell');
  }
  try {
    await fleetControlClient({endpoint, region, credentials: {accessKeyId, secretAccessKey, sessionToken}}).shutdown();
  } catch (e) {
    throw new Error(`could not stop the local fleet at ${endpoint}: ${(e as Error).message}`);
  }
  if (files !== undefined) removeProfileFiles(files.dir);
  process.stdout.write(`# fleetdeck local fleet at ${endpoint} stopped.\nunset ${(files === undefined ? EXPORTED : EXPORTED_FILES).join(' ')}\n`);
}
