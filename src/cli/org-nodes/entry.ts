// `fleetdeck org-nodes`: its usage, flags and verbs (light: the command itself loads when it runs).
import type {ResourceCommand} from '../resources.js';

export const orgNodesCli: ResourceCommand = {
  name: 'org-nodes',
  summary: 'every node of the organisation: list (no UI)',
  usage: `  Organisation nodes (fleetdeck org-nodes VERB)
    list                    every managed node of every account and region a resource data sync reads
                            (ListNodes in the first context, the management account), with ACCOUNT and REGION;
                            --sync NAME (default: org.syncName in the config, else AWS-QuickSetup-ManagedNode)`,
  flags: {sync: {type: 'string'}},
  verbs: {list: undefined},
  // One call set through the management account: the sync already spans every account and region.
  spansContexts: ['list'],
  load: () => import('./command.js'),
};
