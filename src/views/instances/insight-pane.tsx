// The pane beside the instances table (toggled with `p`, remembered in the config): the compliance and inventory of
// the instance under the cursor, following it. InsightSync loads the compliance facts of the rows on screen (for the
// pane and the table's compliance columns); the pane loads the cursor instance's inventory summary itself.
import React from 'react';
import {Box, Text} from 'ink';
import {useStore} from 'zustand';
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {clampTop} from '../../fleet/table-model.js';
import {formatAge} from '../../fleet/format.js';
import {
  INSIGHT_MAX_AGE_MS, loadInsights, loadInventorySummary, nonCompliantCount, staleIds,
  type InventorySummary, type NodeInsight,
} from '../../fleet/compliance/compliance-insight.js';
import {currentScreen, type AppStore} from '../../store/store.js';
import {bold, tone} from '../../components/style.js';
import {freshness} from '../compliance/freshness.js';
import type {Services} from '../view.js';
import {log} from '../../log.js';
import {errorText} from '../../fleet/sanitize.js';
import {trailingDebounce} from './trailing-debounce.js';
import {servicesOfRow} from '../contexts/acting.js';
import type {ComplianceApi} from '../../fleet/compliance/compliance.js';

const DEBOUNCE_MS = 150;
const MAX_WAIT_MS = 1_000;
const RETRY_AFTER_MS = 5_000;

/** Loads compliance facts for the instances on screen, debounced, one batch at a time; renders nothing. */
export function InsightSync({store, services}: {store: AppStore; services: Services}) {
  React.useEffect(() => {
    if (!services.compliance) return;
    let busy = false;
    let again = false;
    let stopped = false;
    let pauseUntil = 0;
    const ctrl = new AbortController();
    const run = () => {
      const s = store.getState();
      const st = s.tables.instances;
      // Not before the fleet's first full load: these calls must never slow it down.
      if (s.sync.lastSuccessAt === undefined) return;
      if (currentScreen(s).view !== 'instances' || !st || st.visible.length === 0 || Date.now() < pauseUntil) return;
      if (busy) {
        again = true;
        return;
      }
      // The rows on screen (the terminal's height bounds the table's).
      const top = clampTop(st.top, st.cursor, s.size.rows, st.visible.length);
      const rows = st.visible.slice(top, top + s.size.rows) as ManagedInstance[];
      const want = new Set(staleIds(rows.map((r) => r.instanceId), s.insights, Date.now()));
      if (want.size === 0) return;
      busy = true;
      // Each node's facts come from the account and region it lives in: one batch per context on screen.
      const byApi = new Map<ComplianceApi, string[]>();
      for (const r of rows) {
        const api = servicesOfRow(services, r).compliance;
        if (!api || !want.has(r.instanceId)) continue;
        byApi.set(api, [...(byApi.get(api) ?? []), r.instanceId]);
      }
      Promise.all([...byApi].map(([api, ids]) => loadInsights(api, ids, ctrl.signal)))
        .then((batches) => Object.assign({}, ...batches) as Record<string, NodeInsight>).then(
        (batch) => {
          if (!stopped) store.getState().addInsights(batch);
        },
        (e: unknown) => {
          pauseUntil = Date.now() + RETRY_AFTER_MS;
          if (!stopped) log.warn('compliance facts failed', {error: e instanceof Error ? e.message : String(e)});
        },
      ).finally(() => {
        busy = false;
        if (again && !stopped) {
          again = false;
          schedule();
        }
      });
    };
    const schedule = trailingDebounce(run, DEBOUNCE_MS, MAX_WAIT_MS);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.tables.instances !== prev.tables.instances || s.stack !== prev.stack || s.size !== prev.size
        || s.sync.lastSuccessAt !== prev.sync.lastSuccessAt) schedule();
    });
    // On screen long enough to go stale: fetched again on schedule.
    const every = setInterval(schedule, INSIGHT_MAX_AGE_MS / 4);
    schedule();
    return () => {
      stopped = true;
      ctrl.abort();
      unsubscribe();
      schedule.cancel();
      clearInterval(every);
    };
  }, [store, services]);
  return null;
}

/** The pane's lines (unstyled facts, already sanitized by the adapters). */
export function paneLines(row: ManagedInstance | undefined, insight: NodeInsight | undefined,
  inv: InventorySummary | {error: string} | undefined, now: number): string[] {
  if (!row) return [tone('no instance under the cursor', 'muted')];
  const out = [bold(row.name || row.instanceId), tone(row.instanceId, 'muted'), ''];
  out.push(`${bold('Compliance')} ${insight ? freshness('as of', insight.at, 2 * INSIGHT_MAX_AGE_MS, now) : tone('loading…', 'muted')}`);
  if (insight) {
    if (insight.compliance.length === 0) out.push(tone('  nothing reported', 'muted'));
    for (const c of insight.compliance) {
      out.push(c.status === 'NON_COMPLIANT'
        ? `  ${c.type} ${tone(`${c.nonCompliant} failing`, 'bad')} ${tone(c.severity, c.severity === 'CRITICAL' ? 'bad' : 'warn')}`
        : `  ${c.type} ${tone('compliant', 'good')}`);
    }
    const p = insight.patch;
    if (p) {
      out.push(`  patches: ${tone(`${p.missing} missing`, p.missing ? 'warn' : 'muted')}, ${tone(`${p.failed} failed`, p.failed ? 'bad' : 'muted')}, `
        + tone(`${p.pendingReboot} need reboot`, p.pendingReboot ? 'warn' : 'muted'));
      out.push(tone(`  last ${p.operation || 'operation'} ${formatAge(p.operationEndTime, now)} ago`, 'muted'));
    }
    const n = nonCompliantCount(insight) ?? 0;
    if (n > 0) out.push(tone('  :compliance → r patches', 'muted'));
  }
  out.push('');
  if (!inv) {
    out.push(`${bold('Inventory')} ${tone('loading…', 'muted')}`);
  } else if ('error' in inv) {
    out.push(`${bold('Inventory')} ${tone(inv.error, 'bad')}`);
  } else {
    out.push(`${bold('Inventory')} ${freshness('captured', inv.captureTime, 24 * 3600_000, now)}`);
    out.push(`  ${inv.platform || row.platformName} · agent ${inv.agent || row.agentVersion}`);
    out.push(`  ${inv.applications} applications · ${inv.services} services (${inv.running} running)`);
    for (const i of inv.interfaces.slice(0, 4)) out.push(`  ${i.name} ${i.ipv4}`);
    out.push(tone('  i → full inventory', 'muted'));
  }
  return out;
}

export function InsightPane({store, services, width, height}: {store: AppStore; services: Services; width: number; height: number}) {
  const st = useStore(store, (s) => s.tables.instances);
  const row = st?.visible[st.cursor] as ManagedInstance | undefined;
  const id = row?.instanceId;
  const insight = useStore(store, (s) => (id ? s.insights[id] : undefined));
  const inv = useStore(store, (s) => (id ? s.inventorySummaries[id] : undefined));
  React.useEffect(() => {
    const api = servicesOfRow(services, row).inventory;
    if (!id || !api) return;
    const have = store.getState().inventorySummaries[id];
    if (have && !('error' in have) && Date.now() - have.at < INSIGHT_MAX_AGE_MS) return;
    const ctrl = new AbortController();
    // Only once the cursor rests: holding j down does not fetch every instance it passes.
    const t = setTimeout(() => {
      loadInventorySummary(api, id, ctrl.signal).then(
        (s) => store.getState().setInventorySummary(id, s),
        (e: unknown) => {
          if (!ctrl.signal.aborted) store.getState().setInventorySummary(id, {error: errorText(e)});
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [id, row, store, services]);
  const lines = paneLines(row, insight, inv, Date.now()).slice(0, height);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.map((l, n) => (
        <Text key={n} wrap="truncate-end">{tone('│ ', 'muted')}{l}</Text>
      ))}
    </Box>
  );
}
