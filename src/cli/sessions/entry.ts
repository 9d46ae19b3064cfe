// `fleetdeck sessions`: its usage, flags and verbs (light: the command itself loads when it runs).
import type {ResourceCommand} from '../resources.js';

export const sessionsCli: ResourceCommand = {
  name: 'sessions',
  summary: 'Session Manager: ls terminate (no UI)',
  usage: `  Sessions (fleetdeck sessions VERB)
    ls                      who is connected to what now; --history: ended sessions (30 days);
                            --filter 'Target=i-… Owner=arn:… Status=Connected InvokedAfter=2026-01-01T00:00:00Z'
    terminate SESSION-ID…   end sessions, someone else's too (audited)`,
  flags: {history: {type: 'boolean'}},
  verbs: {ls: undefined, terminate: 'read-only mode: terminating sessions is off'},
  load: () => import('./command.js'),
};
