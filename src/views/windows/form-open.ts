// Opening the window form: empty for a new window, or filled from an existing one (read first) to edit it.
import {WINDOW_READ_ONLY, editWindowForm, newWindowForm, type WindowForm} from '../../fleet/windows/window-form.js';
import {errorText} from '../../fleet/sanitize.js';
import type {AppStore} from '../../store/store.js';
import {loaded, put} from '../pane-loads.js';
import type {ActionContext} from '../view.js';
import {RESOURCE_ID} from './services.js';

const FORM_KEY = 'window-form';

export function formOf(store: AppStore): WindowForm | undefined {
  const e = loaded<WindowForm>(store, FORM_KEY);
  return e?.state === 'ok' ? e.value : undefined;
}

export function setForm(store: AppStore, form: WindowForm): void {
  put(store, RESOURCE_ID, FORM_KEY, form);
}

/** A new window's form, or (with an id) the form of that window as SSM has it now. */
export function openWindowForm(ctx: ActionContext, windowId?: string): void {
  const s = ctx.store.getState();
  const api = ctx.services.windows;
  if (ctx.readOnly) return s.setFlash({text: windowId ? WINDOW_READ_ONLY.update : WINDOW_READ_ONLY.create, tone: 'warn'});
  if (!api) return;
  if (!windowId) {
    setForm(ctx.store, newWindowForm());
    s.push({view: 'window-form', arg: 'new'});
    return;
  }
  api.get(windowId).then((w) => {
    setForm(ctx.store, editWindowForm(w));
    ctx.store.getState().push({view: 'window-form', arg: windowId});
  }, (e: unknown) => ctx.store.getState().setFlash({text: `could not read the window: ${errorText(e)}`, tone: 'error'}));
}
