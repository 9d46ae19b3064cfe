// Maintenance Windows errors in fleetdeck's terms (fleet/windows/port.ts), with the sentence of aws/errors.ts
// (sanitized: the name and message come from the endpoint).
import {classifyAwsError, describeAwsError} from '../errors.js';
import {WindowError, type WindowErrorKind} from '../../fleet/windows/port.js';
import {sanitizeText} from '../../fleet/sanitize.js';

const KINDS: Readonly<Record<string, WindowErrorKind>> = {
  DoesNotExistException: 'not-found',
  ValidationException: 'invalid',
  FeatureNotAvailableException: 'invalid',
  ResourceLimitExceededException: 'limit',
  IdempotentParameterMismatch: 'conflict',
  TargetInUseException: 'in-use',
};

export function toWindowError(err: unknown): WindowError {
  if (err instanceof WindowError) return err;
  const name = typeof err === 'object' && err !== null && typeof (err as {name?: unknown}).name === 'string' ? (err as {name: string}).name : 'Error';
  const known = Object.hasOwn(KINDS, name) ? KINDS[name] : undefined;
  const cls = classifyAwsError(err);
  const kind: WindowErrorKind = known ?? (cls === 'throttle' ? 'throttled' : cls === 'auth' ? 'auth' : cls === 'transient' ? 'unavailable' : 'other');
  return new WindowError(kind, describeAwsError(err), sanitizeText(name));
}

/** Runs an SDK call and rethrows its failure as a WindowError. */
export async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toWindowError(err);
  }
}
