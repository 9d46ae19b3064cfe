// Session ends the service decides on its own clock, checked once a second: the idle timeout (no input from the
// client: output alone does not keep a session open), the maximum session duration, and History that keeps
// sessions for 30 days. The idle text is what the session-manager-plugin prints after it (aws/amazon-ssm-agent
// issue 261); the maximum-duration text is UNVERIFIED.

import {SESSION_HISTORY_DAYS} from '../../../fleet/sessions/session.js';
import type {AgentSession} from './session-agent.js';

export const SWEEP_INTERVAL_MS = 1_000;
export const IDLE_TIMEOUT_OUTPUT = 'Your session timed out due to inactivity and has been terminated.';
export const MAX_DURATION_OUTPUT = 'Your session has reached the maximum session duration and has been terminated.';
const HISTORY_MS = SESSION_HISTORY_DAYS * 24 * 60 * 60_000;

export interface SweptService {
  now(): number;
  all(): AgentSession[];
  forget(sessionId: string): void;
}

export function sweepSessions(service: SweptService): void {
  const now = service.now();
  for (const s of service.all()) {
    if (!s.active) {
      if (s.endDate !== undefined && now - s.endDate > HISTORY_MS) service.forget(s.sessionId);
      continue;
    }
    const policy = s.policy;
    if (policy === undefined) continue;
    if (policy.maxDurationMs !== undefined && now - s.startDate >= policy.maxDurationMs) {
      s.terminate('maximum session duration', MAX_DURATION_OUTPUT);
    } else if (s.connected && now - s.lastInputAt >= policy.idleMs) {
      s.terminate('idle session timeout', IDLE_TIMEOUT_OUTPUT);
    }
  }
}

/** channel_closed's Output when TerminateSession ends a session: who ended it (the wording is the local fleet's). */
export function terminatedOutput(callerArn: string): string {
  return `The session was terminated by ${callerArn}.`;
}
