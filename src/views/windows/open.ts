// Opening a window's screens and changing windows: the detail (window, targets, tasks and SSM's next runs, loaded
// once per opening), the run history and its tasks and invocations; enable/disable, register targets, register a
// Run Command task — each confirmed, refused in read-only mode and audited with the SSM operation's name.
import {WINDOW_READ_ONLY, parseRunCommandTask, parseWindowTargets} from '../../fleet/windows/window-form.js';
import type {WindowDetail, WindowTargetInfo, WindowTaskInfo} from '../../fleet/windows/window.js';
import {initTable} from '../../fleet/table-model.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {appendAudit, redactParameters} from '../../audit.js';
import {load, loaded} from '../pane-loads.js';
import type {ActionContext} from '../view.js';
import {RESOURCE_ID} from './services.js';

export interface WindowPage {
  readonly window: WindowDetail;
  readonly targets: readonly WindowTargetInfo[];
  readonly tasks: readonly WindowTaskInfo[];
  /** The next openings as SSM computes them (DescribeMaintenanceWindowSchedule). */
  readonly nextRuns: readonly number[];
  /** Each task's parameters, by window task id (a task whose read failed has none). */
  readonly parameters: Readonly<Record<string, Record<string, string[]>>>;
}

export const detailKey = (id: string) => `window:${id}`;

export function loadWindow(ctx: ActionContext, id: string): void {
  const api = ctx.services.windows;
  if (!api) return;
  void load<WindowPage>(ctx.store, RESOURCE_ID, detailKey(id), async () => {
    const [window, targets, tasks, nextRuns] = await Promise.all([api.get(id), api.targets(id), api.tasks(id), api.schedule(id, 3).catch(() => [])]);
    const params = await Promise.all(tasks.map((t) => api.taskParameters(id, t.windowTaskId).catch(() => ({}))));
    return {window, targets, tasks, nextRuns, parameters: Object.fromEntries(tasks.map((t, n) => [t.windowTaskId, params[n] ?? {}]))};
  });
}

export function shownWindow(ctx: ActionContext, id: string | undefined): WindowPage | undefined {
  const e = id ? loaded<WindowPage>(ctx.store, detailKey(id)) : undefined;
  return e?.state === 'ok' ? e.value : undefined;
}

export function openWindow(ctx: ActionContext, id: string): void {
  ctx.store.getState().push({view: 'window', arg: id, scroll: 0});
  loadWindow(ctx, id);
}

export function openExecutions(ctx: ActionContext, id: string): void {
  ctx.store.getState().updateTable('window-executions', () => initTable('started'));
  ctx.store.getState().push({view: 'window-executions', arg: id});
}

const identity = (ctx: ActionContext) => ctx.services.identity ?? 'unknown';
const failed = (ctx: ActionContext, what: string) => (e: unknown) => ctx.store.getState().setFlash({text: `${what} failed: ${errorText(e)}`, tone: 'error'});

/** Asks, then enables or disables the window (UpdateMaintenanceWindow Enabled), audited. */
export function toggleWindow(ctx: ActionContext, w: {windowId: string; name: string; enabled: boolean}, after?: () => void): void {
  const s = ctx.store.getState();
  const api = ctx.services.windows;
  if (ctx.readOnly) return s.setFlash({text: WINDOW_READ_ONLY.toggle, tone: 'warn'});
  if (!api) return;
  const verb = w.enabled ? 'Disable' : 'Enable';
  s.setPrompt({kind: 'confirm', text: '', before: '', question: `${verb} the maintenance window ${sanitizeText(w.name)}?`, onYes: () => {
    api.setEnabled(w.windowId, !w.enabled).then(() => {
      appendAudit({action: 'UpdateMaintenanceWindow', identity: identity(ctx), windowId: w.windowId, enabled: !w.enabled, via: 'dashboard'});
      ctx.store.getState().setFlash({text: `${w.enabled ? 'disabled' : 'enabled'} ${sanitizeText(w.name)}`, tone: 'info'});
      after?.();
    }, failed(ctx, verb.toLowerCase()));
  }});
}

/** Targets from the prompt line (a tag expression or ids; empty: the marked instances), asked, registered, audited. */
export function registerTargets(ctx: ActionContext, page: WindowPage): void {
  const s = ctx.store.getState();
  const api = ctx.services.windows;
  if (ctx.readOnly) return s.setFlash({text: WINDOW_READ_ONLY.target, tone: 'warn'});
  if (!api) return;
  const marked = [...(s.tables.instances?.marks ?? [])];
  s.setFlash({text: `targets: tag:Env=prod tag-key:Team, or instance ids; empty = the ${marked.length} marked instances`, tone: 'info'});
  s.setPrompt({kind: 'search', text: '', before: '', onSubmit: (typed) => {
    const parsed = parseWindowTargets(typed, marked);
    if (!parsed.ok) return ctx.store.getState().setFlash({text: sanitizeText(parsed.error), tone: 'warn'});
    const what = parsed.target.targets.map((t) => `${t.Key}=${t.Values.join(',')}`).join(' ');
    ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: `Register ${sanitizeText(what)} with ${sanitizeText(page.window.name)}?`, onYes: () => {
      api.registerTarget(page.window.windowId, parsed.target).then((targetId) => {
        appendAudit({action: 'RegisterTargetWithMaintenanceWindow', identity: identity(ctx), windowId: page.window.windowId, windowTargetId: targetId,
          targets: parsed.target.targets, via: 'dashboard'});
        ctx.store.getState().setFlash({text: `registered ${sanitizeText(what)}`, tone: 'info'});
        loadWindow(ctx, page.window.windowId);
      }, failed(ctx, 'register targets'));
    }});
  }});
}

/** A Run Command task on every registered target, from `DOCUMENT name=value …`, asked, registered, audited. */
export function registerTask(ctx: ActionContext, page: WindowPage): void {
  const s = ctx.store.getState();
  const api = ctx.services.windows;
  if (ctx.readOnly) return s.setFlash({text: WINDOW_READ_ONLY.task, tone: 'warn'});
  if (!api) return;
  s.setFlash({text: 'task: DOCUMENT [name=value …] [concurrency=10%] [errors=1] [priority=1], e.g. AWS-RunPatchBaseline Operation=Install', tone: 'info'});
  s.setPrompt({kind: 'search', text: '', before: '', onSubmit: (typed) => {
    const parsed = parseRunCommandTask(typed, page.targets.map((t) => t.windowTargetId));
    if (!parsed.ok) return ctx.store.getState().setFlash({text: sanitizeText(parsed.error), tone: 'warn'});
    const t = parsed.task;
    ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: `Register ${sanitizeText(t.documentName)} on the ${page.targets.length} target${
      page.targets.length === 1 ? '' : 's'} of ${sanitizeText(page.window.name)}?`, onYes: () => {
      api.registerRunCommandTask(page.window.windowId, t).then((taskId) => {
        appendAudit({action: 'RegisterTaskWithMaintenanceWindow', identity: identity(ctx), windowId: page.window.windowId, windowTaskId: taskId,
          document: t.documentName, parameters: redactParameters(Object.fromEntries(Object.entries(t.parameters).map(([k, v]) => [k, [...v]]))), via: 'dashboard'});
        ctx.store.getState().setFlash({text: `registered the task ${sanitizeText(t.documentName)}`, tone: 'info'});
        loadWindow(ctx, page.window.windowId);
      }, failed(ctx, 'register task'));
    }});
  }});
}
