// Keys of the open port-forward form: typing edits the focused field, tab/↑/↓ move, ←/→ on the remote port step
// through the tag's presets, enter starts the forward (the form stays open with the error if it cannot), esc cancels.
import {cyclePreset, moveFocus, setFieldValue, validateForwardForm} from '../../fleet/forward-form.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import type {AppStore} from '../../store/store.js';
import type {Services} from '../view.js';

function close(store: AppStore): void {
  const s = store.getState();
  s.setForwardForm(undefined);
  if (s.stack[s.stack.length - 1]?.view === 'forward-form') s.pop();
}

export function handleForwardFormKey(store: AppStore, services: Services, key: string, input: string): void {
  const form = store.getState().forwardForm;
  if (!form) return;
  const set = (next: typeof form) => store.getState().setForwardForm(next);
  if (form.starting) {
    if (key === 'esc') close(store);
    return;
  }
  switch (key) {
    case 'esc':
    case 'ctrl+c':
      return close(store);
    case 'tab':
    case 'down':
      return set(moveFocus(form, 1));
    case 'shift+tab':
    case 'up':
      return set(moveFocus(form, -1));
    case 'left':
    case 'right':
      if (form.focus === 'remotePort') set(cyclePreset(form, key === 'right' ? 1 : -1));
      return;
    case 'backspace':
      return set(setFieldValue(form, form.values[form.focus].slice(0, -1)));
    case 'ctrl+u':
      return set(setFieldValue(form, ''));
    case 'enter': {
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
      return;
    }
    default: {
      if (!input || key.startsWith('ctrl+') || key.startsWith('alt+') || /^(pg|home|end)/.test(key)) return;
      const text = (key === 'space' ? ' ' : input).replace(/[\r\n\t]/g, '');
      if (text) set(setFieldValue(form, form.values[form.focus] + text));
    }
  }
}
