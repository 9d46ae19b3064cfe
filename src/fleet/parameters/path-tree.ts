// The hierarchy of parameter names as a tree of paths: `/app/prod/db/host` sits under the folders /app,
// /app/prod and /app/prod/db. Names without a leading slash sit at the root. A tree is built from whatever names
// are known so far (a store is loaded one level at a time), and flattened into the rows a view shows for the
// folders that are open.

export interface PathNode {
  /** The full path of a folder (`/app/prod`) or the full name of a parameter. */
  readonly path: string;
  /** The last segment, as shown. */
  readonly label: string;
  readonly folders: Map<string, PathNode>;
  /** Parameter names directly in this folder, sorted. */
  readonly parameters: string[];
}

export interface TreeRow {
  readonly kind: 'folder' | 'parameter';
  readonly path: string;
  readonly label: string;
  readonly depth: number;
  readonly open: boolean;
}

/** The folder a name sits in: `/a/b/c` → `/a/b`, `/a` → `/`, `plain` → `/`. */
export function parentPath(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash <= 0 ? '/' : name.slice(0, slash);
}

/** The last segment of a name or path. */
export function leafName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function folder(path: string): PathNode {
  return {path, label: path === '/' ? '/' : leafName(path), folders: new Map(), parameters: []};
}

/** Adds a folder path (and its ancestors) to the tree; returns the folder's node. */
export function addFolder(root: PathNode, path: string): PathNode {
  let node = root;
  let at = '';
  for (const seg of path.split('/').filter((s) => s !== '')) {
    at = `${at}/${seg}`;
    let next = node.folders.get(seg);
    if (next === undefined) {
      next = folder(at);
      node.folders.set(seg, next);
    }
    node = next;
  }
  return node;
}

/** Adds parameter names (their folders are created as needed); names already present are not repeated. */
export function addNames(root: PathNode, names: Iterable<string>): void {
  for (const name of names) {
    const parent = addFolder(root, parentPath(name));
    if (parent.parameters.includes(name)) continue;
    const i = sortedIndex(parent.parameters, name);
    parent.parameters.splice(i, 0, name);
  }
}

function sortedIndex(list: readonly string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] ?? '') < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function buildTree(names: Iterable<string>): PathNode {
  const root = folder('/');
  addNames(root, names);
  return root;
}

/** The node of a folder path, or undefined. */
export function findFolder(root: PathNode, path: string): PathNode | undefined {
  let node: PathNode | undefined = root;
  for (const seg of path.split('/').filter((s) => s !== '')) {
    node = node.folders.get(seg);
    if (node === undefined) return undefined;
  }
  return node;
}

/** The visible rows: folders first then parameters, each sorted, descending into open folders only. */
export function visibleRows(root: PathNode, open: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (node: PathNode, depth: number): void => {
    for (const key of [...node.folders.keys()].sort()) {
      const child = node.folders.get(key);
      if (child === undefined) continue;
      const isOpen = open.has(child.path);
      rows.push({kind: 'folder', path: child.path, label: child.label, depth, open: isOpen});
      if (isOpen) walk(child, depth + 1);
    }
    for (const name of node.parameters) rows.push({kind: 'parameter', path: name, label: leafName(name), depth, open: false});
  };
  walk(root, 0);
  return rows;
}
