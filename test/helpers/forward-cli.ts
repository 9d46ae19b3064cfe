// `fleetdeck forward` as a child process of the built CLI: its first stdout line is the local address it listens on.
import {spawn, type ChildProcess} from 'node:child_process';
import {CLI_PATH} from './pty-harness.js';

export interface ForwardCli {
  readonly child: ChildProcess;
  /** The `host:port` line the forward prints once it listens; rejects if the CLI exits first. */
  readonly address: Promise<string>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  /** Everything written to stderr so far. */
  stderr: string;
}

/** Runs `fleetdeck forward --endpoint-url <endpoint> <args>` with `env`. */
export function startForward(endpoint: string, args: readonly string[], env: Record<string, string>): ForwardCli {
  const child = spawn(process.execPath, [CLI_PATH, 'forward', '--endpoint-url', endpoint, ...args], {env});
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const address = new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '');
    });
    child.on('exit', () => reject(new Error(`exited early: ${fwd.stderr}`)));
  });
  const fwd: ForwardCli = {child, address, exited, stderr: ''};
  child.stderr.on('data', (d: Buffer) => (fwd.stderr += d.toString()));
  return fwd;
}
