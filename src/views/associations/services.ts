// What the State Manager views call on the outside world, added to the dashboard's services from this folder
// (cli/resources.ts builds the port).
import type {AssociationsApi} from '../../fleet/associations/port.js';

declare module '../view.js' {
  interface Services {
    /** State Manager associations (fleet/associations/port.ts). */
    associations?: AssociationsApi;
  }
}

export const RESOURCE_ID = 'associations';
