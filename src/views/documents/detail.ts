// One document (`enter` on a row, or a version from the versions table): its fields, its parameters as a table, its
// versions, who it is shared with, and its content, keys highlighted. `/` searches it, ctrl+s saves the content as
// SSM returned it.
import {formatAge} from '../../fleet/format.js';
import {versionLabel, type DocumentParameter} from '../../fleet/documents/document.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {currentScreen, type AppStore} from '../../store/store.js';
import {paneActions, type PaneText} from '../pane-actions.js';
import {loaded} from '../pane-loads.js';
import {definePaneView, type ActionContext} from '../view.js';
import {detailKey, openVersions, parseDocumentArg, runDocument, type DocumentDetail} from './open.js';
import {runRefusal} from './documents-view.js';
import {associateDocument, associateRefusal} from '../associations/open-create.js';
import {authorVersion, deleteDocument, share} from './author.js';

const field = (label: string, value: string | undefined) => `  ${label.padEnd(14)} ${value ? sanitizeText(value) : '—'}`;

function iso(ms: number | undefined, now: number): string {
  return ms === undefined ? '—' : `${new Date(ms).toISOString().replace('.000Z', 'Z')} (${formatAge(ms, now)} ago)`;
}

function parameterRows(params: readonly DocumentParameter[]): string[] {
  if (params.length === 0) return ['  (none)'];
  const w = (f: (p: DocumentParameter) => string, min: number) => Math.min(28, Math.max(min, ...params.map((p) => f(p).length)));
  const nw = w((p) => p.name, 4);
  const tw = w((p) => p.type, 4);
  const dw = w((p) => p.defaultValue ?? '—', 7);
  const row = (a: string, b: string, c: string, d: string) => `  ${a.padEnd(nw)}  ${b.padEnd(tw)}  ${c.padEnd(dw)}  ${d}`;
  return [tone(row('NAME', 'TYPE', 'DEFAULT', 'DESCRIPTION'), 'muted'),
    ...params.map((p) => row(sanitizeText(p.name), p.type, sanitizeText(p.defaultValue ?? '—').slice(0, dw), p.description))];
}

const JSON_KEY = /^(\s*)("(?:[^"\\]|\\.)*")(\s*:)/;
const YAML_KEY = /^(\s*(?:-\s+)?)([A-Za-z0-9_$.{}\- ]+?)(:(?:\s|$))/;

/** A content line with its key (JSON or YAML) highlighted; the text is sanitized before it is styled. */
export function highlightLine(line: string, format: string): string {
  const clean = sanitizeText(line);
  const m = (format === 'JSON' ? JSON_KEY : format === 'YAML' ? YAML_KEY : undefined)?.exec(clean);
  if (!m) return clean;
  const [all, lead = '', key = '', colon = ''] = m;
  return `${lead}${tone(key, 'accent')}${colon}${clean.slice(all.length)}`;
}

export function documentLines(d: DocumentDetail, now: number): string[] {
  const x = d.description;
  const number = String(d.content.content.split('\n').length).length;
  const lines = [
    field('Name', x.name),
    field('Owner', x.ownership === 'amazon' ? 'Amazon' : `${x.owner} (${x.ownership === 'mine' ? 'this account' : 'shared with this account'})`),
    field('Type', `${x.documentType} · schema ${x.schemaVersion} · ${x.format}`),
    field('Platforms', x.platformTypes.join(', ')),
    field('Version', `${versionLabel(x.version, x.versionName)}   default ${x.defaultVersion} · latest ${x.latestVersion ?? '—'}`),
    field('Target type', x.targetType),
    field('Created', iso(x.lastModified, now)),
    field('Status', x.status),
    field('Hash', x.hash),
    field('Description', x.description.split('\n')[0]),
    '',
    'Parameters',
    ...parameterRows(x.parameters),
    '',
    'Versions',
    ...d.versions.map((v) => `  ${versionLabel(v.version, v.versionName).padEnd(16)} ${iso(v.createdAt, now).padEnd(40)} ${v.format.padEnd(5)} ${
      [v.isDefault ? 'default' : '', v.version === x.latestVersion ? 'latest' : '', v.version === x.version ? '◂ shown' : ''].filter(Boolean).join(' · ')}`),
    '',
    'Shared with',
  ];
  const p = d.permissions;
  if ('error' in p) lines.push(tone(x.ownership === 'amazon' ? `  (${p.error})` : `  (not known: ${p.error})`, 'muted'));
  else if (p.accountIds.length === 0) lines.push('  (not shared)');
  else lines.push(...p.accountIds.map((a) => `  ${a === 'all' ? 'everyone (public)' : sanitizeText(a)}${p.versions[a] ? ` (version ${sanitizeText(p.versions[a])})` : ''}`));
  lines.push('', `Content (${d.content.format}, version ${versionLabel(d.content.version, d.content.versionName)})`);
  d.content.content.split('\n').forEach((l, i) => lines.push(`${tone(String(i + 1).padStart(number), 'muted')}  ${highlightLine(l, d.content.format)}`));
  return lines;
}

const entry = (store: AppStore, arg: string | undefined) => (arg ? loaded<DocumentDetail>(store, detailKey(arg)) : undefined);

const text: PaneText = {
  lines: (store, arg) => {
    const e = entry(store, arg);
    if (!e || e.state === 'loading') return [`${sanitizeText(arg ?? '')}`, '', 'loading…'];
    if (e.state === 'error') return [sanitizeText(arg ?? ''), '', tone(`could not read it: ${e.message}`, 'bad')];
    return documentLines(e.value, store.getState().now);
  },
  save: (store, arg) => {
    const e = entry(store, arg);
    if (!e || e.state !== 'ok') return {unavailable: 'the document has not loaded yet'};
    const c = e.value.content;
    const ext = c.format === 'YAML' ? 'yaml' : c.format === 'JSON' ? 'json' : 'txt';
    return {name: `${c.name.replace(/[/:]/g, '_')}-v${c.version}.${ext}`, text: c.content};
  },
};

const shown = (ctx: ActionContext) => {
  const arg = currentScreen(ctx.store.getState()).arg;
  const e = arg ? entry(ctx.store, arg) : undefined;
  return {arg, doc: e?.state === 'ok' ? e.value.description : undefined};
};

/** Runs `go` unless `refusal` says why not (flashed: pane views have no disabled keys of their own). */
function guarded(ctx: ActionContext, refusal: string | undefined, go: () => void): void {
  if (refusal) ctx.store.getState().setFlash({text: refusal, tone: 'warn'});
  else go();
}

export const documentDetailView = definePaneView({
  id: 'document',
  title: 'Document',
  aliases: [],
  scopes: ['document', 'detail'],
  lines: text.lines,
  actions: {
    ...paneActions(text),
    'document.run': (ctx) => {
      const {arg, doc} = shown(ctx);
      const version = arg ? parseDocumentArg(arg).version : undefined;
      if (doc) guarded(ctx, runRefusal(ctx, doc), () => runDocument(ctx, doc.name, version));
    },
    'document.versions': (ctx) => {
      const {arg} = shown(ctx);
      if (arg) openVersions(ctx, parseDocumentArg(arg).name);
    },
    'document.associate': (ctx) => {
      const {doc} = shown(ctx);
      if (doc) guarded(ctx, associateRefusal(ctx, doc), () => associateDocument(ctx, doc.name, doc.version));
    },
    'document.edit': (ctx) => {
      const {doc} = shown(ctx);
      if (doc) authorVersion(ctx, doc);
    },
    'document.share': (ctx) => {
      const {doc} = shown(ctx);
      if (doc) share(ctx, doc);
    },
    'document.delete': (ctx) => {
      const {doc} = shown(ctx);
      if (doc) deleteDocument(ctx, doc, () => ctx.store.getState().pop());
    },
  },
});
