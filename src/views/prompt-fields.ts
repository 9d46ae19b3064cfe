// A pane form's text fields, edited one at a time on the prompt line: the field being typed is shown live in the
// form (its preview follows each key), and enter stores the trimmed text. One per form; the forms keep their state
// in the store (see pane-loads.ts), this keeps only which field the prompt is editing.
import type {AppStore} from '../store/store.js';
import type {ActionContext} from './view.js';

export interface PromptFields<F, K extends keyof F> {
  /** The form with the field being typed in place of its saved value. */
  live(store: AppStore, form: F): F;
  /** Opens the prompt on `field` with `hint` in the status line. */
  edit(ctx: ActionContext, field: K, hint: string): void;
}

export function promptFields<F extends Record<K, string>, K extends keyof F & string>(
  formOf: (store: AppStore) => F | undefined, setForm: (store: AppStore, form: F) => void): PromptFields<F, K> {
  const editing = new WeakMap<AppStore, K>();
  return {
    live(store, form) {
      const p = store.getState().prompt;
      const field = editing.get(store);
      return p?.kind === 'search' && field ? {...form, [field]: p.text} : form;
    },
    edit(ctx, field, hint) {
      const f = formOf(ctx.store);
      if (!f) return;
      const s = ctx.store.getState();
      editing.set(ctx.store, field);
      s.setFlash({text: hint, tone: 'info'});
      s.setPrompt({kind: 'search', text: f[field], before: '', onSubmit: (text) => {
        editing.delete(ctx.store);
        const now = formOf(ctx.store);
        if (now) setForm(ctx.store, {...now, [field]: text.trim()});
      }});
    },
  };
}
