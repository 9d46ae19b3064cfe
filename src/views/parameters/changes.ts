// Label a version (a label on another version moves), remove labels, delete parameters (typed confirmation) — each
// audited.
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import type {ActionContext} from '../view.js';
import {loadDetail, type ParameterSession} from './session.js';
import {audit} from './writes.js';

const flash = (ctx: ActionContext, text: string, tone: 'info' | 'warn' | 'error' = 'info') => ctx.store.getState().setFlash({text, tone});

export function labelVersion(ctx: ActionContext, s: ParameterSession, name: string, version: number, how: 'label' | 'unlabel',
  onDone: () => void): void {
  const question = how === 'label' ? `Labels for version ${version} (space-separated; one on another version moves here):`
    : `Labels to remove from version ${version}:`;
  ctx.store.getState().setPrompt({kind: 'search', text: '', before: '', question, onSubmit: (text) => {
    const labels = text.split(/\s+/).filter(Boolean);
    if (labels.length === 0) return flash(ctx, 'no label given: nothing changed');
    const work = how === 'label'
      ? s.port.label(name, version, labels).then((r) => ({done: labels.filter((l) => !r.invalid.includes(l)), invalid: r.invalid}))
      : s.port.unlabel(name, version, labels).then((r) => ({done: r.removed, invalid: r.invalid}));
    work.then(({done, invalid}) => {
      if (done.length) audit(ctx, {action: how === 'label' ? 'LabelParameterVersion' : 'UnlabelParameterVersion', name, version, labels: done});
      const verb = how === 'label' ? 'labelled' : 'removed';
      flash(ctx, `${sanitizeText(name)} version ${version}: ${done.length ? `${verb} ${done.map(sanitizeText).join(', ')}` : 'nothing changed'}`
        + `${invalid.length ? `; refused: ${invalid.map(sanitizeText).join(', ')}` : ''}`, invalid.length ? 'warn' : 'info');
      if (s.details.has(name)) loadDetail(s, name);
      onDone();
    }, (e: unknown) => flash(ctx, `${how} failed: ${errorText(e)}`, 'error'));
  }});
}

/** Deletes after the user types the name (one) or the count (several). */
export function deleteParameters(ctx: ActionContext, s: ParameterSession, names: readonly string[], onDone: () => void): void {
  const one = names.length === 1;
  const expected = one ? (names[0] as string) : String(names.length);
  const list = names.slice(0, 3).map(sanitizeText).join(', ') + (names.length > 3 ? `, … (${names.length - 3} more)` : '');
  ctx.store.getState().setPrompt({kind: 'search', text: '', before: '',
    question: `Delete ${one ? '' : `${names.length} parameters `}${list} and every version? Type ${one ? 'its name' : `${names.length}`} to confirm:`,
    onSubmit: (typed) => {
      if (typed.trim() !== expected) return flash(ctx, 'not deleted: what you typed does not match', 'warn');
      s.port.delete(names).then(({deleted, missing}) => {
        if (deleted.length) audit(ctx, {action: 'DeleteParameters', names: deleted});
        for (const n of deleted) {
          s.meta.delete(n);
          s.staged.delete(n);
        }
        flash(ctx, `deleted ${deleted.length} parameter${deleted.length === 1 ? '' : 's'}${missing.length ? `; ${missing.length} did not exist` : ''}`);
        onDone();
      }, (e: unknown) => flash(ctx, `delete failed: ${errorText(e)}`, 'error'));
    }});
}
