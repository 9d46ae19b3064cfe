// One maintenance window (`enter`): when it opens (schedule, time zone, offset, active period, SSM's next three
// openings in local time), how long (duration, cutoff), its targets resolved to the fleet's instances, and its tasks
// in priority order with their rate control. e opens its runs, E edits it, x enables or disables it, t registers
// targets, a registers a Run Command task.
import {targetedInstances} from '../../fleet/associations/target-match.js';
import {localTime} from '../../fleet/associations/schedule-preview.js';
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {durationText, type WindowTargetSpec} from '../../fleet/windows/window.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {redactParameters} from '../../audit.js';
import {currentScreen, type AppStore} from '../../store/store.js';
import {paneActions, type PaneText} from '../pane-actions.js';
import {loaded} from '../pane-loads.js';
import {definePaneView, type ActionContext} from '../view.js';
import {detailKey, loadWindow, openExecutions, registerTargets, registerTask, shownWindow, toggleWindow, type WindowPage} from './open.js';
import {openWindowForm} from './form-open.js';
import {scheduleText} from './rows.js';

const field = (label: string, value: string | undefined) => `  ${label.padEnd(16)} ${value ? sanitizeText(value) : '—'}`;
const specText = (targets: readonly WindowTargetSpec[]) => targets.map((t) => `${t.Key}=${t.Values.join(',')}`).join(' ');
const nameOf = (i: ManagedInstance) => i.tags['Name'] ?? i.computerName ?? i.instanceId;

function instancesText(targets: readonly WindowTargetSpec[], fleet: readonly ManagedInstance[]): string {
  const found = targetedInstances({targets}, fleet);
  if (found === undefined) return tone('(resolved by AWS)', 'muted');
  if (found.length === 0) return tone('no instance now', 'warn');
  const names = found.slice(0, 4).map((i) => sanitizeText(`${nameOf(i)} (${i.instanceId})`)).join(', ');
  return `${found.length} instance${found.length === 1 ? '' : 's'}: ${names}${found.length > 4 ? ', …' : ''}`;
}

export function windowLines(p: WindowPage, now: number, fleet: readonly ManagedInstance[]): string[] {
  const w = p.window;
  const lines = [
    field('Name', w.name),
    field('Window id', w.windowId),
    field('Description', w.description),
    `  ${'Enabled'.padEnd(16)} ${w.enabled ? 'yes' : tone('no', 'warn')}`,
    field('Schedule', scheduleText(w)),
    field('Active', w.startDate || w.endDate ? `${w.startDate ?? '…'} → ${w.endDate ?? '…'}` : 'always'),
    field('Next runs', p.nextRuns.length ? `${p.nextRuns.map((r) => localTime(r, now)).join(' · ')} (local time)` : 'none ahead'),
    field('Duration', durationText(w)),
    field('Unassociated', w.allowUnassociatedTargets ? 'tasks may target unregistered instances' : 'registered targets only'),
    '',
    `Targets (${p.targets.length})`,
  ];
  if (p.targets.length === 0) lines.push(tone('  (none: t registers a tag expression or the marked instances)', 'muted'));
  for (const t of p.targets) {
    lines.push(`  ${sanitizeText(t.name ?? t.windowTargetId.slice(0, 8))}  ${sanitizeText(specText(t.targets))}${t.ownerInformation ? tone(`  owner: ${sanitizeText(t.ownerInformation)}`, 'muted') : ''}`);
    lines.push(`      → ${instancesText(t.targets, fleet)}`);
  }
  lines.push('', `Tasks (${p.tasks.length}, in priority order)`);
  if (p.tasks.length === 0) lines.push(tone('  (none: a registers a Run Command task, e.g. AWS-RunPatchBaseline Operation=Install)', 'muted'));
  for (const t of p.tasks) {
    const onTargets = t.targets.flatMap((x) => (x.Key === 'WindowTargetIds' ? x.Values : []))
      .map((id) => p.targets.find((r) => r.windowTargetId === id)?.name ?? id.slice(0, 8));
    lines.push(`  ${String(t.priority).padStart(2)}  ${t.taskType.padEnd(11)} ${sanitizeText(t.taskArn)}${t.name ? `  (${sanitizeText(t.name)})` : ''}`);
    lines.push(`      on ${sanitizeText(onTargets.length ? onTargets.join(', ') : specText(t.targets) || 'no targets')} · max concurrency ${
      sanitizeText(t.maxConcurrency ?? '—')} · max errors ${sanitizeText(t.maxErrors ?? '—')}${t.cutoffBehavior ? ` · at cutoff ${sanitizeText(t.cutoffBehavior)}` : ''}`);
    const params = Object.entries(redactParameters(p.parameters[t.windowTaskId] ?? {}));
    lines.push(`      parameters: ${params.length ? sanitizeText(params.map(([k, v]) => `${k}=${v.join(',').replace(/\n/g, '⏎')}`).join(' · ')) : tone('(the document\'s defaults)', 'muted')}`);
  }
  lines.push('', tone('  e runs · E edit · x enable/disable · t register targets · a register a Run Command task', 'muted'));
  return lines;
}

const entry = (store: AppStore, arg: string | undefined) => (arg ? loaded<WindowPage>(store, detailKey(arg)) : undefined);

const text: PaneText = {
  lines: (store, arg) => {
    const e = entry(store, arg);
    if (!e || e.state === 'loading') return [sanitizeText(arg ?? ''), '', 'loading…'];
    if (e.state === 'error') return [sanitizeText(arg ?? ''), '', tone(`could not read it: ${e.message}`, 'bad')];
    const s = store.getState();
    return windowLines(e.value, s.now, s.instances);
  },
  save: (store, arg) => (arg && entry(store, arg)?.state === 'ok' ? {name: `window-${arg}.txt`, text: `${text.lines(store, arg, 0).map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')).join('\n')}\n`}
    : {unavailable: 'the window has not loaded yet'}),
};

const shown = (ctx: ActionContext) => shownWindow(ctx, currentScreen(ctx.store.getState()).arg);

export const windowDetailView = definePaneView({
  id: 'window',
  title: 'Maintenance window',
  aliases: [],
  scopes: ['window', 'detail'],
  lines: text.lines,
  actions: {
    ...paneActions(text),
    'window.executions': (ctx) => {
      const id = currentScreen(ctx.store.getState()).arg;
      if (id) openExecutions(ctx, id);
    },
    'window.edit': (ctx) => {
      const id = currentScreen(ctx.store.getState()).arg;
      if (id) openWindowForm(ctx, id);
    },
    'window.toggle': (ctx) => {
      const p = shown(ctx);
      if (p) toggleWindow(ctx, p.window, () => loadWindow(ctx, p.window.windowId));
    },
    'window.target': (ctx) => {
      const p = shown(ctx);
      if (p) registerTargets(ctx, p);
    },
    'window.task': (ctx) => {
      const p = shown(ctx);
      if (p) registerTask(ctx, p);
    },
  },
});
