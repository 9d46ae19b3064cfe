// The app's own commands as controllers: the dashboard's global ones, the `/` and `:` prompt, the yes/no
// question, the help overlay and what applies everywhere (ctrl+c). Their keys are data (keys/commands.ts,
// keys/mode-commands.ts); app-input.ts routes keys to them.
import type {Binding, Controller} from './keys/controller.js';
import {currentScreen, type AppStore} from './store/store.js';
import {findView} from './views/registry.js';
import type {TableView} from './views/view.js';
import {initTable, setFilter} from './fleet/table-model.js';
import {complete, parseCommand} from './command-bar.js';
import type {InputContext} from './app-input.js';

/** The table the open filter prompt edits: the top screen's table. */
function filterTarget(store: AppStore): TableView<unknown> | undefined {
  const view = findView(currentScreen(store.getState()).view);
  return view?.kind === 'table' ? view : undefined;
}

/** Filter and prompt change in ONE store update: two would render twice, and Ink's frame throttle delays the second. */
function applyFilter(ctx: InputContext, text: string): void {
  const view = filterTarget(ctx.store);
  if (!view) return;
  const s = ctx.store.getState();
  const cur = s.tables[view.id];
  if (!cur) return;
  const next = setFilter(view.table, cur, text);
  ctx.store.setState({
    tables: {...s.tables, [view.id]: next},
    ...(s.prompt ? {prompt: {...s.prompt, text, error: next.filterError}} : {}),
  });
}

function deleteWord(text: string): string {
  return text.replace(/\S+\s*$/, '');
}

export function editPrompt(ctx: InputContext, text: string): void {
  const s = ctx.store.getState();
  const p = s.prompt;
  if (!p) return;
  if (p.kind === 'filter') applyFilter(ctx, text);
  else s.setPrompt({...p, text, error: undefined});
}

export const promptText = (ctx: InputContext) => ctx.store.getState().prompt?.text ?? '';

/** The `/` and `:` prompt's commands (keymap scope "prompt"). */
const PROMPT_HANDLERS: Controller<'prompt', InputContext> = {
  'prompt.accept': {run: (ctx) => {
    const s = ctx.store.getState();
    if (s.prompt?.kind === 'filter') return s.setPrompt(undefined);
    if (s.prompt?.kind === 'search') {
      const p = s.prompt;
      s.setPrompt(undefined);
      return p.onSubmit?.(p.text);
    }
    runCommandBar(ctx, promptText(ctx));
  }},
  'prompt.cancel': {run: (ctx) => {
    const p = ctx.store.getState().prompt;
    if (p?.kind === 'filter') applyFilter(ctx, p.before);
    ctx.store.getState().setPrompt(undefined);
  }},
  'prompt.complete': {
    run: (ctx) => editPrompt(ctx, complete(promptText(ctx))),
    disabled: (ctx) => (ctx.store.getState().prompt?.kind === 'command' ? undefined : 'completes view names in the command bar'),
  },
  'prompt.deleteChar': {run: (ctx) => editPrompt(ctx, promptText(ctx).slice(0, -1))},
  'prompt.deleteWord': {run: (ctx) => editPrompt(ctx, deleteWord(promptText(ctx)))},
  'prompt.clear': {run: (ctx) => editPrompt(ctx, '')},
};

/** A yes/no question: the yes command does it, every other key cancels. */
const CONFIRM_HANDLERS: Controller<'confirm', InputContext> = {
  'confirm.yes': {run: (ctx) => {
    const p = ctx.store.getState().prompt;
    ctx.store.getState().setPrompt(undefined);
    p?.onYes?.();
  }},
  'confirm.no': {run: (ctx) => ctx.store.getState().setPrompt(undefined)},
};

const HELP_HANDLERS: Controller<'help', InputContext> = {
  'help.close': {run: (ctx) => ctx.store.getState().setHelp(false)},
  'help.down': {run: (ctx) => ctx.store.getState().setScroll((currentScreen(ctx.store.getState()).scroll ?? 0) + 1)},
  'help.up': {run: (ctx) => ctx.store.getState().setScroll(Math.max(0, (currentScreen(ctx.store.getState()).scroll ?? 0) - 1))},
};

const ALWAYS_HANDLERS: Controller<'always', InputContext> = {
  'app.interrupt': {run: (ctx) => requestQuit(ctx)},
};

export const APP_MODE_HANDLERS: Readonly<Record<string, Binding<InputContext>>> = {...PROMPT_HANDLERS, ...CONFIRM_HANDLERS,
  ...HELP_HANDLERS, ...ALWAYS_HANDLERS};

/** The dashboard's own commands, under every view's (keymap scope "global"). */
export const GLOBAL: Controller<'global', InputContext> = {
  'app.quit': {run: (ctx) => requestQuit(ctx)},
  'app.help': {run: (ctx) => ctx.store.getState().setHelp(!ctx.store.getState().help)},
  'app.command': {run: (ctx) => ctx.store.getState().setPrompt({kind: 'command', text: '', before: ''})},
  'app.refresh': {run: (ctx) => ctx.refresh()},
  'app.shells': {run: (ctx) => {
    if (!ctx.services.shells?.show()) ctx.store.getState().setFlash({text: 'no shells open: press s on an instance', tone: 'info'});
  }},
  'app.back': {run: (ctx) => {
    // Innermost first, as k9s: the view's filter, then the previous view in the history.
    const s = ctx.store.getState();
    const t = filterTarget(ctx.store);
    if (t && s.tables[t.id]?.appliedFilter) return s.updateTable(t.id, (st) => setFilter(t.table, st, ''));
    if (s.stack.length > 1) s.pop();
  }},
};

/** Quit, asking first when shells or forwards are open (quitting closes them). */
export function requestQuit(ctx: InputContext): void {
  const open = ctx.services.lifecycle?.openSummary();
  if (!open) return ctx.quit();
  ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '', question: `Quit? This ends ${open}.`,
    onYes: () => ctx.quit()});
}

function runCommandBar(ctx: InputContext, text: string): void {
  const s = ctx.store.getState();
  const res = parseCommand(text);
  switch (res.kind) {
    case 'error':
      s.setPrompt({kind: 'command', text, before: '', error: res.message});
      return;
    case 'help':
      s.setPrompt(undefined);
      s.setHelp(true);
      return;
    case 'quit':
      s.setPrompt(undefined);
      requestQuit(ctx);
      return;
    case 'view': {
      s.setPrompt(undefined);
      // On top of the history: esc comes back here.
      s.navigate({view: res.id});
      const then = res.then && findView(res.then.view);
      if (res.then && then?.kind === 'table') {
        s.updateTable(then.id, () => initTable(then.defaultSort));
        s.push({view: then.id, arg: res.then.arg});
      }
      return;
    }
  }
}
