// What a session started now is held to, from the preferences in force (preferences.ts): the idle timeout, the
// maximum duration, the user the agent would run the shell as, and the shell profile it types first. Local shells
// still run as the current user of this machine: the run-as user is recorded, not switched to.

import {idleMinutes, maxDurationMinutes, shellUser} from '../../../fleet/sessions/preferences.js';
import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import {sessionPreferencesFor} from './preferences.js';

const MINUTE_MS = 60_000;

export interface SessionPolicy {
  /** No input from the client for this long ends the session. */
  idleMs: number;
  /** The session ends this long after it started (undefined: no limit). */
  maxDurationMs: number | undefined;
  /** MaxSessionDuration as DescribeSessions reports it ("" when none). */
  maxSessionDuration: string;
  /** Who the agent would run the shell as (ssm-user, or the run-as default user). */
  runAsUser: string;
  /** Typed into the shell, followed by a newline, once it starts (empty: nothing). */
  shellProfile: string;
}

export function sessionPolicyFor(model: FleetModel, node: FleetNode): SessionPolicy {
  const prefs = sessionPreferencesFor(model);
  const max = maxDurationMinutes(prefs);
  return {
    idleMs: idleMinutes(prefs) * MINUTE_MS,
    maxDurationMs: max === undefined ? undefined : max * MINUTE_MS,
    maxSessionDuration: max === undefined ? '' : String(max),
    runAsUser: shellUser(prefs),
    shellProfile: node.platformType === 'Windows' ? prefs.shellProfile.windows : prefs.shellProfile.linux,
  };
}
