// A table's columns as the user chose them in the column picker: which are shown, in what order, and a width cap.
// Columns are named by their titles (as the header shows them). Pure: the config validates the shape here, the App
// applies it to a view's columns, the picker edits it.

export interface ColumnLayout {
  /** The shown columns by title, in order; columns not listed are hidden. Absent: the view's own columns. */
  columns?: string[];
  /** Title → the most cells the column takes (it never grows past it). */
  widths?: Record<string, number>;
}

export type ColumnLayouts = Readonly<Record<string, ColumnLayout>>;

export const MIN_COLUMN_WIDTH = 3;
export const MAX_COLUMN_WIDTH = 200;

/** The `views` setting: view id → {columns?, widths?}; errors name the view and the field. */
export function parseColumnLayouts(raw: unknown): {layouts: Record<string, ColumnLayout>; errors: string[]} {
  const layouts: Record<string, ColumnLayout> = {};
  const example = '{"instances": {"columns": ["NAME", "PING"], "widths": {"NAME": 24}}}';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {layouts, errors: [`views must be an object such as ${example}`]};
  const errors: string[] = [];
  for (const [view, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      errors.push(`views.${view} must be an object such as {"columns": ["NAME", "PING"], "widths": {"NAME": 24}}`);
      continue;
    }
    const o = v as Record<string, unknown>;
    const layout: ColumnLayout = {};
    const unknown = Object.keys(o).find((k) => k !== 'columns' && k !== 'widths');
    if (unknown !== undefined) errors.push(`views.${view}: unknown field "${unknown}" (known: columns, widths)`);
    if (o.columns !== undefined) {
      if (Array.isArray(o.columns) && o.columns.length > 0 && o.columns.every((c) => typeof c === 'string' && c.length > 0 && c.length <= 128)) {
        layout.columns = o.columns as string[];
      } else errors.push(`views.${view}.columns must be a non-empty list of column titles, e.g. ["NAME", "PING"]`);
    }
    if (o.widths !== undefined) {
      const w = o.widths;
      const ok = typeof w === 'object' && w !== null && !Array.isArray(w) && Object.values(w).every((n) =>
        typeof n === 'number' && Number.isInteger(n) && n >= MIN_COLUMN_WIDTH && n <= MAX_COLUMN_WIDTH);
      if (ok) layout.widths = {...(w as Record<string, number>)};
      else errors.push(`views.${view}.widths must map column titles to whole numbers of cells from ${MIN_COLUMN_WIDTH} to ${MAX_COLUMN_WIDTH}, e.g. {"NAME": 24}`);
    }
    layouts[view] = layout;
  }
  return {layouts, errors};
}

interface Titled {
  title: string;
  width: number;
  flex?: boolean;
  minWidth?: number;
}

/** The view's columns as the layout has them: titles it does not know are skipped, a width caps the column. */
export function applyLayout<C extends Titled>(columns: readonly C[], layout: ColumnLayout | undefined): C[] {
  if (!layout) return [...columns];
  const byTitle = new Map(columns.map((c) => [c.title, c]));
  const chosen = layout.columns ? layout.columns.map((t) => byTitle.get(t)).filter((c): c is C => c !== undefined) : [...columns];
  const shown = chosen.length ? chosen : [...columns];
  return shown.map((c) => {
    const w = layout.widths?.[c.title];
    return w === undefined ? c : {...c, width: w, flex: false, minWidth: Math.min(c.minWidth ?? w, w)};
  });
}

/** One line of the picker: a column, whether it is shown, its width cap (undefined: auto). */
export interface PickerItem {
  title: string;
  shown: boolean;
  width?: number;
}

export interface ColumnPicker {
  view: string;
  items: PickerItem[];
  cursor: number;
}

/** The picker over a view's columns: the shown ones in their order first, then the hidden ones. */
export function openPicker(view: string, columns: readonly Titled[], layout: ColumnLayout | undefined): ColumnPicker {
  const shown = applyLayout(columns, layout).map((c) => c.title);
  const hidden = columns.map((c) => c.title).filter((t) => !shown.includes(t));
  const item = (title: string, on: boolean): PickerItem => {
    const w = layout?.widths?.[title];
    return w === undefined ? {title, shown: on} : {title, shown: on, width: w};
  };
  return {view, cursor: 0, items: [...shown.map((t) => item(t, true)), ...hidden.map((t) => item(t, false))]};
}

export function moveCursor(p: ColumnPicker, step: number): ColumnPicker {
  return {...p, cursor: Math.max(0, Math.min(p.items.length - 1, p.cursor + step))};
}

/** Show or hide the column under the cursor; the last shown column stays. */
export function toggleShown(p: ColumnPicker): ColumnPicker {
  const it = p.items[p.cursor];
  if (!it || (it.shown && p.items.filter((i) => i.shown).length === 1)) return p;
  return {...p, items: p.items.map((x, i) => (i === p.cursor ? {...x, shown: !x.shown} : x))};
}

/** Move the column under the cursor up (-1) or down (+1); the cursor follows it. */
export function moveItem(p: ColumnPicker, step: -1 | 1): ColumnPicker {
  const to = p.cursor + step;
  const a = p.items[p.cursor];
  const b = p.items[to];
  if (!a || !b) return p;
  const items = [...p.items];
  items[p.cursor] = b;
  items[to] = a;
  return {...p, items, cursor: to};
}

const WIDTH_STEPS = [8, 12, 16, 20, 24, 32, 40, 60];

/** ← narrower, → wider, through a few widths; wider than the last is "auto" again (no cap). */
export function stepWidth(p: ColumnPicker, step: -1 | 1): ColumnPicker {
  const it = p.items[p.cursor];
  if (!it) return p;
  const at = it.width === undefined ? WIDTH_STEPS.length : WIDTH_STEPS.findIndex((w) => w >= (it.width ?? 0));
  const next = Math.max(0, Math.min(WIDTH_STEPS.length, (at < 0 ? WIDTH_STEPS.length - 1 : at) + step));
  const width = WIDTH_STEPS[next];
  const items = p.items.map((x, i) => {
    if (i !== p.cursor) return x;
    const {width: _drop, ...rest} = x;
    return width === undefined ? rest : {...rest, width};
  });
  return {...p, items};
}

/** What enter saves: the shown columns in order, and the widths set. */
export function pickerLayout(p: ColumnPicker): ColumnLayout {
  const widths = Object.fromEntries(p.items.filter((i) => i.width !== undefined).map((i) => [i.title, i.width as number]));
  return {columns: p.items.filter((i) => i.shown).map((i) => i.title), ...(Object.keys(widths).length ? {widths} : {})};
}
