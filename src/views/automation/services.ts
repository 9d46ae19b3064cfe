// What the Automation views call on the outside world, added to the dashboard's services from this folder
// (cli/resources.ts builds the port).
import type {AutomationApi} from '../../fleet/automation/port.js';

declare module '../view.js' {
  interface Services {
    /** Automation executions and runbooks (fleet/automation/port.ts). */
    automation?: AutomationApi;
  }
}

export const RESOURCE_ID = 'automation';
