// Key dispatch in priority layers: an open question, then the open form or prompt, then the help overlay, then the
// focused view, then global commands. React-free, so it is tested directly; the App only turns Ink's key events into
// names.
import {resolveKey, type Keymap} from './keys/keymap.js';
import type {CommandId, Scope} from './keys/commands.js';
import {currentScreen, type AppStore} from './store/store.js';
import {findView} from './views/registry.js';
import type {ActionContext, Services, TableView, ViewOptions} from './views/view.js';
import {yankAction} from './views/table-actions.js';
import {initTable, setFilter} from './fleet/table-model.js';
import {complete, parseCommand} from './command-bar.js';
import {sanitizeText} from './fleet/sanitize.js';
import {handleRunFormKey} from './views/run/run-form-input.js';
import {handleForwardFormKey} from './views/forwards/form-input.js';
import type {CliConnection} from './fleet/run-cli.js';

export interface InputContext {
  store: AppStore;
  services: Services;
  keymap: Keymap;
  pageSize: number;
  readOnly: boolean;
  /** Leave now (closing shells and forwards); keys go through requestQuit, which asks first. */
  quit: () => void;
  refresh: () => void;
  /** How copied `aws` command lines reach what the app is connected to. */
  cli?: CliConnection;
  /** The table options in force (a yanked row holds the columns as shown). */
  viewOptions?: ViewOptions;
}

export function activeScopes(store: AppStore): Scope[] {
  const view = findView(currentScreen(store.getState()).view);
  return [...(view?.scopes ?? []), 'global'];
}

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

function handlePrompt(ctx: InputContext, key: string, input: string): void {
  const s = ctx.store.getState();
  const p = s.prompt;
  if (!p) return;
  if (p.kind === 'confirm') {
    s.setPrompt(undefined);
    if (key === 'y' || key === 'Y') p.onYes?.();
    return;
  }
  const edit = (text: string) => {
    if (p.kind === 'filter') applyFilter(ctx, text);
    else s.setPrompt({...p, text, error: undefined});
  };
  switch (key) {
    case 'esc':
      if (p.kind === 'filter') applyFilter(ctx, p.before);
      ctx.store.getState().setPrompt(undefined);
      return;
    case 'enter':
      if (p.kind === 'filter') {
        s.setPrompt(undefined);
        return;
      }
      if (p.kind === 'search') {
        s.setPrompt(undefined);
        return p.onSubmit?.(p.text);
      }
      return runCommandBar(ctx, p.text);
    case 'backspace':
      return edit(p.text.slice(0, -1));
    case 'ctrl+u':
      return edit('');
    case 'ctrl+w':
      return edit(deleteWord(p.text));
    case 'tab':
      if (p.kind === 'command') edit(complete(p.text));
      return;
    case 'ctrl+c':
      return requestQuit(ctx);
    default: {
      // Typed or pasted text; control characters never reach the prompt.
      if (!input || key.startsWith('ctrl+') || key.startsWith('alt+') || /^(up|down|left|right|pg|home|end)/.test(key)) return;
      const clean = (key === 'space' ? ' ' : input).replace(/[\r\n\t]/g, ' ');
      return edit(p.text + sanitizeText(clean));
    }
  }
}

/** Quit, asking first when shells or forwards are open (quitting closes them). */
function requestQuit(ctx: InputContext): void {
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

function runCommand(ctx: InputContext, id: CommandId): void {
  const s = ctx.store.getState();
  const screen = currentScreen(s);
  const view = findView(screen.view);
  const actionCtx: ActionContext = {store: ctx.store, services: ctx.services, pageSize: ctx.pageSize, readOnly: ctx.readOnly,
    ...(ctx.viewOptions ? {viewOptions: ctx.viewOptions} : {})};
  if (view?.kind === 'table') {
    const reason = view.disabled?.[id]?.(actionCtx);
    if (reason) {
      s.setFlash({text: reason, tone: 'warn'});
      return;
    }
  }
  const viewAction = view?.actions[id] ?? (view?.kind === 'table' ? yankAction(view, id) : undefined);
  if (viewAction) return viewAction(actionCtx);
  switch (id) {
    case 'app.quit':
      return requestQuit(ctx);
    case 'app.help':
      return s.setHelp(!s.help);
    case 'app.command':
      return s.setPrompt({kind: 'command', text: '', before: ''});
    case 'app.refresh':
      return ctx.refresh();
    case 'app.shells':
      if (!ctx.services.shells?.show()) s.setFlash({text: 'no shells open: press s on an instance', tone: 'info'});
      return;
    case 'app.back': {
      // Innermost first, as k9s: the view's filter, then the previous view in the history.
      const t = filterTarget(ctx.store);
      if (t && s.tables[t.id]?.appliedFilter) return s.updateTable(t.id, (st) => setFilter(t.table, st, ''));
      if (s.stack.length > 1) return s.pop();
      return;
    }
    case 'detail.down':
      return s.setScroll((screen.scroll ?? 0) + 1);
    case 'detail.up':
      return s.setScroll(Math.max(0, (screen.scroll ?? 0) - 1));
    case 'detail.pageDown':
      return s.setScroll((screen.scroll ?? 0) + ctx.pageSize);
    case 'detail.pageUp':
      return s.setScroll(Math.max(0, (screen.scroll ?? 0) - ctx.pageSize));
    default:
      return;
  }
}

const CHAR_KEYS: Record<string, string> = {' ': 'space', '\r': 'enter', '\n': 'enter', '\t': 'tab', '\x7f': 'backspace'};

/**
 * Handle what Ink delivered as one input. Over SSH several keystrokes often arrive in one read ("jj", or "/" and
 * the filter typed after it); Ink reports those as a single multi-character input, so plain text is replayed
 * one character at a time and each character lands where it would have had it come alone.
 */
export function dispatchInput(ctx: InputContext, key: string, input: string, plain: boolean): void {
  // Esc and the next key in one read reach Ink as alt+key; with no alt binding that is what the user pressed.
  if (key.startsWith('alt+') && !resolveKey(ctx.keymap, activeScopes(ctx.store), key)) {
    const rest = key.slice(4);
    dispatchKey(ctx, 'esc', '');
    return dispatchKey(ctx, rest, rest === 'enter' ? '\r' : rest);
  }
  if (!plain || input.length <= 1 || key !== input) return dispatchKey(ctx, key, input);
  for (const ch of input) dispatchKey(ctx, charKey(ch), ch);
}

/** The key name of one character of a coalesced read: control characters are ctrl+letter, as Ink names them. */
function charKey(ch: string): string {
  const named = CHAR_KEYS[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  if (code === 0x1b) return 'esc';
  if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
  return ch;
}

/** Handle one key press (name from keys/key-name.ts, raw input for typing). */
export function dispatchKey(ctx: InputContext, key: string, input: string): void {
  const s = ctx.store.getState();
  if (s.flash && !s.prompt) s.setFlash(undefined);
  if (key === 'ctrl+c' && s.prompt?.kind === 'confirm') return s.setPrompt(undefined);
  // A question (quit? cancel?) is modal: it takes the keys before any form it was asked over.
  if (s.prompt?.kind === 'confirm') return handlePrompt(ctx, key, input);
  if (key === 'ctrl+c' && (s.runForm || s.prompt)) return requestQuit(ctx);
  if (s.runForm) return handleRunFormKey(ctx.store, ctx.services, key, input, ctx.cli);
  if (s.forwardForm) return handleForwardFormKey(ctx.store, ctx.services, key, input);
  if (s.prompt) return handlePrompt(ctx, key, input);
  if (s.help) {
    if (key === 'ctrl+c') return requestQuit(ctx);
    if (key === 'esc' || key === '?' || key === 'q') return s.setHelp(false);
    if (key === 'down' || key === 'j') return s.setScroll((currentScreen(s).scroll ?? 0) + 1);
    return;
  }
  const id = resolveKey(ctx.keymap, activeScopes(ctx.store), key);
  if (id) runCommand(ctx, id);
}
