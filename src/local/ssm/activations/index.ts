// Hybrid activations in the local fleet: the SSM operations and the registration the control target exposes.
export {activationOperations} from './operations.js';
export {registerManagedInstance, type RegistrationRequest} from './registration.js';
export {activationStoreFor} from './store.js';
