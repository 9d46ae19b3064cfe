// SSM document errors in fleetdeck's terms (fleet/documents/port.ts), with the sentence of aws/errors.ts (sanitized:
// the name and message come from the endpoint).
import {classifyAwsError, describeAwsError} from '../errors.js';
import {DocumentError, type DocumentErrorKind} from '../../fleet/documents/port.js';
import {sanitizeText} from '../../fleet/sanitize.js';

const KINDS: Readonly<Record<string, DocumentErrorKind>> = {
  InvalidDocument: 'not-found',
  InvalidDocumentVersion: 'version-not-found',
  InvalidDocumentContent: 'invalid',
  InvalidDocumentSchemaVersion: 'invalid',
  InvalidDocumentType: 'invalid',
  ValidationException: 'invalid',
  InvalidFilterKey: 'invalid',
  InvalidPermissionType: 'invalid',
  DocumentAlreadyExists: 'exists',
  DuplicateDocumentContent: 'exists',
  DuplicateDocumentVersionName: 'exists',
  DocumentLimitExceeded: 'limit',
  DocumentVersionLimitExceeded: 'limit',
  DocumentPermissionLimit: 'limit',
  MaxDocumentSizeExceeded: 'limit',
  InvalidDocumentOperation: 'refused',
  AssociatedInstances: 'refused',
};

export function toDocumentError(err: unknown): DocumentError {
  if (err instanceof DocumentError) return err;
  const name = typeof err === 'object' && err !== null && typeof (err as {name?: unknown}).name === 'string' ? (err as {name: string}).name : 'Error';
  const known = Object.hasOwn(KINDS, name) ? KINDS[name] : undefined;
  const cls = classifyAwsError(err);
  const kind: DocumentErrorKind = known ?? (cls === 'throttle' ? 'throttled' : cls === 'auth' ? 'auth' : cls === 'transient' ? 'unavailable' : 'other');
  return new DocumentError(kind, describeAwsError(err), sanitizeText(name));
}

/** Runs an SDK call and rethrows its failure as a DocumentError. */
export async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toDocumentError(err);
  }
}
