// The account's Session Manager preferences (`:session-prefs`): idle timeout, maximum duration, run-as, shell
// profiles, S3 and CloudWatch logging, KMS encryption. e edits them as JSON in $EDITOR: checked with the same rules
// the console applies, the change shown field by field, asked, saved and audited.
import {
  DEFAULT_IDLE_MINUTES, idleMinutes, maxDurationMinutes, preferenceChanges, preferencesFromContent, shellUser, validatePreferences,
  type SessionPreferences,
} from '../../fleet/sessions/preferences.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {cachedHaystack} from '../../fleet/filter.js';
import {setRows} from '../../fleet/table-model.js';
import {appendAudit} from '../../audit.js';
import {defineTableView, type ActionContext, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {SESSIONS_READ_ONLY} from './services.js';

export interface PreferenceRow {
  setting: string;
  value: string;
  /** Shown muted: the default, or off. */
  muted?: boolean;
}

const text = (v: string, empty: string): [string, boolean] => (v === '' ? [empty, true] : [v.replace(/\n/g, '⏎'), false]);
const onOff = (b: boolean): [string, boolean] => [b ? 'on' : 'off', !b];

const SETTINGS = ['Idle timeout', 'Max session duration', 'Run as', 'Shell profile (Linux)', 'Shell profile (Windows)', 'S3 bucket',
  'S3 key prefix', 'S3 encryption', 'CloudWatch log group', 'CloudWatch encryption', 'CloudWatch streaming', 'KMS key'];

/** The preferences as rows, in the console's order. */
export function preferenceRows(p: SessionPreferences): PreferenceRow[] {
  const max = maxDurationMinutes(p);
  const rows: [string, [string, boolean]][] = [
    ['Idle timeout', [`${idleMinutes(p)} min${p.idleSessionTimeout === '' ? ` (default ${DEFAULT_IDLE_MINUTES})` : ''}`, p.idleSessionTimeout === '']],
    ['Max session duration', max === undefined ? ['no limit', true] : [`${max} min`, false]],
    ['Run as', p.runAsEnabled ? [`on: ${p.runAsDefaultUser}`, false] : [`off (shells run as ${shellUser(p)})`, true]],
    ['Shell profile (Linux)', text(p.shellProfile.linux, '(none)')],
    ['Shell profile (Windows)', text(p.shellProfile.windows, '(none)')],
    ['S3 bucket', text(p.s3BucketName, '(no S3 logging)')],
    ['S3 key prefix', text(p.s3KeyPrefix, '(none)')],
    ['S3 encryption', onOff(p.s3EncryptionEnabled)],
    ['CloudWatch log group', text(p.cloudWatchLogGroupName, '(no CloudWatch logging)')],
    ['CloudWatch encryption', onOff(p.cloudWatchEncryptionEnabled)],
    ['CloudWatch streaming', onOff(p.cloudWatchStreamingEnabled)],
    ['KMS key', text(p.kmsKeyId, '(not encrypted with KMS)')],
  ];
  return rows.map(([setting, [value, muted]]) => ({setting, value, ...(muted ? {muted} : {})}));
}

/** The inputs a user edits: the preferences' fields, nothing else of the document. */
const editable = (p: SessionPreferences) => `${JSON.stringify({inputs: p}, null, 2)}\n`;

function editPreferences(ctx: ActionContext): void {
  const s = ctx.store.getState();
  const api = ctx.services.sessions;
  if (ctx.readOnly) return s.setFlash({text: SESSIONS_READ_ONLY.preferences, tone: 'warn'});
  if (!api) return;
  const edit = ctx.services.editText;
  if (!edit) return s.setFlash({text: 'no editor here ($EDITOR runs in the dashboard only)', tone: 'warn'});
  const flash = (t: string, tn: 'info' | 'warn' | 'error' = 'warn') => ctx.store.getState().setFlash({text: t, tone: tn});
  // Edited from what is in force now, not from the rows on screen.
  api.getPreferences().then(async (before) => {
    const edited = await edit(editable(before), 'session-preferences.json');
    if (edited === undefined) return flash('edit cancelled: nothing saved', 'info');
    const parsed = preferencesFromContent(edited);
    if (!parsed.ok) return flash(sanitizeText(parsed.error));
    const after = parsed.preferences;
    const problems = validatePreferences(after);
    if (problems.length) return flash(sanitizeText(problems.map((p) => p.message).join(' ')));
    const changes = preferenceChanges(before, after);
    if (changes.length === 0) return flash('no change', 'info');
    const diff = changes.map((c) => `${c.field}: ${c.from === '' ? '(empty)' : c.from} → ${c.to === '' ? '(empty)' : c.to}`).join(' · ');
    ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: `Save the session preferences? ${sanitizeText(diff)}`, onYes: () => {
      api.updatePreferences(after).then(() => {
        appendAudit({action: 'UpdateDocument', identity: ctx.services.identity ?? 'unknown', document: 'SSM-SessionManagerRunShell',
          changes: changes.map((c) => c.field), via: 'dashboard'});
        flash(`saved the session preferences: ${sanitizeText(changes.map((c) => c.field).join(', '))}`, 'info');
        ctx.store.getState().updateTable<PreferenceRow>('session-prefs', (t) => setRows(sessionPrefsView.table, t, preferenceRows(after)));
      }, (err: unknown) => flash(`save failed: ${errorText(err)}`, 'error'));
    }});
  }).catch((err: unknown) => flash(`could not edit the preferences: ${errorText(err)}`, 'error'));
}

export const sessionPrefsView: TableView<PreferenceRow> = defineTableView<PreferenceRow>({
  id: 'session-prefs',
  title: 'Session preferences',
  aliases: ['sp', 'session-preferences'],
  defaultSort: 'order',
  refreshMs: 60_000,
  scopes: ['sessionPrefs', 'table'],
  table: {
    rowId: (r) => r.setting,
    filter: {keys: {}, text: cachedHaystack((r: PreferenceRow) => [r.setting, r.value])},
    sortValues: {order: (r) => SETTINGS.indexOf(r.setting)},
  },
  columns: () => [
    {id: 'setting', title: 'SETTING', width: 24, priority: 0, text: (r) => r.setting},
    {id: 'value', title: 'VALUE', width: 40, flex: true, priority: 0, text: (r) => r.value, tone: (r) => (r.muted ? 'muted' : undefined)},
  ],
  fetch: async (services, {signal}) => {
    const api = services.sessions;
    if (!api) throw new Error('Session preferences are not available here');
    return preferenceRows(await api.getPreferences(signal));
  },
  disabled: {
    'sessionPrefs.edit': (ctx) => (ctx.readOnly ? SESSIONS_READ_ONLY.preferences : undefined),
  },
  actions: {
    ...tableActions<PreferenceRow>('session-prefs', () => sessionPrefsView.table),
    'sessionPrefs.edit': (ctx) => editPreferences(ctx),
  },
});
