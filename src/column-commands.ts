// The column picker's commands (keymap scope "columnPicker") and `C`, which opens it over the table on screen.
// Enter applies the layout to the view and saves it in the config; esc leaves everything as it was.
import type {Controller} from './keys/controller.js';
import {currentScreen} from './store/store.js';
import {findView} from './views/registry.js';
import {moveCursor, moveItem, openPicker, pickerLayout, stepWidth, toggleShown, type ColumnPicker} from './fleet/column-layout.js';
import type {InputContext} from './app-input.js';

/** `C`: the picker over the columns of the table on screen. */
export function openColumnPicker(ctx: InputContext): void {
  const s = ctx.store.getState();
  const view = findView(currentScreen(s).view);
  if (view?.kind !== 'table') return s.setFlash({text: 'columns are picked in a table view', tone: 'info'});
  const columns = view.columns(ctx.viewOptions ?? {tagColumns: []});
  s.setColumnPicker(openPicker(view.id, columns, s.columnLayouts[view.id]));
}

const update = (ctx: InputContext, fn: (p: ColumnPicker) => ColumnPicker) => {
  const p = ctx.store.getState().columnPicker;
  if (p) ctx.store.getState().setColumnPicker(fn(p));
};

export const COLUMN_PICKER: Controller<'columnPicker', InputContext> = {
  'columns.down': {run: (ctx) => update(ctx, (p) => moveCursor(p, 1))},
  'columns.up': {run: (ctx) => update(ctx, (p) => moveCursor(p, -1))},
  'columns.toggle': {run: (ctx) => update(ctx, toggleShown)},
  'columns.moveDown': {run: (ctx) => update(ctx, (p) => moveItem(p, 1))},
  'columns.moveUp': {run: (ctx) => update(ctx, (p) => moveItem(p, -1))},
  'columns.wider': {run: (ctx) => update(ctx, (p) => stepWidth(p, 1))},
  'columns.narrower': {run: (ctx) => update(ctx, (p) => stepWidth(p, -1))},
  'columns.apply': {run: (ctx) => {
    const s = ctx.store.getState();
    const p = s.columnPicker;
    if (!p) return;
    const layouts = {...s.columnLayouts, [p.view]: pickerLayout(p)};
    s.setColumnPicker(undefined);
    s.setColumnLayouts(layouts);
    ctx.services.rememberColumns?.(layouts);
  }},
  'columns.cancel': {run: (ctx) => ctx.store.getState().setColumnPicker(undefined)},
};
