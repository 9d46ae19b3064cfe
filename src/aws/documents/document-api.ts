// SSM documents over the SSM API (the DocumentsApi of fleet/documents/port.ts).
// - The list is ListDocuments (every owner) and, to tell this account's documents from those shared with it,
//   ListDocuments Owner=Self: SSM names owners by account id and fleetdeck does not assume which one it is.
// - The latest version and its date are described (DescribeDocument) for this account's and shared documents only:
//   Amazon's are many and show their default version.
import {
  CreateDocumentCommand, DeleteDocumentCommand, DescribeDocumentCommand, DescribeDocumentPermissionCommand, GetDocumentCommand,
  ListDocumentsCommand, ListDocumentVersionsCommand, ModifyDocumentPermissionCommand, UpdateDocumentCommand, UpdateDocumentDefaultVersionCommand,
  type DocumentFormat, type DocumentIdentifier, type DocumentKeyValuesFilter, type DocumentType,
} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import type {DocumentSummary} from '../../fleet/documents/document.js';
import type {DocumentsApi} from '../../fleet/documents/port.js';
import {mapped} from './document-errors.js';
import {allPages, pageToken} from '../pages.js';
import {fromDescription, fromIdentifier, fromVersion} from './document-shapes.js';

const PAGE = 50;
const DESCRIBE_AT_ONCE = 8;
/** Past this many, the rest of a listing is left out (the console pages the same way). */
const LIST_LIMIT = 5_000;

/** Runs `fn` over `items`, at most `limit` at a time, keeping their order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  return out;
}

export function documentsApi(aws: AwsClients): DocumentsApi {
  const ssm = aws.ssm;

  async function listAll(filters: DocumentKeyValuesFilter[], signal?: AbortSignal): Promise<DocumentIdentifier[]> {
    return allPages(async (token) => {
      const res = await mapped(() => ssm.send(new ListDocumentsCommand({MaxResults: PAGE, ...(filters.length ? {Filters: filters} : {}),
        ...pageToken(token)}), {abortSignal: signal}));
      return {items: res.DocumentIdentifiers, next: res.NextToken};
    }, LIST_LIMIT);
  }

  async function mineSet(signal?: AbortSignal): Promise<Set<string>> {
    return new Set((await listAll([{Key: 'Owner', Values: ['Self']}], signal)).map((d) => d.Name ?? ''));
  }

  const api: DocumentsApi = {
    async list(signal) {
      const [all, mine] = await Promise.all([listAll([{Key: 'Owner', Values: ['All']}], signal), mineSet(signal)]);
      const rows = all.map((d) => fromIdentifier(d, mine.has(d.Name ?? '')));
      return mapLimited(rows, DESCRIBE_AT_ONCE, async (row): Promise<DocumentSummary> => {
        if (row.ownership === 'amazon') return row;
        const res = await mapped(() => ssm.send(new DescribeDocumentCommand({Name: row.name, DocumentVersion: '$LATEST'}), {abortSignal: signal}));
        const latest = res.Document;
        return {...row, ...(latest?.DocumentVersion ? {latestVersion: latest.DocumentVersion} : {}),
          ...(latest?.CreatedDate ? {lastModified: latest.CreatedDate.getTime()} : {})};
      });
    },

    async describe(name, version) {
      const res = await mapped(() => ssm.send(new DescribeDocumentCommand({Name: name, ...(version ? {DocumentVersion: version} : {})})));
      const d = res.Document ?? {};
      const mine = d.Owner !== 'Amazon' && (await mineSet()).has(name);
      return fromDescription(d, mine);
    },

    async content(name, version) {
      const res = await mapped(() => ssm.send(new GetDocumentCommand({Name: name, ...(version ? {DocumentVersion: version} : {})})));
      return {name: res.Name ?? name, version: res.DocumentVersion ?? version ?? '', format: res.DocumentFormat ?? '',
        content: res.Content ?? '', ...(res.VersionName ? {versionName: res.VersionName} : {})};
    },

    async versions(name) {
      const out = await allPages(async (token) => {
        const res = await mapped(() => ssm.send(new ListDocumentVersionsCommand({Name: name, MaxResults: PAGE, ...pageToken(token)})));
        return {items: res.DocumentVersions, next: res.NextToken};
      });
      return out.map(fromVersion).sort((a, b) => Number(a.version) - Number(b.version));
    },

    async permissions(name) {
      // Each page has two lists: the pages are kept whole and read after.
      const pages = await allPages(async (token) => {
        const res = await mapped(() => ssm.send(new DescribeDocumentPermissionCommand({Name: name, PermissionType: 'Share', ...pageToken(token)})));
        return {items: [res], next: res.NextToken};
      });
      const accountIds = pages.flatMap((p) => p.AccountIds ?? []);
      const versions: Record<string, string> = {};
      for (const s of pages.flatMap((p) => p.AccountSharingInfoList ?? [])) if (s.AccountId && s.SharedDocumentVersion) versions[s.AccountId] = s.SharedDocumentVersion;
      return {accountIds, versions};
    },

    // Writes are sent once: a lost answer retried blindly could make a second version (or fail as a duplicate).
    async create(req) {
      const res = await mapped(() => aws.ssmSingleAttempt.send(new CreateDocumentCommand({Name: req.name, Content: req.content,
        DocumentFormat: req.format as DocumentFormat, DocumentType: req.documentType as DocumentType, ...(req.versionName ? {VersionName: req.versionName} : {})})));
      return fromDescription(res.DocumentDescription ?? {}, true);
    },

    async update(name, content, format, versionName) {
      const res = await mapped(() => aws.ssmSingleAttempt.send(new UpdateDocumentCommand({Name: name, Content: content, DocumentFormat: format as DocumentFormat,
        DocumentVersion: '$LATEST', ...(versionName ? {VersionName: versionName} : {})})));
      return fromDescription(res.DocumentDescription ?? {}, true);
    },

    async setDefaultVersion(name, version) {
      await mapped(() => ssm.send(new UpdateDocumentDefaultVersionCommand({Name: name, DocumentVersion: version})));
    },

    async share(name, add, remove) {
      await mapped(() => ssm.send(new ModifyDocumentPermissionCommand({Name: name, PermissionType: 'Share',
        ...(add.length ? {AccountIdsToAdd: [...add]} : {}), ...(remove.length ? {AccountIdsToRemove: [...remove]} : {})})));
    },

    async delete(name) {
      await mapped(() => ssm.send(new DeleteDocumentCommand({Name: name})));
    },
  };
  return api;
}
