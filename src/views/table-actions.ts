// The commands every table view shares: cursor, paging, sort, marks, opening the filter prompt, yank.
import type {CommandId} from '../keys/commands.js';
import {
  clearMarks, cycleSort, markAllVisible, markRange, moveCursor, prepareFilter, setSort, toggleMark,
  type CursorMove, type TableSpec, type TableState,
} from '../fleet/table-model.js';
import type {ActionContext, TableView} from './view.js';
import {sanitizeText} from '../fleet/sanitize.js';
import {layoutColumns} from '../components/table-render.js';
import {applyLayout} from '../fleet/column-layout.js';
import {columnContext, sidePaneWidth, tableNow} from './table-context.js';

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
      // Opens empty, as a fresh search: the filter in force is one ↑ away (prompt.historyPrev).
      const st = ctx.store.getState().tables[viewId];
      if (st) update(ctx, (cur) => prepareFilter(spec(), cur));
      ctx.store.getState().setPrompt({kind: 'filter', text: '', before: st?.appliedFilter ?? ''});
    },
  };
}

type YankWhat = 'id' | 'name' | 'row';
const YANKS: Partial<Record<CommandId, YankWhat>> = {'table.yankId': 'id', 'table.yankName': 'name', 'table.yankRow': 'row'};

/** One cell of copied text: sanitized as on screen, and never a tab or line break that would split the row. */
const cell = (text: string) => sanitizeText(text).replace(/[\t\r\n]+/g, ' ').trim();

/**
 * Yank from any table: the id, the name (the NAME column) or the whole row as shown (the columns the table lays out
 * at this width, tab-separated), of the marked rows (one a line) or else the row under the cursor, to the clipboard.
 */
export function yankAction(view: TableView<unknown>, id: CommandId): ((ctx: ActionContext) => void) | undefined {
  const what = YANKS[id];
  if (!what) return undefined;
  return (ctx) => {
    const s = ctx.store.getState();
    const st = s.tables[view.id];
    const marked = st ? st.visible.filter((r) => st.marks.has(view.table.rowId(r))) : [];
    const cursorRow = st?.visible[st.cursor];
    const rows = marked.length ? marked : cursorRow !== undefined ? [cursorRow] : [];
    if (rows.length === 0) {
      s.setFlash({text: 'nothing to copy: no row here', tone: 'info'});
      return;
    }
    if (!ctx.services.copy) {
      s.setFlash({text: 'no clipboard here', tone: 'warn'});
      return;
    }
    const columns = view.columns(ctx.viewOptions ?? {tagColumns: []});
    const colCtx = columnContext(s, tableNow(s, view.liveAges));
    let text: (row: unknown) => string;
    if (what === 'id') text = (r) => cell(view.table.rowId(r));
    else if (what === 'name') {
      const nameCol = columns.find((c) => c.id === 'name');
      if (!nameCol) {
        s.setFlash({text: `${view.title} has no NAME column: y copies the id, Y the row`, tone: 'info'});
        return;
      }
      text = (r) => cell(nameCol.text(r, colCtx));
    } else {
      // As shown: the columns the user picked for this view, in their order, at the table's width.
      const width = s.size.cols - sidePaneWidth(view.id, s.sidePane, s.size.cols);
      const shown = layoutColumns(applyLayout(columns, s.columnLayouts[view.id]), width);
      text = (r) => shown.map(({col}) => cell(col.text(r, colCtx))).join('\t');
    }
    const lines = rows.map(text);
    ctx.services.copy(lines.join('\n'));
    s.setFlash({tone: 'info', text: lines.length === 1
      ? `copied ${what} ${what === 'row' ? `of ${cell(view.table.rowId(rows[0]))}` : lines[0]}`
      : `copied ${lines.length} ${what}s`});
  };
}
