// SDK shapes → fleet records. Names and versions stay as AWS sent them (they are the ids of later calls; the screen
// sanitizes them); free text that is only ever shown (descriptions, owners, parameter texts) is sanitized here.
import type {DocumentDescription as SdkDescription, DocumentIdentifier, DocumentVersionInfo as SdkVersion} from '@aws-sdk/client-ssm';
import {ownershipOf, type DocumentDescription, type DocumentSummary, type DocumentVersionInfo} from '../../fleet/documents/document.js';
import {sanitizeText as clean} from '../../fleet/sanitize.js';

const ms = (d: Date | undefined): number | undefined => (d === undefined ? undefined : d.getTime());

export function fromIdentifier(d: DocumentIdentifier, mine: boolean): DocumentSummary {
  const owner = clean(d.Owner ?? '');
  return {
    name: d.Name ?? '', owner, ownership: ownershipOf(owner, mine), documentType: clean(d.DocumentType ?? ''),
    format: clean(d.DocumentFormat ?? ''), platformTypes: (d.PlatformTypes ?? []).map((p) => clean(String(p))),
    schemaVersion: clean(d.SchemaVersion ?? ''), defaultVersion: d.DocumentVersion ?? '',
    ...(d.VersionName ? {defaultVersionName: d.VersionName} : {}),
    ...(d.TargetType ? {targetType: clean(d.TargetType)} : {}),
    ...(d.CreatedDate ? {lastModified: d.CreatedDate.getTime()} : {}),
  };
}

export function fromDescription(d: SdkDescription, mine: boolean): DocumentDescription {
  const owner = clean(d.Owner ?? '');
  return {
    name: d.Name ?? '', owner, ownership: ownershipOf(owner, mine), documentType: clean(d.DocumentType ?? ''),
    format: clean(d.DocumentFormat ?? ''), platformTypes: (d.PlatformTypes ?? []).map((p) => clean(String(p))),
    schemaVersion: clean(d.SchemaVersion ?? ''), defaultVersion: d.DefaultVersion ?? '', version: d.DocumentVersion ?? '',
    ...(d.LatestVersion ? {latestVersion: d.LatestVersion} : {}),
    ...(d.VersionName ? {versionName: d.VersionName} : {}),
    ...(d.TargetType ? {targetType: clean(d.TargetType)} : {}),
    ...(d.CreatedDate ? {lastModified: d.CreatedDate.getTime()} : {}),
    description: clean(d.Description ?? ''), status: clean(d.Status ?? ''), ...(d.Hash ? {hash: clean(d.Hash)} : {}),
    parameters: (d.Parameters ?? []).map((p) => ({
      name: p.Name ?? '', type: clean(p.Type ?? ''), description: clean(p.Description ?? ''),
      ...(p.DefaultValue !== undefined ? {defaultValue: clean(p.DefaultValue)} : {}),
    })),
  };
}

export function fromVersion(v: SdkVersion): DocumentVersionInfo {
  const createdAt = ms(v.CreatedDate);
  return {
    version: v.DocumentVersion ?? '', isDefault: v.IsDefaultVersion === true, format: clean(v.DocumentFormat ?? ''),
    status: clean(v.Status ?? ''), ...(v.VersionName ? {versionName: v.VersionName} : {}), ...(createdAt !== undefined ? {createdAt} : {}),
  };
}
