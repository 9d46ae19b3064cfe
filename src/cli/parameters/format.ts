// What `fleetdeck parameters` prints. Tables for people (sanitized, bounded cells); JSON for programs. A SecureString
// value appears only where the user asked for it with --with-decryption: everywhere else it is a mask.
import {formatJson, formatTable} from '../headless-output.js';
import {modifiedBy, type Parameter, type ParameterValue, type ParameterVersion} from '../../fleet/parameters/parameter.js';
import type {ParameterLevel} from '../../fleet/parameters/port.js';
import type {DiffLine} from '../../fleet/parameters/line-diff.js';
import {sanitizeMultiline} from '../../fleet/sanitize.js';

const iso = (d: Date | undefined) => d?.toISOString() ?? '';

/** The value as the user may see it: text, the decrypted secret (asked for), or a mask. */
export function shownValue(v: ParameterValue): string | undefined {
  if (v.kind === 'plain') return v.text;
  if (v.kind === 'secret') return v.secret.reveal();
  return undefined;
}

function metadataJson(p: Parameter) {
  return {
    Name: p.name, Type: p.type, Version: p.version, Tier: p.tier ?? 'Standard', LastModifiedDate: iso(p.lastModified),
    LastModifiedUser: p.lastModifiedUser ?? '', DataType: p.dataType ?? 'text', ARN: p.arn ?? '',
    ...(p.description ? {Description: p.description} : {}),
    Policies: p.policies.map((x) => ({PolicyType: x.type, PolicyStatus: x.status, PolicyText: x.text})),
  };
}

export function formatListing(level: ParameterLevel | {path: string; parameters: readonly Parameter[]; folders?: undefined},
  output: 'table' | 'json'): string {
  if (output === 'json') {
    return formatJson({Path: level.path, ...(level.folders ? {Folders: level.folders} : {}),
      Parameters: level.parameters.map(metadataJson)});
  }
  const rows = [
    ...(level.folders ?? []).map((f) => [`${f}/`, 'folder', '', '', '', '']),
    ...level.parameters.map((p) => [p.name, p.type, p.tier ?? 'Standard', String(p.version), iso(p.lastModified),
      modifiedBy(p.lastModifiedUser)]),
  ];
  return formatTable(['NAME', 'TYPE', 'TIER', 'VERSION', 'LAST MODIFIED', 'MODIFIED BY'], rows);
}

function versionJson(v: ParameterVersion) {
  const value = shownValue(v.value);
  return {
    Name: v.name, Type: v.type, Version: v.version, ...(value !== undefined ? {Value: value} : {}), Labels: [...v.labels],
    LastModifiedDate: iso(v.lastModified), LastModifiedUser: v.lastModifiedUser ?? '', Tier: v.tier ?? 'Standard',
    DataType: v.dataType ?? 'text', ...(v.description ? {Description: v.description} : {}),
    ...(v.keyId ? {KeyId: v.keyId} : {}), ...(v.allowedPattern ? {AllowedPattern: v.allowedPattern} : {}),
    Policies: v.policies.map((x) => ({PolicyType: x.type, PolicyStatus: x.status, PolicyText: x.text})),
  };
}

const MASK = '(SecureString: add --with-decryption to print it)';

export function formatVersion(v: ParameterVersion, output: 'table' | 'json'): string {
  if (output === 'json') return formatJson(versionJson(v));
  const fields: [string, string][] = [
    ['Name', v.name], ['Type', v.type], ['Version', String(v.version)], ['Labels', v.labels.join(', ')],
    ['Last modified', iso(v.lastModified)], ['Modified by', v.lastModifiedUser ?? ''], ['Tier', v.tier ?? 'Standard'],
    ['Data type', v.dataType ?? 'text'], ['Description', v.description ?? ''], ['KMS key', v.keyId ?? ''],
    ['Allowed pattern', v.allowedPattern ?? ''], ['Policies', v.policies.map((x) => `${x.type} (${x.status})`).join(', ')],
  ];
  const head = formatTable(['FIELD', 'VALUE'], fields.filter(([, val]) => val !== ''));
  // The value whole, line breaks kept, escapes disarmed: it is what the user asked for.
  return `${head}\n${sanitizeMultiline(shownValue(v.value) ?? MASK)}\n`;
}

export function formatHistory(versions: readonly ParameterVersion[], output: 'table' | 'json'): string {
  if (output === 'json') return formatJson({Parameters: versions.map(versionJson)});
  return formatTable(['VERSION', 'LABELS', 'LAST MODIFIED', 'MODIFIED BY', 'VALUE'], versions.map((v) => [
    String(v.version), v.labels.join(','), iso(v.lastModified), modifiedBy(v.lastModifiedUser),
    (shownValue(v.value) ?? '********').replace(/\n/g, '⏎'),
  ]));
}

export function formatDiff(a: string, b: string, lines: readonly DiffLine[], output: 'table' | 'json'): string {
  if (output === 'json') {
    return formatJson({A: a, B: b, Same: lines.every((l) => l.kind === 'same'), Lines: lines.map((l) => ({Kind: l.kind, Text: l.text}))});
  }
  const mark = {same: ' ', add: '+', del: '-'} as const;
  return `--- ${a}\n+++ ${b}\n${sanitizeMultiline(lines.map((l) => `${mark[l.kind]}${l.text}`).join('\n'))}\n`;
}
