// `fleetdeck documents ls|show|diff`: SSM documents without the UI — the list by owner and type, one version's
// description, parameters and content, and a line diff between two versions (exit 1 when they differ, as diff(1)).
import {compileFilter} from '../../fleet/filter.js';
import type {DocumentsApi} from '../../fleet/documents/port.js';
import {documentFilterSchema} from '../../fleet/documents/document-filter.js';
import {OWNERSHIPS, versionLabel, type DocumentOwnership} from '../../fleet/documents/document.js';
import {lineDiff} from '../../fleet/parameters/line-diff.js';
import {sanitizeMultiline} from '../../fleet/sanitize.js';
import {formatJson, formatTable} from '../headless-output.js';
import type {ResourceCommandContext} from '../resources.js';
import {UsageError} from '../usage-error.js';
import {positional, runVerb, stringFlag, type Verb as ResourceVerb} from '../resource-verbs.js';

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());
const str = stringFlag;
const args = (ctx: ResourceCommandContext, min: number, max: number, shape: string) => positional(ctx, min, max, shape, 'documents');

/** `NAME` or `NAME:VERSION` (a number or $LATEST/$DEFAULT, as the AWS CLI's --document-version takes them). */
function splitVersion(ref: string): {name: string; version?: string} {
  const at = ref.lastIndexOf(':');
  return at <= 0 || ref.startsWith('arn:') ? {name: ref} : {name: ref.slice(0, at), version: ref.slice(at + 1)};
}

type Verb = ResourceVerb<DocumentsApi>;

const ls: Verb = async (ctx, api) => {
  args(ctx, 0, 0, '[--owner mine|amazon|shared] [--filter EXPR]');
  const owner = str(ctx, 'owner');
  if (owner !== undefined && !OWNERSHIPS.includes(owner as DocumentOwnership)) {
    throw new UsageError(`--owner must be mine, amazon or shared (got "${owner}")`);
  }
  const filterText = str(ctx, 'filter');
  const filter = filterText === undefined ? undefined : compileFilter(filterText, documentFilterSchema);
  if (filter && !filter.ok) throw new UsageError(`--filter: ${filter.error}`);
  const docs = (await (await api()).port.list()).filter((d) => (owner === undefined || d.ownership === owner)
    && (!filter?.ok || filter.predicate(d)));
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson(docs.map((d) => ({Name: d.name, Owner: d.owner, Ownership: d.ownership, DocumentType: d.documentType,
      DocumentFormat: d.format, PlatformTypes: d.platformTypes, SchemaVersion: d.schemaVersion, DefaultVersion: d.defaultVersion,
      ...(d.latestVersion ? {LatestVersion: d.latestVersion} : {}), ...(d.targetType ? {TargetType: d.targetType} : {}),
      ...(d.lastModified !== undefined ? {LastModified: iso(d.lastModified)} : {})}))));
  } else {
    ctx.stdout.write(formatTable(['NAME', 'OWNER', 'TYPE', 'FORMAT', 'PLATFORMS', 'DEFAULT', 'LATEST', 'MODIFIED'], docs.map((d) => [
      d.name, d.ownership === 'amazon' ? 'Amazon' : d.ownership === 'mine' ? 'mine' : `shared (${d.owner})`, d.documentType,
      d.format, d.platformTypes.join(','), versionLabel(d.defaultVersion, d.defaultVersionName), d.latestVersion ?? '',
      iso(d.lastModified)])));
  }
  return 0;
};

const show: Verb = async (ctx, api) => {
  const [ref = ''] = args(ctx, 1, 1, 'NAME[:VERSION]');
  const {name, version} = splitVersion(ref);
  const {port} = await api();
  const [desc, content, versions] = await Promise.all([port.describe(name, version), port.content(name, version), port.versions(name)]);
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson({Name: desc.name, Owner: desc.owner, DocumentType: desc.documentType, Version: desc.version,
      ...(desc.versionName ? {VersionName: desc.versionName} : {}), DefaultVersion: desc.defaultVersion, Status: desc.status,
      Description: desc.description, PlatformTypes: desc.platformTypes,
      Parameters: desc.parameters.map((p) => ({Name: p.name, Type: p.type, Description: p.description,
        ...(p.defaultValue !== undefined ? {DefaultValue: p.defaultValue} : {})})),
      Versions: versions.map((v) => ({DocumentVersion: v.version, ...(v.versionName ? {VersionName: v.versionName} : {}),
        IsDefaultVersion: v.isDefault, CreatedDate: iso(v.createdAt), Status: v.status})),
      DocumentFormat: content.format, Content: content.content}));
    return 0;
  }
  const head = formatTable(['FIELD', 'VALUE'], [
    ['Name', desc.name], ['Owner', desc.owner], ['Type', desc.documentType], ['Version', versionLabel(desc.version, desc.versionName)],
    ['Default version', versionLabel(desc.defaultVersion, desc.defaultVersionName)], ['Status', desc.status],
    ['Platforms', desc.platformTypes.join(', ')], ['Description', desc.description.replace(/\s+/g, ' ')],
    ['Versions', versions.map((v) => `${v.version}${v.isDefault ? '*' : ''}`).join(' ')],
  ].filter(([, v]) => v !== ''));
  const params = desc.parameters.length === 0 ? '' : `\n${formatTable(['PARAMETER', 'TYPE', 'DEFAULT', 'DESCRIPTION'],
    desc.parameters.map((p) => [p.name, p.type, p.defaultValue ?? '', p.description.replace(/\s+/g, ' ')]))}`;
  ctx.stdout.write(`${head}${params}\n${sanitizeMultiline(content.content)}\n`);
  return 0;
};

const diff: Verb = async (ctx, api) => {
  const [a = '', b = ''] = args(ctx, 1, 2, 'NAME:V1 [NAME:V2]  (or NAME V1 V2 as NAME:V1 NAME:V2; without V2, the default)');
  const {port} = await api();
  const left = splitVersion(a);
  const right = b === '' ? {name: left.name} : b.includes(':') || !/^(\d+|\$LATEST|\$DEFAULT)$/.test(b) ? splitVersion(b) : {name: left.name, version: b};
  const [ca, cb] = await Promise.all([port.content(left.name, left.version), port.content(right.name, right.version)]);
  const lines = lineDiff(ca.content, cb.content);
  const same = lines.every((l) => l.kind === 'same');
  const la = `${ca.name}:${ca.version}`;
  const lb = `${cb.name}:${cb.version}`;
  if (ctx.output === 'json') {
    ctx.stdout.write(formatJson({A: la, B: lb, Same: same, Lines: lines.map((l) => ({Kind: l.kind, Text: l.text}))}));
  } else {
    const mark = {same: ' ', add: '+', del: '-'} as const;
    ctx.stdout.write(`--- ${la}\n+++ ${lb}\n${sanitizeMultiline(lines.map((l) => `${mark[l.kind]}${l.text}`).join('\n'))}\n`);
  }
  return same ? 0 : 1;
};

const VERBS: Readonly<Record<string, Verb>> = {ls, show, diff};

export function run(ctx: ResourceCommandContext): Promise<number> {
  return runVerb(ctx, 'documents', VERBS, async (aws) => (await import('../../aws/documents/document-api.js')).documentsApi(aws));
}
