// Session Manager preferences as data: validation limits, the document they are saved as and read from, the diff.
import {describe, expect, it} from 'vitest';
import {
  DEFAULT_SESSION_PREFERENCES, idleMinutes, maxDurationMinutes, preferenceChanges, preferencesContent, preferencesFromContent,
  shellUser, validatePreferences, type SessionPreferences,
} from '../../../src/fleet/sessions/preferences.js';

const p = (change: Partial<SessionPreferences>): SessionPreferences => ({...DEFAULT_SESSION_PREFERENCES, shellProfile: {linux: '', windows: ''}, ...change});

describe('validatePreferences', () => {
  it.each([
    [{idleSessionTimeout: '1'}, []],
    [{idleSessionTimeout: '60'}, []],
    [{idleSessionTimeout: '0'}, ['idleSessionTimeout']],
    [{idleSessionTimeout: '61'}, ['idleSessionTimeout']],
    [{idleSessionTimeout: '2.5'}, ['idleSessionTimeout']],
    [{maxSessionDuration: ''}, []],
    [{maxSessionDuration: '1440'}, []],
    [{maxSessionDuration: '1441'}, ['maxSessionDuration']],
    [{s3BucketName: 'My_Bucket'}, ['s3BucketName']],
    [{s3KeyPrefix: 'logs/'}, ['s3KeyPrefix']],
    [{cloudWatchLogGroupName: 'bad group'}, ['cloudWatchLogGroupName']],
    [{kmsKeyId: 'alias/session key'}, ['kmsKeyId']],
    [{runAsEnabled: true}, ['runAsDefaultUser']],
    [{runAsEnabled: true, runAsDefaultUser: 'ops'}, []],
    [{runAsDefaultUser: '1root'}, ['runAsDefaultUser']],
  ] as [Partial<SessionPreferences>, string[]][])('%o → %o', (change, fields) => {
    expect(validatePreferences(p(change)).map((x) => x.field)).toEqual(fields);
  });
});

describe('the preferences document', () => {
  it('round-trips and falls back to defaults for missing inputs', () => {
    const prefs = p({idleSessionTimeout: '7', runAsEnabled: true, runAsDefaultUser: 'ops', shellProfile: {linux: 'cd /srv', windows: ''}});
    const parsed = preferencesFromContent(preferencesContent(prefs));
    expect(parsed).toEqual({ok: true, preferences: prefs});
    expect(preferencesFromContent('{"schemaVersion":"1.0","inputs":{}}')).toEqual({ok: true, preferences: DEFAULT_SESSION_PREFERENCES});
    expect(preferencesFromContent('{"inputs":{"runAsEnabled":"yes"}}')).toEqual({ok: false, error: 'The input runAsEnabled must be true or false.'});
    expect(preferencesFromContent('nope').ok).toBe(false);
  });

  it('says what is in force and what an edit changes', () => {
    expect(idleMinutes(p({idleSessionTimeout: ''}))).toBe(20);
    expect(maxDurationMinutes(p({maxSessionDuration: '90'}))).toBe(90);
    expect(maxDurationMinutes(p({}))).toBeUndefined();
    expect(shellUser(p({}))).toBe('ssm-user');
    expect(shellUser(p({runAsEnabled: true, runAsDefaultUser: 'ops'}))).toBe('ops');
    expect(preferenceChanges(p({}), p({idleSessionTimeout: '5', shellProfile: {linux: 'x', windows: ''}}))).toEqual([
      {field: 'idleSessionTimeout', from: '20', to: '5'}, {field: 'shellProfile.linux', from: '', to: 'x'},
    ]);
  });
});
