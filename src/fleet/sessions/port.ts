// What the app needs from Session Manager beyond opening shells (implemented by aws/session-history/): who is
// connected and who was, ending someone's session, and the account's preferences.
import type {SessionPreferences} from './preferences.js';
import type {SessionFilter, SessionRow, SessionState} from './session.js';
import {ResourceError, type ErrorKinds} from '../resource-error.js';

export interface SessionsApi {
  /** Every matching session of `state` (all pages), newest first. */
  list(state: SessionState, filters?: readonly SessionFilter[], signal?: AbortSignal): Promise<SessionRow[]>;
  terminate(sessionId: string, signal?: AbortSignal): Promise<void>;
  /** The preferences in force (their defaults when the account never saved any). */
  getPreferences(signal?: AbortSignal): Promise<SessionPreferences>;
  /** Saves preferences after validating them (a PreferenceProblem list refuses them with kind 'invalid'). */
  updatePreferences(preferences: SessionPreferences, signal?: AbortSignal): Promise<void>;
}

/** not-found: no such (active) session; invalid: the input was refused. The message is sanitized. */
export type SessionsErrorKind = ErrorKinds<'not-found' | 'invalid'>;

export class SessionsError extends ResourceError<SessionsErrorKind> {
  override name = 'SessionsError';
}
