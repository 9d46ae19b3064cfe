// The audit log: every mutating action (SendCommand, CancelCommand, sessions, forwards) as one JSON line in
// $XDG_STATE_HOME/fleetdeck/audit.jsonl. Parameters whose names suggest secrets are masked; so are {{ssm-secure:…}}
// references' resolved values (we never see those) — only the reference text is kept.
import fs from 'node:fs';
import path from 'node:path';
import {redact, stateDir} from './log.js';

export interface AuditEvent {
  action: 'SendCommand' | 'CommandFinished' | 'CancelCommand' | 'StartSession' | 'TerminateSession' | 'StartPortForward'
    | 'StopPortForward';
  /** Where: "local" or account/region/profile. */
  identity: string;
  [field: string]: unknown;
}

const SECRET_PARAM = /pass|secret|token|credential|key/i;

/** Parameter values as given, with secret-looking parameters masked. */
export function redactParameters(params: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, SECRET_PARAM.test(k) ? ['***'] : v]));
}

export function auditPath(): string {
  return path.join(stateDir(), 'audit.jsonl');
}

/** Append one event; an audit failure is reported to the caller (an unaudited action must not pass silently). */
export function appendAudit(event: AuditEvent): void {
  fs.mkdirSync(stateDir(), {recursive: true, mode: 0o700});
  const line = JSON.stringify({time: new Date().toISOString(), ...(redact(event) as object)});
  fs.appendFileSync(auditPath(), line + '\n', {mode: 0o600});
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
