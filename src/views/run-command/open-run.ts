// Opening the Run Command form on the instances table's selection: the marked instances (saying how many of them
// the filter hides), else the one under the cursor.
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {openRunForm} from '../../fleet/run-command/run-form.js';
import type {AppStore} from '../../store/store.js';

export function openRunOnSelection(store: AppStore): void {
  const st = store.getState().tables.instances;
  if (!st) return;
  const marked = (st.rows as readonly ManagedInstance[]).filter((i) => st.marks.has(i.instanceId));
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
