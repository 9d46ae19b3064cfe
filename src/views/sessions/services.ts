// What the Session Manager history and preferences views call on the outside world, added to the dashboard's
// services from this folder (cli/resources.ts builds the port).
import type {SessionsApi} from '../../fleet/sessions/port.js';

declare module '../view.js' {
  interface Services {
    /** Session history, termination and preferences (fleet/sessions/port.ts). */
    sessions?: SessionsApi;
  }
}

export const RESOURCE_ID = 'sessions';

/** Read-only mode's refusals, in one place. */
export const SESSIONS_READ_ONLY = {
  terminate: 'read-only mode: terminating a session is off',
  preferences: 'read-only mode: changing the session preferences is off',
} as const;
