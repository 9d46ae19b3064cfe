// The rows of the parameters table: the tree of the levels loaded so far (folders first, open ones expanded), or,
// in flat mode, every parameter. Opening a folder loads its level (one GetParametersByPath page run and one
// DescribeParameters listing); what filters by label and tag need is loaded only when a filter asks for it.
import {placeRows, rowPlace} from '../../fleet/contexts/row-place.js';
import type {Parameter} from '../../fleet/parameters/parameter.js';
import {addFolder, addNames, findFolder, parentPath, visibleRows} from '../../fleet/parameters/path-tree.js';
import {setRows} from '../../fleet/table-model.js';
import {errorText} from '../../fleet/sanitize.js';
import {changed, type ParameterSession} from './session.js';
import type {TableSpec} from '../../fleet/table-model.js';

export const TABLE_ID = 'parameters';

export interface ParamRow {
  readonly kind: 'folder' | 'parameter';
  /** The folder's path or the parameter's full name (the row id). */
  readonly path: string;
  /** As shown: the last segment in the tree, the full name in flat mode. */
  readonly label: string;
  readonly depth: number;
  readonly open: boolean;
  readonly loading: boolean;
  readonly order: number;
  readonly meta: Parameter | undefined;
  readonly labels: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly staged: boolean;
}

function paramRow(s: ParameterSession, name: string, label: string, depth: number, order: number): ParamRow {
  return {kind: 'parameter', path: name, label, depth, open: false, loading: false, order, meta: s.meta.get(name),
    labels: s.labels.get(name) ?? [], tags: s.tags.get(name) ?? {}, staged: s.staged.has(name)};
}

export function rowsOf(s: ParameterSession): ParamRow[] {
  if (s.flat) return (s.all ?? []).map((p, i) => paramRow(s, p.name, p.name, 0, i));
  return visibleRows(s.tree, s.open).map((r, i) => (r.kind === 'parameter' ? paramRow(s, r.path, r.label, r.depth, i)
    : {kind: 'folder', path: r.path, label: r.label, depth: r.depth, open: r.open, loading: s.loading.has(r.path), order: i, meta: undefined,
      labels: [], tags: {}, staged: false}));
}

/** Puts the session's rows in the table now (opening and closing do not wait for the next refresh). */
export function publish(s: ParameterSession, spec: TableSpec<ParamRow>): void {
  const rows = rowsOf(s);
  const place = s.place;
  if (place) placeRows(rows, place);
  // Several contexts in one table: this session's rows replace its own context's, the others' stay.
  s.store?.getState().updateTable<ParamRow>(TABLE_ID, (st) => setRows(spec, st,
    place ? [...st.rows.filter((r) => rowPlace(r)?.context !== place.context), ...rows] : rows));
  changed(s);
}

/** Loads one level into the tree (its parameters with metadata, its sub-folders). */
export async function loadLevel(s: ParameterSession, path: string, signal?: AbortSignal, onDirect?: () => void): Promise<void> {
  s.loading.add(path);
  try {
    // The level's parameters show as soon as they are listed; their metadata and the sub-folders follow.
    const level = await s.port.listLevel(path, signal, onDirect && ((direct) => {
      for (const p of direct) if (!s.meta.has(p.name)) s.meta.set(p.name, p);
      addNames(s.tree, direct.map((p) => p.name));
      onDirect();
    }), onDirect && ((folders) => {
      // Folders found so far show while the listing goes on (a refresh drops the gone ones when it ends).
      for (const f of folders) addFolder(s.tree, f);
      onDirect();
    }));
    const node = addFolder(s.tree, level.path);
    // A refresh replaces what the level held: deleted parameters and folders go.
    node.parameters.splice(0, node.parameters.length);
    for (const f of [...node.folders.keys()]) if (!level.folders.includes(node.folders.get(f)?.path ?? '')) node.folders.delete(f);
    for (const p of level.parameters) s.meta.set(p.name, p);
    addNames(s.tree, level.parameters.map((p) => p.name).filter((n) => parentPath(n) === level.path || level.path === '/'));
    for (const f of level.folders) addFolder(s.tree, f);
    s.loaded.add(level.path);
  } finally {
    s.loading.delete(path);
  }
}

/** The rows for the view's fetch: the root level and every open folder again (a refresh), or the flat list. */
export async function refreshAll(s: ParameterSession, signal?: AbortSignal, onRows?: (rows: ParamRow[]) => void): Promise<ParamRow[]> {
  if (s.flat) {
    s.all = (await s.port.listAll('/', signal)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const p of s.all) s.meta.set(p.name, p);
    return rowsOf(s);
  }
  await loadLevel(s, '/', signal, onRows && (() => onRows(rowsOf(s))));
  for (const path of [...s.open].sort()) {
    if (findFolder(s.tree, path)) await loadLevel(s, path, signal);
    else s.open.delete(path);
  }
  return rowsOf(s);
}

/** Opens a folder: shown open at once (with "loading…"), its level filled in when it arrives. */
export function openFolder(s: ParameterSession, path: string, spec: TableSpec<ParamRow>): void {
  s.open.add(path);
  if (s.loaded.has(path)) return publish(s, spec);
  const work = loadLevel(s, path, undefined, () => publish(s, spec));
  publish(s, spec);
  work.then(() => publish(s, spec), (e: unknown) => {
    s.open.delete(path);
    publish(s, spec);
    s.store?.getState().setFlash({text: `could not list ${path}: ${errorText(e)}`, tone: 'error'});
  });
}

export function closeFolder(s: ParameterSession, path: string, spec: TableSpec<ParamRow>): void {
  s.open.delete(path);
  publish(s, spec);
}

export interface FactsWanted {
  readonly tags: boolean;
  readonly labels: boolean;
}

/** Loads what a `tag:` or `label:` filter needs of every flat row, a few at a time. */
export async function loadFilterFacts(s: ParameterSession, spec: TableSpec<ParamRow>, want: FactsWanted): Promise<void> {
  // One load at a time: each keystroke of such a filter asks again.
  if (s.factsLoading) return;
  s.factsLoading = true;
  let loaded = 0;
  try {
    loaded = await loadFacts(s, spec, want);
  } finally {
    s.factsLoading = false;
  }
  // The filter may have changed meanwhile (`tag:` typed first, `label:` after): what it needs now is loaded next.
  if (loaded > 0) s.filterChanged?.();
}

async function loadFacts(s: ParameterSession, spec: TableSpec<ParamRow>, want: FactsWanted): Promise<number> {
  const names = (s.all ?? []).map((p) => p.name).filter((n) => (want.tags && !s.tags.has(n)) || (want.labels && !s.labels.has(n)));
  const CONCURRENCY = 4;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++] as string;
      try {
        if (want.tags && !s.tags.has(name)) s.tags.set(name, await s.port.tags(name));
        if (want.labels && !s.labels.has(name)) s.labels.set(name, (await s.port.history(name, {decrypt: false})).flatMap((v) => v.labels));
      } catch {
        // A parameter deleted meanwhile: nothing to filter on.
        if (want.tags && !s.tags.has(name)) s.tags.set(name, {});
        if (want.labels && !s.labels.has(name)) s.labels.set(name, []);
      }
      done++;
      if (done % 25 === 0) {
        s.store?.getState().setActivity(`loading ${[want.tags ? 'tags' : '', want.labels ? 'labels' : ''].filter(Boolean).join(' and ')} ${done}/${names.length}`);
        publish(s, spec);
      }
    }
  };
  await Promise.all(Array.from({length: CONCURRENCY}, worker));
  s.store?.getState().setActivity(undefined);
  publish(s, spec);
  return names.length;
}
