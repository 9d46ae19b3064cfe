// Opening an OpsItem (GetOpsItem, loaded once per opening) and changing it: set the status, add a note — each asked,
// refused in read-only mode and audited as UpdateOpsItem; a related instance opens in the instances view filtered on
// it, an associated runbook in the Automation view's start form.
import {WORKFLOW_STATUSES, associatedRunbooks, instanceIdOfArn, relatedResourceArns, statusLabel, type OpsItem} from '../../fleet/opsitems/opsitem.js';
import {setFilter} from '../../fleet/table-model.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {appendAudit} from '../../audit.js';
import {load, loaded} from '../pane-loads.js';
import type {ActionContext} from '../view.js';
import {instancesView} from '../instances/instances-view.js';
import {openStartForm} from '../automation/open-form.js';
import {OPSITEMS_READ_ONLY, RESOURCE_ID} from './services.js';

export const detailKey = (id: string) => `opsitem:${id}`;

export function loadOpsItem(ctx: ActionContext, id: string): void {
  const api = ctx.services.opsItems;
  if (api) void load<OpsItem>(ctx.store, RESOURCE_ID, detailKey(id), () => api.get(id));
}

export function shownOpsItem(ctx: ActionContext, id: string | undefined): OpsItem | undefined {
  const e = id ? loaded<OpsItem>(ctx.store, detailKey(id)) : undefined;
  return e?.state === 'ok' ? e.value : undefined;
}

export function openOpsItem(ctx: ActionContext, id: string): void {
  ctx.store.getState().push({view: 'opsitem', arg: id, scroll: 0});
  loadOpsItem(ctx, id);
}

const identity = (ctx: ActionContext) => ctx.services.identity ?? 'unknown';
const failed = (ctx: ActionContext, what: string) => (e: unknown) => ctx.store.getState().setFlash({text: `${what} failed: ${errorText(e)}`, tone: 'error'});

/** The open detail reads the item again. */
function changed(ctx: ActionContext, id: string): void {
  if (loaded(ctx.store, detailKey(id))) loadOpsItem(ctx, id);
}

/** Asks, then sets the status (UpdateOpsItem Status), audited. */
export function setStatus(ctx: ActionContext, o: {opsItemId: string; title: string}, status: string, after?: () => void): void {
  const s = ctx.store.getState();
  const api = ctx.services.opsItems;
  if (ctx.readOnly) return s.setFlash({text: OPSITEMS_READ_ONLY, tone: 'warn'});
  if (!api) return;
  s.setPrompt({kind: 'confirm', text: '', before: '', question: `Set ${o.opsItemId} (${sanitizeText(o.title)}) to ${statusLabel(status)}?`, onYes: () => {
    api.update(o.opsItemId, {status}).then(() => {
      appendAudit({action: 'UpdateOpsItem', identity: identity(ctx), opsItemId: o.opsItemId, status, via: 'dashboard'});
      ctx.store.getState().setFlash({text: `${o.opsItemId} is ${statusLabel(status)}`, tone: 'info'});
      changed(ctx, o.opsItemId);
      after?.();
    }, failed(ctx, 'set status'));
  }});
}

/** The status from the prompt line: open, inprogress or resolved. */
export function askStatus(ctx: ActionContext, o: {opsItemId: string; title: string}, after?: (status: string) => void): void {
  const s = ctx.store.getState();
  if (ctx.readOnly) return s.setFlash({text: OPSITEMS_READ_ONLY, tone: 'warn'});
  s.setFlash({text: `status: ${WORKFLOW_STATUSES.join(', ')}`, tone: 'info'});
  s.setPrompt({kind: 'search', text: '', before: '', onSubmit: (typed) => {
    const status = WORKFLOW_STATUSES.find((w) => w.toLowerCase() === typed.trim().toLowerCase().replace(/[\s_-]/g, ''));
    if (!status) return ctx.store.getState().setFlash({text: `not a status: ${sanitizeText(typed)} (${WORKFLOW_STATUSES.join(', ')})`, tone: 'warn'});
    setStatus(ctx, o, status, () => after?.(status));
  }});
}

/**
 * A note from the prompt line, kept as an operational data entry `note-<ISO time>` (String, not searchable):
 * UpdateOpsItem has no notes field, and operational data is where AWS documents free-form details
 * (troubleshooting tips, error strings). Asked, audited (without the note's text).
 */
export function addNote(ctx: ActionContext, o: {opsItemId: string; title: string}): void {
  const s = ctx.store.getState();
  const api = ctx.services.opsItems;
  if (ctx.readOnly) return s.setFlash({text: OPSITEMS_READ_ONLY, tone: 'warn'});
  if (!api) return;
  s.setFlash({text: 'note: one line, kept in the operational data', tone: 'info'});
  s.setPrompt({kind: 'search', text: '', before: '', onSubmit: (typed) => {
    const note = typed.trim();
    if (!note) return;
    const key = `note-${new Date().toISOString()}`;
    ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: `Add the note to ${o.opsItemId}?`, onYes: () => {
      api.update(o.opsItemId, {operationalData: {[key]: {value: note, type: 'String'}}}).then(() => {
        appendAudit({action: 'UpdateOpsItem', identity: identity(ctx), opsItemId: o.opsItemId, operationalDataKeys: [key], via: 'dashboard'});
        ctx.store.getState().setFlash({text: `added a note to ${o.opsItemId}`, tone: 'info'});
        changed(ctx, o.opsItemId);
      }, failed(ctx, 'add note'));
    }});
  }});
}

/** Picks the nth of several (asked in the prompt line), or the only one. */
function pick<T>(ctx: ActionContext, items: readonly T[], what: string, then: (item: T) => void): void {
  const s = ctx.store.getState();
  if (items.length === 0) return s.setFlash({text: `no ${what}`, tone: 'warn'});
  if (items.length === 1) return then(items[0] as T);
  s.setFlash({text: `${what}: 1 to ${items.length}`, tone: 'info'});
  s.setPrompt({kind: 'search', text: '', before: '', onSubmit: (typed) => {
    const item = items[Number(typed.trim()) - 1];
    if (item === undefined) return ctx.store.getState().setFlash({text: `not 1 to ${items.length}`, tone: 'warn'});
    then(item);
  }});
}

export function relatedInstances(item: OpsItem): string[] {
  return relatedResourceArns(item.operationalData).flatMap((a) => {
    const id = instanceIdOfArn(a);
    return id === undefined ? [] : [id];
  });
}

/** The instances view, filtered on a related instance. */
export function openRelatedInstance(ctx: ActionContext, item: OpsItem): void {
  pick(ctx, relatedInstances(item), 'related instance', (id) => {
    const s = ctx.store.getState();
    s.navigate({view: 'instances'});
    s.updateTable('instances', (st) => setFilter(instancesView.table, st as never, id) as never);
    if (s.instances.length > 0 && !s.instances.some((i) => i.instanceId === id)) {
      s.setFlash({text: `${id} is not a managed instance now (stopped, terminated or not registered)`, tone: 'warn'});
    }
  });
}

/** The Automation view's start form for an associated runbook. */
export function startRunbook(ctx: ActionContext, item: OpsItem): void {
  pick(ctx, associatedRunbooks(item.operationalData), 'associated runbook', (r) => openStartForm(ctx, r.automationId));
}
