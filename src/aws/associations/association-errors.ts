// State Manager errors in fleetdeck's terms (fleet/associations/port.ts), with the sentence of aws/errors.ts
// (sanitized: the name and message come from the endpoint).
import {errorMapping} from '../error-mapping.js';
import {AssociationError, type AssociationErrorKind} from '../../fleet/associations/port.js';

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

export const {mapped} = errorMapping(KINDS, AssociationError);
