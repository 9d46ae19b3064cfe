// A context's detail (`d` in `:ctx`): its spec, its account, its credential state with the exact command that fixes
// it, and its request budget. Read from the `:ctx` rows, which stay live under the pane (they refresh every second).
import {accountLabel} from '../../fleet/contexts/context.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import type {AppStore} from '../../store/store.js';
import {definePaneView} from '../view.js';
import {paneActions, type PaneText} from '../pane-actions.js';
import {assumedHow, credentialFix, credentialText} from './context-rows.js';
import {CONTEXT_DETAIL_VIEW, type ContextRow} from './contexts-view.js';

function rowNamed(store: AppStore, name: string | undefined): ContextRow | undefined {
  const rows = store.getState().tables['contexts']?.rows as readonly ContextRow[] | undefined;
  return rows?.find((r) => r.spec.name === name);
}

export function contextDetailLines(c: ContextRow, now: number): string[] {
  const field = (label: string, value: string | undefined) => `  ${label.padEnd(22)} ${value === undefined || value === '' ? '—' : sanitizeText(value)}`;
  const cred = c.credentials;
  const guards = [
    c.spec.readOnly ? 'READ-ONLY: refuses every change' : '',
    c.spec.protected ? 'PROTECTED: every change needs the typed confirmation' : '',
  ].filter(Boolean);
  const lines = [
    'Context',
    field('Name', c.spec.name),
    field('Profile', c.spec.profile),
    field('Region', c.spec.region),
    field('Endpoint', c.spec.endpoint),
    ...(c.assumed === undefined ? [] : [field('Made by', assumedHow(c))]),
    field('Colour', c.spec.colour),
    field('In view', c.inView === false ? 'no (space in :ctx puts it back)' : 'yes'),
    field('Guards', guards.length ? guards.join('; ') : 'none'),
    '',
    'Account',
    field('Account id', c.accountId ?? '(not known yet)'),
    field('Shown as', accountLabel(c)),
    '',
    'Credentials',
    field('State', credentialText(cred, now)),
  ];
  if (cred.kind === 'valid' && cred.expiresAt !== undefined) lines.push(field('Expires at', new Date(cred.expiresAt).toISOString()));
  if ('message' in cred) lines.push(field('Why', cred.message));
  const fix = credentialFix(cred);
  if (fix !== undefined) lines.push(field('Fix', fix), field('Then', 'r in :ctx checks again now (it also rechecks on its own every 15 s)'));
  lines.push(
    '',
    'Request budget',
    field('Requests/s', `${c.requestsPerSecond.toFixed(1)} (over the last 10 s)`),
    field('Throttles', `${c.throttlesLastMinute} in the last minute`),
    field('In flight', `${c.inFlight}${c.maxInFlight === undefined ? '' : ` of at most ${c.maxInFlight} (maxConcurrentRequests)`}`),
    field('Waiting', c.queued === undefined ? undefined : String(c.queued)),
  );
  return lines;
}

const detail: PaneText = {
  lines: (store, arg) => {
    const row = rowNamed(store, arg);
    return row ? contextDetailLines(row, store.getState().now) : [`${sanitizeText(arg ?? 'This context')} is not a context of this run.`];
  },
};

export const contextDetailView = definePaneView({
  id: CONTEXT_DETAIL_VIEW,
  title: 'Context',
  aliases: [],
  scopes: ['detail'],
  lines: detail.lines,
  actions: paneActions(detail),
});
