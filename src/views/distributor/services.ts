// What the Distributor views call on the outside world, added to the dashboard's services from this folder
// (cli/resources.ts builds the port). Installing goes through the Run Command form and its services.
import type {DistributorApi} from '../../fleet/distributor/port.js';

declare module '../view.js' {
  interface Services {
    /** Distributor packages (fleet/distributor/port.ts). */
    distributor?: DistributorApi;
  }
}

export const RESOURCE_ID = 'distributor';
