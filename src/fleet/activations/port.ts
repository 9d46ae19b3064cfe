// What the app needs from SSM for hybrid activations (implemented by aws/activations/).
import type {Activation, ActivationFilter, CreatedActivation, NewActivation} from './activation.js';
import {ResourceError, type ErrorKinds} from '../resource-error.js';

export interface ActivationsPort {
  /** Every activation (all pages), optionally filtered. */
  list(filters?: readonly ActivationFilter[], signal?: AbortSignal): Promise<Activation[]>;
  create(input: NewActivation, signal?: AbortSignal): Promise<CreatedActivation>;
  delete(activationId: string, signal?: AbortSignal): Promise<void>;
  /** Removes a hybrid (`mi-`) node from the fleet; it needs a new activation to come back. */
  deregister(instanceId: string, signal?: AbortSignal): Promise<void>;
}

/**
 * not-found: the activation or node does not exist (or is not a hybrid node); invalid: the service refused the
 * input. The message is sanitized, ready for the screen.
 */
export type ActivationErrorKind = ErrorKinds<'not-found' | 'invalid'>;

export class ActivationError extends ResourceError<ActivationErrorKind> {
  override name = 'ActivationError';
}
