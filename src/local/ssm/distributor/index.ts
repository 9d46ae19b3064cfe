// Distributor in the local fleet: Amazon's Package documents, AWS-ConfigureAWSPackage on local nodes, and the
// inventory it changes.
export {amazonPackageRecords} from './catalog.js';
export {configurePackageStep, type BuiltinStep} from './configure.js';
export {withDistributorPackages} from './overlay.js';
export {checkPackageDocument} from './package-document.js';
