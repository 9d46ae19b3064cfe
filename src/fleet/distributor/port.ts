// What the app needs from Distributor (implemented by aws/distributor/). Installing and uninstalling go through
// Run Command (AWS-ConfigureAWSPackage, configurePackageParameters) with its rate control and results.
import type {DistributorPackage, PackageManifest, PackageVersion} from './package.js';
import {ResourceError, type ErrorKinds} from '../resource-error.js';

export interface DistributorApi {
  /** Every package: Amazon's (`owner: 'Amazon'`) and the account's. */
  list(signal?: AbortSignal): Promise<DistributorPackage[]>;
  /** A package's versions, oldest first. */
  versions(name: string, signal?: AbortSignal): Promise<PackageVersion[]>;
  /** The manifest of a version (the default version when none is given). */
  manifest(name: string, version?: string, signal?: AbortSignal): Promise<PackageManifest>;
}

/** not-found: no such package or version; invalid: the manifest or the input was refused. Sanitized message. */
export type DistributorErrorKind = ErrorKinds<'not-found' | 'invalid'>;

export class DistributorError extends ResourceError<DistributorErrorKind> {
  override name = 'DistributorError';
}
