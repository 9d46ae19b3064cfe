// Input modes: which command scopes take the keys while a form, prompt or overlay is open, highest priority first.
// The dashboard's scopes come from the focused view, followed by DASHBOARD_SCOPES.
import type {Scope} from './commands.js';

export type FormMode = 'help' | 'prompt' | 'confirm' | 'runFormEdit' | 'runFormPicker' | 'runFormConfirm'
  | 'runFormChecking' | 'forwardForm' | 'columnPicker';

export const MODE_SCOPES: Record<FormMode, readonly Scope[]> = {
  // A question is modal: every key answers it, ctrl+c included (it cancels).
  confirm: ['confirm'],
  prompt: ['prompt', 'always'],
  help: ['help', 'always'],
  runFormEdit: ['runFormEdit', 'runForm', 'always'],
  runFormPicker: ['runFormPicker', 'runForm', 'always'],
  runFormConfirm: ['runFormConfirm', 'runForm', 'always'],
  // While the document's schema loads before the confirmation, only quitting is possible.
  runFormChecking: ['always'],
  // ctrl+c closes the forward form rather than quitting.
  forwardForm: ['forwardForm'],
  columnPicker: ['columnPicker', 'always'],
};

export const DASHBOARD_SCOPES: readonly Scope[] = ['global', 'always'];

/** Shell-side scopes: they never share keys with the dashboard (workspace/ routes them after the prefix key). */
const SHELL_SCOPES: readonly Scope[] = ['pane', 'scroll', 'scrollSearch', 'workspaces'];

/**
 * Every set of scopes that can take keys at the same time, for the remap collision check. View scopes are
 * combined with the table and dashboard scopes (a superset of what views declare: a false clash is reported
 * only for a remap that shares a key with a command of a scope it may be active with).
 */
export const SHELL_STACKS: readonly (readonly Scope[])[] = SHELL_SCOPES.map((s) => [s]);

export function scopeStacks(allScopes: readonly Scope[]): (readonly Scope[])[] {
  const modal = new Set<Scope>([...Object.values(MODE_SCOPES).flat(), ...DASHBOARD_SCOPES, ...SHELL_SCOPES, 'table', 'detail']);
  const viewScopes = allScopes.filter((s) => !modal.has(s));
  return [
    ...Object.values(MODE_SCOPES),
    ...SHELL_STACKS,
    ['detail', ...DASHBOARD_SCOPES],
    ['table', ...DASHBOARD_SCOPES],
    ...viewScopes.map((s) => [s, 'table', ...DASHBOARD_SCOPES] as Scope[]),
  ];
}
