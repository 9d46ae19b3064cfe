// Wire shapes of documents: descriptions, identifiers, parameters, and content converted between JSON and YAML.

import {stringify as toYaml, parse as parseYaml} from 'yaml';
import {type JsonObject} from '../../protocol/validation.js';
import {epochSeconds} from '../../protocol/wire-json.js';
import type {DocumentFormat} from './document-content.js';
import type {DocumentRecord, DocumentVersion} from './document-store.js';

function ownerOf(record: DocumentRecord): string {
  return record.owner;
}

function parameterShapes(version: DocumentVersion): JsonObject[] {
  return Object.entries(version.parsed.parameters).map(([Name, p]) => {
    const param: JsonObject = {Name, Type: p.type, Description: p.description};
    if (p.default !== undefined) param['DefaultValue'] = typeof p.default === 'string' ? p.default : p.default.join(',');
    return param;
  });
}

export function versionNameOf(record: DocumentRecord, version: string): string | undefined {
  return record.versions.get(version)?.versionName;
}

export function description(record: DocumentRecord, version: DocumentVersion, status = 'Active'): JsonObject {
  const out: JsonObject = {
    Sha1: version.hash, Hash: version.hash, HashType: 'Sha256', Name: record.name, Owner: ownerOf(record), CreatedDate: epochSeconds(version.createdAt),
    Status: status, DocumentVersion: version.version, Description: version.parsed.description, Parameters: parameterShapes(version),
    PlatformTypes: [...version.parsed.platformTypes], DocumentType: record.documentType, SchemaVersion: version.parsed.schemaVersion,
    LatestVersion: String(record.latest), DefaultVersion: record.defaultVersion, DocumentFormat: version.format, Tags: record.tags.map((t) => ({...t})),
  };
  if (version.versionName !== undefined) out['VersionName'] = version.versionName;
  if (record.targetType !== undefined) out['TargetType'] = record.targetType;
  return out;
}

export function identifier(record: DocumentRecord): JsonObject {
  const dflt = record.versions.get(record.defaultVersion);
  const out: JsonObject = {
    Name: record.name, CreatedDate: epochSeconds(record.createdAt), Owner: ownerOf(record), PlatformTypes: [...(dflt?.parsed.platformTypes ?? [])],
    DocumentVersion: record.defaultVersion, DocumentType: record.documentType, SchemaVersion: dflt?.parsed.schemaVersion ?? '',
    DocumentFormat: dflt?.format ?? 'JSON', Tags: record.tags.map((t) => ({...t})),
  };
  if (dflt?.versionName !== undefined) out['VersionName'] = dflt.versionName;
  if (record.targetType !== undefined) out['TargetType'] = record.targetType;
  return out;
}

export function convert(version: DocumentVersion, format: DocumentFormat): string {
  if (format === version.format || version.format === 'TEXT' || format === 'TEXT') return version.content;
  const value: unknown = version.format === 'JSON' ? JSON.parse(version.content) : parseYaml(version.content);
  return format === 'JSON' ? JSON.stringify(value, null, 2) : toYaml(value);
}
