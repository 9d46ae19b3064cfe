// SSM Parameter Store errors in fleetdeck's terms (fleet/parameters/port.ts), with the sentence of aws/errors.ts
// (sanitized: the name and message come from the endpoint). Parameter Store's messages name parameters, never
// values, so a secret cannot reach a message through here.
import {errorMapping} from '../error-mapping.js';
import {ParameterError, type ParameterErrorKind} from '../../fleet/parameters/port.js';

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

export const {toError: toParameterError, mapped} = errorMapping(KINDS, ParameterError);
