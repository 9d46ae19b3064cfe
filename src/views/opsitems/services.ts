// What the OpsCenter views call on the outside world, added to the dashboard's services from this folder
// (cli/resources.ts builds the port).
import type {OpsItemsPort} from '../../fleet/opsitems/port.js';

declare module '../view.js' {
  interface Services {
    /** OpsCenter (fleet/opsitems/port.ts). */
    opsItems?: OpsItemsPort;
  }
}

export const RESOURCE_ID = 'opsitems';

/** Read-only mode's refusal, in one sentence. */
export const OPSITEMS_READ_ONLY = 'read-only mode: changing OpsItems is off';
