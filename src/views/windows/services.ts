// What the Maintenance Windows views call on the outside world, added to the dashboard's services from this folder
// (cli/resources.ts builds the port).
import type {WindowsApi} from '../../fleet/windows/port.js';

declare module '../view.js' {
  interface Services {
    /** Maintenance windows (fleet/windows/port.ts). */
    windows?: WindowsApi;
  }
}

export const RESOURCE_ID = 'windows';
