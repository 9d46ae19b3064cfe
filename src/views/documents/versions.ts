// A document's versions (`V`): number and name, when each was created, which is the default and the latest. enter
// opens a version's detail; d diffs the two marked versions (or the one under the cursor against the default); r runs
// the version under the cursor with Run Command.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import type {DocumentVersionInfo} from '../../fleet/documents/document.js';
import {cursorRow} from '../../fleet/table-model.js';
import {currentScreen} from '../../store/store.js';
import {defineTableView, type ActionContext, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {openDocument, runDocument} from './open.js';
import {runRefusal} from './documents-view.js';
import {openDiff} from './diff.js';
import {DOCUMENT_READ_ONLY, setDefaultVersion} from './author.js';
import './services.js';

const rowsOf = (ctx: ActionContext) => ctx.store.getState().tables['document-versions'];

/** The two versions `d` compares, older first, or why there are not two. */
export function diffPair(ctx: ActionContext): {ok: true; from: string; to: string} | {ok: false; error: string} {
  const st = rowsOf(ctx);
  if (!st) return {ok: false, error: 'no versions loaded'};
  const rows = st.rows as readonly DocumentVersionInfo[];
  const marked = rows.filter((v) => st.marks.has(v.version));
  let pair: string[];
  if (marked.length === 2) pair = marked.map((v) => v.version);
  else if (marked.length > 2) return {ok: false, error: 'mark two versions to diff them (more are marked)'};
  else {
    const at = cursorRow(st) as DocumentVersionInfo | undefined;
    const other = marked[0] ?? rows.find((v) => v.isDefault);
    if (!at || !other || other.version === at.version) return {ok: false, error: 'mark two versions (space), or put the cursor on one that is not the default'};
    pair = [other.version, at.version];
  }
  const [a = '', b = ''] = pair.sort((x, y) => Number(x) - Number(y));
  return {ok: true, from: a, to: b};
}

export const documentVersionsView: TableView<DocumentVersionInfo> = defineTableView<DocumentVersionInfo>({
  id: 'document-versions',
  title: 'Versions',
  aliases: [],
  needsArg: true,
  defaultSort: 'version',
  scopes: ['documentVersions', 'table'],
  table: {
    rowId: (v) => v.version,
    filter: {
      keys: {
        name: {describe: 'version name', get: (v) => v.versionName ?? ''},
      },
      text: cachedHaystack((v: DocumentVersionInfo) => [v.version, v.versionName ?? '', v.isDefault ? 'default' : '']),
    },
    sortValues: {
      version: (v) => -Number(v.version),
      created: (v) => -(v.createdAt ?? 0),
    },
  },
  columns: () => [
    {id: 'version', title: 'VERSION', width: 7, priority: 0, align: 'right', text: (v) => v.version},
    {id: 'name', title: 'NAME', width: 16, flex: true, priority: 1, text: (v) => v.versionName ?? ''},
    {id: 'default', title: 'DEFAULT', width: 7, priority: 0, text: (v) => (v.isDefault ? 'default' : ''), tone: () => 'good'},
    {id: 'format', title: 'FORMAT', width: 6, priority: 2, text: (v) => v.format},
    {id: 'status', title: 'STATUS', width: 8, priority: 3, text: (v) => v.status},
    {id: 'created', title: 'CREATED', width: 8, priority: 1, align: 'right', text: (v, ctx) => formatAge(v.createdAt, ctx.now)},
  ],
  titleNote: (rows) => `${rows.length} version${rows.length === 1 ? '' : 's'}`,
  fetch: async (services, {arg}) => {
    if (!services.documents || !arg) throw new Error('no document selected');
    return services.documents.versions(arg);
  },
  disabled: {
    'documentVersions.setDefault': (ctx) => (ctx.readOnly ? DOCUMENT_READ_ONLY : undefined),
    'documentVersions.run': (ctx) => runRefusal(ctx, undefined),
  },
  actions: {
    'documentVersions.setDefault': (ctx) => {
      const name = currentScreen(ctx.store.getState()).arg;
      const st = rowsOf(ctx);
      const v = st ? cursorRow(st) as DocumentVersionInfo | undefined : undefined;
      if (name && v) setDefaultVersion(ctx, name, v.version);
    },
    ...tableActions<DocumentVersionInfo>('document-versions', () => documentVersionsView.table),
    'documentVersions.open': (ctx) => {
      const name = currentScreen(ctx.store.getState()).arg;
      const st = rowsOf(ctx);
      const v = st ? cursorRow(st) as DocumentVersionInfo | undefined : undefined;
      if (name && v) openDocument(ctx, name, v.version);
    },
    'documentVersions.run': (ctx) => {
      const name = currentScreen(ctx.store.getState()).arg;
      const st = rowsOf(ctx);
      const v = st ? cursorRow(st) as DocumentVersionInfo | undefined : undefined;
      if (name && v) runDocument(ctx, name, v.version);
    },
    'documentVersions.diff': (ctx) => {
      const name = currentScreen(ctx.store.getState()).arg;
      const pair = diffPair(ctx);
      if (!name) return;
      if (!pair.ok) {
        ctx.store.getState().setFlash({text: pair.error, tone: 'warn'});
        return;
      }
      openDiff(ctx, name, pair.from, pair.to);
    },
  },
});
