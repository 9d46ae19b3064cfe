// The instances an association targets (`t`), resolved from its targets against the managed fleet, each with its
// result in the association's latest execution (DescribeAssociationExecutionTargets, a page of 50 a request): status,
// detail, when it ran, its Run Command output. The instances are drawn at once and their results fill in page by
// page, so a thousand targets cost about twenty requests rather than one per instance.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import type {ExecutionTarget} from '../../fleet/associations/association.js';
import {targetedInstances} from '../../fleet/associations/target-match.js';
import {defineTableView, type Services, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {statusTone} from './associations-view.js';
import './services.js';

/** An instance's result in the latest execution. */
export interface TargetStatus {
  readonly status: string;
  readonly detailedStatus: string;
  readonly executionAt?: number;
  /** The Run Command command that ran it there. */
  readonly commandId?: string;
}

export interface TargetedInstance {
  readonly instanceId: string;
  readonly name: string;
  readonly ping: string;
  readonly status?: TargetStatus;
}

/** The fleet as the dashboard last loaded it, per services: the targets resolve against what the user sees. */
const fleets = new WeakMap<Services, readonly ManagedInstance[]>();

export function rememberFleet(services: Services, fleet: readonly ManagedInstance[]): void {
  fleets.set(services, fleet);
}

const statusOf = (t: ExecutionTarget): TargetStatus => ({
  status: t.status, detailedStatus: t.detailedStatus, ...(t.lastExecutionAt !== undefined ? {executionAt: t.lastExecutionAt} : {}),
  ...(t.outputSourceId ? {commandId: t.outputSourceId} : {}),
});

const order = (t: TargetedInstance) => (t.status?.status === 'Failed' ? 0 : t.status?.status === 'Pending' || !t.status ? 1 : 2);

export const associationInstancesView: TableView<TargetedInstance> = defineTableView<TargetedInstance>({
  id: 'association-instances',
  title: 'Targeted instances',
  aliases: [],
  needsArg: true,
  refreshMs: 10_000,
  liveAges: true,
  defaultSort: 'status',
  scopes: ['table'],
  table: {
    rowId: (t) => t.instanceId,
    filter: {
      keys: {
        status: {describe: 'status for this association: success, failed, pending', get: (t) => (t.status?.status ?? '').toLowerCase()},
        id: {describe: 'instance id', get: (t) => t.instanceId},
      },
      text: cachedHaystack((t: TargetedInstance) => [t.instanceId, t.name, t.status?.status ?? '', t.status?.commandId ?? '']),
    },
    sortValues: {
      status: order,
      instance: (t) => t.instanceId,
      name: (t) => t.name.toLowerCase(),
      last: (t) => -(t.status?.executionAt ?? 0),
    },
  },
  columns: () => [
    {id: 'instance', title: 'INSTANCE', width: 20, priority: 0, text: (t) => t.instanceId},
    {id: 'name', title: 'NAME', width: 16, flex: true, priority: 1, text: (t) => t.name},
    {id: 'ping', title: 'PING', width: 8, priority: 3, text: (t) => t.ping},
    {id: 'status', title: 'STATUS', width: 8, priority: 0, text: (t) => t.status?.status ?? '—', tone: (t) => statusTone(t.status?.status ?? '')},
    {id: 'detail', title: 'DETAIL', width: 14, priority: 2, text: (t) => t.status?.detailedStatus ?? ''},
    {id: 'last', title: 'LAST RUN', width: 8, priority: 1, align: 'right', text: (t, ctx) => formatAge(t.status?.executionAt, ctx.now)},
    {id: 'command', title: 'COMMAND', width: 36, priority: 4, text: (t) => t.status?.commandId ?? ''},
  ],
  titleNote: (rows) => {
    const n = (s: string) => rows.filter((t) => t.status?.status === s).length;
    const unrun = rows.filter((t) => !t.status).length;
    return `${rows.length} instance${rows.length === 1 ? '' : 's'} · ${n('Success')} success · ${n('Failed')} failed · ${n('Pending') + n('InProgress')} pending` +
      (unrun ? ` · ${unrun} not in the latest execution` : '');
  },
  fetch: async (services, {arg, signal, onProgress}) => {
    const api = services.associations;
    if (!api || !arg) throw new Error('no association selected');
    const known = fleets.get(services);
    const [a, fleet, executions] = await Promise.all([api.describe(arg), known?.length ? known : services.loadFleet({...(signal ? {signal} : {})}),
      api.executions(arg, signal)]);
    const targeted = targetedInstances(a, fleet);
    if (targeted === undefined) throw new Error('these targets (resource groups) are resolved by AWS only: see the executions (e) for the instances they ran on');
    const found = new Map<string, TargetStatus>();
    const rows = (): TargetedInstance[] => targeted.map((i) => {
      const status = found.get(i.instanceId);
      return {instanceId: i.instanceId, name: i.name, ping: i.pingStatus, ...(status ? {status} : {})};
    });
    const latest = executions[0];
    if (!latest) return rows();
    onProgress?.(rows(), false);
    await api.executionTargets(arg, latest.executionId, signal, (page) => {
      for (const t of page) found.set(t.resourceId, statusOf(t));
      onProgress?.(rows(), false);
    });
    return rows();
  },
  actions: tableActions<TargetedInstance>('association-instances', () => associationInstancesView.table),
});
