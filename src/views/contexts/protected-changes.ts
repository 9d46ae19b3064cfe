// Protected contexts: every change made there needs the typed confirmation, whatever the count. Views confirm a
// change with a yes/no question (a `confirm` prompt), often after a load or from a form they opened; the command that
// started it runs inside `inProtectedContext`, which follows its callbacks and promises (AsyncLocalStorage), so any
// question it asks, now or later, becomes the typed form: the user types the context's name.
import {AsyncLocalStorage} from 'node:async_hooks';
import {sanitizeText} from '../../fleet/sanitize.js';
import type {AppStore, PromptState} from '../../store/store.js';

const acting = new AsyncLocalStorage<string>();

/** Runs a command acting in the protected context `name`: whatever it asks to confirm is asked in the typed form. */
export function inProtectedContext<T>(name: string | undefined, fn: () => T): T {
  return name === undefined ? fn() : acting.run(name, fn);
}

/** The protected context the running code acts in, if any. */
export function protectedContextNow(): string | undefined {
  return acting.getStore();
}

// Prompts this guard has already handled (the typed form it made, a prompt whose callbacks it bound).
const handled = new WeakSet<PromptState>();

/** The yes/no question `p`, as the typed form for the protected context `name`. */
export function typedConfirmation(store: AppStore, p: PromptState, name: string): PromptState {
  const question = (p.question ?? 'Go ahead?').replace(/\s*\?\s*$/, '');
  const onYes = p.onYes;
  return {
    kind: 'search', text: '', before: '',
    question: `PROTECTED ${sanitizeText(name)}: ${question}? Type ${sanitizeText(name)} to confirm:`,
    onSubmit: (typed) => {
      if (typed.trim() !== name) {
        store.getState().setFlash({text: `not done: ${sanitizeText(name)} is protected and what you typed is not its name`, tone: 'warn'});
        return;
      }
      acting.run(name, () => onYes?.());
    },
  };
}

/** A prompt opened while acting there, whose answer (a name typed, a form field) may lead to a question in turn. */
function bound(p: PromptState, name: string): PromptState {
  const {onSubmit, onYes} = p;
  return {
    ...p,
    ...(onSubmit ? {onSubmit: (text: string) => acting.run(name, () => onSubmit(text))} : {}),
    ...(onYes ? {onYes: () => acting.run(name, () => onYes())} : {}),
  };
}

/**
 * Watches the prompt for as long as the app runs: a question asked while acting in a protected context is replaced
 * by its typed form before it is drawn. The store calls its listeners synchronously, within the code that asked.
 */
export function guardProtectedChanges(store: AppStore): () => void {
  return store.subscribe((s, prev) => {
    const p = s.prompt;
    if (!p || p === prev.prompt || handled.has(p)) return;
    const name = protectedContextNow();
    if (name === undefined) return;
    const next = p.kind === 'confirm' ? typedConfirmation(store, p, name) : p.onSubmit || p.onYes ? bound(p, name) : p;
    if (next === p) return;
    handled.add(next);
    store.getState().setPrompt(next);
  });
}
