// `fleetdeck packages`: its usage, flags and verbs (light: the command itself loads when it runs).
import type {ResourceCommand} from '../resources.js';
import {READ_ONLY_REFUSALS} from '../../fleet/read-only.js';

export const packagesCli: ResourceCommand = {
  name: 'packages',
  summary: 'Distributor: ls install uninstall (no UI)',
  usage: `  Distributor (fleetdeck packages VERB)
    ls [NAME]               packages (Amazon's and yours) with their default version; with NAME its versions
    install NAME            AWS-ConfigureAWSPackage Install on --targets (as fleetdeck run: --max-concurrency,
                            --max-errors, the same exit codes); --package-version V (default: the default
                            version), --installation-type "Uninstall and reinstall"|"In-place update"
    uninstall NAME          the same with Uninstall`,
  flags: {packageVersion: {type: 'string'}, installationType: {type: 'string'}},
  verbs: {ls: undefined, install: READ_ONLY_REFUSALS.run, uninstall: READ_ONLY_REFUSALS.run},
  spansContexts: ['install', 'uninstall'],
  load: () => import('./command.js'),
};
