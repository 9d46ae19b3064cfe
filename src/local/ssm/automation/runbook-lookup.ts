// The runbook a StartAutomationExecution names, read from the fleet's documents (Amazon's and authored ones).

import type {FleetModel} from '../../model/fleet-model.js';
import {ServiceError} from '../../protocol/service-error.js';
import {documentStore, type DocumentVersion} from '../documents/document-store.js';
import {parseRunbook, type Runbook} from './runbook.js';

export function findRunbook(model: FleetModel, documentName: string, documentVersion: string | undefined): Runbook {
  const store = documentStore(model);
  const record = store.get(documentName);
  if (record === undefined || record.documentType !== 'Automation') {
    throw new ServiceError('AutomationDefinitionNotFoundException', `Automation definition ${documentName} not found. Verify the document exists and is an Automation document.`);
  }
  let version: DocumentVersion;
  try {
    version = store.version(record, documentVersion);
  } catch {
    throw new ServiceError('AutomationDefinitionVersionNotFoundException', `Automation definition ${documentName} version ${String(documentVersion)} not found.`);
  }
  return parseRunbook(record.name, version.version, version.content, version.format);
}
