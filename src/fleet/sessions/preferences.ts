// Session Manager preferences in domain terms: the account's SSM-SessionManagerRunShell Session document (schema
// 1.0, sessionType Standard_Stream) and its inputs, the limits the console enforces on them, and the document text
// a change is saved as. Shared by the app (validate and diff before UpdateDocument) and by the local fleet (which
// honours idleSessionTimeout, maxSessionDuration, runAs and shellProfile).

export const PREFERENCES_DOCUMENT = 'SSM-SessionManagerRunShell';
/** Idle timeout: 20 minutes unless set; 1–60 (Session Manager user guide). */
export const DEFAULT_IDLE_MINUTES = 20;
export const IDLE_MINUTES_MIN = 1;
export const IDLE_MINUTES_MAX = 60;
/** Maximum session duration: unset (no limit) or 1–1440 minutes. */
export const MAX_DURATION_MINUTES_MIN = 1;
export const MAX_DURATION_MINUTES_MAX = 1440;
/** The Linux user shells run as when run-as is off (the agent's own user). */
export const DEFAULT_SHELL_USER = 'ssm-user';
const RUN_AS_USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const LOG_GROUP = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const KMS_KEY = /^[A-Za-z0-9:/_\-.]{1,2048}$/;
const SHELL_PROFILE_MAX = 4096;

export interface SessionPreferences {
  s3BucketName: string;
  s3KeyPrefix: string;
  s3EncryptionEnabled: boolean;
  cloudWatchLogGroupName: string;
  cloudWatchEncryptionEnabled: boolean;
  cloudWatchStreamingEnabled: boolean;
  kmsKeyId: string;
  /** Minutes as a string, as the document holds it ("" = the default, 20). */
  idleSessionTimeout: string;
  /** Minutes as a string ("" = no limit). */
  maxSessionDuration: string;
  runAsEnabled: boolean;
  runAsDefaultUser: string;
  shellProfile: {linux: string; windows: string};
}

/** What the console writes when preferences are first saved with nothing changed. */
export const DEFAULT_SESSION_PREFERENCES: Readonly<SessionPreferences> = Object.freeze({
  s3BucketName: '', s3KeyPrefix: '', s3EncryptionEnabled: true,
  cloudWatchLogGroupName: '', cloudWatchEncryptionEnabled: true, cloudWatchStreamingEnabled: true,
  kmsKeyId: '', idleSessionTimeout: String(DEFAULT_IDLE_MINUTES), maxSessionDuration: '',
  runAsEnabled: false, runAsDefaultUser: '', shellProfile: Object.freeze({linux: '', windows: ''}),
});

export interface PreferenceProblem {
  field: keyof SessionPreferences | 'shellProfile.linux' | 'shellProfile.windows';
  message: string;
}

function minutes(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,4}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/** Every problem with `p`, in field order; empty when it can be saved. */
export function validatePreferences(p: SessionPreferences): PreferenceProblem[] {
  const out: PreferenceProblem[] = [];
  if (p.idleSessionTimeout !== '' && minutes(p.idleSessionTimeout, IDLE_MINUTES_MIN, IDLE_MINUTES_MAX) === undefined) {
    out.push({field: 'idleSessionTimeout', message: `The idle session timeout is a whole number of minutes from ${IDLE_MINUTES_MIN} to ${IDLE_MINUTES_MAX}.`});
  }
  if (p.maxSessionDuration !== '' && minutes(p.maxSessionDuration, MAX_DURATION_MINUTES_MIN, MAX_DURATION_MINUTES_MAX) === undefined) {
    out.push({field: 'maxSessionDuration', message: `The maximum session duration is empty (no limit) or a whole number of minutes from ${MAX_DURATION_MINUTES_MIN} to ${MAX_DURATION_MINUTES_MAX}.`});
  }
  if (p.s3BucketName !== '' && !BUCKET.test(p.s3BucketName)) {
    out.push({field: 's3BucketName', message: 'An S3 bucket name is 3–63 lowercase letters, digits, dots and hyphens.'});
  }
  if (p.s3KeyPrefix !== '' && p.s3BucketName === '') {
    out.push({field: 's3KeyPrefix', message: 'An S3 key prefix needs an S3 bucket.'});
  }
  if (p.cloudWatchLogGroupName !== '' && !LOG_GROUP.test(p.cloudWatchLogGroupName)) {
    out.push({field: 'cloudWatchLogGroupName', message: 'A CloudWatch log group name is 1–512 letters, digits and . - _ / #.'});
  }
  if (p.kmsKeyId !== '' && !KMS_KEY.test(p.kmsKeyId)) {
    out.push({field: 'kmsKeyId', message: 'A KMS key is a key id, a key ARN, or an alias (alias/…).'});
  }
  if (p.runAsEnabled && p.runAsDefaultUser === '') {
    out.push({field: 'runAsDefaultUser', message: 'Run As needs a default operating system user.'});
  } else if (p.runAsDefaultUser !== '' && !RUN_AS_USER.test(p.runAsDefaultUser)) {
    out.push({field: 'runAsDefaultUser', message: 'A user name is up to 32 letters, digits, _ . - and starts with a letter or _.'});
  }
  for (const os of ['linux', 'windows'] as const) {
    if (p.shellProfile[os].length > SHELL_PROFILE_MAX) {
      out.push({field: `shellProfile.${os}`, message: `The ${os} shell profile is at most ${SHELL_PROFILE_MAX} characters.`});
    }
  }
  return out;
}

/** The idle timeout in force, in minutes (the default when unset). */
export function idleMinutes(p: SessionPreferences): number {
  return minutes(p.idleSessionTimeout, IDLE_MINUTES_MIN, IDLE_MINUTES_MAX) ?? DEFAULT_IDLE_MINUTES;
}

/** The maximum session duration in minutes, or undefined for none. */
export function maxDurationMinutes(p: SessionPreferences): number | undefined {
  return minutes(p.maxSessionDuration, MAX_DURATION_MINUTES_MIN, MAX_DURATION_MINUTES_MAX);
}

/** The operating-system user a Linux shell runs as under these preferences. */
export function shellUser(p: SessionPreferences): string {
  return p.runAsEnabled && p.runAsDefaultUser !== '' ? p.runAsDefaultUser : DEFAULT_SHELL_USER;
}

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The preferences a document's content holds: missing inputs take their defaults; a value of the wrong type is an
 * error (the text names the input).
 */
export function preferencesFromContent(content: string): {ok: true; preferences: SessionPreferences} | {ok: false; error: string} {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return {ok: false, error: 'The preferences document is not JSON.'};
  }
  if (!isJson(doc)) return {ok: false, error: 'The preferences document is not a JSON object.'};
  const inputs = doc['inputs'] ?? {};
  if (!isJson(inputs)) return {ok: false, error: 'The preferences document has no inputs object.'};
  const p: SessionPreferences = {...DEFAULT_SESSION_PREFERENCES, shellProfile: {...DEFAULT_SESSION_PREFERENCES.shellProfile}};
  const strings = ['s3BucketName', 's3KeyPrefix', 'cloudWatchLogGroupName', 'kmsKeyId', 'idleSessionTimeout', 'maxSessionDuration', 'runAsDefaultUser'] as const;
  const booleans = ['s3EncryptionEnabled', 'cloudWatchEncryptionEnabled', 'cloudWatchStreamingEnabled', 'runAsEnabled'] as const;
  for (const key of strings) {
    const v = inputs[key];
    if (v === undefined) continue;
    if (typeof v !== 'string') return {ok: false, error: `The input ${key} must be a string.`};
    p[key] = v;
  }
  for (const key of booleans) {
    const v = inputs[key];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') return {ok: false, error: `The input ${key} must be true or false.`};
    p[key] = v;
  }
  const profile = inputs['shellProfile'];
  if (profile !== undefined) {
    if (!isJson(profile)) return {ok: false, error: 'The input shellProfile must be an object with linux and windows.'};
    for (const os of ['linux', 'windows'] as const) {
      const v = profile[os];
      if (v === undefined) continue;
      if (typeof v !== 'string') return {ok: false, error: `The input shellProfile.${os} must be a string.`};
      p.shellProfile[os] = v;
    }
  }
  return {ok: true, preferences: p};
}

/** The document content preferences are saved as (the layout the Session Manager user guide shows). */
export function preferencesContent(p: SessionPreferences): string {
  return JSON.stringify({
    schemaVersion: '1.0',
    description: 'Document to hold regional settings for Session Manager',
    sessionType: 'Standard_Stream',
    inputs: {
      s3BucketName: p.s3BucketName, s3KeyPrefix: p.s3KeyPrefix, s3EncryptionEnabled: p.s3EncryptionEnabled,
      cloudWatchLogGroupName: p.cloudWatchLogGroupName, cloudWatchEncryptionEnabled: p.cloudWatchEncryptionEnabled,
      cloudWatchStreamingEnabled: p.cloudWatchStreamingEnabled, idleSessionTimeout: p.idleSessionTimeout,
      maxSessionDuration: p.maxSessionDuration, kmsKeyId: p.kmsKeyId, runAsEnabled: p.runAsEnabled,
      runAsDefaultUser: p.runAsDefaultUser, shellProfile: {windows: p.shellProfile.windows, linux: p.shellProfile.linux},
    },
  }, null, 4);
}

export interface PreferenceChange {
  field: string;
  from: string;
  to: string;
}

function flat(p: SessionPreferences): [string, string][] {
  return [
    ['s3BucketName', p.s3BucketName], ['s3KeyPrefix', p.s3KeyPrefix], ['s3EncryptionEnabled', String(p.s3EncryptionEnabled)],
    ['cloudWatchLogGroupName', p.cloudWatchLogGroupName], ['cloudWatchEncryptionEnabled', String(p.cloudWatchEncryptionEnabled)],
    ['cloudWatchStreamingEnabled', String(p.cloudWatchStreamingEnabled)], ['kmsKeyId', p.kmsKeyId],
    ['idleSessionTimeout', p.idleSessionTimeout], ['maxSessionDuration', p.maxSessionDuration],
    ['runAsEnabled', String(p.runAsEnabled)], ['runAsDefaultUser', p.runAsDefaultUser],
    ['shellProfile.linux', p.shellProfile.linux], ['shellProfile.windows', p.shellProfile.windows],
  ];
}

/** What an edit changes, field by field (for the confirmation's diff). */
export function preferenceChanges(before: SessionPreferences, after: SessionPreferences): PreferenceChange[] {
  const old = new Map(flat(before));
  return flat(after).filter(([k, v]) => old.get(k) !== v).map(([field, to]) => ({field, from: old.get(field) ?? '', to}));
}
