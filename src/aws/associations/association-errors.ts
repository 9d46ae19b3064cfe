// State Manager errors in fleetdeck's terms (fleet/associations/port.ts), with the sentence of aws/errors.ts
// (sanitized: the name and message come from the endpoint).
import {classifyAwsError, describeAwsError} from '../errors.js';
import {AssociationError, type AssociationErrorKind} from '../../fleet/associations/port.js';
import {sanitizeText} from '../../fleet/sanitize.js';

const KINDS: Readonly<Record<string, AssociationErrorKind>> = {
  AssociationDoesNotExist: 'not-found',
  AssociationExecutionDoesNotExist: 'not-found',
  InvalidAssociation: 'not-found',
  InvalidAssociationVersion: 'not-found',
  InvalidDocument: 'invalid',
  InvalidDocumentVersion: 'invalid',
  InvalidSchedule: 'invalid',
  InvalidParameters: 'invalid',
  InvalidTarget: 'invalid',
  InvalidTargetMaps: 'invalid',
  InvalidOutputLocation: 'invalid',
  InvalidInstanceId: 'invalid',
  UnsupportedPlatformType: 'invalid',
  ValidationException: 'invalid',
  AssociationAlreadyExists: 'exists',
  AssociationLimitExceeded: 'limit',
  AssociationVersionLimitExceeded: 'limit',
  TooManyUpdates: 'throttled',
};

export function toAssociationError(err: unknown): AssociationError {
  if (err instanceof AssociationError) return err;
  const name = typeof err === 'object' && err !== null && typeof (err as {name?: unknown}).name === 'string' ? (err as {name: string}).name : 'Error';
  const known = Object.hasOwn(KINDS, name) ? KINDS[name] : undefined;
  const cls = classifyAwsError(err);
  const kind: AssociationErrorKind = known ?? (cls === 'throttle' ? 'throttled' : cls === 'auth' ? 'auth' : cls === 'transient' ? 'unavailable' : 'other');
  return new AssociationError(kind, describeAwsError(err), sanitizeText(name));
}

/** Runs an SDK call and rethrows its failure as an AssociationError. */
export async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toAssociationError(err);
  }
}
