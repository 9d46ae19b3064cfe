// `fleetdeck local-fleet`: serve the local fleet on its own, for the AWS CLI and any SDK program. In the foreground
// (Ctrl-C stops it), or with --detach in the background — the exports are printed and the command returns, so
// `eval "$(fleetdeck local-fleet --detach)"` works — until `eval "$(fleetdeck local-fleet --stop)"`.
import {spawn} from 'node:child_process';
import readline from 'node:readline';
import {fleetControlClient} from '../local/control-client.js';
import {startLocalFleet} from '../local/server.js';
import type {FleetCredentials} from '../local/protocol/sigv4.js';
import type {Args} from './flags.js';
import {LOCAL_FLEET_ENTRY} from './local-child.js';

export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const EXPORTED = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL'];

interface Served {
  endpoint: string;
  region: string;
  credentials: FleetCredentials;
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
  const fleet = await startLocalFleet({port: args.port, nodes: args.nodes, seed: args.seed});
  process.stdout.write(exportLines(args, fleet, 'Ctrl-C stops it.'));
  await Promise.race([
    fleet.stopped,
    new Promise<void>((resolve) => {
      const done = () => resolve();
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
      process.once('SIGHUP', done);
    }),
  ]);
  await fleet.close();
}

/** Starts the fleet as its own background process (its own session, no terminal), prints the exports, returns. */
async function detach(args: Args): Promise<void> {
  const child = spawn(process.execPath, [LOCAL_FLEET_ENTRY, '--nodes', String(args.nodes), '--seed', args.seed, '--port', String(args.port), '--no-stdin-exit'], {
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
  const info = JSON.parse(line) as {endpoint: string; region: string; accessKeyId: string; secretAccessKey: string; sessionToken: string};
  // Let it go: it outlives this command and writes nothing more.
  child.stdout.destroy();
  child.stderr.destroy();
  child.unref();
  process.stdout.write(exportLines(args, {
    endpoint: info.endpoint,
    region: info.region,
    credentials: {accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey, sessionToken: info.sessionToken},
  }, `Running in the background (pid ${String(child.pid)}); stop it with: eval "$(fleetdeck local-fleet --stop)"`));
}

/** Stops the detached fleet this shell's AWS_* variables point at (a signed call only that fleet accepts). */
async function stop(): Promise<void> {
  const env = process.env;
  const endpoint = env['AWS_ENDPOINT_URL'] ?? '';
  const accessKeyId = env['AWS_ACCESS_KEY_ID'] ?? '';
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'] ?? '';
  const sessionToken = env['AWS_SESSION_TOKEN'] ?? '';
  const region = env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? '';
  if (!/^http:\/\/127\.0\.0\.1:\d+\/?$/.test(endpoint) || accessKeyId === '' || secretAccessKey === '' || sessionToken === '' || region === '') {
    throw new Error('no local fleet to stop: AWS_ENDPOINT_URL and the AWS_* credentials must be the ones `eval "$(fleetdeck local-fleet --detach)"` set in this shell');
  }
  try {
    await fleetControlClient({endpoint, region, credentials: {accessKeyId, secretAccessKey, sessionToken}}).shutdown();
  } catch (e) {
    throw new Error(`could not stop the local fleet at ${endpoint}: ${(e as Error).message}`);
  }
  process.stdout.write(`# fleetdeck local fleet at ${endpoint} stopped.\nunset ${EXPORTED.join(' ')}\n`);
}
