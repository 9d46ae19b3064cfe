// The file logger. Only Ink writes to the screen; everything else goes here, as JSON lines, with secrets masked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {escapeJsonForTerminal} from './fleet/sanitize.js';
import {ensurePrivateDir, openPrivateAppend} from './config/private-files.js';

export function stateDir(): string {
  const base = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'fleetdeck');
}

// An activation code registers a server with the account: as secret as a credential.
const SECRET_KEY = /secret|token|password|credential|authorization|signature|activation_?code/i;

/** Mask anything that looks like a secret, at any depth, before it is written anywhere. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '***' : redact(v, depth + 1);
  return out;
}

type Level = 'debug' | 'info' | 'warn' | 'error';

let fd: number | undefined;
let failed = false;
let problem: string | undefined;

export function logPath(): string {
  return path.join(stateDir(), 'fleetdeck.log');
}

/** Why the log is not being written (e.g. it is a symbolic link), for a warning on screen or stderr. */
export function logProblem(): string | undefined {
  return problem;
}

function write(level: Level, msg: string, fields?: Record<string, unknown>): void {
  if (failed) return;
  try {
    if (fd === undefined) {
      ensurePrivateDir(stateDir());
      fd = openPrivateAppend(logPath());
    }
    const line = JSON.stringify({t: new Date().toISOString(), level, msg, ...(fields ? (redact(fields) as object) : {})});
    fs.writeSync(fd, escapeJsonForTerminal(line) + '\n'); // `tail -f` of the log must not reach the terminal raw
  } catch (e) {
    failed = true; // A broken log must never break the dashboard; the reason is shown once at start.
    problem = e instanceof Error ? e.message : String(e);
  }
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields),
};

export function errorFields(e: unknown): Record<string, unknown> {
  return e instanceof Error ? {error: e.name, message: e.message, stack: e.stack} : {error: String(e)};
}
