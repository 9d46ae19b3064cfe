// Every view, registered in one line each. The command bar completes over ids and aliases.
import {eraseRowType, type AnyView, type Services} from './view.js';
import type {AppStore} from '../store/store.js';
import {instancesView} from './instances/instances-view.js';
import {instanceDetailView} from './instances/detail.js';
import {commandsView} from './run-command/history-view.js';
import {resultsView} from './run-command/results.js';
import {outputView} from './run-command/output.js';
import {groupsView} from './run-command/groups.js';
import {auditView} from './audit/audit-view.js';
import {complianceSummaryView} from './compliance/summary.js';
import {nonCompliantView} from './compliance/instances.js';
import {complianceItemsView} from './compliance/items.js';
import {packagesView} from './inventory/packages.js';
import {matchesView} from './inventory/matches.js';
import {inventoryTabViews} from './inventory/instance.js';
import {forwardsView} from './forwards/forwards-view.js';
import {forwardFormView} from './forwards/form.js';
import {documentViews} from './documents/index.js';
import {associationViews} from './associations/index.js';
import {parameterViews} from './parameters/index.js';
import {automationViews} from './automation/index.js';
import {watchApprovals} from './automation/approvals.js';
import {windowViews} from './windows/index.js';
import {baselineViews} from './baselines/index.js';
import {activationViews} from './activations/index.js';
import {sessionViews} from './sessions/index.js';
import {opsItemViews} from './opsitems/index.js';
import {distributorViews} from './distributor/index.js';
import {contextViews} from './contexts/index.js';
import {orgNodesView} from './org-nodes/org-nodes-view.js';
import {guardProtectedChanges} from './contexts/protected-changes.js';

export const VIEWS: readonly AnyView[] = [
  eraseRowType(instancesView),
  instanceDetailView,
  eraseRowType(commandsView),
  eraseRowType(resultsView),
  outputView,
  groupsView,
  eraseRowType(auditView),
  eraseRowType(complianceSummaryView),
  eraseRowType(nonCompliantView),
  eraseRowType(complianceItemsView),
  eraseRowType(packagesView),
  eraseRowType(matchesView),
  ...inventoryTabViews.map(eraseRowType),
  eraseRowType(forwardsView),
  forwardFormView,
  ...documentViews,
  ...associationViews,
  ...parameterViews,
  ...automationViews,
  ...windowViews,
  ...baselineViews,
  ...activationViews,
  ...sessionViews,
  ...opsItemViews,
  ...distributorViews,
  ...contextViews,
  eraseRowType(orgNodesView),
];

/** What keeps the header told while the app runs, one line each: each starts a small poll and returns its stop. */
export const WATCHERS: readonly ((store: AppStore, services: Services) => () => void)[] = [
  watchApprovals,
  guardProtectedChanges,
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
