// What the hybrid activations views call on the outside world, added to the dashboard's services from this folder
// (cli/resources.ts builds the port).
import type {ActivationsPort} from '../../fleet/activations/port.js';

declare module '../view.js' {
  interface Services {
    /** Hybrid activations (fleet/activations/port.ts). */
    activations?: ActivationsPort;
    /** The region nodes register in (the register lines name it). */
    activationsRegion?: string;
  }
}

export const RESOURCE_ID = 'activations';

/** Read-only mode's refusals, in one place. */
export const ACTIVATION_READ_ONLY = {
  create: 'read-only mode: creating an activation is off',
  delete: 'read-only mode: deleting an activation is off',
  deregister: 'read-only mode: deregistering a node is off',
} as const;
