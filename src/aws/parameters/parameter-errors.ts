// SSM Parameter Store errors in fleetdeck's terms (fleet/parameters/port.ts), with the sentence of aws/errors.ts
// (sanitized: the name and message come from the endpoint). Parameter Store's messages name parameters, never
// values, so a secret cannot reach a message through here.
import {classifyAwsError, describeAwsError} from '../errors.js';
import {ParameterError, type ParameterErrorKind} from '../../fleet/parameters/port.js';
import {sanitizeText} from '../../fleet/sanitize.js';

const KINDS: Readonly<Record<string, ParameterErrorKind>> = {
  ParameterNotFound: 'not-found',
  ParameterVersionNotFound: 'version-not-found',
  ParameterAlreadyExists: 'exists',
  ValidationException: 'invalid',
  ParameterPatternMismatchException: 'invalid',
  HierarchyLevelLimitExceededException: 'invalid',
  HierarchyTypeMismatchException: 'invalid',
  InvalidKeyId: 'invalid',
  InvalidAllowedPatternException: 'invalid',
  UnsupportedParameterType: 'invalid',
  InvalidPolicyTypeException: 'invalid',
  InvalidPolicyAttributeException: 'invalid',
  IncompatiblePolicyException: 'invalid',
  InvalidFilterKey: 'invalid',
  InvalidFilterOption: 'invalid',
  InvalidFilterValue: 'invalid',
  InvalidResourceId: 'not-found',
  ParameterLimitExceeded: 'limit',
  ParameterMaxVersionLimitExceeded: 'limit',
  ParameterVersionLabelLimitExceeded: 'limit',
  PoliciesLimitExceededException: 'limit',
  TooManyTagsError: 'limit',
  TooManyUpdates: 'busy',
};

export function toParameterError(err: unknown): ParameterError {
  if (err instanceof ParameterError) return err;
  const name = typeof err === 'object' && err !== null && typeof (err as {name?: unknown}).name === 'string' ? (err as {name: string}).name : 'Error';
  const known = Object.hasOwn(KINDS, name) ? KINDS[name] : undefined;
  const cls = classifyAwsError(err);
  const kind: ParameterErrorKind = known ?? (cls === 'throttle' ? 'throttled' : cls === 'auth' ? 'auth' : cls === 'transient' ? 'unavailable' : 'other');
  return new ParameterError(kind, describeAwsError(err), sanitizeText(name));
}

/** Runs an SDK call and rethrows its failure as a ParameterError. */
export async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toParameterError(err);
  }
}
