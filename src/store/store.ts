// One zustand store (vanilla, so pollers and tests write to it without React), in slices.
import {createStore, type StoreApi} from 'zustand/vanilla';
import type {Ec2Details, ManagedInstance} from '../fleet/instances/instance.js';
import type {PollerStatus} from '../fleet/poller.js';
import type {FullOutput} from '../fleet/run-command/port.js';
import type {RunForm} from '../fleet/run-command/run-form.js';
import type {ForwardForm} from '../fleet/forwards/forward-form.js';
import {initTable, type TableState} from '../fleet/table-model.js';
import type {SavedViews} from '../fleet/saved-views.js';
import type {ColumnLayouts, ColumnPicker} from '../fleet/column-layout.js';
import type {InventorySummary, NodeInsight} from '../fleet/compliance/compliance-insight.js';
import {createShellsSlice, type ShellsSlice} from './shells-slice.js';
import {createContextsSlice, type ContextsSlice} from './contexts-slice.js';

export interface SyncState {
  status: 'idle' | PollerStatus;
  lastSuccessAt?: number;
  lastError?: string;
  nextAttemptAt?: number;
  consecutiveFailures: number;
}

export type PromptKind = 'filter' | 'command' | 'confirm' | 'search';

export interface PromptState {
  kind: PromptKind;
  text: string;
  /** The filter in force when the prompt opened, restored by esc. */
  before: string;
  error?: string;
  /** For 'confirm': the question, and what `y` does. */
  question?: string;
  onYes?: () => void;
  /** For 'search': what enter does with the text. */
  onSubmit?: (text: string) => void;
  /** For 'filter': where ↑/↓ stand in the view's previous filters (0 = the newest); unset = the typed text. */
  historyAt?: number;
}

export interface Screen {
  view: string;
  /** View-specific argument, e.g. the instance shown in a detail pane. */
  arg?: string;
  scroll?: number;
  /** A pane's `/` search: the text and the line of the current match. */
  search?: {query: string; line?: number};
  /** The context the screen belongs to (opened from one of its rows): its rows come from there alone. */
  context?: string;
}

/** How many screens back esc can go; the oldest beyond this are forgotten. */
export const HISTORY_LIMIT = 30;

/** The state, with the slices composed into it (the shells' slice: store/shells-slice.ts). */
export interface AppState extends Pick<ShellsSlice, 'shells'>, Pick<ContextsSlice, 'contextLoads' | 'actingContext'> {
  // fleet slice
  instances: readonly ManagedInstance[];
  fleetLoadedAt?: number;
  sync: SyncState;
  /** Background work worth a word in the status line (e.g. loading EC2 details). */
  activity?: string;
  // table slice: one state per table view, keyed by view id
  tables: Record<string, TableState<unknown>>;
  /** The screen argument each table's rows were loaded for (a command id, a compliance type). */
  tableArgs: Record<string, string | undefined>;
  /** The filters kept with enter, per table view, newest first: `/` walks them with ↑/↓. */
  filterHistory: Record<string, readonly string[]>;
  // ui slice
  stack: Screen[];
  prompt?: PromptState;
  help: boolean;
  size: {cols: number; rows: number};
  flash?: {text: string; tone: 'info' | 'warn' | 'error'};
  /** EC2 details fetched for detail panes, by instance id. */
  ec2Details: Record<string, Ec2Details | {error: string}>;
  /** The Run Command form, while open. */
  runForm?: RunForm;
  /** The port-forward form, while open. */
  forwardForm?: ForwardForm;
  /** Port forwards up (the header shows the count). */
  forwardsUp: number;
  /** What resources say loudly in the header, by resource (e.g. runbooks waiting for approval). */
  headerNotes: Readonly<Record<string, string>>;
  /** Run Command jobs still going (they keep running while the user works elsewhere). */
  activeRuns: number;
  /** Above this many targets a run is confirmed by typing the count (the `confirmAbove` setting). */
  confirmAbove: number;
  /** Full invocation outputs fetched on demand, by "commandId/instanceId". */
  outputs: Record<string, OutputEntry>;
  /** Compliance and patch facts per instance, loaded for the instances table's rows on screen. */
  insights: Readonly<Record<string, NodeInsight>>;
  /** The side pane's inventory summary per instance (or why it failed). */
  inventorySummaries: Readonly<Record<string, InventorySummary | {error: string}>>;
  /** The compliance and inventory pane beside the instances table (the `sidePane` setting). */
  sidePane: boolean;
  /** Named views the command bar opens (the `savedViews` setting, added to by `:save NAME`). */
  savedViews: SavedViews;
  /** Per table view: the columns shown, their order and width caps (the `views` setting). */
  columnLayouts: ColumnLayouts;
  /** The column picker, while open. */
  columnPicker?: ColumnPicker;
  /** The clock that ages in history views count from; it ticks every second while the dashboard is up. */
  now: number;
  /** A change count per resource view folder whose own state lives outside the tables (views/<r>/): the screen redraws. */
  resourceChanges: Readonly<Record<string, number>>;
  /** Another program (an editor) has the terminal: the dashboard draws nothing until it is back. */
  externalProgram?: string;
}

export type OutputEntry = {state: 'loading'} | {state: 'error'; message: string} | ({state: 'ok'} & FullOutput);

export interface AppActions extends Omit<ShellsSlice, 'shells'>, Omit<ContextsSlice, 'contextLoads' | 'actingContext'> {
  setInstances(list: readonly ManagedInstance[], at: number): void;
  setSync(s: SyncState): void;
  setActivity(text: string | undefined): void;
  updateTable<T>(viewId: string, fn: (st: TableState<T>) => TableState<T>): void;
  // navigation slice: the stack of screens is the history esc walks back through
  push(screen: Screen): void;
  /** Open a view from the command bar: on top of the history (the same screen again is not a new step). */
  navigate(screen: Screen): void;
  pop(): void;
  replace(screen: Screen): void;
  setScroll(scroll: number): void;
  setSearch(search: Screen['search'], scroll?: number): void;
  setTableArg(viewId: string, arg: string | undefined): void;
  setPrompt(p: PromptState | undefined): void;
  setHelp(on: boolean): void;
  setSize(cols: number, rows: number): void;
  setFlash(f: AppState['flash']): void;
  setOutput(key: string, entry: OutputEntry): void;
  setRunForm(f: RunForm | undefined): void;
  setForwardForm(f: ForwardForm | undefined): void;
  setForwardsUp(n: number): void;
  setEc2Details(id: string, d: Ec2Details | {error: string}): void;
  addActiveRuns(delta: number): void;
  addInsights(batch: Readonly<Record<string, NodeInsight>>): void;
  setInventorySummary(id: string, s: InventorySummary | {error: string}): void;
  setSidePane(on: boolean): void;
  setSavedViews(views: SavedViews): void;
  setColumnLayouts(layouts: ColumnLayouts): void;
  setColumnPicker(p: ColumnPicker | undefined): void;
  setNow(now: number): void;
  /** A resource view's own state changed (its panes redraw). */
  resourceChanged(id: string): void;
  /** Sets (or, with undefined, clears) a resource's note in the header. */
  setHeaderNote(id: string, text: string | undefined): void;
  setExternalProgram(what: string | undefined): void;
}

export type AppStore = StoreApi<AppState & AppActions>;

export interface StoreInit {
  view?: string;
  size?: {cols: number; rows: number};
  tables?: Record<string, TableState<unknown>>;
  sidePane?: boolean;
  confirmAbove?: number;
  savedViews?: SavedViews;
  columnLayouts?: ColumnLayouts;
}

function pinned(screen: Screen, context: string | undefined): Screen {
  return context === undefined || screen.context !== undefined ? screen : {...screen, context};
}

export function createAppStore(init: StoreInit = {}): AppStore {
  return createStore<AppState & AppActions>()((set, get, api) => ({
    ...createShellsSlice<AppState & AppActions>()(set, get, api),
    ...createContextsSlice<AppState & AppActions>()(set, get, api),
    instances: [],
    sync: {status: 'idle', consecutiveFailures: 0},
    tables: init.tables ?? {},
    tableArgs: {},
    filterHistory: {},
    stack: [{view: init.view ?? 'instances'}],
    help: false,
    outputs: {},
    activeRuns: 0,
    forwardsUp: 0,
    headerNotes: {},
    confirmAbove: init.confirmAbove ?? 10,
    ec2Details: {},
    insights: {},
    inventorySummaries: {},
    sidePane: init.sidePane ?? false,
    savedViews: init.savedViews ?? {},
    columnLayouts: init.columnLayouts ?? {},
    size: init.size ?? {cols: 80, rows: 24},
    now: Date.now(),
    resourceChanges: {},

    setInstances: (list, at) => set({instances: list, fleetLoadedAt: at}),
    setSync: (sync) => set({sync}),
    setActivity: (activity) => set({activity}),
    updateTable: <T,>(viewId: string, fn: (st: TableState<T>) => TableState<T>) =>
      set((s) => {
        const cur = (s.tables[viewId] ?? initTable<T>('')) as TableState<T>;
        const next = fn(cur);
        return next === cur ? s : {tables: {...s.tables, [viewId]: next as TableState<unknown>}};
      }),
    // A screen opened while acting on a row of one context shows that context alone.
    push: (screen) => set((s) => ({stack: [...s.stack, pinned(screen, s.actingContext)].slice(-HISTORY_LIMIT)})),
    navigate: (screen) =>
      set((s) => {
        const top = s.stack[s.stack.length - 1];
        if (top && top.view === screen.view && top.arg === screen.arg) return s;
        return {stack: [...s.stack, screen].slice(-HISTORY_LIMIT)};
      }),
    pop: () => set((s) => (s.stack.length > 1 ? {stack: s.stack.slice(0, -1)} : s)),
    replace: (screen) => set({stack: [screen]}),
    setScroll: (scroll) =>
      set((s) => {
        const top = s.stack[s.stack.length - 1];
        return top ? {stack: [...s.stack.slice(0, -1), {...top, scroll}]} : s;
      }),
    setTableArg: (viewId, arg) => set((s) => (s.tableArgs[viewId] === arg ? s : {tableArgs: {...s.tableArgs, [viewId]: arg}})),
    setSearch: (search, scroll) =>
      set((s) => {
        const top = s.stack[s.stack.length - 1];
        if (!top) return s;
        const {search: _old, ...rest} = top;
        const next = {...rest, ...(search ? {search} : {}), ...(scroll !== undefined ? {scroll} : {})};
        return {stack: [...s.stack.slice(0, -1), next]};
      }),
    setPrompt: (prompt) => set({prompt}),
    setHelp: (help) => set({help}),
    setSize: (cols, rows) => set({size: {cols, rows}}),
    setFlash: (flash) => set({flash}),
    setOutput: (key, entry) => set((s) => ({outputs: {...s.outputs, [key]: entry}})),
    setRunForm: (runForm) => set({runForm}),
    setForwardForm: (forwardForm) => set({forwardForm}),
    setForwardsUp: (forwardsUp) => set({forwardsUp}),
    setHeaderNote: (id, text) => set((s) => {
      if (s.headerNotes[id] === text) return {};
      const {[id]: _old, ...rest} = s.headerNotes;
      return {headerNotes: text === undefined ? rest : {...rest, [id]: text}};
    }),
    setEc2Details: (id, d) => set((s) => ({ec2Details: {...s.ec2Details, [id]: d}})),
    addActiveRuns: (delta) => set((s) => ({activeRuns: s.activeRuns + delta})),
    addInsights: (batch) => set((s) => ({insights: {...s.insights, ...batch}})),
    setInventorySummary: (id, summary) => set((s) => ({inventorySummaries: {...s.inventorySummaries, [id]: summary}})),
    setSidePane: (sidePane) => set({sidePane}),
    setSavedViews: (savedViews) => set({savedViews}),
    setColumnLayouts: (columnLayouts) => set({columnLayouts}),
    setColumnPicker: (columnPicker) => set({columnPicker}),
    setNow: (now) => set({now}),
    resourceChanged: (id) => set((s) => ({resourceChanges: {...s.resourceChanges, [id]: (s.resourceChanges[id] ?? 0) + 1}})),
    setExternalProgram: (externalProgram) => set({externalProgram}),
  }));
}

export function currentScreen(s: AppState): Screen {
  return s.stack[s.stack.length - 1] ?? {view: 'instances'};
}
