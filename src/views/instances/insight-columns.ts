// The instances table's compliance columns: non-compliant items, missing patches, patches installed pending a reboot.
// Least important of all (the first to go on a narrow terminal); blank until the row's facts have loaded (only rows
// on screen are loaded: fleet/compliance/compliance/compliance-insight.ts).
import type {ManagedInstance} from '../../fleet/instances/instance.js';
import {nonCompliantCount} from '../../fleet/compliance/compliance-insight.js';
import type {Column} from '../view.js';

const count = (n: number | undefined, loaded: boolean) => (n === undefined ? (loaded ? '—' : '') : String(n));

export function insightColumns(firstPriority: number): Column<ManagedInstance>[] {
  return [
    {id: 'nonCompliant', title: 'NON-C', width: 5, priority: firstPriority, align: 'right',
      text: (i, ctx) => count(nonCompliantCount(ctx.insights?.[i.instanceId]), false),
      tone: (i, ctx) => ((nonCompliantCount(ctx.insights?.[i.instanceId]) ?? 0) > 0 ? 'bad' : 'muted')},
    {id: 'missing', title: 'MISS', width: 4, priority: firstPriority + 1, align: 'right',
      text: (i, ctx) => count(ctx.insights?.[i.instanceId]?.patch?.missing, ctx.insights?.[i.instanceId] !== undefined),
      tone: (i, ctx) => ((ctx.insights?.[i.instanceId]?.patch?.missing ?? 0) > 0 ? 'warn' : 'muted')},
    {id: 'reboot', title: 'REBOOT', width: 6, priority: firstPriority + 2, align: 'right',
      text: (i, ctx) => count(ctx.insights?.[i.instanceId]?.patch?.pendingReboot, ctx.insights?.[i.instanceId] !== undefined),
      tone: (i, ctx) => ((ctx.insights?.[i.instanceId]?.patch?.pendingReboot ?? 0) > 0 ? 'warn' : 'muted')},
  ];
}
