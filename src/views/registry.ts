// Every view, registered in one line each. The command bar completes over ids and aliases.
import {eraseRowType, type AnyView} from './view.js';
import {instancesView} from './instances/view.js';
import {instanceDetailView} from './instances/detail.js';
import {commandsView} from './commands/view.js';
import {resultsView} from './commands/results.js';
import {outputView} from './commands/output.js';
import {auditView} from './audit/view.js';

export const VIEWS: readonly AnyView[] = [
  eraseRowType(instancesView),
  instanceDetailView,
  eraseRowType(commandsView),
  eraseRowType(resultsView),
  outputView,
  eraseRowType(auditView),
];

/** Views a user can switch to from the command bar (panes need an argument, so they open from a row). */
export const NAVIGABLE = VIEWS.filter((v) => v.kind === 'table' && !v.needsArg);

export function findView(id: string): AnyView | undefined {
  return VIEWS.find((v) => v.id === id);
}

export function resolveViewName(name: string): AnyView | undefined {
  const n = name.trim().toLowerCase();
  return NAVIGABLE.find((v) => v.id === n || v.aliases.includes(n));
}
