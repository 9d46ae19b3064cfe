// A new activation's one showing: its id and code with the register commands for Linux and for Windows PowerShell,
// each copyable (OSC 52). The code lives only in this screen's memory: never in a log, the audit record or a file.
import {registerCommands, type RegisterCommands} from '../../fleet/activations/register-command.js';
import type {CreatedActivation} from '../../fleet/activations/activation.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {currentScreen, type AppStore} from '../../store/store.js';
import {definePaneView, type ActionContext} from '../view.js';

interface Shown {
  created: CreatedActivation;
  commands: RegisterCommands | {error: string};
}

const shown = new WeakMap<AppStore, Shown>();

export function showCreated(ctx: ActionContext, created: CreatedActivation): void {
  let commands: Shown['commands'];
  try {
    commands = registerCommands(created.activationCode, created.activationId, ctx.services.activationsRegion ?? '');
  } catch (e) {
    commands = {error: errorText(e)};
  }
  shown.set(ctx.store, {created, commands});
  ctx.store.getState().push({view: 'activation-created', arg: created.activationId});
  // Once the user leaves this screen the code is forgotten: it cannot be shown again.
  const store = ctx.store;
  const stop = store.subscribe((st) => {
    if (currentScreen(st).view === 'activation-created') return;
    shown.delete(store);
    stop();
  });
  ctx.store.getState().setFlash({text: `created ${sanitizeText(created.activationId)}: copy the code now, it is not shown again`, tone: 'info'});
}

export function createdLines(store: AppStore): string[] {
  const s = shown.get(store);
  if (!s) return ['  the code of an activation is shown only once, when it is created'];
  const c = s.commands;
  return [
    `  Activation id     ${sanitizeText(s.created.activationId)}`,
    `  Activation code   ${sanitizeText(s.created.activationCode)}`,
    tone('  (shown once: SSM never returns the code again)', 'warn'),
    '',
    ...('error' in c ? [tone(`  ✗ ${sanitizeText(c.error)}`, 'bad')] : [
      '  Linux (as root, with the agent installed):',
      `    ${sanitizeText(c.linux)}`,
      '',
      '  Windows (PowerShell as Administrator):',
      ...c.windows.map((l) => `    ${sanitizeText(l)}`),
    ]),
    '',
    tone('  l copies the Linux line · w copies the Windows lines · esc back', 'muted'),
  ];
}

function copy(ctx: ActionContext, os: 'linux' | 'windows'): void {
  const s = shown.get(ctx.store);
  const st = ctx.store.getState();
  if (!s || 'error' in s.commands) return;
  if (!ctx.services.copy) return st.setFlash({text: 'no clipboard here', tone: 'warn'});
  ctx.services.copy(os === 'linux' ? s.commands.linux : s.commands.windows.join('\n'));
  st.setFlash({text: `copied the ${os === 'linux' ? 'Linux' : 'Windows'} register ${os === 'linux' ? 'line' : 'lines'}`, tone: 'info'});
}

export const activationCreatedView = definePaneView({
  id: 'activation-created',
  title: 'New hybrid activation',
  aliases: [],
  scopes: ['activationCreated'],
  lines: (store) => createdLines(store),
  actions: {
    'activationCreated.copyLinux': (ctx) => copy(ctx, 'linux'),
    'activationCreated.copyWindows': (ctx) => copy(ctx, 'windows'),
  },
});
