// Automation errors in fleetdeck's terms (fleet/automation/port.ts), with the sentence of aws/errors.ts
// (sanitized: the name and message come from the endpoint).
import {errorMapping} from '../error-mapping.js';
import {AutomationError, type AutomationErrorKind} from '../../fleet/automation/port.js';

const KINDS: Readonly<Record<string, AutomationErrorKind>> = {
  AutomationExecutionNotFoundException: 'not-found',
  AutomationDefinitionNotFoundException: 'not-found',
  AutomationDefinitionVersionNotFoundException: 'not-found',
  AutomationStepNotFoundException: 'not-found',
  InvalidAutomationExecutionParametersException: 'invalid',
  InvalidAutomationSignalException: 'state',
  InvalidAutomationStatusUpdateException: 'state',
  AutomationDefinitionNotApprovedException: 'invalid',
  InvalidTarget: 'invalid',
  InvalidFilterKey: 'invalid',
  InvalidFilterValue: 'invalid',
  InvalidNextToken: 'invalid',
  ValidationException: 'invalid',
  IdempotentParameterMismatch: 'invalid',
  InvalidDocumentContent: 'invalid',
  AutomationExecutionLimitExceededException: 'limit',
};

export const {mapped} = errorMapping(KINDS, AutomationError);
