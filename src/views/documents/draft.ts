// A document written in $EDITOR, before it is sent: what was found wrong with it, each problem on its line (marked
// in the text below), or that it is ready. e edits it again, enter sends it (asks first).
import {sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {formatOf} from '../../fleet/documents/validate.js';
import {paneActions, type PaneText} from '../pane-actions.js';
import {definePaneView} from '../view.js';
import {draftOf, editDraft, sendDraft, type Draft} from './author.js';
import {highlightLine} from './detail.js';

export function draftLines(d: Draft): string[] {
  const format = formatOf(d.text);
  const lines = [d.mode === 'create' ? `New ${d.documentType} document ${sanitizeText(d.name)} (${format})` : `New version of ${sanitizeText(d.name)} (${format})`, ''];
  if (d.problems.length === 0) lines.push(tone('  ✓ checked: enter sends it (asks first) · e edits it again', 'good'));
  for (const p of d.problems) lines.push(tone(`  ✗ ${p.line === undefined ? '' : `line ${p.line}: `}${sanitizeText(p.message)}`, 'bad'));
  lines.push('');
  const bad = new Set(d.problems.map((p) => p.line));
  const text = d.text.split('\n');
  const width = String(text.length).length;
  text.forEach((l, i) => lines.push(`${bad.has(i + 1) ? tone('✗', 'bad') : ' '} ${tone(String(i + 1).padStart(width), 'muted')}  ${highlightLine(l, format)}`));
  return lines;
}

const text: PaneText = {
  lines: (store) => {
    const d = draftOf({store});
    return d ? draftLines(d) : ['no draft'];
  },
  save: (store) => {
    const d = draftOf({store});
    return d ? {name: `${d.name}.${formatOf(d.text) === 'JSON' ? 'json' : 'yaml'}`, text: d.text} : {unavailable: 'no draft'};
  },
};

export const documentDraftView = definePaneView({
  id: 'document-draft',
  title: 'Draft',
  aliases: [],
  scopes: ['documentDraft', 'detail'],
  lines: text.lines,
  actions: {
    ...paneActions(text),
    'documentDraft.edit': (ctx) => {
      const d = draftOf(ctx);
      if (d) editDraft(ctx, d);
    },
    'documentDraft.send': (ctx) => sendDraft(ctx),
  },
});
