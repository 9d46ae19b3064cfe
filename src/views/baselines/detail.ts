// One patch baseline (`enter`): its operating system and whether it is the default, each approval rule (filters,
// delay or cutoff, compliance level), the global filters, the exceptions (approved and rejected lists with the
// rejected action), its patch groups, and the instances that use it with their patch state counts.
import type {BaselineDetail} from '../../fleet/baselines/port.js';
import {ruleSummary} from '../../fleet/baselines/summary.js';
import {formatAge} from '../../fleet/format.js';
import {sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {currentScreen, type AppStore} from '../../store/store.js';
import {paneActions, type PaneText} from '../pane-actions.js';
import {loaded} from '../pane-loads.js';
import {definePaneView, type ActionContext} from '../view.js';
import {deregisterGroup, registerGroup, setDefault} from './actions.js';
import {detailKey, openEditForm, usageKey} from './open.js';
import type {BaselineUsage} from '../../fleet/baselines/usage.js';

/** Instances listed in the pane; the totals count them all. */
const SHOWN = 500;

const field = (label: string, value: string | undefined) => `  ${label.padEnd(18)} ${value ? sanitizeText(value) : '—'}`;

export function baselineLines(b: BaselineDetail): string[] {
  const r = b.rules;
  const lines = [
    field('Name', b.name),
    field('Baseline id', b.baselineId),
    field('Operating system', `${b.operatingSystem}${b.defaultBaseline ? '  ★ default for it' : ''}`),
    field('Description', b.description.replace(/\s+/g, ' ')),
    field('Patch groups', b.patchGroups.join(', ')),
    '',
    'Approval rules',
  ];
  if (r.rules.length === 0) lines.push('  (none: only the approved list)');
  r.rules.forEach((rule, n) => {
    lines.push(`  ${n + 1}. ${sanitizeText(ruleSummary(rule))}  ${tone(`compliance ${rule.complianceLevel}${rule.enableNonSecurity ? ' · non-security too' : ''}`, 'muted')}`);
    for (const f of rule.filters) lines.push(`       ${f.key.padEnd(15)} ${sanitizeText(f.values.join(', '))}`);
  });
  if (r.globalFilters.length) {
    lines.push('', 'Global filters');
    for (const f of r.globalFilters) lines.push(`  ${f.key.padEnd(17)} ${sanitizeText(f.values.join(', '))}`);
  }
  lines.push('', 'Exceptions',
    field('Approved', r.approvedPatches.length ? `${r.approvedPatches.join(', ')}  (compliance ${r.approvedPatchesComplianceLevel})` : undefined),
    field('Rejected', r.rejectedPatches.join(', ')),
    field('Rejected action', r.rejectedPatchesAction === 'BLOCK' ? 'BLOCK: never installed, not even as a dependency' : 'ALLOW_AS_DEPENDENCY: installed only as a dependency'));
  return lines;
}

export function usageLines(u: BaselineUsage, now: number): string[] {
  const t = u.totals;
  const lines = [
    `Instances using it  ${t.instances} · ${tone(`${t.withMissing} with missing (${t.missing})`, t.withMissing ? 'warn' : 'good')} · ` +
      `${tone(`${t.withFailed} failed (${t.failed})`, t.withFailed ? 'bad' : 'good')} · ${tone(`${t.withPendingReboot} pending reboot (${t.pendingReboot})`, t.withPendingReboot ? 'warn' : 'good')}`,
  ];
  if (t.instances === 0) return [...lines, '  (none: no patch group of it has instances, and it is not a default)'];
  lines.push(tone(`  ${'INSTANCE'.padEnd(20)} ${'VIA'.padEnd(14)} ${'INST'.padStart(5)} ${'MISS'.padStart(5)} ${'FAIL'.padStart(5)} ${'REBOOT'.padStart(6)}  LAST OPERATION`, 'muted'));
  for (const i of u.instances.slice(0, SHOWN)) {
    const n = (v: number, w: number) => (i.reported ? String(v) : '—').padStart(w);
    const op = i.reported ? `${i.operation} ${i.operationEndTime ? `${formatAge(i.operationEndTime, now)} ago` : ''}` : 'never scanned';
    lines.push(`  ${sanitizeText(i.instanceId).padEnd(20)} ${sanitizeText(i.patchGroup || '(default)').slice(0, 14).padEnd(14)} ${n(i.installed, 5)} ` +
      `${i.missing ? tone(n(i.missing, 5), 'warn') : n(i.missing, 5)} ${i.failed ? tone(n(i.failed, 5), 'bad') : n(i.failed, 5)} ` +
      `${i.pendingReboot ? tone(n(i.pendingReboot, 6), 'warn') : n(i.pendingReboot, 6)}  ${sanitizeText(op)}`);
  }
  if (u.instances.length > SHOWN) lines.push(tone(`  … ${u.instances.length - SHOWN} more (fleetdeck baselines show lists them all)`, 'muted'));
  return lines;
}

const entry = (store: AppStore, arg: string | undefined) => (arg ? loaded<BaselineDetail>(store, detailKey(arg)) : undefined);

const text: PaneText = {
  lines: (store, arg) => {
    const e = entry(store, arg);
    if (!e || e.state === 'loading') return [sanitizeText(arg ?? ''), '', 'loading…'];
    if (e.state === 'error') return [sanitizeText(arg ?? ''), '', tone(`could not read it: ${e.message}`, 'bad')];
    const u = loaded<BaselineUsage>(store, usageKey(e.value.baselineId));
    const usage = !u || u.state === 'loading' ? ['Instances using it  loading…']
      : u.state === 'error' ? [tone(`Instances using it  could not read them: ${u.message}`, 'bad')] : usageLines(u.value, store.getState().now);
    return [...baselineLines(e.value), '', ...usage, '', tone('  e edit rules · d make default · p register patch group · x deregister one', 'muted')];
  },
  save: (store, arg) => (arg && entry(store, arg)?.state === 'ok' ? {name: `baseline-${arg.replace(/[^\w.-]/g, '_')}.txt`,
    text: `${text.lines(store, arg, 0).map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')).join('\n')}\n`} : {unavailable: 'the baseline has not loaded yet'}),
};

const shown = (ctx: ActionContext): BaselineDetail | undefined => {
  const e = entry(ctx.store, currentScreen(ctx.store.getState()).arg);
  return e?.state === 'ok' ? e.value : undefined;
};

export const baselineDetailView = definePaneView({
  id: 'baseline',
  title: 'Patch baseline',
  aliases: [],
  scopes: ['baseline', 'detail'],
  lines: text.lines,
  actions: {
    ...paneActions(text),
    'baseline.edit': (ctx) => {
      const b = shown(ctx);
      if (b) openEditForm(ctx, b.baselineId);
    },
    'baseline.setDefault': (ctx) => {
      const b = shown(ctx);
      if (b) setDefault(ctx, b);
    },
    'baseline.register': (ctx) => {
      const b = shown(ctx);
      if (b) registerGroup(ctx, b);
    },
    'baseline.deregister': (ctx) => {
      const b = shown(ctx);
      if (b) deregisterGroup(ctx, b, b.patchGroups);
    },
  },
});
