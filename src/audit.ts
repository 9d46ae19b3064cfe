// The audit log: every mutating action (SendCommand, CancelCommand, sessions, forwards) as one JSON line in
// $XDG_STATE_HOME/fleetdeck/audit.jsonl. Parameters whose names suggest secrets are masked; so are {{ssm-secure:…}}
// references' resolved values (we never see those) — only the reference text is kept.
import {createHmac, randomBytes} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {escapeJsonForTerminal} from './fleet/sanitize.js';
import {logPath, redact, stateDir} from './log.js';
import {appendPrivateLine, ensurePrivateDir, openPrivateAppend, permissionWarnings, writePrivateFileNoFollow} from './config/private-files.js';

export interface AuditEvent {
  /** The SSM operation (SendCommand, PutParameter, StartAssociationsOnce…) or a fleetdeck event (CommandFinished). */
  action: string;
  /** Where: "local" or account/region/profile. */
  identity: string;
  [field: string]: unknown;
}

const SECRET_PARAM = /pass|secret|token|credential|key/i;

/** Parameter values as given, with secret-looking parameters masked. */
export function redactParameters(params: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, SECRET_PARAM.test(k) ? ['***'] : v]));
}

/**
 * What the audit log keeps of a written value (a parameter, a document): a keyed digest. Two writes of the same value
 * match, a value you hold can be checked against it (with this machine's key), and a short secret cannot be guessed
 * from a copy of the log alone, as it could from a plain hash. The key is 32 random bytes, hex, in audit.key (0600).
 */
export function auditDigest(value: string): string {
  return `hmac-sha256:${createHmac('sha256', auditKey()).update(value, 'utf8').digest('hex')}`;
}

function auditKey(): string {
  const file = path.join(stateDir(), 'audit.key');
  try {
    const key = fs.readFileSync(file, 'utf8');
    if (/^[0-9a-f]{64}$/.test(key) && !fs.lstatSync(file).isSymbolicLink()) return key;
  } catch {
    // No key yet: made below.
  }
  ensurePrivateDir(stateDir());
  const key = randomBytes(32).toString('hex');
  writePrivateFileNoFollow(file, key);
  return key;
}

export function auditPath(): string {
  return path.join(stateDir(), 'audit.jsonl');
}

/** Append one event; an audit failure is reported to the caller (an unaudited action must not pass silently). */
export function appendAudit(event: AuditEvent): void {
  ensurePrivateDir(stateDir());
  const line = escapeJsonForTerminal(JSON.stringify({time: new Date().toISOString(), ...(redact(event) as object)}));
  appendPrivateLine(auditPath(), line + '\n');
}

/**
 * Checked before anything starts. The audit log must be writable where it should be (nothing mutating may run
 * unaudited): a state directory every user can write, or a symlinked audit.jsonl, throws UnsafeFileError naming the
 * file. Weaker problems (group-writable files, a symlinked log that is therefore not written) come back as warnings.
 */
export function checkPrivateFiles(configFile: string): string[] {
  ensurePrivateDir(stateDir());
  fs.closeSync(openPrivateAppend(auditPath()));
  const warnings = permissionWarnings([stateDir(), auditPath(), logPath(), path.dirname(configFile), configFile]);
  if (fs.lstatSync(logPath(), {throwIfNoEntry: false})?.isSymbolicLink()) {
    warnings.push(`${logPath()} is a symbolic link; fleetdeck does not follow it, so nothing is logged (remove the link)`);
  }
  return warnings;
}

export function readAudit(limit = 1_000): Record<string, unknown>[] {
  let text: string;
  try {
    text = fs.readFileSync(auditPath(), 'utf8');
  } catch {
    return [];
  }
  return text.trim().split('\n').filter(Boolean).slice(-limit).flatMap((l) => {
    try {
      return [JSON.parse(l) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}
