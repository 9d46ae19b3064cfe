// The documents table (`:documents`, `:docs`): every document this account sees — its own, Amazon's and those shared
// with it — with type, format, platforms, default and latest version, target type and when it last changed.
// `/owner:mine` (amazon, shared) narrows by owner. enter opens the detail, V the versions, r runs a Command
// document, a creates an association with it.
import {documentFilterSchema} from '../../fleet/documents/document-filter.js';
import {formatAge} from '../../fleet/format.js';
import {versionLabel, type DocumentSummary} from '../../fleet/documents/document.js';
import {readOnlyRefusal} from '../../fleet/read-only.js';
import {cursorRow} from '../../fleet/table-model.js';
import {defineTableView, type ActionContext, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {openDocument, openVersions, runDocument} from './open.js';
import {associateDocument, associateRefusal} from '../associations/open-create.js';
import {openStartForm, startRefusal} from '../automation/open-form.js';
import {authorNew, authorVersion, changeRefusal, deleteDocument, share} from './author.js';
import './services.js';

const OWNER_WORD: Readonly<Record<DocumentSummary['ownership'], string>> = {mine: 'mine', amazon: 'Amazon', shared: 'shared'};

const cursorDocument = (ctx: ActionContext): DocumentSummary | undefined => {
  const st = ctx.store.getState().tables.documents;
  return st ? cursorRow(st) as DocumentSummary | undefined : undefined;
};

/** Why `r` cannot run the document under the cursor, or undefined when it can. */
export function runRefusal(ctx: ActionContext, doc: {documentType: string} | undefined): string | undefined {
  const ro = readOnlyRefusal('run', {readOnly: ctx.readOnly, allowForwards: false});
  if (ro) return ro;
  if (doc && doc.documentType !== 'Command') return `Run Command runs Command documents; this one is ${doc.documentType}`;
  return undefined;
}

export const documentsView: TableView<DocumentSummary> = defineTableView<DocumentSummary>({
  id: 'documents',
  title: 'Documents',
  aliases: ['docs', 'doc'],
  defaultSort: 'name',
  refreshMs: 60_000,
  scopes: ['documents', 'table'],
  table: {
    rowId: (d) => d.name,
    filter: documentFilterSchema,
    sortValues: {
      name: (d) => d.name.toLowerCase(),
      owner: (d) => d.ownership,
      type: (d) => d.documentType,
      modified: (d) => -(d.lastModified ?? 0),
    },
  },
  columns: () => [
    {id: 'name', title: 'NAME', width: 24, flex: true, whole: true, priority: 0, text: (d) => d.name},
    {id: 'owner', title: 'OWNER', width: 6, priority: 1, text: (d) => OWNER_WORD[d.ownership], tone: (d) => (d.ownership === 'mine' ? 'accent' : undefined)},
    {id: 'type', title: 'TYPE', width: 14, priority: 1, text: (d) => d.documentType},
    {id: 'format', title: 'FORMAT', width: 6, priority: 4, text: (d) => d.format},
    {id: 'platforms', title: 'PLATFORMS', width: 20, priority: 3, text: (d) => d.platformTypes.join(',')},
    {id: 'default', title: 'DEFAULT', width: 12, priority: 2, align: 'right', text: (d) => versionLabel(d.defaultVersion, d.defaultVersionName)},
    {id: 'latest', title: 'LATEST', width: 6, priority: 2, align: 'right', text: (d) => d.latestVersion ?? '—',
      tone: (d) => (d.latestVersion !== undefined && d.latestVersion !== d.defaultVersion ? 'warn' : undefined)},
    {id: 'target', title: 'TARGET TYPE', width: 18, priority: 5, text: (d) => d.targetType ?? '—'},
    {id: 'modified', title: 'MODIFIED', width: 8, priority: 3, align: 'right', text: (d, ctx) => formatAge(d.lastModified, ctx.now)},
  ],
  titleNote: (rows) => {
    const n = (o: DocumentSummary['ownership']) => rows.filter((d) => d.ownership === o).length;
    return `${n('mine')} mine · ${n('shared')} shared · ${n('amazon')} Amazon`;
  },
  fetch: async (services, {signal}) => {
    if (!services.documents) throw new Error('documents are not available here');
    return services.documents.list(signal);
  },
  disabled: {
    'documents.run': (ctx) => runRefusal(ctx, cursorDocument(ctx)),
    'documents.associate': (ctx) => associateRefusal(ctx, cursorDocument(ctx)),
    'documents.automate': (ctx) => startRefusal(ctx, cursorDocument(ctx)),
    'documents.create': (ctx) => changeRefusal(ctx),
    'documents.edit': (ctx) => changeRefusal(ctx, cursorDocument(ctx)),
    'documents.share': (ctx) => changeRefusal(ctx, cursorDocument(ctx)),
    'documents.delete': (ctx) => changeRefusal(ctx, cursorDocument(ctx)),
  },
  actions: {
    ...tableActions<DocumentSummary>('documents', () => documentsView.table),
    'documents.detail': (ctx) => {
      const d = cursorDocument(ctx);
      if (d) openDocument(ctx, d.name);
    },
    'documents.versions': (ctx) => {
      const d = cursorDocument(ctx);
      if (d) openVersions(ctx, d.name);
    },
    'documents.run': (ctx) => {
      const d = cursorDocument(ctx);
      if (d) runDocument(ctx, d.name);
    },
    'documents.associate': (ctx) => {
      const d = cursorDocument(ctx);
      if (d) associateDocument(ctx, d.name);
    },
    'documents.automate': (ctx) => {
      const d = cursorDocument(ctx);
      if (d) openStartForm(ctx, d.name);
    },
    'documents.create': (ctx) => authorNew(ctx),
    'documents.edit': (ctx) => {
      const d = cursorDocument(ctx);
      if (d) authorVersion(ctx, d);
    },
    'documents.share': (ctx) => {
      const d = cursorDocument(ctx);
      if (d) share(ctx, d);
    },
    'documents.delete': (ctx) => {
      const d = cursorDocument(ctx);
      if (d) deleteDocument(ctx, d);
    },
  },
});
