// `fleetdeck windows`: its usage, flags and verbs (light: the command itself loads when it runs).
import type {ResourceCommand} from '../resources.js';

export const windowsCli: ResourceCommand = {
  name: 'windows',
  summary: 'Maintenance windows: ls show executions (no UI)',
  usage: `  Maintenance windows (fleetdeck windows VERB)
    ls                      windows: enabled, schedule and time zone, duration and cutoff, next run
    show ID                 one window: settings, the next 3 runs, targets and tasks
    executions ID           its runs; --execution RUN-ID: each task and its per-instance invocations
                            (exit 1 when one failed or timed out)`,
  flags: {execution: {type: 'string'}},
  verbs: {ls: undefined, show: undefined, executions: undefined},
  load: () => import('./command.js'),
};
