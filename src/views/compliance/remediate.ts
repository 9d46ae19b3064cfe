// From finding to fix: the marked instances (or the one under the cursor) into the Run Command form, prefilled with
// AWS-RunPatchBaseline Install (or Scan). The same form, confirmation and audit as any run.
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {openRunForm} from '../../fleet/run-command/run-form.js';
import {readOnlyRefusal} from '../../fleet/read-only.js';
import type {ActionContext} from '../view.js';

export const PATCH_PRESET = {document: 'AWS-RunPatchBaseline', parameters: {Operation: 'Install', RebootOption: 'RebootIfNeeded'}} as const;
/** Scan only: reports what is missing against the baseline, installs nothing. */
export const SCAN_PRESET = {document: 'AWS-RunPatchBaseline', parameters: {Operation: 'Scan'}} as const;

export const readOnlyReason = (ctx: ActionContext): string | undefined =>
  readOnlyRefusal('run', {readOnly: ctx.readOnly, allowForwards: false});

/** Marked row ids of a table, else the cursor row's id. */
export function chosenIds<T>(ctx: ActionContext, viewId: string, rowId: (row: T) => string): string[] {
  const st = ctx.store.getState().tables[viewId];
  if (!st) return [];
  if (st.marks.size) return [...st.marks];
  const row = st.visible[st.cursor] as T | undefined;
  return row ? [rowId(row)] : [];
}

/**
 * Open the Run Command form on these instance ids. Targets are the fleet's ManagedInstance records; ids the fleet
 * does not list (stopped, terminated, deregistered) cannot be targeted, and the flash says how many were left out.
 */
export function openRunFor(ctx: ActionContext, ids: readonly string[], preset?: Parameters<typeof openRunForm>[1]): void {
  const s = ctx.store.getState();
  const wanted = new Set(ids);
  const targets: ManagedInstance[] = s.instances.filter((i) => wanted.has(i.instanceId));
  if (targets.length === 0) {
    s.setFlash({text: ids.length ? 'none of these instances is in the managed fleet (stopped or deregistered?)' : 'nothing selected', tone: 'warn'});
    return;
  }
  s.setRunForm(openRunForm(targets, preset));
  const left = ids.length - targets.length;
  if (left > 0) s.setFlash({text: `${left} instance${left === 1 ? ' is' : 's are'} not in the managed fleet and left out`, tone: 'warn'});
}
