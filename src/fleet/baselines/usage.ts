// The instances that use a baseline and their patch states: the nodes of each patch group registered with it
// (DescribeInstancePatchStatesForPatchGroup), and when it is its operating system's default, the managed nodes of
// that system in no patch group with a baseline for it (their DescribeInstancePatchStates counts).
import type {OperatingSystem} from './baseline.js';
import type {BaselineDetail, BaselinesApi} from './port.js';
import {defaultBaselineInstances, instanceOperatingSystem} from './summary.js';
import type {ManagedInstance} from '../instances/instance.js';
import type {PatchSummary} from '../compliance/compliance.js';

/** DescribeInstancePatchStates for these nodes (the compliance port's patchStates). */
export type PatchStatesOf = (instanceIds: readonly string[], signal?: AbortSignal) => Promise<PatchSummary[]>;

export interface InstanceUsage {
  instanceId: string;
  /** The patch group it uses the baseline through, or '' (the default). */
  patchGroup: string;
  /** False when it has never reported a patching operation. */
  reported: boolean;
  installed: number;
  missing: number;
  failed: number;
  pendingReboot: number;
  operation: string;
  operationEndTime: number;
}

export interface BaselineUsage {
  instances: InstanceUsage[];
  totals: {instances: number; withMissing: number; withFailed: number; withPendingReboot: number; missing: number; failed: number; pendingReboot: number};
}

export function usageTotals(instances: readonly InstanceUsage[]): BaselineUsage['totals'] {
  const t = {instances: instances.length, withMissing: 0, withFailed: 0, withPendingReboot: 0, missing: 0, failed: 0, pendingReboot: 0};
  for (const i of instances) {
    t.missing += i.missing;
    t.failed += i.failed;
    t.pendingReboot += i.pendingReboot;
    if (i.missing) t.withMissing++;
    if (i.failed) t.withFailed++;
    if (i.pendingReboot) t.withPendingReboot++;
  }
  return t;
}

/**
 * `fleet` is only read for a default baseline (its nodes are found by platform and tags); it may be a promise, so the
 * fleet read and the patch groups' reads go at once.
 */
export async function loadUsage(patchStates: PatchStatesOf | undefined, api: BaselinesApi, b: BaselineDetail,
  fleet: readonly ManagedInstance[] | Promise<readonly ManagedInstance[]>, signal?: AbortSignal): Promise<BaselineUsage> {
  const mappingsP = b.defaultBaseline ? api.patchGroups(signal) : Promise.resolve([]);
  mappingsP.catch(() => undefined);
  const fleetP = Promise.resolve(fleet);
  fleetP.catch(() => undefined);

  // A patch group may name a baseline per operating system: keep its nodes of this baseline's (or unknown to the fleet).
  const byGroup = Promise.all(b.patchGroups.map((group) => api.patchGroupInstances(group, signal)));
  byGroup.catch(() => undefined);
  const nodes = await fleetP;
  const osOf = new Map(nodes.map((i) => [i.instanceId, instanceOperatingSystem(i)]));
  const fits = (id: string) => {
    const os = osOf.get(id);
    return os === undefined || os === b.operatingSystem;
  };
  const groupStates = await byGroup;
  const out = b.patchGroups.flatMap((group, n) => (groupStates[n] ?? [])
    .filter((s) => fits(s.instanceId))
    .map((s): InstanceUsage => ({instanceId: s.instanceId, patchGroup: group, reported: true, installed: s.installed, missing: s.missing,
      failed: s.failed, pendingReboot: s.installedPendingReboot, operation: s.operation, operationEndTime: s.operationEndTime})));
  if (b.defaultBaseline) {
    const mappings = await mappingsP;
    const registered = new Set(mappings.map((m) => `${m.patchGroup}\n${m.baseline.operatingSystem}`));
    const users = defaultBaselineInstances(nodes, b.operatingSystem, (g: string, os: OperatingSystem) => registered.has(`${g}\n${os}`));
    const states = new Map((await patchStates?.(users.map((i) => i.instanceId), signal) ?? []).map((s) => [s.instanceId, s]));
    for (const i of users) {
      const s = states.get(i.instanceId);
      out.push({instanceId: i.instanceId, patchGroup: '', reported: s !== undefined, installed: s?.installed ?? 0, missing: s?.missing ?? 0,
        failed: s?.failed ?? 0, pendingReboot: s?.pendingReboot ?? 0, operation: s?.operation ?? '', operationEndTime: s?.operationEndTime ?? 0});
    }
  }
  // Most in need first: failed, then missing, then pending reboot.
  out.sort((x, y) => y.failed - x.failed || y.missing - x.missing || y.pendingReboot - x.pendingReboot || x.instanceId.localeCompare(y.instanceId));
  return {instances: out, totals: usageTotals(out)};
}
