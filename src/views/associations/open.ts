// Opening an association's screens and acting on associations: the detail (loaded once per opening), the execution
// history and its targets, the instances it targets; apply now and delete, each confirmed, refused in read-only mode
// and audited.
import {ASSOCIATION_READ_ONLY, type AssociationDetail, type AssociationSummary} from '../../fleet/associations/association.js';
import {initTable} from '../../fleet/table-model.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {appendAudit} from '../../audit.js';
import {load} from '../pane-loads.js';
import type {ActionContext} from '../view.js';
import {RESOURCE_ID} from './services.js';
import {rememberFleet} from './instances.js';

export const detailKey = (id: string) => `association:${id}`;

export function loadAssociation(ctx: ActionContext, id: string): void {
  const api = ctx.services.associations;
  if (api) void load<AssociationDetail>(ctx.store, RESOURCE_ID, detailKey(id), () => api.describe(id));
}

export function openAssociation(ctx: ActionContext, id: string): void {
  ctx.store.getState().push({view: 'association', arg: id, scroll: 0});
  loadAssociation(ctx, id);
}

export function openExecutions(ctx: ActionContext, id: string): void {
  ctx.store.getState().updateTable('association-executions', () => initTable('created'));
  ctx.store.getState().push({view: 'association-executions', arg: id});
}

export function openInstances(ctx: ActionContext, id: string): void {
  rememberFleet(ctx.services, ctx.store.getState().instances);
  ctx.store.getState().updateTable('association-instances', () => initTable('status'));
  ctx.store.getState().push({view: 'association-instances', arg: id});
}

/** The association's name as the user knows it: its name, else its document and id. */
export const label = (a: {name?: string; documentName: string; associationId: string}) =>
  sanitizeText(a.name ?? `${a.documentName} ${a.associationId.slice(0, 8)}`);

/** Asks, then runs the associations now (StartAssociationsOnce), audited. */
export function applyNow(ctx: ActionContext, chosen: readonly {associationId: string; name?: string; documentName: string}[], after?: () => void): void {
  const s = ctx.store.getState();
  const api = ctx.services.associations;
  if (ctx.readOnly) return s.setFlash({text: ASSOCIATION_READ_ONLY.apply, tone: 'warn'});
  if (!api || chosen.length === 0) return;
  const what = chosen.length === 1 ? label(chosen[0] as AssociationSummary) : `${chosen.length} associations`;
  s.setPrompt({kind: 'confirm', text: '', before: '', question: `Apply ${what} now on every target?`, onYes: () => {
    const ids = chosen.map((a) => a.associationId);
    api.applyNow(ids).then(() => {
      appendAudit({action: 'StartAssociationsOnce', identity: ctx.services.identity ?? 'unknown', associationIds: ids, via: 'dashboard'});
      ctx.store.getState().setFlash({text: `applying ${what} now`, tone: 'info'});
      after?.();
    }, (e: unknown) => ctx.store.getState().setFlash({text: `apply failed: ${errorText(e)}`, tone: 'error'}));
  }});
}

/** Deletes after the user types the association's name (or id), audited. */
export function deleteAssociation(ctx: ActionContext, a: {associationId: string; name?: string; documentName: string}, after?: () => void): void {
  const s = ctx.store.getState();
  const api = ctx.services.associations;
  if (ctx.readOnly) return s.setFlash({text: ASSOCIATION_READ_ONLY.delete, tone: 'warn'});
  if (!api) return;
  const word = a.name ?? a.associationId;
  s.setFlash({text: `Delete ${label(a)}? Type ${sanitizeText(word)} and enter to delete it; esc keeps it`, tone: 'warn'});
  s.setPrompt({kind: 'search', text: '', before: '', onSubmit: (typed) => {
    const st = ctx.store.getState();
    if (typed.trim() !== word) return st.setFlash({text: 'not deleted: the text typed is not its name', tone: 'info'});
    api.delete(a.associationId).then(() => {
      appendAudit({action: 'DeleteAssociation', identity: ctx.services.identity ?? 'unknown', associationId: a.associationId,
        document: a.documentName, via: 'dashboard'});
      ctx.store.getState().setFlash({text: `deleted ${label(a)}`, tone: 'info'});
      after?.();
    }, (e: unknown) => ctx.store.getState().setFlash({text: `delete failed: ${errorText(e)}`, tone: 'error'}));
  }});
}
