// What each local node reported at its last patching operation (AWS-RunPatchBaseline Scan or Install): its patches
// with their facts and installed builds, and the resulting patch state. Nodes that have not run one report the
// state the fleet was generated with (patch-data.ts).
import type {PatchFacts} from '../../../fleet/baselines/baseline.js';
import type {FleetModel} from '../../model/fleet-model.js';
import type {InstancePatchState} from '../compliance/patch-data.js';
import {perModel, type PerModel} from '../../model/per-model.js';

/** One patch of a node, as a patching operation sees it. */
export interface NodePatch {
  facts: PatchFacts;
  classification: string;
  severity: string;
  cveIds: string;
  /** The newest build is installed. */
  installed: boolean;
  /** Installed without the reboot it needs. */
  pendingReboot: boolean;
  /** The last Install of it failed. */
  failed: boolean;
  /** Epoch ms; 0 when not installed. */
  installedTime: number;
}

export interface NodePatchRecord {
  patches: NodePatch[];
  state: InstancePatchState;
  /** Install operations run so far (failures are deterministic per attempt). */
  installs: number;
}

export const patchRecordsFor: PerModel<Map<string, NodePatchRecord>> = perModel(() => new Map());

export function reportedPatchState(model: FleetModel, instanceId: string): InstancePatchState | undefined {
  return patchRecordsFor.peek(model)?.get(instanceId)?.state;
}
