// The instances that use a baseline and their patch states: the nodes of each patch group registered with it
// (DescribeInstancePatchStatesForPatchGroup), and when it is its operating system's default, the managed nodes of
// that system in no patch group with a baseline for it (their DescribeInstancePatchStates counts).
import type {OperatingSystem} from './baseline.js';
import type {BaselineDetail, BaselinesApi} from './port.js';
import {defaultBaselineInstances, instanceOperatingSystem} from './summary.js';
import type {ManagedInstance} from '../instance.js';
import type {PatchSummary} from '../compliance.js';

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

export async function loadUsage(patchStates: PatchStatesOf | undefined, api: BaselinesApi, b: BaselineDetail, fleet: readonly ManagedInstance[],
  signal?: AbortSignal): Promise<BaselineUsage> {
  const osOf = new Map(fleet.map((i) => [i.instanceId, instanceOperatingSystem(i)]));
  // A patch group may name a baseline per operating system: keep its nodes of this baseline's (or unknown to the fleet).
  const fits = (id: string) => {
    const os = osOf.get(id);
    return os === undefined || os === b.operatingSystem;
  };
  const byGroup = await Promise.all(b.patchGroups.map(async (group) => (await api.patchGroupInstances(group, signal))
    .filter((s) => fits(s.instanceId))
    .map((s): InstanceUsage => ({instanceId: s.instanceId, patchGroup: group, reported: true, installed: s.installed, missing: s.missing,
      failed: s.failed, pendingReboot: s.installedPendingReboot, operation: s.operation, operationEndTime: s.operationEndTime}))));
  const out = byGroup.flat();
  if (b.defaultBaseline) {
    const mappings = await api.patchGroups(signal);
    const registered = new Set(mappings.map((m) => `${m.patchGroup}\n${m.baseline.operatingSystem}`));
    const nodes = defaultBaselineInstances(fleet, b.operatingSystem, (g: string, os: OperatingSystem) => registered.has(`${g}\n${os}`));
    const states = new Map((await patchStates?.(nodes.map((i) => i.instanceId), signal) ?? []).map((s) => [s.instanceId, s]));
    for (const i of nodes) {
      const s = states.get(i.instanceId);
      out.push({instanceId: i.instanceId, patchGroup: '', reported: s !== undefined, installed: s?.installed ?? 0, missing: s?.missing ?? 0,
        failed: s?.failed ?? 0, pendingReboot: s?.pendingReboot ?? 0, operation: s?.operation ?? '', operationEndTime: s?.operationEndTime ?? 0});
    }
  }
  // Most in need first: failed, then missing, then pending reboot.
  out.sort((x, y) => y.failed - x.failed || y.missing - x.missing || y.pendingReboot - x.pendingReboot || x.instanceId.localeCompare(y.instanceId));
  return {instances: out, totals: usageTotals(out)};
}
