// Patch Manager baselines and patch groups in the local fleet: the SSM operations (registered in ssm-api.ts), the
// per-fleet store, and AWS-RunPatchBaseline's evaluation of a node against its baseline.
import type {JsonOperation} from '../../protocol/operation-context.js';
import {
  deregisterPatchBaselineForPatchGroup, describePatchGroups, describePatchGroupState, getDefaultPatchBaseline, getPatchBaselineForPatchGroup,
  registerDefaultPatchBaseline, registerPatchBaselineForPatchGroup,
} from './groups.js';
import {createPatchBaseline, deletePatchBaseline, describePatchBaselines, getPatchBaseline, updatePatchBaseline} from './operations.js';
import {describeAvailablePatches, describeEffectivePatchesForPatchBaseline} from './patches.js';
import {describeInstancePatchStatesForPatchGroup} from './group-states.js';

export {baselineStoreFor} from './store.js';
export {runPatchBaselineCommand} from './run-command-hook.js';

export const baselineOperations: Readonly<Record<string, JsonOperation>> = {
  CreatePatchBaseline: createPatchBaseline,
  GetPatchBaseline: getPatchBaseline,
  UpdatePatchBaseline: updatePatchBaseline,
  DeletePatchBaseline: deletePatchBaseline,
  DescribePatchBaselines: describePatchBaselines,
  RegisterDefaultPatchBaseline: registerDefaultPatchBaseline,
  GetDefaultPatchBaseline: getDefaultPatchBaseline,
  RegisterPatchBaselineForPatchGroup: registerPatchBaselineForPatchGroup,
  DeregisterPatchBaselineForPatchGroup: deregisterPatchBaselineForPatchGroup,
  DescribePatchGroups: describePatchGroups,
  DescribePatchGroupState: describePatchGroupState,
  DescribeInstancePatchStatesForPatchGroup: describeInstancePatchStatesForPatchGroup,
  GetPatchBaselineForPatchGroup: getPatchBaselineForPatchGroup,
  DescribeEffectivePatchesForPatchBaseline: describeEffectivePatchesForPatchBaseline,
  DescribeAvailablePatches: describeAvailablePatches,
};
