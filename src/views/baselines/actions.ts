// Changing baselines from the dashboard: make one its operating system's default, register and deregister a patch
// group. Each asks first, is refused in read-only mode with the reason, and is audited with its SSM operation name.
import {appendAudit} from '../../audit.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {currentScreen} from '../../store/store.js';
import type {ActionContext} from '../view.js';
import {baselinesChanged} from './changes.js';
import {loadBaseline} from './open.js';
import {groupRefusal, setDefaultRefusal} from './refusals.js';

type Named = {baselineId: string; name: string; operatingSystem: string; defaultBaseline?: boolean};


function audit(ctx: ActionContext, action: string, fields: Record<string, unknown>): void {
  appendAudit({action, identity: ctx.services.identity ?? 'unknown', ...fields, via: 'dashboard'});
}

/** After a change: the table refreshes, and the detail reloads when it shows this baseline. */
function changed(ctx: ActionContext, id: string, text: string): void {
  const s = ctx.store.getState();
  s.setFlash({text, tone: 'info'});
  baselinesChanged(ctx.services);
  if (currentScreen(s).view === 'baseline' && currentScreen(s).arg === id) loadBaseline(ctx, id);
}

const failed = (ctx: ActionContext, what: string) => (e: unknown) =>
  ctx.store.getState().setFlash({text: `${what} failed: ${errorText(e)}`, tone: 'error'});

export function setDefault(ctx: ActionContext, b: Named): void {
  const s = ctx.store.getState();
  const why = setDefaultRefusal(ctx);
  if (why) return s.setFlash({text: why, tone: 'warn'});
  if (b.defaultBaseline) return s.setFlash({text: `${sanitizeText(b.name)} is already the default for ${b.operatingSystem}`, tone: 'info'});
  const api = ctx.services.baselines;
  if (!api) return;
  s.setPrompt({kind: 'confirm', text: '', before: '', question: `Make ${sanitizeText(b.name)} the default baseline for ${b.operatingSystem}?`, onYes: () => {
    api.setDefault(b.baselineId).then(() => {
      audit(ctx, 'RegisterDefaultPatchBaseline', {baselineId: b.baselineId, operatingSystem: b.operatingSystem});
      changed(ctx, b.baselineId, `${sanitizeText(b.name)} is now the default for ${b.operatingSystem}`);
    }, failed(ctx, 'set default'));
  }});
}

const GROUP = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u;

export function registerGroup(ctx: ActionContext, b: Named): void {
  const s = ctx.store.getState();
  const why = groupRefusal(ctx);
  if (why) return s.setFlash({text: why, tone: 'warn'});
  const api = ctx.services.baselines;
  if (!api) return;
  s.setFlash({text: `patch group to register with ${sanitizeText(b.name)} (the value of the instances' Patch Group tag)`, tone: 'info'});
  s.setPrompt({kind: 'search', text: '', before: '', onSubmit: (typed) => {
    const group = typed.trim();
    if (!GROUP.test(group)) return ctx.store.getState().setFlash({text: 'a patch group is 1 to 256 letters, digits, spaces or _ . : / = + - @', tone: 'warn'});
    ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: `Register patch group ${sanitizeText(group)} with ${sanitizeText(b.name)}?`, onYes: () => {
      api.registerPatchGroup(b.baselineId, group).then(() => {
        audit(ctx, 'RegisterPatchBaselineForPatchGroup', {baselineId: b.baselineId, patchGroup: group});
        changed(ctx, b.baselineId, `patch group ${sanitizeText(group)} now uses ${sanitizeText(b.name)}`);
      }, failed(ctx, 'register'));
    }});
  }});
}

export function deregisterGroup(ctx: ActionContext, b: Named, groups: readonly string[]): void {
  const s = ctx.store.getState();
  const why = groupRefusal(ctx);
  if (why) return s.setFlash({text: why, tone: 'warn'});
  const api = ctx.services.baselines;
  if (!api) return;
  if (groups.length === 0) return s.setFlash({text: `${sanitizeText(b.name)} has no patch group`, tone: 'info'});
  s.setFlash({text: `patch group to deregister: ${sanitizeText(groups.join(', '))}`, tone: 'info'});
  s.setPrompt({kind: 'search', text: groups.length === 1 ? groups[0] ?? '' : '', before: '', onSubmit: (typed) => {
    const group = typed.trim();
    if (!groups.includes(group)) return ctx.store.getState().setFlash({text: `not deregistered: ${sanitizeText(b.name)} has no patch group "${sanitizeText(group)}"`, tone: 'warn'});
    ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: `Deregister patch group ${sanitizeText(group)} from ${sanitizeText(b.name)}? Its instances fall back to the default baseline`, onYes: () => {
      api.deregisterPatchGroup(b.baselineId, group).then(() => {
        audit(ctx, 'DeregisterPatchBaselineForPatchGroup', {baselineId: b.baselineId, patchGroup: group});
        changed(ctx, b.baselineId, `patch group ${sanitizeText(group)} deregistered from ${sanitizeText(b.name)}`);
      }, failed(ctx, 'deregister'));
    }});
  }});
}
