// Maintenance Windows errors in fleetdeck's terms (fleet/windows/port.ts), with the sentence of aws/errors.ts
// (sanitized: the name and message come from the endpoint).
import {errorMapping} from '../error-mapping.js';
import {WindowError, type WindowErrorKind} from '../../fleet/windows/port.js';

const KINDS: Readonly<Record<string, WindowErrorKind>> = {
  DoesNotExistException: 'not-found',
  ValidationException: 'invalid',
  FeatureNotAvailableException: 'invalid',
  ResourceLimitExceededException: 'limit',
  IdempotentParameterMismatch: 'conflict',
  TargetInUseException: 'in-use',
};

export const {mapped} = errorMapping(KINDS, WindowError);
