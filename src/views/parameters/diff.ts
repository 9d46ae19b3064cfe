// A diff pane: two versions of a parameter, the same name under two paths, or a change about to be written.
// Lines come from fleet/parameters/line-diff.ts (Myers); every line is sanitized before it is drawn.
import {diffStats, type DiffLine} from '../../fleet/parameters/line-diff.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {paneActions, type PaneText} from '../pane-actions.js';
import {definePaneView} from '../view.js';
import {sessionForStore, type DiffPane} from './session.js';

export function diffLineText(l: DiffLine): string {
  const text = sanitizeText(l.text);
  if (l.kind === 'add') return tone(`+ ${text}`, 'good');
  if (l.kind === 'del') return tone(`- ${text}`, 'bad');
  return `  ${text}`;
}

export function diffPaneLines(d: DiffPane): string[] {
  const head = [tone(`--- ${sanitizeText(d.left)}`, 'bad'), tone(`+++ ${sanitizeText(d.right)}`, 'good')];
  if (d.note) return [...head, '', tone(d.note, 'warn')];
  const lines = d.lines ?? [];
  const {added, removed} = diffStats(lines);
  if (added === 0 && removed === 0) return [...head, '', 'the values are the same'];
  return [...head, tone(`${added} line${added === 1 ? '' : 's'} added, ${removed} removed`, 'muted'), '', ...lines.map(diffLineText)];
}

const text: PaneText = {
  lines: (store, arg) => {
    const d = arg ? sessionForStore(store)?.diffs.get(arg) : undefined;
    return d ? diffPaneLines(d) : ['This diff is gone (it showed secrets, which hide again once you leave or the reveal time passes).'];
  },
};

export const diffView = definePaneView({
  id: 'parameter-diff',
  title: 'Diff',
  aliases: [],
  scopes: ['detail'],
  lines: text.lines,
  actions: paneActions(text),
});
