// Reading and checking document inputs: names, versions, content, permission type; the errors they share.

import type {OperationContext} from '../../protocol/operation-context.js';
import {ServiceError} from '../../protocol/service-error.js';
import {optString, type Violations, type JsonObject} from '../../protocol/validation.js';
import type {DocumentFormat} from './document-content.js';
import {documentStore, type DocumentRecord} from './document-store.js';

export const NAME = /^[a-zA-Z0-9_\-.]{3,128}$/;
const NAME_OR_ARN = /^[a-zA-Z0-9_\-.:/]{3,200}$/;
export const VERSION_NAME = /^[a-zA-Z0-9_\-.]{1,128}$/;
const DOCUMENT_VERSION = /^([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)$/;
export const TARGET_TYPE = /^\/[\w.\-:/]*$/;
export const ACCOUNT = /^(all|[0-9]{12})$/i;
export const RESERVED_PREFIX = /^(aws|amazon|amzn)/i;
export const FORMATS = ['YAML', 'JSON', 'TEXT'];

export function invalidDocument(): ServiceError {
  return new ServiceError('InvalidDocument', 'The specified document does not exist.');
}

export function amazonOwned(): ServiceError {
  return new ServiceError('InvalidDocumentOperation', 'You can\'t change or share a document that Amazon owns.');
}

export function checkName(v: Violations, path: string, name: string | undefined, pattern: RegExp = NAME_OR_ARN): void {
  if (v.required(path, name) && !pattern.test(name ?? '')) v.add(path, name, `Member must satisfy regular expression pattern: ${pattern.source}`);
}

export function checkVersionFields(v: Violations, input: JsonObject): {documentVersion?: string; versionName?: string} {
  const documentVersion = optString(input, 'DocumentVersion');
  const versionName = optString(input, 'VersionName');
  if (documentVersion !== undefined && !DOCUMENT_VERSION.test(documentVersion)) {
    v.add('documentVersion', documentVersion, `Member must satisfy regular expression pattern: ${DOCUMENT_VERSION.source}`);
  }
  if (versionName !== undefined && !VERSION_NAME.test(versionName)) v.add('versionName', versionName, `Member must satisfy regular expression pattern: ${VERSION_NAME.source}`);
  return {documentVersion, versionName};
}

export function recordOf(ctx: OperationContext, name: string | undefined): DocumentRecord {
  const record = documentStore(ctx.model).get(name ?? '');
  if (record === undefined) throw invalidDocument();
  return record;
}

export function readContent(v: Violations, input: JsonObject): {content: string; format: DocumentFormat} {
  const content = optString(input, 'Content');
  const format = optString(input, 'DocumentFormat') ?? 'JSON';
  if (v.required('content', content)) v.length('content', content, 1, undefined);
  v.oneOf('documentFormat', format, FORMATS);
  return {content: content ?? '', format: format as DocumentFormat};
}

export function readPermissionType(v: Violations, input: JsonObject): void {
  const type = optString(input, 'PermissionType');
  if (v.required('permissionType', type)) v.oneOf('permissionType', type, ['Share']);
}
