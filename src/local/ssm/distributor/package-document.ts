// The content check SSM makes on Package documents (CreateDocument, UpdateDocument): a schema 2.0 manifest.

import {parseManifest} from '../../../fleet/distributor/package.js';
import {ServiceError} from '../../protocol/service-error.js';
import type {JsonObject} from '../../protocol/validation.js';

export function checkPackageDocument(doc: JsonObject): void {
  const parsed = parseManifest(JSON.stringify(doc));
  if (!parsed.ok) throw new ServiceError('InvalidDocumentContent', parsed.error);
}
