// `--local`: the local fleet runs in a child process (so its work never stalls the UI) and dies with us:
// it exits when its stdin closes, and we also kill it on every exit path.
import {spawn, type ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import readline from 'node:readline';
import type {StaticCredentials} from '../aws/clients.js';

/** One account in one region of the local fleet: where a context of the dashboard connects. */
export interface LocalPartitionInfo {
  accountId: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface LocalChild {
  endpoint: string;
  /** The first partition's region and credentials. */
  region: string;
  credentials: StaticCredentials;
  /** Every account × region the fleet serves, the first account's regions first (one when neither list is given). */
  partitions: LocalPartitionInfo[];
  stop(): void;
  /** Called once if the local fleet exits on its own (crashed, killed) rather than through stop(). */
  onUnexpectedExit(listener: (why: string) => void): void;
}

/** The local fleet's entry, bundled next to the CLI (scripts/bundle.mjs puts every chunk in dist/bin/). */
export const LOCAL_FLEET_ENTRY = fileURLToPath(new URL('./local-fleet.mjs', import.meta.url));

/** The local fleet's command line for these options (nodes are per account and region). */
export function localFleetArgs(opts: {nodes: number; seed: string; port?: number; accounts?: number; regions?: readonly string[]}): string[] {
  return [
    LOCAL_FLEET_ENTRY, '--nodes', String(opts.nodes), '--seed', opts.seed, '--port', String(opts.port ?? 0),
    ...(opts.accounts === undefined ? [] : ['--accounts', String(opts.accounts)]),
    ...(opts.regions === undefined ? [] : ['--regions', opts.regions.join(',')]),
  ];
}

export function startLocalChild(opts: {nodes: number; seed: string; port?: number; accounts?: number; regions?: readonly string[]}): Promise<LocalChild> {
  const args = localFleetArgs(opts);
  // Its own process group: Ctrl+C in the terminal reaches only us, so a run can still cancel its commands on it.
  const child: ChildProcess = spawn(process.execPath, args, {stdio: ['pipe', 'pipe', 'pipe'], detached: true});
  let stopping = false;
  const stop = () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  const exitListeners: ((why: string) => void)[] = [];
  child.once('exit', (code, signal) => {
    if (stopping) return;
    const why = signal !== null ? `killed by ${signal}` : `exited with code ${String(code)}`;
    for (const listener of exitListeners) listener(why);
  });
  process.once('exit', stop);
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const lines = readline.createInterface({input: child.stdout!});
    lines.once('line', (line) => {
      try {
        const info = JSON.parse(line) as {endpoint: string; region: string; accessKeyId: string;
          secretAccessKey: string; sessionToken: string; partitions?: LocalPartitionInfo[]};
        const credentials = {accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey, sessionToken: info.sessionToken};
        resolve({
          endpoint: info.endpoint,
          region: info.region,
          credentials,
          partitions: info.partitions ?? [{accountId: '', region: info.region, ...credentials}],
          stop,
          onUnexpectedExit: (listener) => {
            if (child.exitCode !== null || child.signalCode !== null) {
              if (!stopping) listener(child.signalCode !== null ? `killed by ${child.signalCode}` : `exited with code ${String(child.exitCode)}`);
              return;
            }
            exitListeners.push(listener);
          },
        });
      } catch {
        stop();
        reject(new Error(`the local fleet did not start: unexpected output ${JSON.stringify(line.slice(0, 200))}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`the local fleet exited (code ${code}) before it was ready: ${stderr.trim()}`)));
    child.once('error', (e) => reject(new Error(`the local fleet could not start: ${e.message}`)));
  });
}
