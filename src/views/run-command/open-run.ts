// Opening the Run Command form on the instances table's selection: the marked instances (saying how many of them
// the filter hides), else the one under the cursor. Marks in a read-only context refuse the run at once.
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {openRunForm} from '../../fleet/run-command/run-form.js';
import {readOnlyContextRefusal} from '../../fleet/run-command/run-contexts.js';
import type {AppStore} from '../../store/store.js';
import type {ActionContext, Services} from '../view.js';
import {readOnlyRefusal} from '../../fleet/read-only.js';
import {contextsOf} from './run-where.js';

/** The marked instances, else the one under the cursor. */
function selection(store: AppStore): readonly ManagedInstance[] {
  const st = store.getState().tables.instances;
  if (!st) return [];
  const marked = (st.rows as readonly ManagedInstance[]).filter((i) => st.marks.has(i.instanceId));
  const cursor = st.visible[st.cursor] as ManagedInstance | undefined;
  return marked.length ? marked : cursor ? [cursor] : [];
}

/**
 * Why `r` is refused on the instances table: read-only mode, or (the row under the cursor being in a read-only
 * context) the read-only contexts among the selection, named with what to unmark.
 */
export function runRefusal(ctx: ActionContext): string | undefined {
  const refused = readOnlyRefusal('run', {readOnly: ctx.readOnly, allowForwards: false});
  if (!refused) return undefined;
  return readOnlyContextRefusal(contextsOf(ctx.services, selection(ctx.store))) ?? refused;
}

export function openRunOnSelection(store: AppStore, services?: Services): void {
  const st = store.getState().tables.instances;
  if (!st) return;
  const marked = (st.rows as readonly ManagedInstance[]).filter((i) => st.marks.has(i.instanceId));
  const refusal = services && marked.length ? readOnlyContextRefusal(contextsOf(services, marked)) : undefined;
  if (refusal) return store.getState().setFlash({text: refusal, tone: 'warn'});
  if (marked.length) {
    const visible = new Set((st.visible as readonly ManagedInstance[]).map((i) => i.instanceId));
    const hidden = marked.filter((i) => !visible.has(i.instanceId)).map((i) => i.instanceId);
    store.getState().setRunForm(openRunForm(marked, {}, {kind: 'marked',
      ...(hidden.length ? {hiddenByFilter: {ids: hidden, filter: st.appliedFilter}} : {})}));
    return;
  }
  const cursor = st.visible[st.cursor] as ManagedInstance | undefined;
  store.getState().setRunForm(openRunForm(cursor ? [cursor] : [], {}, {kind: 'cursor'}));
}
