// SSM documents as fleetdeck shows them: who owns them (mine, Amazon, shared with me), their versions, their
// parameters and content. Names and versions stay as SSM sent them (they are the ids of later calls; the screen
// sanitizes them); free text that is only ever shown is sanitized by the adapter.

export type DocumentOwnership = 'mine' | 'amazon' | 'shared';

export const OWNERSHIPS: readonly DocumentOwnership[] = ['mine', 'amazon', 'shared'];

export interface DocumentSummary {
  readonly name: string;
  /** The owner as SSM names it: an account id, or "Amazon". */
  readonly owner: string;
  readonly ownership: DocumentOwnership;
  readonly documentType: string;
  readonly format: string;
  readonly platformTypes: readonly string[];
  readonly schemaVersion: string;
  readonly defaultVersion: string;
  readonly defaultVersionName?: string;
  /** The latest version: described for documents of this account and shared ones; Amazon's list only the default. */
  readonly latestVersion?: string;
  readonly targetType?: string;
  /** When the shown version was created (ListDocuments' CreatedDate, or the latest version's when described). */
  readonly lastModified?: number;
}

export interface DocumentParameter {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly defaultValue?: string;
}

export interface DocumentDescription extends DocumentSummary {
  readonly version: string;
  readonly versionName?: string;
  readonly description: string;
  readonly status: string;
  readonly hash?: string;
  readonly parameters: readonly DocumentParameter[];
}

export interface DocumentVersionInfo {
  readonly version: string;
  readonly versionName?: string;
  readonly createdAt?: number;
  readonly isDefault: boolean;
  readonly format: string;
  readonly status: string;
}

export interface DocumentContent {
  readonly name: string;
  readonly version: string;
  readonly versionName?: string;
  readonly format: string;
  /** As SSM returned it: shown only through the sanitizer, saved as is. */
  readonly content: string;
}

export interface DocumentPermissions {
  /** Account ids the document is shared with ("all" when public). */
  readonly accountIds: readonly string[];
  /** Per account, the version shared (when SSM says). */
  readonly versions: Readonly<Record<string, string>>;
}

/** Which owner a document has from this account's point of view. */
export function ownershipOf(owner: string, mine: boolean): DocumentOwnership {
  if (owner === 'Amazon') return 'amazon';
  return mine ? 'mine' : 'shared';
}

/** "3 (v-three)": a version and its name, when it has one. */
export function versionLabel(version: string | undefined, name?: string): string {
  if (version === undefined || version === '') return '—';
  return name ? `${version} (${name})` : version;
}
