// The difference between two versions of a document, line by line (the same diff as Parameter Store's values):
// removed lines in red with their old number, added ones in green with their new one. `/` searches it.
import {diffStats, lineDiff, type DiffLine} from '../../fleet/parameters/line-diff.js';
import type {DocumentContent} from '../../fleet/documents/document.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {paneActions, type PaneText} from '../pane-actions.js';
import {load, loaded} from '../pane-loads.js';
import {definePaneView, type ActionContext} from '../view.js';
import {RESOURCE_ID} from './services.js';

interface DocumentDiff {
  readonly name: string;
  readonly from: DocumentContent;
  readonly to: DocumentContent;
  readonly lines: readonly DiffLine[];
}

/** The screen's argument: `name@from..to`. */
const diffArg = (name: string, from: string, to: string) => `${name}@${from}..${to}`;
const diffKey = (arg: string) => `document-diff:${arg}`;

export function openDiff(ctx: ActionContext, name: string, from: string, to: string): void {
  const api = ctx.services.documents;
  if (!api) return;
  const arg = diffArg(name, from, to);
  ctx.store.getState().push({view: 'document-diff', arg, scroll: 0});
  void load<DocumentDiff>(ctx.store, RESOURCE_ID, diffKey(arg), async () => {
    const [a, b] = await Promise.all([api.content(name, from), api.content(name, to)]);
    return {name, from: a, to: b, lines: lineDiff(a.content, b.content)};
  });
}

export function diffLines(d: DocumentDiff): string[] {
  const {added, removed} = diffStats(d.lines);
  const width = String(Math.max(d.from.content.split('\n').length, d.to.content.split('\n').length)).length;
  const num = (n: number | undefined) => (n === undefined ? ' '.repeat(width) : String(n).padStart(width));
  const out = [
    `${sanitizeText(d.name)}: version ${sanitizeText(d.from.version)} → ${sanitizeText(d.to.version)}   ${tone(`+${added}`, 'good')} ${tone(`-${removed}`, 'bad')}`,
    '',
  ];
  if (added === 0 && removed === 0) out.push('  (the two versions have the same content)');
  for (const l of d.lines) {
    const text = sanitizeText(l.text);
    if (l.kind === 'same') out.push(tone(`${num(l.oldLine)} ${num(l.newLine)}   ${text}`, 'muted'));
    else if (l.kind === 'del') out.push(tone(`${num(l.oldLine)} ${num(undefined)} - ${text}`, 'bad'));
    else out.push(tone(`${num(undefined)} ${num(l.newLine)} + ${text}`, 'good'));
  }
  return out;
}

const text: PaneText = {
  lines: (store, arg) => {
    const e = arg ? loaded<DocumentDiff>(store, diffKey(arg)) : undefined;
    if (!e || e.state === 'loading') return ['loading both versions…'];
    if (e.state === 'error') return [tone(`could not read the versions: ${e.message}`, 'bad')];
    return diffLines(e.value);
  },
  save: (store, arg) => {
    const e = arg ? loaded<DocumentDiff>(store, diffKey(arg)) : undefined;
    if (!e || e.state !== 'ok') return {unavailable: 'the diff has not loaded yet'};
    const d = e.value;
    const body = d.lines.map((l) => `${l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' '}${l.text}`).join('\n');
    return {name: `${d.name.replace(/[/:]/g, '_')}-v${d.from.version}-v${d.to.version}.diff`,
      text: `--- ${d.name} version ${d.from.version}\n+++ ${d.name} version ${d.to.version}\n${body}\n`};
  },
};

export const documentDiffView = definePaneView({
  id: 'document-diff',
  title: 'Diff',
  aliases: [],
  scopes: ['detail'],
  lines: text.lines,
  actions: paneActions(text),
});
