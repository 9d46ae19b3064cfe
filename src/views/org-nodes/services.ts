// What the organisation view calls on the outside world, added to the dashboard's services from this folder
// (cli/resources.ts builds the port for every context; the view calls the management context's).
import type {OrgNodesApi} from '../../fleet/org-nodes/org-node.js';
import type {OrgSettings} from '../../fleet/contexts/context-config.js';

declare module '../view.js' {
  interface Services {
    /** ListNodes and ListNodesSummary over a resource data sync, in this context's account and region. */
    orgNodes?: OrgNodesApi;
    /** The config's `org` settings (the sync, the role to assume, the management context). */
    org?: Partial<OrgSettings>;
  }
}
