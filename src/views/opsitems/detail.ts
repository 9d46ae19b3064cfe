// One OpsItem (`enter`): its fields, the description, related resources (instances named from the fleet), associated
// runbooks and the rest of the operational data (notes included). S sets the status, R resolves, c adds a note,
// i opens a related instance, a starts a runbook.
import {
  AUTOMATIONS_KEY, DEDUP_KEY, RESOURCES_KEY, associatedRunbooks, instanceIdOfArn, relatedResourceArns, severityLabel, statusLabel,
  type OpsItem,
} from '../../fleet/opsitems/opsitem.js';
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {currentScreen, type AppStore} from '../../store/store.js';
import {paneActions, type PaneText} from '../pane-actions.js';
import {loaded} from '../pane-loads.js';
import {definePaneView, type ActionContext} from '../view.js';
import {addNote, askStatus, detailKey, openRelatedInstance, setStatus, shownOpsItem, startRunbook} from './open.js';
import {statusTone} from './opsitems-view.js';

const field = (label: string, value: string | undefined) => `  ${label.padEnd(14)} ${value ? sanitizeText(value) : '—'}`;
const when = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 19);

export function opsItemLines(o: OpsItem, fleet: readonly ManagedInstance[]): string[] {
  const lines = [
    field('Title', o.title),
    field('OpsItem id', o.opsItemId),
    `  ${'Status'.padEnd(14)} ${tone(statusLabel(o.status), statusTone(o.status) ?? 'muted')}`,
    field('Severity', o.severity ? `${o.severity} ${severityLabel(o.severity)}` : undefined),
    field('Priority', o.priority === undefined ? undefined : String(o.priority)),
    field('Category', o.category),
    field('Source', o.source),
    field('Created', `${when(o.createdTime)} UTC by ${o.createdBy ?? '?'}`),
    field('Modified', `${when(o.lastModifiedTime)} UTC by ${o.lastModifiedBy ?? '?'}`),
    '', 'Description',
    ...o.description.split('\n').map((l) => `  ${sanitizeText(l)}`),
  ];
  const arns = relatedResourceArns(o.operationalData);
  lines.push('', `Related resources (${arns.length})`);
  if (arns.length === 0) lines.push(tone('  (none)', 'muted'));
  arns.forEach((arn, n) => {
    const id = instanceIdOfArn(arn);
    const inst = id ? fleet.find((i) => i.instanceId === id) : undefined;
    const name = inst ? inst.tags['Name'] ?? inst.computerName : undefined;
    lines.push(`  ${n + 1}. ${sanitizeText(arn)}${name ? `  (${sanitizeText(name)})` : ''}`);
  });
  const runbooks = associatedRunbooks(o.operationalData);
  lines.push('', `Runbooks (${runbooks.length})`);
  if (runbooks.length === 0) lines.push(tone('  (none)', 'muted'));
  runbooks.forEach((r, n) => lines.push(`  ${n + 1}. ${sanitizeText(r.automationId)}`));
  const rest = Object.entries(o.operationalData).filter(([k]) => k !== RESOURCES_KEY && k !== AUTOMATIONS_KEY && k !== DEDUP_KEY);
  lines.push('', `Operational data (${rest.length})`);
  for (const [k, v] of rest) lines.push(`  ${sanitizeText(k)}: ${sanitizeText(v.value.replace(/\n/g, '⏎'))}`);
  lines.push('', tone('  S status · R resolve · c add a note · i open a related instance · a start a runbook', 'muted'));
  return lines;
}

const entry = (store: AppStore, arg: string | undefined) => (arg ? loaded<OpsItem>(store, detailKey(arg)) : undefined);

const text: PaneText = {
  lines: (store, arg) => {
    const e = entry(store, arg);
    if (!e || e.state === 'loading') return [sanitizeText(arg ?? ''), '', 'loading…'];
    if (e.state === 'error') return [sanitizeText(arg ?? ''), '', tone(`could not read it: ${e.message}`, 'bad')];
    return opsItemLines(e.value, store.getState().instances);
  },
  save: (store, arg) => (arg && entry(store, arg)?.state === 'ok' ? {name: `opsitem-${arg}.txt`, text: `${text.lines(store, arg, 0).map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')).join('\n')}\n`}
    : {unavailable: 'the OpsItem has not loaded yet'}),
};

const shown = (ctx: ActionContext) => shownOpsItem(ctx, currentScreen(ctx.store.getState()).arg);

export const opsItemDetailView = definePaneView({
  id: 'opsitem',
  title: 'OpsItem',
  aliases: [],
  scopes: ['opsitem', 'detail'],
  lines: text.lines,
  actions: {
    ...paneActions(text),
    'opsitem.status': (ctx) => {
      const o = shown(ctx);
      if (o) askStatus(ctx, o);
    },
    'opsitem.resolve': (ctx) => {
      const o = shown(ctx);
      if (o) setStatus(ctx, o, 'Resolved');
    },
    'opsitem.note': (ctx) => {
      const o = shown(ctx);
      if (o) addNote(ctx, o);
    },
    'opsitem.resource': (ctx) => {
      const o = shown(ctx);
      if (o) openRelatedInstance(ctx, o);
    },
    'opsitem.runbook': (ctx) => {
      const o = shown(ctx);
      if (o) startRunbook(ctx, o);
    },
  },
});
