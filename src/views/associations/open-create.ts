// Opening the create-association form from a document (`a` in the documents views): on the instances marked in the
// instances table, or a target expression typed in the form; and the same form to edit an association (`E`),
// prefilled from DescribeAssociation.
import {ASSOCIATION_READ_ONLY} from '../../fleet/associations/association.js';
import {editForm, openCreateForm, type CreateForm} from '../../fleet/associations/create-form.js';
import {errorText} from '../../fleet/sanitize.js';
import type {AppStore} from '../../store/store.js';
import {loaded, put} from '../pane-loads.js';
import type {ActionContext} from '../view.js';
import {RESOURCE_ID} from './services.js';

const FORM_KEY = 'association-form';

export function formOf(store: AppStore): CreateForm | undefined {
  const e = loaded<CreateForm>(store, FORM_KEY);
  return e?.state === 'ok' ? e.value : undefined;
}

export function setForm(store: AppStore, form: CreateForm): void {
  put(store, RESOURCE_ID, FORM_KEY, form);
}

/** Why an association cannot be created with this document here, or undefined when it can. */
export function associateRefusal(ctx: ActionContext, doc: {documentType: string} | undefined): string | undefined {
  if (ctx.readOnly) return ASSOCIATION_READ_ONLY.create;
  if (!ctx.services.associations) return 'State Manager is not available here';
  if (doc && doc.documentType !== 'Command' && doc.documentType !== 'Automation') {
    return `associations run Command and Automation documents; this one is ${doc.documentType}`;
  }
  return undefined;
}

export function associateDocument(ctx: ActionContext, name: string, version?: string): void {
  const st = ctx.store.getState().tables.instances;
  const marked = st ? [...st.marks] : [];
  setForm(ctx.store, openCreateForm(name, marked, version));
  ctx.store.getState().push({view: 'association-form', arg: version ? `${name}@${version}` : name});
}

/** Reads the association as it is now and opens the form on it; read-only mode refuses. */
export function editAssociation(ctx: ActionContext, associationId: string): void {
  const s = ctx.store.getState();
  const api = ctx.services.associations;
  if (ctx.readOnly) return s.setFlash({text: ASSOCIATION_READ_ONLY.update, tone: 'warn'});
  if (!api) return;
  s.setFlash({text: 'reading the association…', tone: 'info'});
  api.describe(associationId).then((a) => {
    setForm(ctx.store, editForm(a));
    const st = ctx.store.getState();
    st.setFlash(undefined);
    st.push({view: 'association-form', arg: associationId});
  }, (e: unknown) => ctx.store.getState().setFlash({text: `could not read it: ${errorText(e)}`, tone: 'error'}));
}
