// The non-compliant instances of one compliance type (the screen's argument), most severe first: overall severity,
// then how many items fail. Enter drills into an instance's items; r opens Run Command prefilled to install patches, s to scan.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import {initTable} from '../../fleet/table-model.js';
import {severityBar, severityRank, SEVERITIES, type ResourceCompliance, type Severity} from '../../fleet/compliance/compliance.js';
import type {Tone} from '../view.js';
import {defineTableView, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {freshness} from './freshness.js';
import {instanceName} from './names.js';
import {chosenIds, openRunFor, PATCH_PRESET, readOnlyReason, SCAN_PRESET} from './remediate.js';
import {patchInNextWindow} from './next-window.js';
import {WINDOW_READ_ONLY} from '../../fleet/windows/window-form.js';

export type NonCompliantRow = ResourceCompliance & {fetchedAt: number};

const REFRESH_MS = 30_000;

export function severityTone(s: Severity): Tone | undefined {
  return s === 'CRITICAL' ? 'bad' : s === 'HIGH' ? 'warn' : s === 'MEDIUM' ? 'accent' : undefined;
}

export const nonCompliantView: TableView<NonCompliantRow> = defineTableView<NonCompliantRow>({
  idsUniqueAcrossContexts: true,
  id: 'compliance-instances',
  title: 'Non-compliant',
  aliases: [],
  needsArg: true,
  refreshMs: REFRESH_MS,
  defaultSort: 'severity',
  scopes: ['nonCompliant', 'remediate', 'table'],
  table: {
    rowId: (r) => r.instanceId,
    filter: {
      keys: {
        severity: {describe: 'overall severity', values: SEVERITIES.map((s) => s.toLowerCase()), get: (r) => r.severity.toLowerCase()},
        id: {describe: 'instance id', get: (r) => r.instanceId},
      },
      text: cachedHaystack((r: NonCompliantRow) => [r.instanceId, r.severity]),
    },
    sortValues: {
      // Most severe first, then the most failing items.
      severity: (r) => severityRank(r.severity) * 1e6 - r.nonCompliant,
      instance: (r) => r.instanceId,
      nonCompliant: (r) => -r.nonCompliant,
      executed: (r) => -(r.executionTime ?? 0),
    },
  },
  columns: () => [
    {id: 'instance', title: 'INSTANCE', width: 20, priority: 0, text: (r) => r.instanceId},
    {id: 'name', title: 'NAME', width: 12, flex: true, priority: 2, text: (r, ctx) => instanceName(ctx, r.instanceId)},
    {id: 'severity', title: 'SEVERITY', width: 13, priority: 0, text: (r) => r.severity, tone: (r) => severityTone(r.severity)},
    {id: 'nonCompliant', title: 'FAILING', width: 7, priority: 1, align: 'right', text: (r) => String(r.nonCompliant)},
    {id: 'compliant', title: 'OK', width: 5, priority: 4, align: 'right', text: (r) => String(r.compliant)},
    {id: 'bar', title: 'BY SEVERITY', width: 16, flex: true, priority: 3, text: (r) => severityBar(r.nonCompliantBySeverity, 16),
      tone: (r) => severityTone(r.severity)},
    {id: 'executed', title: 'EXECUTED', width: 8, priority: 2, align: 'right', text: (r) => formatAge(r.executionTime, Date.now())},
  ],
  titleNote: (rows) => freshness('as of', rows[0]?.fetchedAt, 3 * REFRESH_MS),
  fetch: async (services, {arg, signal}) => {
    if (!services.compliance || !arg) throw new Error('no compliance type selected');
    const list = await services.compliance.resources([
      {Key: 'ComplianceType', Values: [arg], Type: 'EQUAL'}, {Key: 'Status', Values: ['NON_COMPLIANT'], Type: 'EQUAL'},
    ], signal);
    const at = Date.now();
    return list.map((r) => ({...r, fetchedAt: at}));
  },
  disabled: {'remediate.patch': readOnlyReason, 'remediate.scan': readOnlyReason, 'remediate.window': (ctx) => (ctx.readOnly ? WINDOW_READ_ONLY.task : undefined)},
  actions: {
    ...tableActions<NonCompliantRow>('compliance-instances', () => nonCompliantView.table),
    'nonCompliant.items': ({store}) => {
      const st = store.getState().tables['compliance-instances'];
      const row = st?.visible[st.cursor] as NonCompliantRow | undefined;
      if (!row) return;
      store.getState().updateTable('compliance-items', () => initTable('status'));
      store.getState().push({view: 'compliance-items', arg: row.instanceId});
    },
    'remediate.patch': (ctx) =>
      openRunFor(ctx, chosenIds<NonCompliantRow>(ctx, 'compliance-instances', (r) => r.instanceId), PATCH_PRESET),
    'remediate.scan': (ctx) =>
      openRunFor(ctx, chosenIds<NonCompliantRow>(ctx, 'compliance-instances', (r) => r.instanceId), SCAN_PRESET),
    'remediate.window': (ctx) => patchInNextWindow(ctx, chosenIds<NonCompliantRow>(ctx, 'compliance-instances', (r) => r.instanceId)),
  },
});
