// The app's own commands as controllers: the dashboard's global ones, the `/` and `:` prompt, the yes/no
// question, the help overlay and what applies everywhere (ctrl+c). Their keys are data (keys/commands.ts,
// keys/mode-commands.ts); app-input.ts routes keys to them.
import type {Binding, Controller} from './keys/controller.js';
import {currentScreen, type AppStore} from './store/store.js';
import {findView, NAVIGABLE} from './views/registry.js';
import type {TableView} from './views/view.js';
import {initTable, setFilter, setSort} from './fleet/table-model.js';
import {complete, parseCommand} from './command-bar.js';
import type {InputContext} from './app-input.js';
import {COLUMN_PICKER, openColumnPicker} from './column-commands.js';

/** The table the open filter prompt edits: the top screen's table. */
function filterTarget(store: AppStore): TableView<unknown> | undefined {
  const view = findView(currentScreen(store.getState()).view);
  return view?.kind === 'table' ? view : undefined;
}

/** Filter and prompt change in ONE store update: two would render twice, and Ink's frame throttle delays the second. */
function applyFilter(ctx: InputContext, text: string, historyAt?: number): void {
  const view = filterTarget(ctx.store);
  if (!view) return;
  const s = ctx.store.getState();
  const cur = s.tables[view.id];
  if (!cur) return;
  const next = setFilter(view.table, cur, text);
  const prompt = s.prompt ? {...s.prompt, text, error: next.filterError} : undefined;
  if (prompt) {
    if (historyAt === undefined) delete prompt.historyAt;
    else prompt.historyAt = historyAt;
  }
  ctx.store.setState({tables: {...s.tables, [view.id]: next}, ...(prompt ? {prompt} : {})});
}

const FILTER_HISTORY_LIMIT = 20;

/** The filters ↑ walks, newest first: the one in force when `/` opened, then those kept before it. */
function filterHistory(ctx: InputContext): readonly string[] {
  const s = ctx.store.getState();
  const view = filterTarget(ctx.store);
  const kept = view ? s.filterHistory[view.id] ?? [] : [];
  const before = s.prompt?.kind === 'filter' ? s.prompt.before : '';
  return before ? [before, ...kept.filter((f) => f !== before)] : kept;
}

/** Step through the view's previous filters: +1 older, -1 newer; newer than the newest is an empty prompt. */
function walkHistory(ctx: InputContext, step: 1 | -1): void {
  const p = ctx.store.getState().prompt;
  if (p?.kind !== 'filter') return;
  const list = filterHistory(ctx);
  const at = (p.historyAt ?? -1) + step;
  if (at < 0) return applyFilter(ctx, '');
  const text = list[at];
  if (text !== undefined) applyFilter(ctx, text, at);
}

/** Enter keeps the filter as typed, and remembers it first in the view's history. */
function keepFilter(ctx: InputContext, text: string): void {
  applyFilter(ctx, text);
  const view = filterTarget(ctx.store);
  const s = ctx.store.getState();
  if (view && text.trim()) {
    const kept = [text, ...(s.filterHistory[view.id] ?? []).filter((f) => f !== text)].slice(0, FILTER_HISTORY_LIMIT);
    ctx.store.setState({filterHistory: {...s.filterHistory, [view.id]: kept}});
  }
  ctx.store.getState().setPrompt(undefined);
}

const onlyFilters = (ctx: InputContext) =>
  (ctx.store.getState().prompt?.kind === 'filter' ? undefined : 'walks the previous filters of a view (/)');

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
    if (s.prompt?.kind === 'filter') return keepFilter(ctx, s.prompt.text);
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
    run: (ctx) => editPrompt(ctx, complete(promptText(ctx), ctx.store.getState().savedViews)),
    disabled: (ctx) => (ctx.store.getState().prompt?.kind === 'command' ? undefined : 'completes view names in the command bar'),
  },
  'prompt.deleteChar': {run: (ctx) => editPrompt(ctx, promptText(ctx).slice(0, -1))},
  'prompt.deleteWord': {run: (ctx) => editPrompt(ctx, deleteWord(promptText(ctx)))},
  'prompt.clear': {run: (ctx) => editPrompt(ctx, '')},
  'prompt.historyPrev': {run: (ctx) => walkHistory(ctx, 1), disabled: onlyFilters},
  'prompt.historyNext': {run: (ctx) => walkHistory(ctx, -1), disabled: onlyFilters},
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
  ...HELP_HANDLERS, ...ALWAYS_HANDLERS, ...COLUMN_PICKER};

/** The dashboard's own commands, under every view's (keymap scope "global"). */
export const GLOBAL: Controller<'global', InputContext> = {
  'app.quit': {run: (ctx) => requestQuit(ctx)},
  'app.help': {run: (ctx) => ctx.store.getState().setHelp(!ctx.store.getState().help)},
  'app.command': {run: (ctx) => ctx.store.getState().setPrompt({kind: 'command', text: '', before: ''})},
  'app.refresh': {run: (ctx) => ctx.refresh()},
  'app.columns': {run: (ctx) => openColumnPicker(ctx)},
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
  const res = parseCommand(text, s.savedViews);
  switch (res.kind) {
    case 'save':
      return saveView(ctx, text, res.name);
    case 'error':
      s.setPrompt({kind: 'command', text, before: '', error: res.message});
      return;
    case 'help':
      s.setPrompt(undefined);
      s.setHelp(true);
      return;
    case 'act': {
      // A view's argument that is a command (`:ctx prod`): done here, or its error stays on the prompt line.
      const error = res.act({store: ctx.store, services: ctx.services, pageSize: ctx.pageSize, readOnly: ctx.readOnly});
      if (error !== undefined) s.setPrompt({kind: 'command', text, before: '', error});
      else s.setPrompt(undefined);
      return;
    }
    case 'quit':
      s.setPrompt(undefined);
      requestQuit(ctx);
      return;
    case 'view': {
      const saved = res.saved;
      const target = findView(res.id);
      if (saved && target?.kind !== 'table') {
        s.setPrompt({kind: 'command', text, before: '', error: `this saved view opens "${saved.view}", which is not a view`});
        return;
      }
      s.setPrompt(undefined);
      const then = res.then && findView(res.then.view);
      // A view that takes its own argument (`:paramdiff /a /b`) opens once, with it.
      if (res.then && then?.kind === 'table' && then.id === res.id) {
        s.updateTable(then.id, () => initTable(then.defaultSort));
        s.navigate({view: then.id, arg: res.then.arg});
        return;
      }
      // On top of the history: esc comes back here.
      s.navigate({view: res.id});
      if (res.then && then?.kind === 'table') {
        s.updateTable(then.id, () => initTable(then.defaultSort));
        s.push({view: then.id, arg: res.then.arg});
      }
      // A saved view: its sort and filter over whatever rows the view has (the filter applies as rows arrive).
      if (saved && target?.kind === 'table') {
        s.updateTable(target.id, (st) => setFilter(target.table,
          setSort(target.table, st, saved.sort ?? st.sortKey ?? target.defaultSort, saved.desc ?? false), saved.filter));
      }
      return;
    }
  }
}

/** `:save NAME`: the view on screen with its filter and sort, kept in the store and the config. */
function saveView(ctx: InputContext, text: string, name: string): void {
  const s = ctx.store.getState();
  const view = filterTarget(ctx.store);
  if (!view || !NAVIGABLE.includes(view)) {
    s.setPrompt({kind: 'command', text, before: '', error: 'only a view opened with : can be saved (instances, commands, …)'});
    return;
  }
  const st = s.tables[view.id];
  const entry = {view: view.id, filter: st?.appliedFilter ?? '',
    ...(st?.sortKey ? {sort: st.sortKey} : {}), ...(st?.sortDesc ? {desc: true} : {})};
  const all = {...s.savedViews, [name]: entry};
  s.setPrompt(undefined);
  s.setSavedViews(all);
  ctx.services.rememberSavedViews?.(all);
  s.setFlash({text: `saved :${name} (${view.id}${entry.filter ? ` /${entry.filter}` : ''})`, tone: 'info'});
}
