// The content checks SSM makes on Session documents (CreateDocument, UpdateDocument), the preferences document
// among them.

import {preferencesFromContent, validatePreferences} from '../../../fleet/sessions/preferences.js';
import {ServiceError} from '../../protocol/service-error.js';
import type {JsonObject} from '../../protocol/validation.js';

const SESSION_TYPES = ['Standard_Stream', 'InteractiveCommands', 'NonInteractiveCommands', 'Port'];

/**
 * A Session document's own rules (CreateDocument, UpdateDocument): a known sessionType, and for Standard_Stream
 * inputs of the right types with the timeouts in range. InvalidDocumentContent otherwise (the texts are ours).
 */
export function checkSessionDocument(doc: JsonObject): void {
  const type = doc['sessionType'];
  if (typeof type !== 'string' || !SESSION_TYPES.includes(type)) {
    throw new ServiceError('InvalidDocumentContent', `sessionType must be one of ${SESSION_TYPES.join(', ')}.`);
  }
  if (type !== 'Standard_Stream') return;
  const parsed = preferencesFromContent(JSON.stringify(doc));
  if (!parsed.ok) throw new ServiceError('InvalidDocumentContent', parsed.error);
  const problem = validatePreferences(parsed.preferences).find((p) => p.field === 'idleSessionTimeout' || p.field === 'maxSessionDuration');
  if (problem !== undefined) throw new ServiceError('InvalidDocumentContent', problem.message);
}
