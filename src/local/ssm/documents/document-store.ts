// The documents of one local fleet: the Amazon-owned ones (builtin-documents.ts, version 1, read-only) and the
// ones created through CreateDocument, with their versions, default version and sharing. Keyed by FleetModel
// like the Run Command store.

import {createHash} from 'node:crypto';
import type {FleetModel} from '../../model/fleet-model.js';
import {ServiceError} from '../../protocol/service-error.js';
import {documentNameOf, LOCAL_DOCUMENTS, type LocalDocument} from './builtin-documents.js';
import type {DocumentFormat, ParsedDocument} from './document-content.js';
import {perModel, type PerModel} from '../../model/per-model.js';
import {amazonPackageRecords} from '../distributor/catalog.js';
import {amazonRunbookRecords} from '../automation/amazon-runbooks.js';

/** Versions per document before DocumentVersionLimitExceeded (the figure is UNVERIFIED; the error is SSM's). */
export const MAX_DOCUMENT_VERSIONS = 1000;
/** Sharing limit (DocumentPermissionLimit): 1,000 accounts per document. */
export const MAX_SHARED_ACCOUNTS_PER_CALL = 20;
/** DocumentLimitExceeded: "You can have at most 500 active SSM documents." */
export const MAX_DOCUMENTS = 500;
export const MAX_SHARED_ACCOUNTS = 1000;
const AMAZON_CREATED = Date.UTC(2017, 0, 1);

export interface DocumentVersion {
  readonly version: string;
  readonly versionName: string | undefined;
  readonly content: string;
  readonly format: DocumentFormat;
  readonly createdAt: number;
  readonly hash: string;
  /** What runs: the Amazon document itself, or one built from this version's content. */
  readonly doc: LocalDocument;
  readonly parsed: ParsedDocument;
}

export interface DocumentRecord {
  readonly name: string;
  /** 'Amazon' or the owning account id. */
  readonly owner: string;
  readonly documentType: string;
  readonly targetType: string | undefined;
  readonly createdAt: number;
  readonly tags: readonly {Key: string; Value: string}[];
  readonly versions: Map<string, DocumentVersion>;
  /** The highest version that exists (LatestVersion). */
  latest: number;
  /** The highest version ever issued: numbers are not reused after a version is deleted. */
  issued: number;
  defaultVersion: string;
  /** Account ids (or 'all') the document is shared with, and which version each sees. */
  readonly sharedWith: Map<string, string>;
}

export function contentHash(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

function amazonRecord(doc: LocalDocument): DocumentRecord {
  const version: DocumentVersion = {
    version: '1', versionName: undefined, content: doc.content, format: 'JSON', createdAt: AMAZON_CREATED, hash: contentHash(doc.content), doc,
    parsed: {schemaVersion: doc.schemaVersion, description: doc.description, parameters: doc.parameters, platformTypes: doc.platformTypes, plugins: doc.plugins},
  };
  return {
    name: doc.name, owner: 'Amazon', documentType: 'Command', targetType: undefined, createdAt: AMAZON_CREATED, tags: [],
    versions: new Map([['1', version]]), latest: 1, issued: 1, defaultVersion: '1', sharedWith: new Map(),
  };
}

/** The LocalDocument a version of an authored document runs as. */
export function runnableDocument(name: string, parsed: ParsedDocument): LocalDocument {
  return {
    name, description: parsed.description, schemaVersion: parsed.schemaVersion, platformTypes: parsed.platformTypes,
    parameters: parsed.parameters, plugins: parsed.plugins, content: '',
  };
}

export class DocumentStore {
  private readonly byName = new Map<string, DocumentRecord>();

  constructor(private readonly model: FleetModel) {
    for (const doc of LOCAL_DOCUMENTS) this.byName.set(doc.name, amazonRecord(doc));
    for (const pkg of amazonPackageRecords()) this.byName.set(pkg.name, pkg);
    for (const runbook of amazonRunbookRecords()) this.byName.set(runbook.name, runbook);
  }

  get accountId(): string {
    return this.model.accountId;
  }

  /** By name or ARN. */
  get(nameOrArn: string): DocumentRecord | undefined {
    return this.byName.get(documentNameOf(nameOrArn));
  }

  /** Sorted by name. */
  all(): DocumentRecord[] {
    return [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  add(record: DocumentRecord): void {
    this.byName.set(record.name, record);
  }

  remove(name: string): void {
    this.byName.delete(name);
  }

  /**
   * The version a request names: DocumentVersion `$LATEST` | `$DEFAULT` | N, or VersionName; the default when
   * neither is given. InvalidDocumentVersion when it does not exist.
   */
  version(record: DocumentRecord, documentVersion: string | undefined, versionName?: string): DocumentVersion {
    let v: DocumentVersion | undefined;
    if (documentVersion !== undefined) {
      const n = documentVersion === '$LATEST' ? String(record.latest) : documentVersion === '$DEFAULT' ? record.defaultVersion : documentVersion;
      v = record.versions.get(n);
      if (v !== undefined && versionName !== undefined && v.versionName !== versionName) v = undefined;
    } else if (versionName !== undefined) {
      v = [...record.versions.values()].find((x) => x.versionName === versionName);
    } else {
      v = record.versions.get(record.defaultVersion);
    }
    if (v === undefined) throw new ServiceError('InvalidDocumentVersion', 'The document version is not valid or does not exist.');
    return v;
  }
}

export const documentStore: PerModel<DocumentStore> = perModel((model) => new DocumentStore(model));

/**
 * The runnable document for a name and version on this fleet (Amazon's or authored), or undefined when there is no
 * such document; a malformed version is a ValidationException, a missing one InvalidDocumentVersion.
 */
export function findFleetDocument(model: FleetModel, nameOrArn: string, documentVersion?: string): LocalDocument | undefined {
  const record = documentStore(model).get(nameOrArn);
  if (record === undefined) return undefined;
  if (documentVersion !== undefined && !/^([$]LATEST|[$]DEFAULT|[1-9][0-9]*)$/.test(documentVersion)) {
    throw new ServiceError('ValidationException', `1 validation error detected: Value '${documentVersion}' at 'documentVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: ([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)`);
  }
  return documentStore(model).version(record, documentVersion).doc;
}
