// One association (`enter`): what it runs, where, when (the next three runs in local time), how (rate control,
// severity, apply-only-at-cron-interval), its parameters and output location, and how its targets stand. e opens the
// executions, t the instances it targets with their status, r applies it now, E edits it, D deletes it.
import {countsText, targetsText, type AssociationDetail} from '../../fleet/associations/association.js';
import {localTime, previewSchedule} from '../../fleet/associations/schedule-preview.js';
import {formatAge} from '../../fleet/format.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {currentScreen, type AppStore} from '../../store/store.js';
import {paneActions, type PaneText} from '../pane-actions.js';
import {loaded} from '../pane-loads.js';
import {definePaneView, type ActionContext} from '../view.js';
import {applyNow, deleteAssociation, detailKey, loadAssociation, openExecutions, openInstances} from './open.js';
import {statusTone} from './associations-view.js';
import {editAssociation} from './open-create.js';

const field = (label: string, value: string | undefined) => `  ${label.padEnd(18)} ${value ? sanitizeText(value) : '—'}`;
const when = (ms: number | undefined, now: number) =>
  (ms === undefined ? undefined : `${new Date(ms).toISOString().replace('.000Z', 'Z')} (${formatAge(ms, now)} ago)`);

export function associationLines(a: AssociationDetail, now: number): string[] {
  const schedule = a.scheduleExpression ? previewSchedule(a.scheduleExpression, now, 3, a.lastExecutionAt) : undefined;
  const out = a.outputLocation;
  const lines = [
    field('Name', a.name),
    field('Association id', a.associationId),
    field('Version', a.associationVersion),
    field('Document', `${a.documentName} (version ${a.documentVersion ?? '$DEFAULT'})`),
    field('Targets', targetsText(a)),
    field('Schedule', a.scheduleExpression ?? 'none: runs when created or applied'),
    ...(schedule?.ok ? [field('Next runs', `${schedule.runs.map((r) => localTime(r, now)).join(' · ')} (local time)`)] : []),
    field('Cron only', a.applyOnlyAtCronInterval ? 'yes (not applied when created or changed)' : 'no'),
    field('Rate control', `max concurrency ${a.maxConcurrency ?? '—'} · max errors ${a.maxErrors ?? '—'}`),
    field('Severity', a.complianceSeverity),
    field('Sync compliance', a.syncCompliance),
    `  ${'Status'.padEnd(18)} ${tone(a.status, statusTone(a.status))} ${sanitizeText(countsText(a.counts))}`,
    field('Last run', when(a.lastExecutionAt, now)),
    field('Last success', when(a.lastSuccessfulAt, now)),
    field('Created', when(a.createdAt, now)),
    field('Updated', when(a.updatedAt, now)),
    '',
    'Parameters',
  ];
  const params = Object.entries(a.parameters);
  if (params.length === 0) lines.push('  (none: the document\'s defaults)');
  for (const [k, v] of params) {
    const [first = '', ...rest] = v.flatMap((x) => x.split('\n'));
    lines.push(field(k, first), ...rest.map((r) => `  ${' '.repeat(18)} ${sanitizeText(r)}`));
  }
  lines.push('', 'Output location');
  lines.push(out?.bucket ? field('S3', `s3://${out.bucket}/${out.prefix ?? ''} ${out.region ? `(${out.region})` : ''}`) : '  (none: output stays with each Run Command invocation)');
  lines.push('', tone('  e executions · t targeted instances and their status · r apply now · D delete', 'muted'));
  return lines;
}

const entry = (store: AppStore, arg: string | undefined) => (arg ? loaded<AssociationDetail>(store, detailKey(arg)) : undefined);

const text: PaneText = {
  lines: (store, arg) => {
    const e = entry(store, arg);
    if (!e || e.state === 'loading') return [sanitizeText(arg ?? ''), '', 'loading…'];
    if (e.state === 'error') return [sanitizeText(arg ?? ''), '', tone(`could not read it: ${e.message}`, 'bad')];
    return associationLines(e.value, store.getState().now);
  },
  save: (store, arg) => (arg && entry(store, arg)?.state === 'ok' ? {name: `association-${arg}.txt`, text: `${text.lines(store, arg, 0).map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')).join('\n')}\n`}
    : {unavailable: 'the association has not loaded yet'}),
};

const shown = (ctx: ActionContext): AssociationDetail | undefined => {
  const e = entry(ctx.store, currentScreen(ctx.store.getState()).arg);
  return e?.state === 'ok' ? e.value : undefined;
};

export const associationDetailView = definePaneView({
  id: 'association',
  title: 'Association',
  aliases: [],
  scopes: ['association', 'detail'],
  lines: text.lines,
  actions: {
    ...paneActions(text),
    'association.executions': (ctx) => {
      const id = currentScreen(ctx.store.getState()).arg;
      if (id) openExecutions(ctx, id);
    },
    'association.instances': (ctx) => {
      const id = currentScreen(ctx.store.getState()).arg;
      if (id) openInstances(ctx, id);
    },
    'association.apply': (ctx) => {
      const a = shown(ctx);
      if (a) applyNow(ctx, [a], () => loadAssociation(ctx, a.associationId));
    },
    'association.edit': (ctx) => {
      const a = shown(ctx);
      if (a) editAssociation(ctx, a.associationId);
    },
    'association.delete': (ctx) => {
      const a = shown(ctx);
      if (a) deleteAssociation(ctx, a, () => ctx.store.getState().pop());
    },
  },
});
