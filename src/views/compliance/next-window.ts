// "Install in the next window": instead of patching now, the marked instances (or the one under the cursor) are
// registered with an enabled maintenance window as its targets, with an AWS-RunPatchBaseline Install task on them,
// so the install runs when the window opens. A small picker lists the enabled windows by their next run; the
// confirmation shows when that is; read-only refuses; both registrations are audited under their SSM operation.
import {appendAudit} from '../../audit.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {WINDOW_READ_ONLY} from '../../fleet/windows/window-form.js';
import type {WindowSummary} from '../../fleet/windows/window.js';
import type {ActionContext} from '../view.js';
import {nextRunOf} from '../windows/rows.js';
import {nextRunText} from '../windows/windows-view.js';
import '../windows/services.js';
import {PATCH_PRESET} from './remediate.js';

/** The picker's choices: enabled windows that will open again, soonest first. */
export function windowChoices(windows: readonly WindowSummary[], now: number): {window: WindowSummary; next: number}[] {
  return windows.flatMap((w) => {
    const next = nextRunOf(w, now);
    return next === undefined ? [] : [{window: w, next}];
  }).sort((a, b) => a.next - b.next);
}

/** Asks which window (by number or name), then confirms and registers the instances and an Install task with it. */
export function patchInNextWindow(ctx: ActionContext, ids: readonly string[]): void {
  const s = ctx.store.getState();
  const api = ctx.services.windows;
  if (ctx.readOnly) return s.setFlash({text: WINDOW_READ_ONLY.task, tone: 'warn'});
  if (!api) return s.setFlash({text: 'maintenance windows are not available here', tone: 'warn'});
  if (ids.length === 0) return s.setFlash({text: 'nothing selected', tone: 'warn'});
  api.list().then((all) => {
    const now = Date.now();
    const choices = windowChoices(all, now);
    if (choices.length === 0) return ctx.store.getState().setFlash({text: 'no enabled maintenance window will open again: create one in :windows', tone: 'warn'});
    const listed = choices.slice(0, 9).map((c, n) => `${n + 1} ${sanitizeText(c.window.name)} (${nextRunText(c.next, now)})`).join(' · ');
    ctx.store.getState().setFlash({text: `install in which window? ${listed}`, tone: 'info'});
    ctx.store.getState().setPrompt({kind: 'search', text: '', before: '', onSubmit: (typed) => {
      const t = typed.trim();
      const picked = /^\d+$/.test(t) ? choices[Number(t) - 1] : choices.find((c) => c.window.name === t);
      if (!picked) return ctx.store.getState().setFlash({text: `no window ${sanitizeText(t)} in the list`, tone: 'warn'});
      confirmAndRegister(ctx, ids, picked.window, picked.next);
    }});
  }, (e: unknown) => ctx.store.getState().setFlash({text: `list maintenance windows failed: ${errorText(e)}`, tone: 'error'}));
}

function confirmAndRegister(ctx: ActionContext, ids: readonly string[], w: WindowSummary, next: number): void {
  const api = ctx.services.windows;
  if (!api) return;
  const identity = ctx.services.identity ?? 'unknown';
  const {Operation, RebootOption} = PATCH_PRESET.parameters;
  const count = `${ids.length} instance${ids.length === 1 ? '' : 's'}`;
  ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '', question:
    `Install patches (AWS-RunPatchBaseline ${Operation}, ${RebootOption}) on ${count} in ${sanitizeText(w.name)}, next run ${nextRunText(next, Date.now())}?`,
  onYes: () => {
    void (async () => {
      const targets = [{Key: 'InstanceIds', Values: [...ids]}];
      const windowTargetId = await api.registerTarget(w.windowId, {targets, resourceType: 'INSTANCE', name: 'fleetdeck-patch'});
      appendAudit({action: 'RegisterTargetWithMaintenanceWindow', identity, windowId: w.windowId, windowTargetId, targets, via: 'dashboard'});
      const parameters = {Operation: [Operation], RebootOption: [RebootOption]};
      const windowTaskId = await api.registerRunCommandTask(w.windowId, {documentName: PATCH_PRESET.document, name: 'fleetdeck-patch-install',
        targets: [{Key: 'WindowTargetIds', Values: [windowTargetId]}], parameters, maxConcurrency: '10%', maxErrors: '10%'});
      appendAudit({action: 'RegisterTaskWithMaintenanceWindow', identity, windowId: w.windowId, windowTaskId, document: PATCH_PRESET.document,
        parameters, via: 'dashboard'});
      ctx.store.getState().setFlash({text: `${count} will install patches in ${sanitizeText(w.name)}`, tone: 'info'});
    })().catch((e: unknown) => ctx.store.getState().setFlash({text: `register with the window failed: ${errorText(e)}`, tone: 'error'}));
  }});
}
