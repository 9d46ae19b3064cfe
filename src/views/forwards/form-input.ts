// The port-forward form's commands (keys as data in keys/mode-commands.ts): tab/↑/↓ move, ←/→ on the remote port
// step through the tag's presets, enter starts the forward (the form stays open with the error if it cannot), esc
// cancels. Typing into the focused field is not a binding: it reaches typeIntoForwardForm.
import {cyclePreset, moveFocus, setFieldValue, validateForwardForm, type ForwardForm} from '../../fleet/forwards/forward-form.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import type {Binding, Controller} from '../../keys/controller.js';
import type {AppStore} from '../../store/store.js';
import type {Services} from '../view.js';

export interface ForwardFormContext {
  store: AppStore;
  services: Services;
}

function close(store: AppStore): void {
  const s = store.getState();
  s.setForwardForm(undefined);
  if (s.stack[s.stack.length - 1]?.view === 'forward-form') s.pop();
}

function setForm(c: ForwardFormContext, next: (f: ForwardForm) => ForwardForm): void {
  const f = c.store.getState().forwardForm;
  if (f) c.store.getState().setForwardForm(next(f));
}

/** While the forward starts only cancelling applies. */
const starting = (c: ForwardFormContext) => (c.store.getState().forwardForm?.starting ? 'starting the forward' : undefined);

const editing = (run: (c: ForwardFormContext) => void): Binding<ForwardFormContext> => ({run, disabled: starting});

function start(c: ForwardFormContext): void {
  const {store, services} = c;
  const form = store.getState().forwardForm;
  if (!form) return;
  const set = (next: ForwardForm) => store.getState().setForwardForm(next);
  const checked = validateForwardForm(form);
  if (!checked.ok) return set({...form, focus: checked.field, error: checked.error});
  const forwards = services.forwards;
  if (!forwards) return set({...form, error: 'port forwards are not available here'});
  set({...form, starting: true});
  forwards.start(checked.spec).then(
    (id) => {
      if (store.getState().forwardForm?.instanceId === form.instanceId) close(store);
      const row = forwards.list().find((r) => r.id === id);
      store.getState().setFlash({text: `forwarding ${row?.local ?? ''} → ${form.instanceId} ${row?.remote ?? ''} (:pf lists forwards)`, tone: 'info'});
    },
    (e: unknown) => {
      const current = store.getState().forwardForm;
      if (current?.instanceId !== form.instanceId) return;
      const {starting: _starting, ...rest} = current;
      set({...rest, error: sanitizeText(e instanceof Error ? e.message : String(e))});
    },
  );
}

const onRemotePort = (c: ForwardFormContext) =>
  starting(c) ?? (c.store.getState().forwardForm?.focus === 'remotePort' ? undefined : 'presets are for the remote port');

export const FORWARD_FORM: Controller<'forwardForm', ForwardFormContext> = {
  'forwardForm.start': editing(start),
  'forwardForm.next': editing((c) => setForm(c, (f) => moveFocus(f, 1))),
  'forwardForm.prev': editing((c) => setForm(c, (f) => moveFocus(f, -1))),
  'forwardForm.presetPrev': {run: (c) => setForm(c, (f) => cyclePreset(f, -1)), disabled: onRemotePort},
  'forwardForm.presetNext': {run: (c) => setForm(c, (f) => cyclePreset(f, 1)), disabled: onRemotePort},
  'forwardForm.deleteChar': editing((c) => setForm(c, (f) => setFieldValue(f, f.values[f.focus].slice(0, -1)))),
  'forwardForm.clearField': editing((c) => setForm(c, (f) => setFieldValue(f, ''))),
  'forwardForm.cancel': {run: (c) => close(c.store)},
};

/** Printable text typed into the focused field (line breaks and tabs dropped). */
export function typeIntoForwardForm(c: ForwardFormContext, typed: string): void {
  if (starting(c)) return;
  const text = typed.replace(/[\r\n\t]/g, '');
  if (text) setForm(c, (f) => setFieldValue(f, f.values[f.focus] + text));
}
