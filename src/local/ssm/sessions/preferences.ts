// The account's Session Manager preferences as the local fleet reads them: the latest version of the
// SSM-SessionManagerRunShell Session document (UpdateDocument makes a new $LATEST, which is what
// `aws ssm update-document --document-version '$LATEST'` relies on), or the defaults while the account has none
// (as in an account whose preferences were never saved).

import {DEFAULT_SESSION_PREFERENCES, PREFERENCES_DOCUMENT, preferencesFromContent, type SessionPreferences} from '../../../fleet/sessions/preferences.js';
import type {FleetModel} from '../../model/fleet-model.js';
import {documentStore} from '../documents/document-store.js';
import {convert} from '../documents/document-wire.js';

const defaults = (): SessionPreferences => ({...DEFAULT_SESSION_PREFERENCES, shellProfile: {...DEFAULT_SESSION_PREFERENCES.shellProfile}});

/** The preferences sessions started now get. */
export function sessionPreferencesFor(model: FleetModel): SessionPreferences {
  const store = documentStore(model);
  const record = store.get(PREFERENCES_DOCUMENT);
  if (record === undefined || record.documentType !== 'Session') return defaults();
  const latest = store.version(record, '$LATEST');
  const parsed = preferencesFromContent(latest.format === 'TEXT' ? latest.content : convert(latest, 'JSON'));
  return parsed.ok ? parsed.preferences : defaults();
}
