// Session Manager history and preferences through SSM: the SessionsApi over @aws-sdk/client-ssm. Lists go to the
// end at the API's largest page (200); every string from the service is sanitized here; the service's refusals
// become SessionsErrors. Preferences are the SSM-SessionManagerRunShell document: read at $LATEST (what Session
// Manager applies), saved with UpdateDocument (made the default version too) or created on first save.
import {
  CreateDocumentCommand, DescribeSessionsCommand, GetDocumentCommand, TerminateSessionCommand, UpdateDocumentCommand,
  UpdateDocumentDefaultVersionCommand,
} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import {errorMapping} from '../error-mapping.js';
import {allPages, pageToken} from '../pages.js';
import {
  DEFAULT_SESSION_PREFERENCES, PREFERENCES_DOCUMENT, preferencesContent, preferencesFromContent, validatePreferences,
  type SessionPreferences,
} from '../../fleet/sessions/preferences.js';
import {DESCRIBE_SESSIONS_PAGE_MAX, type SessionRow} from '../../fleet/sessions/session.js';
import {SessionsError, type SessionsApi, type SessionsErrorKind} from '../../fleet/sessions/port.js';
import {sanitizeMultiline, sanitizeText as clean} from '../../fleet/sanitize.js';

const KINDS: Readonly<Record<string, SessionsErrorKind>> = {
  DoesNotExistException: 'not-found',
  ValidationException: 'invalid',
  InvalidFilterKey: 'invalid',
  InvalidDocumentContent: 'invalid',
  InvalidDocumentSchemaVersion: 'invalid',
  InvalidNextToken: 'invalid',
};

const nameOf = (err: unknown): string => (typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '');

const {mapped} = errorMapping(KINDS, SessionsError);

function cleanPreferences(p: SessionPreferences): SessionPreferences {
  return {
    ...p,
    s3BucketName: clean(p.s3BucketName), s3KeyPrefix: clean(p.s3KeyPrefix), cloudWatchLogGroupName: clean(p.cloudWatchLogGroupName),
    kmsKeyId: clean(p.kmsKeyId), idleSessionTimeout: clean(p.idleSessionTimeout), maxSessionDuration: clean(p.maxSessionDuration),
    runAsDefaultUser: clean(p.runAsDefaultUser),
    shellProfile: {linux: sanitizeMultiline(p.shellProfile.linux), windows: sanitizeMultiline(p.shellProfile.windows)},
  };
}

export function sessionsApi(aws: Pick<AwsClients, 'ssm'>): SessionsApi {
  return {
    list: (state, filters, signal) => mapped(async () => {
      const list = await allPages(async (token) => {
        const res = await aws.ssm.send(new DescribeSessionsCommand({
          State: state, MaxResults: DESCRIBE_SESSIONS_PAGE_MAX,
          ...(filters?.length ? {Filters: filters.map((f) => ({key: f.key, value: f.value}))} : {}),
          ...pageToken(token),
        }), {abortSignal: signal});
        return {items: res.Sessions, next: res.NextToken};
      });
      return list.map((s): SessionRow => ({
        sessionId: clean(s.SessionId ?? ''), target: clean(s.Target ?? ''), status: clean(s.Status ?? ''),
        startDate: s.StartDate?.getTime() ?? 0, endDate: s.EndDate?.getTime(), documentName: clean(s.DocumentName ?? ''),
        owner: clean(s.Owner ?? ''), reason: clean(s.Reason ?? ''), maxSessionDuration: clean(s.MaxSessionDuration ?? ''),
      }));
    }),

    terminate: (sessionId, signal) => mapped(async () => {
      await aws.ssm.send(new TerminateSessionCommand({SessionId: sessionId}), {abortSignal: signal});
    }),

    getPreferences: (signal) => mapped(async () => {
      let content: string;
      try {
        const res = await aws.ssm.send(new GetDocumentCommand({Name: PREFERENCES_DOCUMENT, DocumentVersion: '$LATEST', DocumentFormat: 'JSON'}), {abortSignal: signal});
        content = res.Content ?? '';
      } catch (err) {
        // Never saved: Session Manager applies its defaults.
        if (nameOf(err) === 'InvalidDocument') return {...DEFAULT_SESSION_PREFERENCES, shellProfile: {...DEFAULT_SESSION_PREFERENCES.shellProfile}};
        throw err;
      }
      const parsed = preferencesFromContent(content);
      if (!parsed.ok) throw new SessionsError('invalid', clean(parsed.error));
      return cleanPreferences(parsed.preferences);
    }),

    updatePreferences: (preferences, signal) => mapped(async () => {
      const problems = validatePreferences(preferences);
      if (problems.length > 0) throw new SessionsError('invalid', problems.map((p) => p.message).join(' '));
      const content = preferencesContent(preferences);
      try {
        const res = await aws.ssm.send(new UpdateDocumentCommand({
          Name: PREFERENCES_DOCUMENT, Content: content, DocumentFormat: 'JSON', DocumentVersion: '$LATEST',
        }), {abortSignal: signal});
        const version = res.DocumentDescription?.DocumentVersion;
        if (version !== undefined) {
          await aws.ssm.send(new UpdateDocumentDefaultVersionCommand({Name: PREFERENCES_DOCUMENT, DocumentVersion: version}), {abortSignal: signal});
        }
      } catch (err) {
        const name = nameOf(err);
        if (name === 'DuplicateDocumentContent') return; // nothing changed
        if (name !== 'InvalidDocument') throw err;
        await aws.ssm.send(new CreateDocumentCommand({
          Name: PREFERENCES_DOCUMENT, Content: content, DocumentFormat: 'JSON', DocumentType: 'Session',
        }), {abortSignal: signal});
      }
    }),
  };
}
