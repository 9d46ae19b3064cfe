// Runs the local fleet endpoint as its own process:
//   node dist/local/main.js [--port N] [--nodes N] [--seed S] [--region R] [--accounts N] [--regions a,b] [--no-stdin-exit]
// Prints ONE JSON line to stdout once listening:
//   {"endpoint":…,"region":…,"accessKeyId":…,"secretAccessKey":…,"sessionToken":…,
//    "partitions":[{"accountId":…,"region":…,"accessKeyId":…,"secretAccessKey":…,"sessionToken":…},…]}
// (the top-level fields are the first partition's; one partition per account and region).
// then serves until SIGINT/SIGTERM, until its stdin closes (so it dies with the parent that spawned
// it with a pipe), or until a signed FleetdeckLocal.Shutdown. Argument errors go to stderr with exit code 2; a start failure (port in use) exit 1.

import {realpathSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {startLocalFleet, type LocalFleetOptions} from './server.js';

export interface MainArgs extends LocalFleetOptions {
  /** Exit when stdin ends (default true). */
  exitOnStdinEnd: boolean;
}

export const USAGE = 'usage: main.js [--port N] [--nodes N] [--seed S] [--region R] [--accounts N] [--regions a,b] [--no-stdin-exit]';

function integer(flag: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new Error(`${flag} expects an integer, got '${raw}'`);
  const n = Number(raw);
  if (n < min || n > max) throw new Error(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** Parses the command line; throws an Error with a message for the user on bad arguments. */
export function parseMainArgs(argv: readonly string[]): MainArgs {
  const args: MainArgs = {exitOnStdinEnd: true};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--no-stdin-exit') {
      args.exitOnStdinEnd = false;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!['--port', '--nodes', '--seed', '--region', '--accounts', '--regions'].includes(flag)) throw new Error(`unknown argument '${arg}'`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new Error(`${flag} needs a value`);
    if (flag === '--port') args.port = integer(flag, value, 0, 65535);
    else if (flag === '--nodes') args.nodes = integer(flag, value, 0, 1_000_000);
    else if (flag === '--seed') args.seed = value;
    else if (flag === '--accounts') args.accounts = integer(flag, value, 1, 20);
    else if (flag === '--regions') args.regions = value.split(',').map((r) => r.trim());
    else args.region = value;
  }
  return args;
}

export async function main(argv: readonly string[]): Promise<void> {
  let args: MainArgs;
  try {
    args = parseMainArgs(argv);
  } catch (err) {
    process.stderr.write(`local fleet: ${(err as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  let fleet;
  try {
    fleet = await startLocalFleet(args);
  } catch (err) {
    process.stderr.write(`local fleet: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  // However it closes (a signal, stdin, FleetdeckLocal.Shutdown from `fleetdeck local-fleet --stop`), the process ends.
  void fleet.stopped.then(() => process.exit(0));
  const stop = (): void => {
    void fleet.close();
  };
  // Handlers first: a parent may signal as soon as it reads the line.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (args.exitOnStdinEnd) {
    process.stdin.once('end', stop);
    process.stdin.once('close', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
  const {endpoint, region, credentials} = fleet;
  const partitions = fleet.partitions.map((p) => ({accountId: p.accountId, region: p.region, ...p.credentials}));
  process.stdout.write(`${JSON.stringify({endpoint, region, ...credentials, partitions})}\n`);
}

/** True when this module is the process entry (also through a symlink, or as a bundle's entry chunk). */
function isProcessEntry(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isProcessEntry()) void main(process.argv.slice(2));
