// Opening a document's screens and loading what they show: the detail (a version's description and content, every
// version, who it is shared with), the versions table, and Run Command with it.
import type {DocumentContent, DocumentDescription, DocumentPermissions, DocumentVersionInfo} from '../../fleet/documents/document.js';
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {openRunForm} from '../../fleet/run-command/run-form.js';
import {initTable} from '../../fleet/table-model.js';
import {errorText} from '../../fleet/sanitize.js';
import {load} from '../pane-loads.js';
import type {ActionContext} from '../view.js';
import {RESOURCE_ID} from './services.js';

export interface DocumentDetail {
  readonly description: DocumentDescription;
  readonly content: DocumentContent;
  readonly versions: readonly DocumentVersionInfo[];
  /** Who it is shared with, or why that is not known (Amazon's documents are not shared by this account). */
  readonly permissions: DocumentPermissions | {error: string};
}

/** A screen's argument: `name` (the default version) or `name@version`. Document names cannot hold `@`. */
export function documentArg(name: string, version?: string): string {
  return version ? `${name}@${version}` : name;
}

export function parseDocumentArg(arg: string): {name: string; version?: string} {
  const at = arg.lastIndexOf('@');
  return at < 0 ? {name: arg} : {name: arg.slice(0, at), version: arg.slice(at + 1)};
}

export const detailKey = (arg: string) => `document:${arg}`;

export function loadDetail(ctx: ActionContext, arg: string): void {
  const api = ctx.services.documents;
  if (!api) return;
  const {name, version} = parseDocumentArg(arg);
  void load<DocumentDetail>(ctx.store, RESOURCE_ID, detailKey(arg), async () => {
    const [description, content, versions] = await Promise.all([api.describe(name, version), api.content(name, version), api.versions(name)]);
    // Amazon's documents are public and not this account's to share: SSM refuses to describe their permissions.
    const permissions = description.ownership === 'amazon' ? {error: 'Amazon\'s documents are public'}
      : await api.permissions(name).catch((e: unknown) => ({error: errorText(e)}));
    return {description, content, versions, permissions};
  });
}

export function openDocument(ctx: ActionContext, name: string, version?: string): void {
  const arg = documentArg(name, version);
  ctx.store.getState().push({view: 'document', arg, scroll: 0});
  loadDetail(ctx, arg);
}

export function openVersions(ctx: ActionContext, name: string): void {
  ctx.store.getState().updateTable('document-versions', () => initTable('version'));
  ctx.store.getState().push({view: 'document-versions', arg: name});
}

/**
 * The Run Command form with this document, on the instances marked in the instances table (else none: the form takes
 * a target expression). The form runs the given version, else the document's default version.
 */
export function runDocument(ctx: ActionContext, name: string, version?: string): void {
  const st = ctx.store.getState().tables.instances;
  const marked = st ? (st.rows as readonly ManagedInstance[]).filter((i) => st.marks.has(i.instanceId)) : [];
  ctx.store.getState().setRunForm(openRunForm(marked, {document: name, ...(version ? {documentVersion: version} : {})}, marked.length ? {kind: 'marked'} : {kind: 'chosen'}));
}
