// `fleetdeck documents`: its usage, flags and verbs (light: the command itself loads when it runs).
import type {ResourceCommand} from '../resources.js';

export const documentsCli: ResourceCommand = {
  name: 'documents',
  summary: 'SSM documents: ls show diff (no UI)',
  usage: `  Documents (fleetdeck documents VERB)
    ls                      every document: --owner mine|amazon|shared, --filter 'type:command platform:linux'
    show NAME[:VERSION]     description, parameters, versions and content (default version unless named)
    diff NAME:V1 [V2]       line diff of two versions (V2: the default version, or NAME:V2, or another
                            document); exit 0 same, 1 different`,
  flags: {owner: {type: 'string'}},
  verbs: {ls: undefined, show: undefined, diff: undefined},
  load: () => import('./command.js'),
};
