// The commands every table view shares: cursor, paging, sort, marks, opening the filter prompt.
import type {CommandId} from '../keys/commands.js';
import {
  clearMarks, cycleSort, markAllVisible, markRange, moveCursor, setSort, toggleMark,
  type CursorMove, type TableSpec, type TableState,
} from '../fleet/table-model.js';
import type {ActionContext} from './view.js';

export function tableActions<T>(
  viewId: string,
  spec: () => TableSpec<T>,
): Partial<Record<CommandId, (ctx: ActionContext) => void>> {
  const update = (ctx: ActionContext, fn: (st: TableState<T>) => TableState<T>) =>
    ctx.store.getState().updateTable<T>(viewId, fn);
  const move = (m: (ctx: ActionContext) => CursorMove) => (ctx: ActionContext) =>
    update(ctx, (st) => moveCursor(spec(), st, m(ctx), ctx.pageSize));
  return {
    'table.down': move(() => 1),
    'table.up': move(() => -1),
    'table.pageDown': move((c) => c.pageSize),
    'table.pageUp': move((c) => -c.pageSize),
    'table.top': move(() => 'home'),
    'table.bottom': move(() => 'end'),
    'table.sortNext': (ctx) => update(ctx, (st) => cycleSort(spec(), st, 1)),
    'table.sortPrev': (ctx) => update(ctx, (st) => cycleSort(spec(), st, -1)),
    'table.sortReverse': (ctx) => update(ctx, (st) => setSort(spec(), st, st.sortKey, !st.sortDesc)),
    'table.mark': (ctx) =>
      update(ctx, (st) => moveCursor(spec(), toggleMark(spec(), st), 1, ctx.pageSize)),
    'table.markRange': (ctx) => update(ctx, (st) => markRange(spec(), st)),
    'table.markAll': (ctx) => update(ctx, (st) => markAllVisible(spec(), st)),
    'table.clearMarks': (ctx) => update(ctx, (st) => clearMarks(st)),
    'table.filter': (ctx) => {
      const st = ctx.store.getState().tables[viewId];
      const text = st?.filterText ?? '';
      ctx.store.getState().setPrompt({kind: 'filter', text, before: st?.appliedFilter ?? ''});
    },
  };
}
