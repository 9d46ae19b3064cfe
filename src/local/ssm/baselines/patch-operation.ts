// AWS-RunPatchBaseline on a local node: the node's patches are evaluated against its effective baseline (its patch
// group's for its operating system, else the default) at the operation's time. Scan reports; Install also installs
// every approved missing patch — a few fail, deterministically per node, patch and attempt — and leaves them
// INSTALLED, or INSTALLED_PENDING_REBOOT with RebootOption NoReboot (RebootIfNeeded reboots, clearing earlier
// pending reboots too). The new state is what DescribeInstancePatchStates, DescribeInstancePatches and patch
// compliance report from then on.
import {randomUUID} from 'node:crypto';
import {approvalOf, isNonCompliant, installs, scannedState} from '../../../fleet/baselines/rules.js';
import type {PatchState} from '../../../fleet/baselines/baseline.js';
import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import {ALL_STATES, generatedPatchState, hasCompliance, type InstancePatchState, type Patch} from '../compliance/patch-data.js';
import {Prng} from '../../model/prng.js';
import {factsOf} from './patch-facts.js';
import {patchRecordsFor, type NodePatch, type NodePatchRecord} from './reported.js';
import {baselineStoreFor, nodePatchGroup} from './store.js';

/** How often an approved patch fails to install on one attempt. */
const INSTALL_FAILURE_RATE = 0.1;
const INSTALLED_STATES: ReadonlySet<PatchState> = new Set(['INSTALLED', 'INSTALLED_OTHER', 'INSTALLED_PENDING_REBOOT', 'INSTALLED_REJECTED']);

export interface PatchOperation {
  operation: 'Scan' | 'Install';
  rebootOption: 'RebootIfNeeded' | 'NoReboot';
}

export interface PatchOperationResult {
  state: InstancePatchState;
  /** Ids of the patches that failed to install. */
  failed: string[];
  baselineName: string;
}

function initialRecord(model: FleetModel, node: FleetNode): NodePatchRecord {
  const state = generatedPatchState(model, node);
  const patches = state.patches.map((p): NodePatch => ({
    facts: factsOf(model, node, p), classification: p.classification, severity: p.severity, cveIds: p.cveIds,
    installed: INSTALLED_STATES.has(p.state), pendingReboot: p.state === 'INSTALLED_PENDING_REBOOT', failed: p.state === 'FAILED',
    installedTime: p.installedTime,
  }));
  return {patches, state, installs: 0};
}

const isSecurity = (p: Patch): boolean => p.classification === 'Security' || p.classification === 'SecurityUpdates';

/** Runs the operation on the node at [start, end] (epoch ms); undefined for a node without patch data. */
export function runPatchOperation(model: FleetModel, instanceId: string, op: PatchOperation, start: number, end: number): PatchOperationResult | undefined {
  const node = model.get(instanceId);
  if (node === undefined || !hasCompliance(node)) return undefined;
  const records = patchRecordsFor(model);
  const record = records.get(instanceId) ?? initialRecord(model, node);
  const baseline = baselineStoreFor(model).effectiveFor(node);
  const install = op.operation === 'Install';
  const attempt = record.installs + (install ? 1 : 0);
  const reboots = install && op.rebootOption === 'RebootIfNeeded';
  const failed: string[] = [];
  const reported: Patch[] = [];
  for (const np of record.patches) {
    const approval = approvalOf(baseline.rules, np.facts, end);
    if (reboots) np.pendingReboot = false;
    if (install && !np.installed && installs(approval)) {
      if (new Prng(`${model.seed}:install:${instanceId}:${np.facts.id}:${attempt}`).chance(INSTALL_FAILURE_RATE)) {
        np.failed = true;
        failed.push(np.facts.id);
      } else {
        Object.assign(np, {installed: true, failed: false, installedTime: end, pendingReboot: !reboots});
      }
    }
    let state = scannedState(baseline.rules, approval, np.installed);
    if (state === undefined) continue;
    if (state === 'INSTALLED' && np.pendingReboot) state = 'INSTALLED_PENDING_REBOOT';
    if (state === 'MISSING' && np.failed) state = 'FAILED';
    reported.push({
      title: np.facts.title, kbId: np.facts.id, classification: np.classification, severity: np.severity, state,
      installedTime: np.installed ? np.installedTime : 0, cveIds: np.cveIds, complianceLevel: approval.complianceLevel,
    });
  }
  reported.sort((a, b) => (a.kbId < b.kbId ? -1 : a.kbId > b.kbId ? 1 : 0));
  const counts = Object.fromEntries(ALL_STATES.map((s) => [s, 0])) as Record<PatchState, number>;
  for (const p of reported) counts[p.state]++;
  const bad = reported.filter((p) => isNonCompliant(p.state));
  const previous = record.state;
  const state: InstancePatchState = {
    instanceId, patchGroup: nodePatchGroup(node), baselineId: baseline.baselineId, snapshotId: randomUUID(),
    operation: op.operation, rebootOption: op.rebootOption, operationStartTime: start, operationEndTime: end,
    lastNoRebootInstallOperationTime: install && !reboots ? end : previous.lastNoRebootInstallOperationTime,
    notApplicableCount: previous.notApplicableCount, patches: reported, counts,
    criticalNonCompliantCount: bad.filter((p) => p.complianceLevel === 'CRITICAL').length,
    securityNonCompliantCount: bad.filter(isSecurity).length,
    otherNonCompliantCount: bad.filter((p) => !isSecurity(p)).length,
  };
  records.set(instanceId, {patches: record.patches, state, installs: attempt});
  // Patch states and compliance are cached per model version: a new report invalidates them.
  model.update(instanceId, () => undefined);
  return {state, failed, baselineName: baseline.name};
}
