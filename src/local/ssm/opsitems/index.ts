// OpsCenter in the local fleet: the SSM operations and the per-fleet store.
export {opsItemOperations} from './operations.js';
export {opsItemStoreFor} from './store.js';
