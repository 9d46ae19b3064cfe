// One mapping from SDK errors to a resource's ResourceError: the service's documented error names give the
// resource's kinds, the rest are classified by transport (aws/errors.ts). The message is describeAwsError's sentence.
import {classifyAwsError, describeAwsError} from './errors.js';
import type {CommonErrorKind, ErrorKinds, ResourceError} from '../fleet/resource-error.js';

type ErrorClassOf<K extends string, E extends ResourceError<K>> = new (kind: ErrorKinds<K>, message: string, code: string) => E;

const TRANSPORT: Readonly<Record<ReturnType<typeof classifyAwsError>, CommonErrorKind>> = {
  throttle: 'throttled', auth: 'auth', transient: 'unavailable', fatal: 'other',
};

function errorName(err: unknown): string {
  const name = typeof err === 'object' && err !== null ? (err as {name?: unknown}).name : undefined;
  return typeof name === 'string' ? name : 'Error';
}

export interface ErrorMapping<E> {
  /** Any thrown value as the resource's error (one already mapped is returned as it is). */
  toError(err: unknown): E;
  /** Runs an SDK call and rethrows its failure as the resource's error. */
  mapped<T>(call: () => Promise<T>): Promise<T>;
}

/**
 * `kinds` maps the service's error names to the resource's kinds; `Err` is the resource's error class. `make` builds
 * the error when the class wants more than kind, message and code from the SDK error.
 */
export function errorMapping<K extends string, E extends ResourceError<K>>(
  kinds: Readonly<Record<string, ErrorKinds<K>>>,
  Err: ErrorClassOf<K, E>,
  make: (kind: ErrorKinds<K>, message: string, code: string, err: unknown) => E = (kind, message, code) => new Err(kind, message, code),
): ErrorMapping<E> {
  const toError = (err: unknown): E => {
    if (err instanceof Err) return err;
    const name = errorName(err);
    const kind = (Object.hasOwn(kinds, name) ? kinds[name] : undefined) ?? TRANSPORT[classifyAwsError(err)];
    return make(kind, describeAwsError(err), name, err);
  };
  return {
    toError,
    async mapped<T>(call: () => Promise<T>): Promise<T> {
      try {
        return await call();
      } catch (err) {
        throw toError(err);
      }
    },
  };
}
