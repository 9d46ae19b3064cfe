// The instances an association targets (`t`), resolved from its targets against the managed fleet, each with its
// status for this association (DescribeInstanceAssociationsStatus): status, detail, when it last ran, the summary.
import {cachedHaystack} from '../../fleet/filter.js';
import {formatAge} from '../../fleet/format.js';
import type {ManagedInstance} from '../../fleet/instance.js';
import type {InstanceAssociationStatus} from '../../fleet/associations/association.js';
import {targetedInstances} from '../../fleet/associations/target-match.js';
import {defineTableView, type Services, type TableView} from '../view.js';
import {tableActions} from '../table-actions.js';
import {statusTone} from './view.js';
import './services.js';

export interface TargetedInstance {
  readonly instanceId: string;
  readonly name: string;
  readonly ping: string;
  readonly status?: InstanceAssociationStatus;
}

const AT_ONCE = 8;
/** Past this many instances the statuses of the rest are not asked for (one request per instance). */
export const STATUS_LIMIT = 500;

/** The fleet as the dashboard last loaded it, per services: the targets resolve against what the user sees. */
const fleets = new WeakMap<Services, readonly ManagedInstance[]>();

export function rememberFleet(services: Services, fleet: readonly ManagedInstance[]): void {
  fleets.set(services, fleet);
}

async function statuses(services: Services, ids: readonly string[], associationId: string, signal?: AbortSignal): Promise<Map<string, InstanceAssociationStatus>> {
  const out = new Map<string, InstanceAssociationStatus>();
  const api = services.associations;
  if (!api) return out;
  let next = 0;
  const worker = async () => {
    while (next < ids.length && !signal?.aborted) {
      const id = ids[next++] as string;
      const found = (await api.instanceStatus(id, signal)).find((s) => s.associationId === associationId);
      if (found) out.set(id, found);
    }
  };
  await Promise.all(Array.from({length: Math.min(AT_ONCE, ids.length)}, worker));
  return out;
}

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
      text: cachedHaystack((t: TargetedInstance) => [t.instanceId, t.name, t.status?.status ?? '', t.status?.executionSummary ?? '']),
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
    {id: 'summary', title: 'SUMMARY', width: 20, flex: true, priority: 4, text: (t) => t.status?.executionSummary ?? ''},
  ],
  titleNote: (rows) => {
    const n = (s: string) => rows.filter((t) => t.status?.status === s).length;
    const cut = rows.length > STATUS_LIMIT ? ` · statuses of the first ${STATUS_LIMIT} only` : '';
    return `${rows.length} instance${rows.length === 1 ? '' : 's'} · ${n('Success')} success · ${n('Failed')} failed · ${n('Pending')} pending${cut}`;
  },
  fetch: async (services, {arg, signal}) => {
    const api = services.associations;
    if (!api || !arg) throw new Error('no association selected');
    const known = fleets.get(services);
    const [a, fleet] = await Promise.all([api.describe(arg), known?.length ? known : services.loadFleet({...(signal ? {signal} : {})})]);
    const targeted = targetedInstances(a, fleet);
    if (targeted === undefined) throw new Error('these targets (resource groups) are resolved by AWS only: see the executions (e) for the instances they ran on');
    const found = await statuses(services, targeted.slice(0, STATUS_LIMIT).map((i) => i.instanceId), arg, signal);
    return targeted.map((i) => {
      const status = found.get(i.instanceId);
      return {instanceId: i.instanceId, name: i.name, ping: i.pingStatus, ...(status ? {status} : {})};
    });
  },
  actions: tableActions<TargetedInstance>('association-instances', () => associationInstancesView.table),
});
