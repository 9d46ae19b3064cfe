// `fleetdeck activations`: its usage, flags and verbs (light: the command itself loads when it runs).
import type {ResourceCommand} from '../resources.js';

export const activationsCli: ResourceCommand = {
  name: 'activations',
  summary: 'hybrid activations: ls create delete (no UI)',
  usage: `  Hybrid activations (fleetdeck activations VERB)
    ls                      activations: registrations used of the limit, expiry (expired shown)
    create --iam-role ROLE  prints the code once and the register commands for Linux and Windows;
                            --registration-limit N (1–1000), --expires-in HOURS (up to 720),
                            --default-instance-name NAME, --description TEXT
    delete ID…              delete activations (registered nodes stay registered)`,
  flags: {iamRole: {type: 'string'}, registrationLimit: {type: 'string'}, expiresIn: {type: 'string'},
    defaultInstanceName: {type: 'string'}, description: {type: 'string'}},
  verbs: {ls: undefined, create: 'read-only mode: creating activations is off', delete: 'read-only mode: deleting activations is off'},
  load: () => import('./command.js'),
};
