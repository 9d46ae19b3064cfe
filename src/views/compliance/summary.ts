// `:compliance`: the fleet per compliance type (Association, Patch, Custom:*): compliant and non-compliant counts and
// the non-compliant instances by severity, drawn as a bar. One ListComplianceSummaries call answers it, at any fleet
// size. Enter lists the type's non-compliant instances.
import {cachedHaystack} from '../../fleet/filter.js';
import {initTable} from '../../fleet/table-model.js';
import {severityBar, type ComplianceTypeSummary} from '../../fleet/compliance/compliance.js';
import {defineTableView, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {freshness} from './freshness.js';

export type SummaryRow = ComplianceTypeSummary & {fetchedAt: number};

const REFRESH_MS = 30_000;
const BAR = 24;

export const complianceSummaryView: TableView<SummaryRow> = defineTableView<SummaryRow>({
  id: 'compliance',
  title: 'Compliance',
  aliases: ['comp', 'cmp', 'patches'],
  refreshMs: REFRESH_MS,
  defaultSort: 'nonCompliant',
  scopes: ['compliance', 'table'],
  table: {
    rowId: (r) => r.type,
    filter: {
      keys: {type: {describe: 'compliance type', get: (r) => r.type}},
      text: cachedHaystack((r: SummaryRow) => [r.type]),
    },
    sortValues: {
      type: (r) => r.type,
      compliant: (r) => -r.compliant,
      nonCompliant: (r) => -r.nonCompliant,
      critical: (r) => -r.nonCompliantBySeverity.CRITICAL,
      high: (r) => -r.nonCompliantBySeverity.HIGH,
    },
  },
  columns: () => [
    {id: 'type', title: 'TYPE', width: 22, priority: 0, text: (r) => r.type},
    {id: 'compliant', title: 'COMPLIANT', width: 9, priority: 1, align: 'right', text: (r) => String(r.compliant),
      tone: (r) => (r.compliant > 0 ? 'good' : undefined)},
    {id: 'nonCompliant', title: 'NON-COMPL', width: 10, priority: 0, align: 'right', text: (r) => String(r.nonCompliant),
      tone: (r) => (r.nonCompliant > 0 ? 'bad' : undefined)},
    {id: 'critical', title: 'CRIT', width: 5, priority: 2, align: 'right', text: (r) => String(r.nonCompliantBySeverity.CRITICAL),
      tone: (r) => (r.nonCompliantBySeverity.CRITICAL > 0 ? 'bad' : 'muted')},
    {id: 'high', title: 'HIGH', width: 5, priority: 2, align: 'right', text: (r) => String(r.nonCompliantBySeverity.HIGH),
      tone: (r) => (r.nonCompliantBySeverity.HIGH > 0 ? 'warn' : 'muted')},
    {id: 'medium', title: 'MED', width: 5, priority: 3, align: 'right', text: (r) => String(r.nonCompliantBySeverity.MEDIUM)},
    {id: 'low', title: 'LOW', width: 5, priority: 3, align: 'right', text: (r) => String(r.nonCompliantBySeverity.LOW)},
    {id: 'other', title: 'OTHER', width: 5, priority: 4, align: 'right',
      text: (r) => String(r.nonCompliantBySeverity.INFORMATIONAL + r.nonCompliantBySeverity.UNSPECIFIED)},
    {id: 'bar', title: 'NON-COMPLIANT BY SEVERITY', width: BAR, flex: true, priority: 1,
      text: (r) => severityBar(r.nonCompliantBySeverity, BAR), tone: (r) => (r.nonCompliantBySeverity.CRITICAL > 0 ? 'bad' : 'warn')},
  ],
  titleNote: (rows) => {
    const total = rows.reduce((n, r) => n + r.nonCompliant, 0);
    return `${total} non-compliant · █ critical ▓ high ▒ medium ░ low · ${freshness('as of', rows[0]?.fetchedAt, 3 * REFRESH_MS)}`;
  },
  fetch: async (services, {signal}) => {
    if (!services.compliance) throw new Error('compliance is not available here');
    const list = await services.compliance.summaries(undefined, signal);
    const at = Date.now();
    return list.map((s) => ({...s, fetchedAt: at}));
  },
  actions: {
    ...tableActions<SummaryRow>('compliance', () => complianceSummaryView.table),
    'compliance.open': ({store}) => {
      const st = store.getState().tables.compliance;
      const row = st?.visible[st.cursor] as SummaryRow | undefined;
      if (!row) return;
      store.getState().updateTable('compliance-instances', () => initTable('severity'));
      store.getState().push({view: 'compliance-instances', arg: row.type});
    },
  },
});
