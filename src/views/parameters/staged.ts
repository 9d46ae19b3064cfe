// The staged changes: every edit waiting to be applied, reviewed as diffs (a secret's lines are counted, not shown)
// and applied together with one confirmation; each result is reported here and in the audit log.
import {diffStats, lineDiff} from '../../fleet/parameters/line-diff.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {paneActions, type PaneText} from '../pane-actions.js';
import {definePaneView, type ActionContext} from '../view.js';
import {changed, session, sessionForStore, type ParameterSession} from './session.js';
import {diffLineText} from './diff.js';
import {write, writeRefusal} from './writes.js';

export function openStaged(ctx: ActionContext, s: ParameterSession): void {
  if (s.staged.size === 0 && s.stagedResults.length === 0) {
    return ctx.store.getState().setFlash({text: 'nothing staged: E edits a parameter into the staged changes', tone: 'info'});
  }
  ctx.store.getState().push({view: 'parameter-staged', scroll: 0});
}

export function stagedLines(s: ParameterSession): string[] {
  const lines: string[] = [];
  if (s.stagedResults.length) lines.push('Last apply', ...s.stagedResults.map((r) => `  ${r}`), '');
  if (s.staged.size === 0) return [...lines, 'nothing staged'];
  lines.push(`${s.staged.size} staged change${s.staged.size === 1 ? '' : 's'} (enter applies them all, x discards them)`, '');
  for (const c of s.staged.values()) {
    const diff = lineDiff(c.before, c.after);
    const {added, removed} = diffStats(diff);
    lines.push(tone(`${sanitizeText(c.name)}  version ${c.fromVersion} → ${c.fromVersion + 1}  (+${added} -${removed})`, 'accent'));
    if (c.type === 'SecureString') lines.push('  (SecureString: the lines are not shown here)');
    else lines.push(...diff.filter((l) => l.kind !== 'same').map(diffLineText));
    lines.push('');
  }
  return lines;
}

const text: PaneText = {
  lines: (store) => {
    const s = sessionForStore(store);
    return s ? stagedLines(s) : ['Parameter Store is not available here'];
  },
};

async function applyAll(ctx: ActionContext, s: ParameterSession): Promise<void> {
  const changes = [...s.staged.values()];
  s.stagedResults = [`applying ${changes.length}…`];
  changed(s);
  const results: string[] = [];
  let ok = 0;
  // One at a time: Parameter Store throttles bursts of writes (TooManyUpdates), and each result is said in order.
  for (const c of changes) {
    const r = await write(ctx, s, c, false);
    s.staged.delete(c.name);
    results.push(`${r.ok ? '✓' : '✗'} ${r.text}`);
    if (r.ok) ok++;
  }
  s.stagedResults = results;
  s.refreshRows?.();
  changed(s);
  ctx.store.getState().setFlash({text: `applied ${ok} of ${changes.length} staged changes`, tone: ok === changes.length ? 'info' : 'error'});
}

export const stagedView = definePaneView({
  id: 'parameter-staged',
  title: 'Staged changes',
  aliases: [],
  scopes: ['parameterStaged', 'detail'],
  lines: text.lines,
  actions: {
    ...paneActions(text),
    'parameterStaged.apply': (ctx) => {
      const s = session(ctx.services, ctx.store);
      if (!s) return;
      const why = writeRefusal(ctx);
      if (why) return ctx.store.getState().setFlash({text: why, tone: 'warn'});
      if (s.staged.size === 0) return ctx.store.getState().setFlash({text: 'nothing staged', tone: 'info'});
      ctx.store.getState().setPrompt({kind: 'confirm', text: '', before: '',
        question: `Apply ${s.staged.size} staged change${s.staged.size === 1 ? '' : 's'} (each only if still at the version read)?`,
        onYes: () => void applyAll(ctx, s)});
    },
    'parameterStaged.discard': (ctx) => {
      const s = session(ctx.services, ctx.store);
      if (!s) return;
      const n = s.staged.size;
      s.staged.clear();
      s.refreshRows?.();
      changed(s);
      ctx.store.getState().setFlash({text: `discarded ${n} staged change${n === 1 ? '' : 's'}`, tone: 'info'});
    },
  },
});
