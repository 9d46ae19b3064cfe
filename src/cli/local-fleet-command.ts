// `fleetdeck local-fleet`: serve the local fleet on its own, for the AWS CLI and any SDK program.
import {startLocalFleet} from '../local/server.js';
import type {Args} from './flags.js';

export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export async function runLocalFleet(args: Args): Promise<void> {
  const fleet = await startLocalFleet({port: args.port, nodes: args.nodes, seed: args.seed});
  const c = fleet.credentials;
  // The user asked for these: they are how other clients reach this endpoint. They are printed, never logged.
  const lines = [
    `# fleetdeck local fleet: ${args.nodes} nodes (seed ${args.seed}) on ${fleet.endpoint}. Ctrl-C stops it.`,
    '# Local nodes run commands as the current user on this machine.',
    `export AWS_ACCESS_KEY_ID=${shellQuote(c.accessKeyId)}`,
    `export AWS_SECRET_ACCESS_KEY=${shellQuote(c.secretAccessKey)}`,
    `export AWS_SESSION_TOKEN=${shellQuote(c.sessionToken)}`,
    `export AWS_REGION=${shellQuote(fleet.region)}`,
    // AWS CLI v1 reads only AWS_DEFAULT_REGION.
    `export AWS_DEFAULT_REGION=${shellQuote(fleet.region)}`,
    `export AWS_ENDPOINT_URL=${shellQuote(fleet.endpoint)}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
  });
  await fleet.close();
}
