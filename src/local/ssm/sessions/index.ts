// Session Manager history and preferences in the local fleet: the preferences document, what a session is held to,
// and the service's own ends (idle, maximum duration, 30-day history).
export {sessionPreferencesFor} from './preferences.js';
export {checkSessionDocument} from './session-document.js';
export {sessionPolicyFor, type SessionPolicy} from './policy.js';
export {IDLE_TIMEOUT_OUTPUT, MAX_DURATION_OUTPUT, SWEEP_INTERVAL_MS, sweepSessions, terminatedOutput} from './lifecycle.js';
