// Automation errors in fleetdeck's terms (fleet/automation/port.ts), with the sentence of aws/errors.ts
// (sanitized: the name and message come from the endpoint).
import {classifyAwsError, describeAwsError} from '../errors.js';
import {AutomationError, type AutomationErrorKind} from '../../fleet/automation/port.js';
import {sanitizeText} from '../../fleet/sanitize.js';

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

export function toAutomationError(err: unknown): AutomationError {
  if (err instanceof AutomationError) return err;
  const name = typeof err === 'object' && err !== null && typeof (err as {name?: unknown}).name === 'string' ? (err as {name: string}).name : 'Error';
  const known = Object.hasOwn(KINDS, name) ? KINDS[name] : undefined;
  const cls = classifyAwsError(err);
  const kind: AutomationErrorKind = known ?? (cls === 'throttle' ? 'throttled' : cls === 'auth' ? 'auth' : cls === 'transient' ? 'unavailable' : 'other');
  return new AutomationError(kind, describeAwsError(err), sanitizeText(name));
}

/** Runs an SDK call and rethrows its failure as an AutomationError. */
export async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toAutomationError(err);
  }
}
