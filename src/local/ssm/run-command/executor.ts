// Runs a local node's Run Command script as a real process.
//
// BE AWARE: local nodes are not sandboxes. A script sent to the local fleet runs on THIS machine, as the CURRENT
// USER, with that user's permissions, exactly like typing it into a shell. Each node only gets its own working
// directory (under os.tmpdir()/fleetdeck-local-<pid>-…/<node-id>) and its own environment.
//
// Each script runs as `bash -c <script>` in a new session and process group (spawn's `detached`, i.e. setsid), so
// an execution timeout, a CancelCommand or the endpoint's close() can kill the script AND everything it started
// (`kill(-pgid, SIGKILL)`). The environment is minimal on purpose (PATH, HOME, USER, LANG, SHELL, TMPDIR plus the
// node's identity), so secrets in the endpoint's own environment (AWS credentials…) never reach scripts.
// Output is captured up to a cap per stream (what the API can ever return), decoded as UTF-8.

import {spawn, type ChildProcess} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import path from 'node:path';
import {StringDecoder} from 'node:string_decoder';

export interface ScriptRequest {
  /** The interpreter and its arguments before the script, e.g. ['bash', '-c']. */
  readonly argv: readonly [string, ...string[]];
  readonly script: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Kill the process group after this many ms (the document's executionTimeout). */
  readonly timeoutMs: number;
  /** Characters kept per stream. */
  readonly maxStdout: number;
  readonly maxStderr: number;
  /** Called once the process has started (the agent's acknowledgement). */
  readonly onStart?: () => void;
}

export type ScriptEnd = 'exited' | 'timed-out' | 'killed' | 'spawn-error';

export interface ScriptResult {
  readonly end: ScriptEnd;
  /** Exit status; 128 + signal number when killed by a signal; -1 when it never ran. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly startedAt: number;
  readonly endedAt: number;
}

export interface RunningScript {
  readonly done: Promise<ScriptResult>;
  /** Kill the whole process group (CancelCommand, close). Idempotent. */
  kill(): void;
}

/**
 * The script's group carries a guard: a background `read` on fd 3, a pipe whose other end only the local fleet holds.
 * The fleet dying in any way (even SIGKILL) closes that end, the read returns, and the guard kills the whole group,
 * so no script outlives the endpoint that ran it. The script itself runs with fd 3 closed.
 */
const GUARD = '( read -r _ <&3; kill -9 0 ) </dev/null >/dev/null 2>&1 & exec 3<&- "$@"';

/** How long pipes may stay open after the script's process group is gone. */
const PIPE_GRACE_MS = 500;
const SIGNALS: Readonly<Record<string, number>> = {SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15};

class Capture {
  private readonly decoder = new StringDecoder('utf8');
  text = '';
  constructor(private readonly max: number) {}
  push(chunk: Buffer): void {
    if (this.text.length >= this.max) return;
    this.text += this.decoder.write(chunk);
    if (this.text.length > this.max) this.text = this.text.slice(0, this.max);
  }
  finish(): string {
    if (this.text.length < this.max) this.text = (this.text + this.decoder.end()).slice(0, this.max);
    return this.text;
  }
}

/** Whether `cmd` names an executable, directly or through PATH. */
function onPath(cmd: string, pathVar: string): boolean {
  const candidates = cmd.includes('/') ? [cmd] : pathVar.split(':').filter(Boolean).map((dir) => path.join(dir, cmd));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Starts a script; the process is tracked in `registry` until it ends so close() can kill it. */
export function runScript(req: ScriptRequest, registry: Set<RunningScript>): RunningScript {
  const [cmd, ...args] = req.argv;
  const startedAt = Date.now();
  let reason: ScriptEnd = 'exited';
  // A missing interpreter is spawned as is, so it fails to start as it always has (no guard needed: nothing runs).
  const argv = onPath(cmd, req.env['PATH'] ?? '') ? ['/bin/sh', '-c', GUARD, 'fleetdeck-guard', cmd, ...args] : [cmd, ...args];
  const child = spawn(argv[0] ?? cmd, [...argv.slice(1), req.script], {
    cwd: req.cwd, env: {...req.env}, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const out = new Capture(req.maxStdout);
  const err = new Capture(req.maxStderr);
  child.stdout?.on('data', (c: Buffer) => out.push(c));
  child.stderr?.on('data', (c: Buffer) => err.push(c));
  // Nothing comes through the guard's pipe; reading it lets it close (and 'close' fire) when the guard is gone.
  child.stdio[3]?.on('data', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  let exited = false;
  const handle: RunningScript = {
    done: new Promise<ScriptResult>((resolve) => {
      let settled = false;
      const settle = (end: ScriptEnd, exitCode: number): void => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        registry.delete(handle);
        resolve({end, exitCode, stdout: out.finish(), stderr: err.finish(), startedAt, endedAt: Date.now()});
      };
      child.once('spawn', () => {
        timer = setTimeout(() => {
          reason = 'timed-out';
          killGroup(child);
        }, req.timeoutMs);
        req.onStart?.();
      });
      child.once('error', (e) => {
        err.push(Buffer.from(`${e.message}\n`));
        settle('spawn-error', -1);
      });
      // When bash exits, whatever it left running in its group (`sleep 100 &`) is killed too, so the pipes
      // close and the invocation ends with the script (the local fleet's choice; a real agent may leave them).
      // A process that left the group (setsid, daemons) could hold the pipes open forever: after a grace period
      // the pipes are dropped and the script counts as ended anyway.
      let exitCode = -1;
      child.once('exit', (code, signal) => {
        exited = true;
        if (timer !== undefined) clearTimeout(timer);
        exitCode = code ?? 128 + (signal === null ? 0 : (SIGNALS[signal] ?? 0));
        killGroup(child);
        const grace = setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          child.stdio[3]?.destroy();
          settle(reason, exitCode);
        }, PIPE_GRACE_MS);
        grace.unref();
      });
      child.once('close', () => settle(reason, exitCode));
    }),
    kill() {
      if (exited) return; // it ended on its own: that result stands
      if (reason === 'exited') reason = 'killed';
      killGroup(child);
    },
  };
  registry.add(handle);
  return handle;
}
