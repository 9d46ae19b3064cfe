// `fleetdeck patch`: its usage, flags and verbs (light: the command itself loads when it runs).
import {READ_ONLY_REFUSALS} from '../../fleet/read-only.js';
import type {ResourceCommand} from '../resources.js';

export const patchCli: ResourceCommand = {
  name: 'patch',
  summary: 'AWS-RunPatchBaseline: scan install (no UI)',
  usage: `  Patching (fleetdeck patch VERB --targets …)
    scan                    AWS-RunPatchBaseline Operation=Scan: report missing patches, install nothing
    install                 AWS-RunPatchBaseline Operation=Install: install what the baseline approves
    --reboot OPTION         RebootIfNeeded (install's default) or NoReboot
    A Run Command run like \`fleetdeck run\`: --targets, --max-concurrency, --max-errors, --timeout, --comment
    and --output text|json; the same exit codes; refused in read-only mode`,
  flags: {reboot: {type: 'string'}},
  verbs: {scan: READ_ONLY_REFUSALS.run, install: READ_ONLY_REFUSALS.run},
  spansContexts: ['scan', 'install'],
  load: () => import('./command.js'),
};
