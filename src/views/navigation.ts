// Where the user is: the history of screens esc walks back through, as a breadcrumb for the header.
import type {Screen} from '../store/store.js';
import {findView} from './registry.js';

/** The longest breadcrumb shown; older steps fold into "…" (the header line has other things to say). */
const MAX_CRUMBS = 4;

/** `managed instances › compliance › non-compliant`: the titles of the screens in the history, oldest first. */
export function breadcrumb(stack: readonly Screen[]): string {
  const names = stack.map((s) => (findView(s.view)?.title ?? s.view).toLowerCase());
  return names.length > MAX_CRUMBS ? ['…', ...names.slice(-(MAX_CRUMBS - 1))].join(' › ') : names.join(' › ');
}
