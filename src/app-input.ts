// Key dispatch in priority layers: an open question, then the open form or prompt, then the help overlay, then the
// focused view, then global commands. React-free, so it is tested directly; the App only turns Ink's key events into
// names.
import {acting} from './views/contexts/acting.js';
import {inProtectedContext} from './views/contexts/protected-changes.js';
import {resolveKey, type Keymap} from './keys/keymap.js';
import type {CommandId, Scope} from './keys/commands.js';
import {bindingFor} from './keys/controller.js';
import {typedText} from './keys/key-name.js';
import {DASHBOARD_SCOPES, MODE_SCOPES, type FormMode} from './keys/modes.js';
import {currentScreen, type AppState, type AppStore} from './store/store.js';
import {findView} from './views/registry.js';
import type {ActionContext, Services, ViewOptions} from './views/view.js';
import {yankAction} from './views/table-actions.js';
import {sanitizeText} from './fleet/sanitize.js';
import {APP_MODE_HANDLERS, editPrompt, GLOBAL, promptText} from './app-commands.js';
import {RUN_FORM_CONTROLLERS, typeIntoRunForm} from './views/run-command/run-form-keys.js';
import {FORWARD_FORM, typeIntoForwardForm} from './views/forwards/form-input.js';
import type {CliConnection} from './fleet/run-command/run-cli.js';

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

/** The form, prompt or overlay that takes the keys, in priority order; undefined when the focused view has them. */
export function inputMode(s: AppState): FormMode | undefined {
  // A question (quit? cancel?) is modal: it takes the keys before any form it was asked over.
  if (s.prompt?.kind === 'confirm') return 'confirm';
  if (s.runForm) {
    if (s.runForm.stage === 'checking') return 'runFormChecking';
    return s.runForm.picker ? 'runFormPicker' : s.runForm.stage === 'confirm' ? 'runFormConfirm' : 'runFormEdit';
  }
  if (s.forwardForm) return 'forwardForm';
  if (s.columnPicker) return 'columnPicker';
  if (s.prompt) return 'prompt';
  if (s.help) return 'help';
  return undefined;
}

/** The command scopes that take keys now, highest priority first. */
export function activeScopes(store: AppStore): Scope[] {
  const mode = inputMode(store.getState());
  if (mode) return [...MODE_SCOPES[mode]];
  const view = findView(currentScreen(store.getState()).view);
  return [...(view?.scopes ?? []), ...DASHBOARD_SCOPES];
}

const runFormContext = (ctx: InputContext) => ({store: ctx.store, services: ctx.services, cli: ctx.cli ?? {}});

/** Why a command does nothing now (read-only, a form stage…), for the footer and for the key itself. */
export function disabledReason(ctx: InputContext, id: string): string | undefined {
  const app = bindingFor(APP_MODE_HANDLERS, id);
  if (app) return app.disabled?.(ctx);
  const run = bindingFor(RUN_FORM_CONTROLLERS, id);
  if (run) return run.disabled?.(runFormContext(ctx));
  const fwd = bindingFor(FORWARD_FORM, id);
  if (fwd) return fwd.disabled?.(ctx);
  const view = findView(currentScreen(ctx.store.getState()).view);
  if (view?.kind !== 'table') return undefined;
  const {services, readOnly, protectedContext} = acting(ctx.store, ctx.services, ctx.readOnly);
  const actionCtx: ActionContext = {store: ctx.store, services, pageSize: ctx.pageSize, readOnly,
    ...(protectedContext !== undefined ? {protectedContext} : {})};
  return view.disabled?.[id as CommandId]?.(actionCtx);
}

/** A command of the open form, prompt or overlay; a disabled one does nothing. */
function runModeCommand(ctx: InputContext, id: CommandId): void {
  if (disabledReason(ctx, id)) return;
  const app = bindingFor(APP_MODE_HANDLERS, id);
  if (app) return app.run(ctx);
  const run = bindingFor(RUN_FORM_CONTROLLERS, id);
  if (run) return run.run(runFormContext(ctx));
  bindingFor(FORWARD_FORM, id)?.run(ctx);
}

/** A key no command of the open mode is bound to: printable text types into its field; a question is cancelled. */
function unboundModeKey(ctx: InputContext, mode: FormMode, key: string, input: string): void {
  if (mode === 'confirm') return ctx.store.getState().setPrompt(undefined);
  const text = typedText(key, input);
  if (!text) return;
  switch (mode) {
    case 'prompt':
      return editPrompt(ctx, promptText(ctx) + sanitizeText(text.replace(/[\r\n\t]/g, ' ')));
    case 'runFormEdit':
    case 'runFormPicker':
    case 'runFormConfirm':
      return typeIntoRunForm(runFormContext(ctx), text);
    case 'forwardForm':
      return typeIntoForwardForm(ctx, text);
    case 'help':
    case 'columnPicker':
    case 'runFormChecking':
      return;
  }
}

function runCommand(ctx: InputContext, id: CommandId): void {
  const s = ctx.store.getState();
  const screen = currentScreen(s);
  const view = findView(screen.view);
  // In a merged table the row's context acts (its clients, its read-only setting); screens it opens belong to it.
  const {services, readOnly, context, protectedContext} = acting(ctx.store, ctx.services, ctx.readOnly);
  s.setActingContext(context);
  const actionCtx: ActionContext = {store: ctx.store, services, pageSize: ctx.pageSize, readOnly,
    ...(protectedContext !== undefined ? {protectedContext} : {}),
    ...(ctx.viewOptions ? {viewOptions: ctx.viewOptions} : {})};
  if (view?.kind === 'table') {
    const reason = view.disabled?.[id]?.(actionCtx);
    if (reason) {
      s.setFlash({text: reason, tone: 'warn'});
      return;
    }
  }
  const viewAction = view?.actions[id] ?? (view?.kind === 'table' ? yankAction(view, id) : undefined);
  // In a protected context, whatever the command asks to confirm (now or once loaded) is asked in the typed form.
  if (viewAction) return inProtectedContext(protectedContext, () => viewAction(actionCtx));
  const global = bindingFor(GLOBAL, id);
  if (global) return global.run(ctx);
  switch (id) {
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
  const mode = inputMode(s);
  const id = resolveKey(ctx.keymap, activeScopes(ctx.store), key);
  // Commands that apply everywhere (ctrl+c) have their handler with the modes' ones.
  if (id && (mode || bindingFor(APP_MODE_HANDLERS, id))) return runModeCommand(ctx, id);
  if (id) return runCommand(ctx, id);
  if (mode) unboundModeKey(ctx, mode, key, input);
}
