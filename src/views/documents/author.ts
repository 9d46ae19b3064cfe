// Authoring documents: a new document or a new version written in $EDITOR, checked before it is sent (each problem
// on its line, in the draft pane), then sent after a question; the default version, sharing with accounts and
// deleting (typing the name). Every change is refused in read-only mode and audited.
import {createHash} from 'node:crypto';
import {COMMAND_TEMPLATE, formatOf, validateDocument, type ContentProblem} from '../../fleet/documents/validate.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {appendAudit} from '../../audit.js';
import {currentScreen} from '../../store/store.js';
import {loaded, put} from '../pane-loads.js';
import type {ActionContext} from '../view.js';
import {loadDetail, openDocument} from './open.js';
import {RESOURCE_ID} from './services.js';

export const DOCUMENT_READ_ONLY = 'read-only mode: document changes are off';

export interface Draft {
  readonly mode: 'create' | 'update';
  readonly name: string;
  readonly documentType: string;
  readonly text: string;
  readonly problems: readonly ContentProblem[];
}

const DRAFT_KEY = 'document-draft';
const NAME = /^[a-zA-Z0-9_\-.]{3,128}$/;

export function draftOf(ctx: Pick<ActionContext, 'store'>): Draft | undefined {
  const e = loaded<Draft>(ctx.store, DRAFT_KEY);
  return e?.state === 'ok' ? e.value : undefined;
}

const audit = (ctx: ActionContext, action: string, fields: Record<string, unknown>) =>
  appendAudit({action, identity: ctx.services.identity ?? 'unknown', ...fields, via: 'dashboard'});
const failed = (ctx: ActionContext, what: string) => (e: unknown) => ctx.store.getState().setFlash({text: `${what} failed: ${errorText(e)}`, tone: 'error'});

/** Why this document cannot be changed here, or undefined. */
export function changeRefusal(ctx: ActionContext, doc?: {ownership: string}): string | undefined {
  if (ctx.readOnly) return DOCUMENT_READ_ONLY;
  if (doc && doc.ownership !== 'mine') return 'only this account\'s documents can be changed (create your own from it: c)';
  return undefined;
}

/** Opens the text in $EDITOR, checks what comes back and shows it in the draft pane. */
export function editDraft(ctx: ActionContext, draft: Omit<Draft, 'problems'>): void {
  const s = ctx.store.getState();
  const edit = ctx.services.editText;
  if (!edit) return s.setFlash({text: 'editing needs the terminal ($VISUAL or $EDITOR)', tone: 'warn'});
  edit(draft.text, `${draft.name}.${formatOf(draft.text) === 'JSON' ? 'json' : 'yaml'}`).then((text) => {
    if (text === undefined) return ctx.store.getState().setFlash({text: 'the editor quit without saving: nothing sent', tone: 'info'});
    put(ctx.store, RESOURCE_ID, DRAFT_KEY, {...draft, text, problems: validateDocument(text, draft.documentType)});
    const top = currentScreen(ctx.store.getState());
    if (top.view !== 'document-draft') ctx.store.getState().push({view: 'document-draft', arg: draft.name, scroll: 0});
  }, failed(ctx, 'the editor'));
}

export function authorNew(ctx: ActionContext): void {
  const s = ctx.store.getState();
  const refused = changeRefusal(ctx);
  if (refused) return s.setFlash({text: refused, tone: 'warn'});
  s.setFlash({text: 'new Command document: its name (3 to 128 letters, digits, _ - .), then $EDITOR opens', tone: 'info'});
  s.setPrompt({kind: 'search', text: '', before: '', onSubmit: (typed) => {
    const name = typed.trim();
    if (!NAME.test(name) || /^(aws|amazon|amzn)/i.test(name)) {
      return ctx.store.getState().setFlash({text: `"${sanitizeText(name)}" is not a document name of yours (3 to 128 letters, digits, _ - .; not aws…, amazon…)`, tone: 'warn'});
    }
    editDraft(ctx, {mode: 'create', name, documentType: 'Command', text: COMMAND_TEMPLATE});
  }});
}

export function authorVersion(ctx: ActionContext, doc: {name: string; ownership: string; documentType: string}): void {
  const refused = changeRefusal(ctx, doc);
  const api = ctx.services.documents;
  if (refused) return ctx.store.getState().setFlash({text: refused, tone: 'warn'});
  if (!api) return;
  api.content(doc.name, '$LATEST').then((c) => editDraft(ctx, {mode: 'update', name: doc.name, documentType: doc.documentType, text: c.content}),
    failed(ctx, 'reading the latest version'));
}

/** Sends the checked draft after a question, then opens the version it made. */
export function sendDraft(ctx: ActionContext): void {
  const s = ctx.store.getState();
  const d = draftOf(ctx);
  const api = ctx.services.documents;
  if (ctx.readOnly) return s.setFlash({text: DOCUMENT_READ_ONLY, tone: 'warn'});
  if (!d || !api) return;
  if (d.problems.length) return s.setFlash({text: `fix the ${d.problems.length} problem${d.problems.length === 1 ? '' : 's'} first (e edits)`, tone: 'warn'});
  const format = formatOf(d.text);
  const question = d.mode === 'create' ? `Create the ${d.documentType} document ${sanitizeText(d.name)}?` : `Add a new version to ${sanitizeText(d.name)}?`;
  s.setPrompt({kind: 'confirm', text: '', before: '', question, onYes: () => {
    const sent = d.mode === 'create' ? api.create({name: d.name, content: d.text, format, documentType: d.documentType}) : api.update(d.name, d.text, format);
    sent.then((made) => {
      audit(ctx, d.mode === 'create' ? 'CreateDocument' : 'UpdateDocument', {name: d.name, version: made.version,
        sha256: createHash('sha256').update(d.text).digest('hex')});
      const st = ctx.store.getState();
      st.pop();
      st.setFlash({text: `${sanitizeText(d.name)} version ${sanitizeText(made.version)} ${d.mode === 'create' ? 'created' : 'added (not the default yet: s in the versions)'}`, tone: 'info'});
      openDocument(ctx, d.name, made.version);
    }, failed(ctx, d.mode === 'create' ? 'CreateDocument' : 'UpdateDocument'));
  }});
}

export function setDefaultVersion(ctx: ActionContext, name: string, version: string): void {
  const s = ctx.store.getState();
  const api = ctx.services.documents;
  if (ctx.readOnly) return s.setFlash({text: DOCUMENT_READ_ONLY, tone: 'warn'});
  if (!api) return;
  s.setPrompt({kind: 'confirm', text: '', before: '', question: `Make version ${sanitizeText(version)} the default of ${sanitizeText(name)}? Associations on the default version run it`,
    onYes: () => api.setDefaultVersion(name, version).then(() => {
      audit(ctx, 'UpdateDocumentDefaultVersion', {name, version});
      ctx.store.getState().setFlash({text: `version ${sanitizeText(version)} is the default of ${sanitizeText(name)}`, tone: 'info'});
    }, failed(ctx, 'UpdateDocumentDefaultVersion'))});
}

/** `+id -id all -all` → who to add and remove; account ids are 12 digits. */
export function parseSharing(text: string): {ok: true; add: string[]; remove: string[]} | {ok: false; error: string} {
  const add: string[] = [];
  const remove: string[] = [];
  for (const word of text.split(/[\s,]+/).filter(Boolean)) {
    const off = word.startsWith('-');
    const id = word.replace(/^[+-]/, '');
    if (!/^([0-9]{12}|all)$/i.test(id)) return {ok: false, error: `"${word}" is not an account id (12 digits) or all`};
    (off ? remove : add).push(id.toLowerCase());
  }
  if (add.length + remove.length === 0) return {ok: false, error: 'nothing to change'};
  return {ok: true, add, remove};
}

export function share(ctx: ActionContext, doc: {name: string; ownership: string}): void {
  const s = ctx.store.getState();
  const refused = changeRefusal(ctx, doc);
  const api = ctx.services.documents;
  if (refused) return s.setFlash({text: refused, tone: 'warn'});
  if (!api) return;
  s.setFlash({text: 'share: +ACCOUNT adds, -ACCOUNT removes (12 digits; all = public)', tone: 'info'});
  s.setPrompt({kind: 'search', text: '', before: '', onSubmit: (typed) => {
    const p = parseSharing(typed);
    if (!p.ok) return ctx.store.getState().setFlash({text: sanitizeText(p.error), tone: 'warn'});
    const words = [...p.add.map((a) => `share with ${a}`), ...p.remove.map((r) => `stop sharing with ${r}`)].join(', ');
    ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: `${sanitizeText(doc.name)}: ${words}?`, onYes: () =>
      api.share(doc.name, p.add, p.remove).then(() => {
        audit(ctx, 'ModifyDocumentPermission', {name: doc.name, added: p.add, removed: p.remove});
        ctx.store.getState().setFlash({text: `${sanitizeText(doc.name)}: sharing changed`, tone: 'info'});
        const top = currentScreen(ctx.store.getState());
        if (top.view === 'document' && top.arg) loadDetail(ctx, top.arg);
      }, failed(ctx, 'ModifyDocumentPermission'))});
  }});
}

export function deleteDocument(ctx: ActionContext, doc: {name: string; ownership: string}, after?: () => void): void {
  const s = ctx.store.getState();
  const refused = changeRefusal(ctx, doc);
  const api = ctx.services.documents;
  if (refused) return s.setFlash({text: refused, tone: 'warn'});
  if (!api) return;
  s.setFlash({text: `Delete ${sanitizeText(doc.name)} and every version? Type its name and enter; esc keeps it`, tone: 'warn'});
  s.setPrompt({kind: 'search', text: '', before: '', onSubmit: (typed) => {
    if (typed.trim() !== doc.name) return ctx.store.getState().setFlash({text: 'not deleted: the text typed is not its name', tone: 'info'});
    api.delete(doc.name).then(() => {
      audit(ctx, 'DeleteDocument', {name: doc.name});
      ctx.store.getState().setFlash({text: `deleted ${sanitizeText(doc.name)}`, tone: 'info'});
      after?.();
    }, failed(ctx, 'DeleteDocument'));
  }});
}
