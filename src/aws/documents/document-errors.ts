// SSM document errors in fleetdeck's terms (fleet/documents/port.ts), with the sentence of aws/errors.ts (sanitized:
// the name and message come from the endpoint).
import {errorMapping} from '../error-mapping.js';
import {DocumentError, type DocumentErrorKind} from '../../fleet/documents/port.js';

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

export const {mapped} = errorMapping(KINDS, DocumentError);
