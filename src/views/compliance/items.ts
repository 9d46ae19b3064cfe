// One instance's compliance items (the screen's argument): id, title, severity, state, CVEs and when it was
// evaluated; failing items first, most severe first. r patches this instance.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import {severityRank, SEVERITIES, type ComplianceItem} from '../../fleet/compliance/compliance.js';
import {currentScreen} from '../../store/store.js';
import {defineTableView, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {freshness} from './freshness.js';
import {openRunFor, PATCH_PRESET, readOnlyReason, SCAN_PRESET} from './remediate.js';
import {patchInNextWindow} from './next-window.js';
import {WINDOW_READ_ONLY} from '../../fleet/windows/window-form.js';
import {severityTone} from './instances.js';

export type ItemRow = ComplianceItem & {fetchedAt: number};

const REFRESH_MS = 30_000;
/** The item's state in words: a patch's own state (Missing, InstalledPendingReboot…), else the compliance status. */
const state = (i: ComplianceItem) => i.details.PatchState || i.status || '—';
const failing = (i: ComplianceItem) => i.status === 'NON_COMPLIANT';

export const complianceItemsView: TableView<ItemRow> = defineTableView<ItemRow>({
  id: 'compliance-items',
  title: 'Compliance items',
  aliases: [],
  needsArg: true,
  refreshMs: REFRESH_MS,
  defaultSort: 'status',
  scopes: ['remediate', 'table'],
  table: {
    rowId: (i) => `${i.type}/${i.id}`,
    filter: {
      keys: {
        type: {describe: 'compliance type', get: (i) => i.type},
        severity: {describe: 'severity', values: SEVERITIES.map((s) => s.toLowerCase()), get: (i) => i.severity.toLowerCase()},
        status: {describe: 'compliance status', values: ['compliant', 'non_compliant'], valueAliases: {bad: 'non_compliant', ok: 'compliant'},
          get: (i) => i.status.toLowerCase()},
        cve: {describe: 'CVE id', get: (i) => i.cves},
      },
      text: cachedHaystack((i: ItemRow) => [i.id, i.title, i.type, state(i), i.cves]),
    },
    sortValues: {
      status: (i) => (failing(i) ? 0 : 10) + severityRank(i.severity),
      type: (i) => i.type,
      id: (i) => i.id,
      severity: (i) => severityRank(i.severity),
      executed: (i) => -(i.executionTime ?? 0),
    },
  },
  columns: () => [
    {id: 'type', title: 'TYPE', width: 11, priority: 3, text: (i) => i.type},
    {id: 'id', title: 'ID', width: 14, priority: 0, text: (i) => i.id},
    {id: 'title', title: 'TITLE', width: 20, flex: true, priority: 1, text: (i) => i.title},
    {id: 'severity', title: 'SEVERITY', width: 13, priority: 0, text: (i) => i.severity, tone: (i) => severityTone(i.severity)},
    {id: 'status', title: 'STATE', width: 22, priority: 0, text: state, tone: (i) => (failing(i) ? 'bad' : 'good')},
    {id: 'cves', title: 'CVES', width: 16, flex: true, priority: 2, text: (i) => i.cves},
    {id: 'executed', title: 'EXECUTED', width: 8, priority: 4, align: 'right', text: (i) => formatAge(i.executionTime, Date.now())},
  ],
  titleNote: (rows) => `${rows.filter(failing).length} failing · ${freshness('as of', rows[0]?.fetchedAt, 3 * REFRESH_MS)}`,
  fetch: async (services, {arg, signal}) => {
    if (!services.compliance || !arg) throw new Error('no instance selected');
    const list = await services.compliance.items(arg, undefined, signal);
    const at = Date.now();
    return list.map((i) => ({...i, fetchedAt: at}));
  },
  disabled: {'remediate.patch': readOnlyReason, 'remediate.scan': readOnlyReason, 'remediate.window': (ctx) => (ctx.readOnly ? WINDOW_READ_ONLY.task : undefined)},
  actions: {
    ...tableActions<ItemRow>('compliance-items', () => complianceItemsView.table),
    'remediate.patch': (ctx) => {
      const id = currentScreen(ctx.store.getState()).arg;
      openRunFor(ctx, id ? [id] : [], PATCH_PRESET);
    },
    'remediate.scan': (ctx) => {
      const id = currentScreen(ctx.store.getState()).arg;
      openRunFor(ctx, id ? [id] : [], SCAN_PRESET);
    },
    'remediate.window': (ctx) => {
      const id = currentScreen(ctx.store.getState()).arg;
      patchInNextWindow(ctx, id ? [id] : []);
    },
  },
});
