// Opening a baseline's screens: the detail (the baseline and the instances that use it, loaded once per opening) and
// the create / edit-rules form.
import {editBaselineForm, newBaselineForm, type BaselineForm} from '../../fleet/baselines/baseline-form.js';
import type {BaselineDetail} from '../../fleet/baselines/port.js';
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {errorText} from '../../fleet/sanitize.js';
import type {AppStore} from '../../store/store.js';
import {load, loaded, put} from '../pane-loads.js';
import type {ActionContext} from '../view.js';
import {RESOURCE_ID} from './services.js';
import {loadUsage, type BaselineUsage} from '../../fleet/baselines/usage.js';
import {createRefusal, editRefusal} from './refusals.js';

export const detailKey = (id: string) => `baseline:${id}`;
export const usageKey = (id: string) => `baseline-usage:${id}`;
const FORM_KEY = 'baseline-form';

export function loadBaseline(ctx: ActionContext, id: string): void {
  const api = ctx.services.baselines;
  if (!api) return;
  const compliance = ctx.services.compliance;
  const patchStates = compliance && ((ids: readonly string[], signal?: AbortSignal) => compliance.patchStates(ids, signal));
  // A default baseline's nodes are found by their platform and tags: the whole fleet, read now (the table's copy may
  // be a first page without tags when the instances view was left while loading). The table says whether it is a
  // default, so that read starts with the baseline's.
  const row = (ctx.store.getState().tables.baselines?.rows as readonly {baselineId: string; defaultBaseline: boolean}[] | undefined)
    ?.find((r) => r.baselineId === id);
  let fleet: Promise<readonly ManagedInstance[]> | undefined;
  const fleetRead = () => (fleet ??= ctx.services.loadFleet({}));
  if (row?.defaultBaseline) fleetRead().catch(() => undefined);
  void load<BaselineDetail>(ctx.store, RESOURCE_ID, detailKey(id), () => api.get(id)).then((b) => {
    if (b) {
      void load<BaselineUsage>(ctx.store, RESOURCE_ID, usageKey(id), () =>
        loadUsage(patchStates, api, b, b.defaultBaseline ? fleetRead() : []));
    }
  });
}

export function openBaseline(ctx: ActionContext, id: string): void {
  ctx.store.getState().push({view: 'baseline', arg: id, scroll: 0});
  loadBaseline(ctx, id);
}

export function formOf(store: AppStore): BaselineForm | undefined {
  const e = loaded<BaselineForm>(store, FORM_KEY);
  return e?.state === 'ok' ? e.value : undefined;
}

export function setForm(store: AppStore, form: BaselineForm): void {
  put(store, RESOURCE_ID, FORM_KEY, form);
}

export function openCreateForm(ctx: ActionContext): void {
  const why = createRefusal(ctx);
  if (why) return ctx.store.getState().setFlash({text: why, tone: 'warn'});
  setForm(ctx.store, newBaselineForm());
  ctx.store.getState().push({view: 'baseline-form', arg: 'new'});
}

/** The form on the baseline as it is now (read again: the table's copy may be old). */
export function openEditForm(ctx: ActionContext, id: string): void {
  const why = editRefusal(ctx);
  if (why) return ctx.store.getState().setFlash({text: why, tone: 'warn'});
  const api = ctx.services.baselines;
  if (!api) return;
  api.get(id).then((b) => {
    if (b.baselineId.startsWith('arn:')) {
      ctx.store.getState().setFlash({text: `${b.name} is AWS's: its rules cannot change (create your own from it)`, tone: 'warn'});
      return;
    }
    setForm(ctx.store, editBaselineForm(b));
    ctx.store.getState().push({view: 'baseline-form', arg: id});
  }, (e: unknown) => ctx.store.getState().setFlash({text: `could not read it: ${errorText(e)}`, tone: 'error'}));
}
