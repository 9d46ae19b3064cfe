import {afterEach, describe, expect, it} from 'vitest';
import {createAppStore, type AppStore} from '../../../src/store/store.js';
import {guardProtectedChanges, inProtectedContext} from '../../../src/views/contexts/protected-changes.js';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function guarded(): AppStore {
  const store = createAppStore({size: {cols: 120, rows: 30}});
  stop = guardProtectedChanges(store);
  return store;
}

const ask = (store: AppStore, question: string, onYes: () => void) =>
  store.getState().setPrompt({kind: 'confirm', text: '', before: '', question, onYes});

/** What the user does at the prompt line: type `text` and press enter. */
function answer(store: AppStore, text: string): void {
  const p = store.getState().prompt;
  store.getState().setPrompt(undefined);
  p?.onSubmit?.(text);
}

describe('changes in a protected context', () => {
  it('a question asked after a load, or after a first answer, is asked in the typed form; elsewhere it stays yes/no', async () => {
    const store = guarded();
    const done: string[] = [];
    await inProtectedContext('prod:us-east-1', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      ask(store, 'Delete the activation a-1?', () => done.push('deleted'));
    });
    expect(store.getState().prompt).toMatchObject({kind: 'search',
      question: 'PROTECTED prod:us-east-1: Delete the activation a-1? Type prod:us-east-1 to confirm:'});
    answer(store, 'y');
    expect(done).toEqual([]);
    expect(store.getState().flash?.text).toMatch(/not done: prod:us-east-1 is protected/);

    // A first question (a name to register) whose answer asks the yes/no question: that one is typed too.
    inProtectedContext('prod:us-east-1', () => store.getState().setPrompt({kind: 'search', text: '', before: '',
      onSubmit: (group) => ask(store, `Register patch group ${group}?`, () => done.push(`registered ${group}`))}));
    expect(store.getState().prompt?.question).toBeUndefined();
    answer(store, 'web');
    expect(store.getState().prompt?.question).toMatch(/^PROTECTED prod:us-east-1: Register patch group web\?/);
    answer(store, 'prod:us-east-1');
    expect(done).toEqual(['registered web']);

    // Outside a protected context (quitting, another context) the question is the usual yes/no.
    ask(store, 'Quit? This ends 1 shell.', () => undefined);
    expect(store.getState().prompt?.kind).toBe('confirm');
  });
});
