// What the Patch Manager views call on the outside world, added to the dashboard's services from this folder
// (cli/resources.ts builds the port).
import type {BaselinesApi} from '../../fleet/baselines/port.js';

declare module '../view.js' {
  interface Services {
    /** Patch baselines and patch groups (fleet/baselines/port.ts). */
    baselines?: BaselinesApi;
  }
}

export const RESOURCE_ID = 'baselines';
