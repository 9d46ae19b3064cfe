// Changing Parameter Store safely: edit a value in $EDITOR, see the change as a diff, confirm, and write only if the
// parameter is still at the version read (otherwise nothing is written and the other change is shown). Every write
// is audited with the name, the version and a keyed digest of the value (audit.ts), never the value itself.
import {appendAudit, auditDigest, type AuditEvent} from '../../audit.js';
import {lineDiff} from '../../fleet/parameters/line-diff.js';
import {isSecret, modifiedBy, plainText, type ParameterType} from '../../fleet/parameters/parameter.js';
import {readOnlyRefusal} from '../../fleet/read-only.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import type {ActionContext} from '../view.js';
import {changed, loadDetail, type ParameterSession, type StagedChange} from './session.js';

/** Why changes are refused here (read-only mode), or undefined. */
export function writeRefusal(ctx: Pick<ActionContext, 'readOnly'>): string | undefined {
  return readOnlyRefusal('parameters', {readOnly: ctx.readOnly, allowForwards: false});
}


/** One audit record; a failure to write it is said (an unaudited write must not pass silently). */
export function audit(ctx: ActionContext, event: {action: AuditEvent['action']; [field: string]: unknown}): void {
  try {
    appendAudit({...event, identity: ctx.services.identity ?? 'unknown', via: 'dashboard'});
  } catch (e) {
    ctx.store.getState().setFlash({text: `could not write the audit log: ${errorText(e)}`, tone: 'error'});
  }
}

const flash = (ctx: ActionContext, text: string, tone: 'info' | 'warn' | 'error' = 'info') => ctx.store.getState().setFlash({text, tone});

/** Editors end the file with a newline; a value that had none keeps none. */
function trimEditorNewline(start: string, edited: string): string {
  return !start.endsWith('\n') && edited.endsWith('\n') ? edited.slice(0, -1) : edited;
}

/** Opens the value in the user's editor; the result is staged or shown as a diff to confirm. */
export function editParameter(ctx: ActionContext, s: ParameterSession, name: string, opts: {stage: boolean}): void {
  const edit = ctx.services.editText;
  if (!edit) return flash(ctx, 'no editor here ($EDITOR runs in the dashboard only)', 'warn');
  // Editing a secret shows it to the user in their editor: that is the explicit reveal.
  s.port.get(name, {decrypt: true}).then(async (cur) => {
    const before = plainText(cur.value) ?? '';
    const staged = s.staged.get(name);
    const start = staged?.after ?? before;
    const edited = await edit(start, name);
    if (edited === undefined) return flash(ctx, `edit of ${sanitizeText(name)} cancelled: nothing written`);
    const after = trimEditorNewline(start, edited);
    const change: StagedChange = {name, type: cur.type, fromVersion: staged?.fromVersion ?? cur.version, before: staged?.before ?? before, after};
    if (after === change.before) {
      s.staged.delete(name);
      s.refreshRows?.();
      return flash(ctx, `${sanitizeText(name)}: no change`);
    }
    if (opts.stage) {
      s.staged.set(name, change);
      s.refreshRows?.();
      return flash(ctx, `staged ${sanitizeText(name)} (${s.staged.size} staged: P reviews and applies them)`);
    }
    confirmChange(ctx, s, change);
  }).catch((e: unknown) => flash(ctx, `could not edit ${sanitizeText(name)}: ${errorText(e)}`, 'error'));
}

/** The change as a diff, and the question before PutParameter. */
export function confirmChange(ctx: ActionContext, s: ParameterSession, change: StagedChange): void {
  const key = `change ${change.name}`;
  s.diffs.set(key, {title: change.name, left: change.fromVersion ? `${change.name} version ${change.fromVersion} (as read)` : `${change.name} (new)`,
    right: 'your change', lines: lineDiff(change.before, change.after), secret: change.type === 'SecureString'});
  ctx.store.getState().push({view: 'parameter-diff', arg: key, scroll: 0});
  const what = change.fromVersion ? `version ${change.fromVersion + 1} of ${sanitizeText(change.name)}` : `new ${change.type} ${sanitizeText(change.name)}`;
  ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: `Write ${what}?`,
    onYes: () => void write(ctx, s, change).then((r) => {
      flash(ctx, r.text, r.ok ? 'info' : 'error');
      if (r.ok) ctx.store.getState().pop();
    })});
}

/** PutParameter, conditional on the version read; a conflict shows the other change. */
export async function write(ctx: ActionContext, s: ParameterSession, c: StagedChange, showTheirs = true): Promise<{ok: boolean; text: string}> {
  const name = sanitizeText(c.name);
  try {
    const out = await s.port.put({name: c.name, value: c.after, type: c.type, overwrite: c.fromVersion > 0, ifVersion: c.fromVersion});
    if (out.kind === 'conflict') {
      const cur = out.current;
      const who = cur ? `version ${cur.version} by ${sanitizeText(modifiedBy(cur.lastModifiedUser)) || 'someone'}` : 'it was deleted';
      if (showTheirs) await showTheirChange(ctx, s, c);
      return {ok: false, text: `${name} NOT written: it changed since you read version ${c.fromVersion} (now ${who}); `
        + (showTheirs ? 'their change is shown' : 'H shows their change')};
    }
    audit(ctx, {action: 'PutParameter', name: c.name, version: out.version, type: c.type, valueDigest: auditDigest(c.after),
      ...(c.fromVersion ? {previousVersion: c.fromVersion} : {})});
    if (s.details.has(c.name)) loadDetail(s, c.name);
    s.refreshRows?.();
    const note = out.interleaved ? ' (another write landed between the check and this one: see the history)' : '';
    return {ok: true, text: `${name} is now version ${out.version}${note}`};
  } catch (e) {
    return {ok: false, text: `${name} NOT written: ${errorText(e)}`};
  }
}

/** What changed since the version the user read: the read value against the current one. */
async function showTheirChange(ctx: ActionContext, s: ParameterSession, c: StagedChange): Promise<void> {
  const key = `theirs ${c.name}`;
  try {
    // The history names who wrote it (GetParameter does not).
    const cur = (await s.port.history(c.name, {decrypt: true})).at(-1);
    if (!cur) throw new Error('it was deleted');
    const now = plainText(cur.value) ?? '';
    s.diffs.set(key, {title: c.name, left: `version ${c.fromVersion} (what you read)`,
      right: `version ${cur.version} by ${modifiedBy(cur.lastModifiedUser) || 'someone'} (theirs, now current)`,
      lines: lineDiff(c.before, now), secret: isSecret(cur)});
  } catch (e) {
    s.diffs.set(key, {title: c.name, left: `version ${c.fromVersion} (what you read)`, right: 'now', note: `could not read the current version: ${errorText(e)}`});
  }
  const top = ctx.store.getState().stack[ctx.store.getState().stack.length - 1];
  // In place of the diff of the change that was refused.
  if (top?.view === 'parameter-diff') ctx.store.getState().pop();
  ctx.store.getState().push({view: 'parameter-diff', arg: key, scroll: 0});
  changed(s);
}

/** Longest value the prompt line edits in place; longer ones go to $EDITOR. */
const INLINE_MAX = 200;

/** Edits a short one-line, non-secret value in the prompt line; anything else goes to $EDITOR. */
export function editInline(ctx: ActionContext, s: ParameterSession, name: string): void {
  s.port.get(name, {decrypt: false}).then((cur) => {
    const before = plainText(cur.value);
    // The prompt shows what is typed: a secret, a multi-line value or one with control characters is not for it.
    if (before === undefined || isSecret(cur)) return flash(ctx, 'a SecureString is edited in $EDITOR (e), not on the screen', 'warn');
    if (before.length > INLINE_MAX || before.includes('\n') || sanitizeText(before) !== before) {
      return flash(ctx, 'this value is long, multi-line or holds control characters: e edits it in $EDITOR', 'warn');
    }
    ctx.store.getState().setPrompt({kind: 'search', text: before, before: '', question: `${sanitizeText(name)} =`, onSubmit: (after) => {
      if (after === before) return flash(ctx, `${sanitizeText(name)}: no change`);
      confirmChange(ctx, s, {name, type: cur.type, fromVersion: cur.version, before, after});
    }});
  }, (e: unknown) => flash(ctx, `could not read ${sanitizeText(name)}: ${errorText(e)}`, 'error'));
}

const TYPES: readonly ParameterType[] = ['String', 'StringList', 'SecureString'];

/** A new parameter: its name, its type, then its value in the editor; written only if the name is still free. */
export function newParameter(ctx: ActionContext, s: ParameterSession, prefix: string): void {
  const st = ctx.store.getState();
  st.setPrompt({kind: 'search', text: prefix, before: '', question: 'New parameter name:', onSubmit: (raw) => {
    const name = raw.trim();
    if (!name || name.endsWith('/')) return flash(ctx, 'a parameter needs a name, e.g. /app/prod/db/host', 'warn');
    ctx.store.getState().setPrompt({kind: 'search', text: 'String', before: '', question: 'Type (String, StringList, SecureString):',
      onSubmit: (t) => {
        const type = TYPES.find((x) => x.toLowerCase() === t.trim().toLowerCase());
        if (!type) return flash(ctx, `not a parameter type: ${sanitizeText(t)} (String, StringList or SecureString)`, 'warn');
        const edit = ctx.services.editText;
        if (!edit) return flash(ctx, 'no editor here', 'warn');
        edit('', name).then((v) => {
          if (v === undefined || v === '' || v === '\n') return flash(ctx, 'no value: nothing written');
          confirmChange(ctx, s, {name, type, fromVersion: 0, before: '', after: trimEditorNewline('', v)});
        }, (e: unknown) => flash(ctx, `the editor failed: ${errorText(e)}`, 'error'));
      }});
  }});
}
