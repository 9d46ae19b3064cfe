// What a view is, as data. A resource view declares its columns, how rows are fetched and identified, how
// they filter and sort, and which commands it handles; the registry lists them and the app does the rest.
import type {CommandId, Scope} from '../keys/commands.js';
import type {TableSpec} from '../fleet/table-model.js';
import type {AppStore} from '../store/store.js';
import type {Ec2Details, ManagedInstance} from '../fleet/instances/instance.js';
import type {RunCommandApi} from '../fleet/run-command/port.js';
import type {Lifecycle} from '../lifecycle.js';
import type {RunRegistry} from '../fleet/run-command/run-registry.js';
import type {ShellWorkspaces} from '../workspace/workspaces.js';
import type {ComplianceApi} from '../fleet/compliance/compliance.js';
import type {InventoryApi} from '../fleet/inventory/inventory.js';
import type {ForwardManager} from '../fleet/forwards/forwards.js';
import type {SavedViews} from '../fleet/saved-views.js';
import type {ColumnLayouts} from '../fleet/column-layout.js';
import type {Column, ColumnContext, NamedNode, Tone} from '../components/columns.js';
import {placeAwareSpec, type RowPlace} from '../fleet/contexts/row-place.js';
import {placeColumns} from './contexts/place-columns.js';

export type {Column, ColumnContext, NamedNode, Tone};

export interface FetchOptions<T> {
  signal?: AbortSignal;
  /** The screen's argument (e.g. the command whose results are shown). */
  arg?: string;
  /** Rows so far during a long load; `complete` once all rows are there (details may still follow). */
  onProgress?: (rows: T[], complete: boolean) => void;
  /** Background work worth a word in the status line, or undefined when it is done. */
  onActivity?: (text: string | undefined) => void;
  /** Several contexts: where this fetch's rows live (a view that also publishes rows itself places them there). */
  place?: RowPlace;
}

/**
 * What views may call on the outside world: injected by the CLI, replaced by tests. A resource's views add their own
 * port from their folder (views/<resource>/services.ts), so this file does not grow with each resource:
 * `declare module '../view.js' { interface Services { parameters?: ParametersApi } }`; cli/resources.ts builds it.
 */
export interface Services {
  loadFleet(opts: FetchOptions<ManagedInstance>): Promise<ManagedInstance[]>;
  runCommand?: RunCommandApi;
  /** EC2 details of one instance, fetched when its detail pane opens. */
  loadEc2Details?: (instanceId: string) => Promise<Ec2Details | undefined>;
  /** Who is acting, for the audit log: "local" or account/region/profile. */
  identity?: string;
  /** Put text on the user's clipboard (OSC 52, works over SSH). */
  copy?: (text: string) => void;
  /** Save text under a file name in fleetdeck's saved directory (ctrl+s in a pane); returns the path written. */
  saveText?: (name: string, text: string) => string;
  readAudit?: () => Record<string, unknown>[];
  /** Runs started from this dashboard (their results come from the run itself, not a second poller). */
  runs?: RunRegistry;
  /** Shells and forwards that quitting must close (and ask about first). */
  lifecycle?: Lifecycle;
  /** Shell panes in split workspaces (absent where sessions cannot be opened). */
  shells?: ShellWorkspaces;
  /** Compliance summaries, per-instance compliance and patch states (the compliance views). */
  compliance?: ComplianceApi;
  /** Inventory entries, fleet queries and counts (the inventory views). */
  inventory?: InventoryApi;
  /** Port forwards kept open while the user works elsewhere (`F`, `:pf`). */
  forwards?: ForwardManager;
  /** Save the side pane's state in the config file (it opens the same way next time). */
  rememberSidePane?: (on: boolean) => void;
  /** Save the named views in the config file (`:save NAME`). */
  rememberSavedViews?: (views: SavedViews) => void;
  /** Save the column layouts in the config file (the column picker's enter). */
  rememberColumns?: (layouts: ColumnLayouts) => void;
}

export interface ActionContext {
  store: AppStore;
  services: Services;
  /** Rows the content area can show: page size for paging commands. */
  pageSize: number;
  readOnly: boolean;
  /** The context acted in is protected (its name): every change there asks for the typed confirmation. */
  protectedContext?: string;
  /** The table options in force (extra tag columns): a yanked row holds the columns as shown. */
  viewOptions?: ViewOptions;
}

export interface TableView<T> {
  kind: 'table';
  id: string;
  title: string;
  aliases: readonly string[];
  table: TableSpec<T>;
  defaultSort: string;
  columns: (extra: ViewOptions) => Column<T>[];
  /**
   * Its ages count on a clock that ticks every second (past events: runs, audit records), not from when the rows were
   * loaded (the fleet's last pings are a snapshot of that moment).
   */
  liveAges?: boolean;
  /** Its row ids are unique across accounts and regions (instance ids): a merged table keeps them unqualified. */
  idsUniqueAcrossContexts?: boolean;
  /** Its rows are the app's own (the audit log, open forwards, the contexts), loaded once, never per context. */
  appWide?: boolean;
  /** The view's own refresh cadence (a run's results, local counters); without it the `refreshSeconds` setting applies. */
  refreshMs?: number;
  /** The delay before the next poll given the rows just fetched (faster while they are still changing); overrides refreshMs. */
  pollMs?: (rows: readonly T[]) => number;
  fetch?: (services: Services, opts: FetchOptions<T>) => Promise<readonly T[]>;
  /** Rows pushed as they change (a run started here): the view refreshes on each push, between its polls. */
  subscribe?: (services: Services, arg: string | undefined, onChange: () => void) => () => void;
  /** A short live summary after the title (e.g. a run's progress and counts per status). */
  titleNote?: (rows: readonly T[], width: number) => string;
  /**
   * `:<name> <text>` in the command bar: the screen to open on top of this view (e.g. an inventory query's matches),
   * or a command to run (`:ctx prod` switches contexts; it returns an error naming what is valid, or undefined once
   * done), or an error naming what is valid. Views without it take no argument.
   */
  withArgument?: (text: string) => {ok: true; view: string; arg: string} | {ok: true; act: (ctx: ActionContext) => string | undefined}
    | {ok: false; error: string};
  /** Opened from another view with an argument (a command id), never by name from the command bar. */
  needsArg?: boolean;
  /** Also publish fetched rows elsewhere in the store (the header's fleet counts). */
  onRows?: (store: AppStore, rows: readonly T[], at: number) => void;
  scopes: readonly Scope[];
  actions: Partial<Record<CommandId, (ctx: ActionContext) => void>>;
  /** Why an action is unavailable right now (shown instead of running it), or undefined when it can run. */
  disabled?: Partial<Record<CommandId, (ctx: ActionContext) => string | undefined>>;
}

export interface PaneView {
  kind: 'pane';
  id: string;
  title: string;
  aliases: readonly string[];
  scopes: readonly Scope[];
  /** The pane's lines for the given argument (already sanitized, may carry SGR styling). */
  lines: (store: AppStore, arg: string | undefined, width: number) => string[];
  actions: Partial<Record<CommandId, (ctx: ActionContext) => void>>;
}

export type AnyView = TableView<unknown> | PaneView;

/** Views are stored type-erased; each view's own functions only ever see its own rows. */
export function eraseRowType<T>(v: TableView<T>): TableView<unknown> {
  return v as unknown as TableView<unknown>;
}

export interface ViewOptions {
  /** Extra tag columns (tag keys), from --columns or the config. */
  tagColumns: readonly string[];
  /** The instances table's compliance columns (the dashboard; not the headless listing). */
  insightColumns?: boolean;
  /** Several contexts can be in view: tables lead with ACCOUNT and REGION. */
  contexts?: boolean;
}

/**
 * Every table view is built here, so every one of them can show several contexts at once: rows a merged load placed
 * filter by `account:`/`region:`, sort by ACCOUNT/REGION, and show those columns when the dashboard has contexts.
 */
export function defineTableView<T>(v: Omit<TableView<T>, 'kind'>): TableView<T> {
  const columns = v.columns;
  return {
    kind: 'table',
    ...v,
    table: placeAwareSpec(v.table, v.idsUniqueAcrossContexts),
    columns: (extra) => (extra.contexts ? [...placeColumns<T>(), ...columns(extra)] : columns(extra)),
  };
}

export function definePaneView(v: Omit<PaneView, 'kind'>): PaneView {
  return {kind: 'pane', ...v};
}
