// The Parameter Store views' own state, one per dashboard (keyed by its port): the tree loaded so far, which folders
// are open, the detail and history read, the one value revealed, the staged changes. Rows reach the table through
// the store; a change here redraws the panes through the store's change count for this folder.
import type {RowPlace} from '../../fleet/contexts/row-place.js';
import type {Parameter, ParameterVersion} from '../../fleet/parameters/parameter.js';
import type {ParameterPort} from '../../fleet/parameters/port.js';
import {buildTree, type PathNode} from '../../fleet/parameters/path-tree.js';
import type {DiffLine} from '../../fleet/parameters/line-diff.js';
import type {AppStore} from '../../store/store.js';
import type {Services} from '../view.js';
import {errorText} from '../../fleet/sanitize.js';
import {DEFAULT_REVEAL_SECONDS} from './services.js';

export const RESOURCE_ID = 'parameters';

export type Loadable<T> = {state: 'loading'} | {state: 'error'; message: string} | ({state: 'ok'} & T);

export interface DetailData {
  /** Every kept version without values of secrets (labels, who, description, policies per version). */
  readonly versions: readonly ParameterVersion[];
  readonly tags: Readonly<Record<string, string>>;
}

/** A SecureString value on screen: which name, and the cancel of its auto-hide. */
export interface Reveal {
  readonly name: string;
  readonly version: ParameterVersion;
  readonly cancel: () => void;
}

/** A diff to show: what is compared with what, or why it is not shown. */
export interface DiffPane {
  readonly title: string;
  readonly left: string;
  readonly right: string;
  readonly lines?: readonly DiffLine[];
  readonly note?: string;
  /** It shows revealed SecureString values: dropped when the user leaves it or the reveal time passes. */
  readonly secret?: boolean;
}

/** A change waiting to be applied: the value read (at `fromVersion`, 0 for a new parameter) and the new one. */
export interface StagedChange {
  readonly name: string;
  readonly type: Parameter['type'];
  readonly fromVersion: number;
  readonly before: string;
  readonly after: string;
}

export interface ParameterSession {
  readonly port: ParameterPort;
  store?: AppStore;
  tree: PathNode;
  /** Metadata of every parameter listed so far. */
  readonly meta: Map<string, Parameter>;
  /** Folders whose level is loaded, and those loading now. */
  readonly loaded: Set<string>;
  readonly loading: Set<string>;
  readonly open: Set<string>;
  flat: boolean;
  /** Flat mode's rows: every parameter (DescribeParameters), and what filters by label and tag need. */
  all: readonly Parameter[] | undefined;
  readonly labels: Map<string, readonly string[]>;
  readonly tags: Map<string, Readonly<Record<string, string>>>;
  /** Labels and tags of the flat list are loading. */
  factsLoading?: boolean;
  readonly details: Map<string, Loadable<DetailData>>;
  reveal: Reveal | undefined;
  /** Names whose history shows decrypted values (an explicit reveal), with their auto-hide. */
  readonly historyReveals: Map<string, () => void>;
  compareRevealed: (() => void) | undefined;
  readonly diffs: Map<string, DiffPane>;
  readonly staged: Map<string, StagedChange>;
  /** The last apply's result, one line per change. */
  stagedResults: readonly string[];
  unsubscribe?: () => void;
  /** The revealSeconds setting, as the panes say it. */
  revealSeconds: number;
  /** Lists the open levels again and redraws the parameters table (after a write). */
  refreshRows?: () => void;
  /** Several contexts: where this session's parameters live (its rows share the table with the others'). */
  place?: RowPlace;
  /** The parameters table's filter changed (flat mode loads labels and tags for `label:` and `tag:`). */
  filterChanged?: () => void;
}

const sessions = new WeakMap<ParameterPort, ParameterSession>();
const byStore = new WeakMap<AppStore, ParameterSession>();

/** The session a store draws (panes are drawn from the store alone). */
export function sessionForStore(store: AppStore): ParameterSession | undefined {
  return byStore.get(store);
}

export function sessionOf(port: ParameterPort): ParameterSession {
  let s = sessions.get(port);
  if (!s) {
    s = {port, tree: buildTree([]), meta: new Map(), loaded: new Set(), loading: new Set(), open: new Set(), flat: false, all: undefined,
      labels: new Map(), tags: new Map(), details: new Map(), reveal: undefined, historyReveals: new Map(), compareRevealed: undefined,
      diffs: new Map(), staged: new Map(), stagedResults: [], revealSeconds: DEFAULT_REVEAL_SECONDS};
    sessions.set(port, s);
  }
  return s;
}

/** The session of these services, with the store it draws through (the first caller with a store attaches it). */
export function session(services: Services, store?: AppStore): ParameterSession | undefined {
  if (!services.parameters) return undefined;
  const s = sessionOf(services.parameters);
  s.revealSeconds = services.revealSeconds ?? DEFAULT_REVEAL_SECONDS;
  if (store && s.store !== store) {
    byStore.set(store, s);
    s.unsubscribe?.();
    s.store = store;
    s.unsubscribe = watchScreens(s, store);
  }
  return s;
}

export function changed(s: ParameterSession): void {
  s.store?.getState().resourceChanged(RESOURCE_ID);
}

/** Hides a revealed value now. */
export function hideReveal(s: ParameterSession): void {
  if (!s.reveal) return;
  s.reveal.cancel();
  s.reveal = undefined;
  changed(s);
}

/** Screens where a revealed value may stay: the detail of that name, and the question or prompt over it. */
function watchScreens(s: ParameterSession, store: AppStore): () => void {
  return store.subscribe((st, prev) => {
    if (st.tables[RESOURCE_ID]?.appliedFilter !== prev.tables[RESOURCE_ID]?.appliedFilter) s.filterChanged?.();
    const top = st.stack[st.stack.length - 1];
    if (s.reveal && !(top?.view === 'parameter-detail' && top.arg === s.reveal.name)) hideReveal(s);
    for (const [key, d] of s.diffs) if (d.secret && !(top?.view === 'parameter-diff' && top.arg === key)) s.diffs.delete(key);
    for (const [name, cancel] of s.historyReveals) {
      if (top?.view === 'parameter-history' && top.arg === name) continue;
      if (top?.view === 'parameter-diff') continue;
      cancel();
      s.historyReveals.delete(name);
    }
  });
}

/** Drops every diff that shows revealed secrets (the reveal time passed). */
export function dropSecretDiffs(s: ParameterSession): void {
  for (const [key, d] of s.diffs) if (d.secret) s.diffs.delete(key);
  changed(s);
}

/** Schedules an auto-hide after the reveal time (the services' timer in tests). */
export function schedule(services: Services, fn: () => void): () => void {
  const ms = (services.revealSeconds ?? DEFAULT_REVEAL_SECONDS) * 1000;
  if (services.parameterTimer) return services.parameterTimer(fn, ms);
  const t = setTimeout(fn, ms);
  t.unref?.();
  return () => clearTimeout(t);
}

/** (Re)loads a parameter's detail: every version's metadata (no secret values) and its tags. */
export function loadDetail(s: ParameterSession, name: string): void {
  if (!s.details.has(name)) s.details.set(name, {state: 'loading'});
  changed(s);
  Promise.all([s.port.history(name, {decrypt: false}), s.port.tags(name)]).then(
    ([versions, tags]) => s.details.set(name, {state: 'ok', versions, tags}),
    (e: unknown) => s.details.set(name, {state: 'error', message: errorText(e)}),
  ).finally(() => changed(s));
}
