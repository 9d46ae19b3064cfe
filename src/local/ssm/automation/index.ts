// Automation in the local fleet: the SSM operations and the per-fleet store.
export {automationOperations} from './operations.js';
export {automationStore, closeAutomation} from './store.js';
