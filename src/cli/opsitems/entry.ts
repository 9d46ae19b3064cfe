// `fleetdeck opsitems`: its usage, flags and verbs (light: the command itself loads when it runs).
import type {ResourceCommand} from '../resources.js';

export const opsItemsCli: ResourceCommand = {
  name: 'opsitems',
  summary: 'OpsCenter: ls show resolve (no UI)',
  usage: `  OpsCenter (fleetdeck opsitems VERB)
    ls                      open OpsItems (Open, InProgress); --status Open|InProgress|Resolved|…, --all
    show ID                 one in full: description, operational data, related resources
    resolve ID…             set to Resolved (audited)`,
  flags: {all: {type: 'boolean'}, status: {type: 'string'}},
  verbs: {ls: undefined, show: undefined, resolve: 'read-only mode: changing OpsItems is off'},
  load: () => import('./command.js'),
};
