// `:parameters` (`:param`, `:ps`): Parameter Store's path hierarchy as a tree opened one level at a time, or every
// parameter flat with the `/` filter (name, path:, type:, tier:, label:, tag:).
import {markedHere} from '../contexts/marks.js';
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import {modifiedBy} from '../../fleet/parameters/parameter.js';
import {parentPath} from '../../fleet/parameters/path-tree.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import type {TableSpec} from '../../fleet/table-model.js';
import {tableActions} from '../table-actions.js';
import {defineTableView, type ActionContext, type TableView, type Tone} from '../view.js';
import {closeFolder, loadFilterFacts, openFolder, publish, refreshAll, TABLE_ID, type ParamRow} from './rows.js';
import {session, type ParameterSession} from './session.js';
import {openDetail} from './detail.js';
import {openHistory} from './history.js';
import {compareArg} from './compare.js';
import {editInline, editParameter, newParameter, writeRefusal} from './writes.js';
import {deleteParameters} from './changes.js';
import {openStaged} from './staged.js';

const TYPE_TONE: Record<string, Tone | undefined> = {SecureString: 'warn', StringList: 'accent'};

function nameCell(r: ParamRow): string {
  const label = sanitizeText(r.label);
  const staged = r.staged ? ' ●' : '';
  if (r.depth === 0 && r.kind === 'parameter' && r.label === r.path) return `${label}${staged}`;
  const indent = '  '.repeat(r.depth);
  if (r.kind === 'folder') return `${indent}${r.open ? '▾' : '▸'} ${label}/${r.loading ? ' …' : ''}`;
  return `${indent}  ${label}${staged}`;
}

const spec: TableSpec<ParamRow> = {
  rowId: (r) => r.path,
  filter: {
    keys: {
      name: {describe: 'parameter name (substring)', get: (r) => r.path},
      path: {describe: 'path prefix, e.g. path:/app/prod', get: (r) => r.path, match: 'prefix', example: 'path:/app/prod'},
      type: {describe: 'String, StringList or SecureString', values: ['string', 'stringlist', 'securestring'], valueNoun: 'a parameter type',
        get: (r) => r.meta?.type.toLowerCase() ?? ''},
      tier: {describe: 'Standard, Advanced or Intelligent-Tiering', values: ['standard', 'advanced', 'intelligent-tiering'], valueNoun: 'a tier',
        get: (r) => r.meta?.tier?.toLowerCase() ?? ''},
      label: {describe: 'a label on any version (flat mode loads them when asked)', get: (r) => r.labels, match: 'exact'},
    },
    text: cachedHaystack((r: ParamRow) => [r.path, r.meta?.type, r.meta?.description, modifiedBy(r.meta?.lastModifiedUser)]),
    tags: (r) => r.tags,
  },
  sortValues: {
    tree: (r) => r.order,
    name: (r) => r.path.toLowerCase(),
    type: (r) => r.meta?.type ?? '',
    version: (r) => r.meta?.version ?? 0,
    modified: (r) => -(r.meta?.lastModified?.getTime() ?? 0),
    by: (r) => modifiedBy(r.meta?.lastModifiedUser),
  },
};

function cursorRow(ctx: ActionContext): ParamRow | undefined {
  const st = ctx.store.getState().tables[TABLE_ID];
  return st?.visible[st.cursor] as ParamRow | undefined;
}

function withSession(run: (s: ParameterSession, ctx: ActionContext) => void): (ctx: ActionContext) => void {
  return (ctx) => {
    const s = session(ctx.services, ctx.store);
    if (s) {
      s.filterChanged = () => watchFilter(s);
      s.refreshRows = () => void refreshAll(s).then(() => publish(s, spec), () => publish(s, spec));
    }
    if (!s) return ctx.store.getState().setFlash({text: 'Parameter Store is not available here', tone: 'warn'});
    run(s, ctx);
  };
}

/** A `tag:` or `label:` term in the flat list's filter: those facts are loaded for every parameter once. */
function watchFilter(s: ParameterSession): void {
  const st = s.store?.getState().tables[TABLE_ID];
  if (!s.flat || !st || s.all === undefined) return;
  const want = {tags: /(^|\s)!?(tag|tag-key):/.test(st.appliedFilter), labels: /(^|\s)!?label:/.test(st.appliedFilter)};
  if (want.tags || want.labels) void loadFilterFacts(s, spec, want);
}

export const parametersView: TableView<ParamRow> = defineTableView<ParamRow>({
  id: TABLE_ID,
  title: 'Parameters',
  aliases: ['param', 'ps', 'parameter-store'],
  // A store of thousands of parameters is not listed again every few seconds: ctrl+r refreshes.
  refreshMs: 120_000,
  liveAges: true,
  defaultSort: 'tree',
  scopes: ['parameters', 'table'],
  table: spec,
  columns: () => [
    {id: 'name', title: 'NAME', width: 28, flex: true, priority: 0, text: nameCell, tone: (r) => (r.kind === 'folder' ? 'accent' : undefined)},
    {id: 'type', title: 'TYPE', width: 12, priority: 1, text: (r) => r.meta?.type ?? '', tone: (r) => TYPE_TONE[r.meta?.type ?? '']},
    {id: 'tier', title: 'TIER', width: 8, priority: 4, text: (r) => r.meta?.tier ?? ''},
    {id: 'version', title: 'VER', width: 4, priority: 1, align: 'right', text: (r) => (r.meta ? String(r.meta.version) : '')},
    {id: 'modified', title: 'LAST MODIFIED', width: 13, priority: 2, align: 'right',
      text: (r, ctx) => (r.meta?.lastModified ? formatAge(r.meta.lastModified.getTime(), ctx.now) : '')},
    {id: 'by', title: 'MODIFIED BY', width: 14, flex: true, priority: 3, text: (r) => sanitizeText(modifiedBy(r.meta?.lastModifiedUser))},
    {id: 'dataType', title: 'DATA TYPE', width: 9, priority: 5, text: (r) => r.meta?.dataType ?? ''},
    {id: 'policies', title: 'POLICIES', width: 10, priority: 6, flex: true,
      text: (r) => (r.meta?.policies ?? []).map((p) => sanitizeText(p.type)).join(',')},
  ],
  titleNote: (rows) => {
    const params = rows.filter((r) => r.kind === 'parameter').length;
    return `${params} parameters${rows.some((r) => r.staged) ? ' · ● staged (P)' : ''}`;
  },
  fetch: async (services, {signal, onProgress, place}) => {
    const s = session(services);
    if (!s) throw new Error('Parameter Store is not available here');
    s.place = place;
    return refreshAll(s, signal, onProgress && ((rows) => onProgress(rows, false)));
  },
  disabled: {
    'parameters.edit': (ctx) => writeRefusal(ctx),
    'parameters.editInline': (ctx) => writeRefusal(ctx),
    'parameters.stageEdit': (ctx) => writeRefusal(ctx),
    'parameters.new': (ctx) => writeRefusal(ctx),
    'parameters.delete': (ctx) => writeRefusal(ctx),
    'parameters.staged': (ctx) => writeRefusal(ctx),
  },
  actions: {
    ...tableActions<ParamRow>(TABLE_ID, () => spec),
    'parameters.open': withSession((s, ctx) => {
      const row = cursorRow(ctx);
      if (!row) return;
      if (row.kind === 'folder') return row.open ? closeFolder(s, row.path, spec) : openFolder(s, row.path, spec);
      openDetail(ctx, s, row.path);
    }),
    'parameters.expand': withSession((s, ctx) => {
      const row = cursorRow(ctx);
      if (row?.kind === 'folder' && !row.open) openFolder(s, row.path, spec);
    }),
    'parameters.collapse': withSession((s, ctx) => {
      const row = cursorRow(ctx);
      if (!row || s.flat) return;
      if (row.kind === 'folder' && row.open) return closeFolder(s, row.path, spec);
      const parent = parentPath(row.path);
      if (parent === '/') return;
      closeFolder(s, parent, spec);
      ctx.store.getState().updateTable<ParamRow>(TABLE_ID, (st) => {
        const at = st.visible.findIndex((r) => r.path === parent);
        return at < 0 ? st : {...st, cursor: at, cursorId: parent, cursorMoved: true};
      });
    }),
    'parameters.flat': withSession((s, ctx) => {
      s.flat = !s.flat;
      publish(s, spec);
      ctx.store.getState().setFlash({text: s.flat ? 'flat: every parameter (/ filters: path:/app/prod type:SecureString label:live tag:Team=core)'
        : 'tree: enter or → opens a folder, ← closes it', tone: 'info'});
      if (s.flat && s.all === undefined) {
        s.port.listAll('/').then((all) => {
          s.all = all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
          for (const p of all) s.meta.set(p.name, p);
          publish(s, spec);
          watchFilter(s);
        }, (e: unknown) => ctx.store.getState().setFlash({text: `could not list the parameters: ${sanitizeText(String(e))}`, tone: 'error'}));
      }
    }),
    'parameters.history': withSession((s, ctx) => {
      const row = cursorRow(ctx);
      if (row?.kind === 'parameter') openHistory(ctx, s, row.path);
    }),
    'parameters.compare': withSession((_s, ctx) => {
      const st = ctx.store.getState().tables[TABLE_ID];
      const row = cursorRow(ctx);
      const folders = ((st?.rows ?? []) as ParamRow[]).filter((r) => r.kind === 'folder' && markedHere(st, r, r.path, row)).map((r) => r.path);
      if (row?.kind === 'folder' && !folders.includes(row.path)) folders.push(row.path);
      if (folders.length !== 2) {
        return ctx.store.getState().setFlash({text: 'mark one folder (space) and put the cursor on another, then = (or :paramdiff /a /b)', tone: 'info'});
      }
      ctx.store.getState().push({view: 'paramdiff', arg: compareArg(folders[0] as string, folders[1] as string)});
    }),
    'parameters.edit': withSession((s, ctx) => {
      const row = cursorRow(ctx);
      if (row?.kind === 'parameter') editParameter(ctx, s, row.path, {stage: false});
    }),
    'parameters.editInline': withSession((s, ctx) => {
      const row = cursorRow(ctx);
      if (row?.kind === 'parameter') editInline(ctx, s, row.path);
    }),
    'parameters.stageEdit': withSession((s, ctx) => {
      const row = cursorRow(ctx);
      if (row?.kind === 'parameter') editParameter(ctx, s, row.path, {stage: true});
    }),
    'parameters.new': withSession((s, ctx) => {
      const row = cursorRow(ctx);
      const folder = row ? (row.kind === 'folder' ? row.path : parentPath(row.path)) : '/';
      newParameter(ctx, s, folder === '/' ? '/' : `${folder}/`);
    }),
    'parameters.delete': withSession((s, ctx) => {
      const st = ctx.store.getState().tables[TABLE_ID];
      const row = cursorRow(ctx);
      const marked = ((st?.visible ?? []) as ParamRow[]).filter((r) => r.kind === 'parameter' && markedHere(st, r, r.path, row)).map((r) => r.path);
      const names = marked.length ? marked : row?.kind === 'parameter' ? [row.path] : [];
      if (names.length === 0) return ctx.store.getState().setFlash({text: 'no parameter here: mark some or put the cursor on one', tone: 'info'});
      deleteParameters(ctx, s, names, () => s.refreshRows?.());
    }),
    'parameters.staged': withSession((s, ctx) => openStaged(ctx, s)),
  },
});

/** The parameters table's spec and a way to redraw its rows (the writes refresh it). */
export const parametersSpec = spec;

