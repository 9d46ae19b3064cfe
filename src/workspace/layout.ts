// The split layout of one workspace, as a tree: panes are leaves; a split lays its children side by side ('row')
// or stacked ('column') in equal shares. Pure data and arithmetic: the sizes computed here are the sizes drawn and
// the sizes sent to the remote shells, so they always agree.

export type LayoutNode = {kind: 'pane'; id: string} | {kind: 'split'; dir: 'row' | 'column'; children: LayoutNode[]};

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A layout with positions: what SplitLayout draws. */
export type Arranged =
  | {kind: 'pane'; id: string; rect: Rect}
  | {kind: 'split'; dir: 'row' | 'column'; rect: Rect; children: Arranged[]};

/** Every pane has a title row above its terminal. */
export const PANE_TITLE_ROWS = 1;
/** Side-by-side panes are separated by one column. */
export const SEPARATOR_COLS = 1;
/** A split that would leave a terminal smaller than this is refused. */
export const MIN_PANE = {cols: 10, rows: 2};

export function pane(id: string): LayoutNode {
  return {kind: 'pane', id};
}

/** Sizes of `n` equal shares of `total` after `gaps` separator cells; the first shares take the remainder. */
function shares(total: number, n: number, gap: number): number[] {
  const avail = Math.max(0, total - gap * (n - 1));
  const base = Math.floor(avail / n);
  const extra = avail - base * n;
  return Array.from({length: n}, (_, i) => base + (i < extra ? 1 : 0));
}

export function arrange(node: LayoutNode, rect: Rect): Arranged {
  if (node.kind === 'pane') return {kind: 'pane', id: node.id, rect};
  const n = node.children.length;
  const children: Arranged[] = [];
  if (node.dir === 'row') {
    let x = rect.x;
    shares(rect.width, n, SEPARATOR_COLS).forEach((w, i) => {
      const child = node.children[i];
      if (child) children.push(arrange(child, {x, y: rect.y, width: w, height: rect.height}));
      x += w + SEPARATOR_COLS;
    });
  } else {
    let y = rect.y;
    shares(rect.height, n, 0).forEach((h, i) => {
      const child = node.children[i];
      if (child) children.push(arrange(child, {x: rect.x, y, width: rect.width, height: h}));
      y += h;
    });
  }
  return {kind: 'split', dir: node.dir, rect, children};
}

export function paneRects(a: Arranged, out = new Map<string, Rect>()): Map<string, Rect> {
  if (a.kind === 'pane') out.set(a.id, a.rect);
  else for (const c of a.children) paneRects(c, out);
  return out;
}

/** The remote terminal size of a pane drawn in `rect`. */
export function terminalSize(rect: Rect): {cols: number; rows: number} {
  return {cols: Math.max(1, rect.width), rows: Math.max(1, rect.height - PANE_TITLE_ROWS)};
}

/** Pane ids in reading order (focus cycles through them). */
export function paneIds(node: LayoutNode): string[] {
  return node.kind === 'pane' ? [node.id] : node.children.flatMap(paneIds);
}

/**
 * `target` split in `dir`, the new pane after it. A split in the same direction as the parent adds a sibling
 * (three equal columns, not halves of halves), as tmux's even layouts do.
 */
export function splitPane(node: LayoutNode, target: string, dir: 'row' | 'column', newId: string): LayoutNode {
  if (node.kind === 'pane') return node.id === target ? {kind: 'split', dir, children: [node, pane(newId)]} : node;
  const idx = node.children.findIndex((c) => c.kind === 'pane' && c.id === target);
  if (idx >= 0 && node.dir === dir) {
    const children = [...node.children];
    children.splice(idx + 1, 0, pane(newId));
    return {...node, children};
  }
  return {...node, children: node.children.map((c) => splitPane(c, target, dir, newId))};
}

/** The layout without `target` (a split left with one child becomes that child), or undefined when it was the last. */
export function removePane(node: LayoutNode, target: string): LayoutNode | undefined {
  if (node.kind === 'pane') return node.id === target ? undefined : node;
  const children = node.children.map((c) => removePane(c, target)).filter((c): c is LayoutNode => c !== undefined);
  if (children.length === 0) return undefined;
  if (children.length === 1) return children[0];
  return {...node, children};
}

/** n panes as a near-square grid: stacked rows of side-by-side panes (stacked first: a changed row costs less). */
export function gridLayout(ids: readonly string[]): LayoutNode {
  if (ids.length === 1) return pane(ids[0] ?? '');
  const perRow = Math.ceil(Math.sqrt(ids.length));
  const rows: LayoutNode[] = [];
  for (let i = 0; i < ids.length; i += perRow) {
    const slice = ids.slice(i, i + perRow);
    rows.push(slice.length === 1 ? pane(slice[0] ?? '') : {kind: 'split', dir: 'row', children: slice.map(pane)});
  }
  return rows.length === 1 ? (rows[0] as LayoutNode) : {kind: 'split', dir: 'column', children: rows};
}
