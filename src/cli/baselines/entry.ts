// `fleetdeck baselines`: its usage, flags and verbs (light: the command itself loads when it runs).
import type {ResourceCommand} from '../resources.js';

export const baselinesCli: ResourceCommand = {
  name: 'baselines',
  summary: 'Patch baselines: ls show (no UI)',
  usage: `  Patch baselines (fleetdeck baselines VERB)
    ls                      every baseline: operating system, default (*), approval rules, approved and
                            rejected counts, patch groups; --filter 'os:windows' or a name
    show NAME|ID            rules, exceptions, patch groups, and the instances that use it with their
                            patch state counts (installed, missing, failed, pending reboot)`,
  verbs: {ls: undefined, show: undefined},
  load: () => import('./command.js'),
};
