// What fleetdeck needs from SSM documents (implemented over the SSM API in aws/documents/), and the errors it reports
// in the user's terms.
import type {DocumentContent, DocumentDescription, DocumentPermissions, DocumentSummary, DocumentVersionInfo} from './document.js';
import {ResourceError, type ErrorKinds} from '../resource-error.js';

export interface DocumentsApi {
  /** Every document this account sees: its own, Amazon's and those shared with it. */
  list(signal?: AbortSignal): Promise<DocumentSummary[]>;
  /** One version's description (the default when none is named). */
  describe(name: string, version?: string): Promise<DocumentDescription>;
  /** One version's content in its own format (the default version when none is named). */
  content(name: string, version?: string): Promise<DocumentContent>;
  /** Every version, oldest first. */
  versions(name: string): Promise<DocumentVersionInfo[]>;
  /** Who the document is shared with. */
  permissions(name: string): Promise<DocumentPermissions>;
  /** A new document (version 1). */
  create(request: NewDocument): Promise<DocumentDescription>;
  /** A new version with this content (it becomes the latest, not the default). */
  update(name: string, content: string, format: string, versionName?: string): Promise<DocumentDescription>;
  setDefaultVersion(name: string, version: string): Promise<void>;
  /** Shares with (and stops sharing with) account ids; `all` makes it public. */
  share(name: string, add: readonly string[], remove: readonly string[]): Promise<void>;
  delete(name: string): Promise<void>;
}

export interface NewDocument {
  readonly name: string;
  readonly content: string;
  readonly format: string;
  readonly documentType: string;
  readonly versionName?: string;
}

export type DocumentErrorKind = ErrorKinds<'not-found' | 'version-not-found' | 'invalid' | 'exists' | 'limit' | 'refused'>;

/** A failed document call, classified; `message` is sanitized, `code` is the SSM error name (for the log). */
export class DocumentError extends ResourceError<DocumentErrorKind> {
  override name = 'DocumentError';
}
