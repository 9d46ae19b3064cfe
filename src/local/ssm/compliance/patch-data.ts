// Deterministic patch baselines and patch states for the local fleet, consistent with the rest of the model:
// Linux patches come from the node's generated packages (an outdated openssl is a MISSING patch for the newest one).
// Generated lazily per node from the fleet seed and cached in model.memo entries, so a model mutation regenerates it.

import type {ComplianceLevel, PatchState} from '../../../fleet/baselines/baseline.js';
import type {PackageSpec} from '../inventory/inventory-catalog.js';
import {hostNodeId, nodeInventory, platformPackages} from '../inventory/inventory-data.js';
import {isManaged, type FleetModel, type FleetNode} from '../../model/fleet-model.js';
import {Prng} from '../../model/prng.js';
import {reportedPatchState} from '../baselines/reported.js';
import {baselineStoreFor, nodePatchGroup} from '../baselines/store.js';

export type {PatchState};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** DescribeInstancePatches filter values (CamelCase) → the states patches report. */
export const STATE_FILTER_VALUES: Readonly<Record<string, PatchState>> = {
  Installed: 'INSTALLED', InstalledOther: 'INSTALLED_OTHER', InstalledPendingReboot: 'INSTALLED_PENDING_REBOOT',
  InstalledRejected: 'INSTALLED_REJECTED', Missing: 'MISSING', NotApplicable: 'NOT_APPLICABLE', Failed: 'FAILED',
  AvailableSecurityUpdate: 'AVAILABLE_SECURITY_UPDATE',
};
export const STATE_DETAIL: Readonly<Record<PatchState, string>> = {
  INSTALLED: 'Installed', INSTALLED_OTHER: 'InstalledOther', INSTALLED_PENDING_REBOOT: 'InstalledPendingReboot',
  INSTALLED_REJECTED: 'InstalledRejected', MISSING: 'Missing', NOT_APPLICABLE: 'NotApplicable', FAILED: 'Failed',
  AVAILABLE_SECURITY_UPDATE: 'AvailableSecurityUpdate',
};

export interface Patch {
  title: string;
  kbId: string;
  classification: string;
  /** Vendor severity (Critical, Important, Medium/Moderate, Low). */
  severity: string;
  state: PatchState;
  /** Epoch ms; 0 when not installed. */
  installedTime: number;
  cveIds: string;
  /** The baseline's compliance level for the patch, once a patching operation has evaluated it. */
  complianceLevel?: ComplianceLevel;
}

export interface InstancePatchState {
  instanceId: string;
  patchGroup: string;
  baselineId: string;
  snapshotId: string;
  operation: 'Scan' | 'Install';
  rebootOption: 'RebootIfNeeded' | 'NoReboot';
  operationStartTime: number;
  operationEndTime: number;
  lastNoRebootInstallOperationTime: number | undefined;
  notApplicableCount: number;
  /** Sorted by KBId. */
  patches: readonly Patch[];
  counts: Readonly<Record<PatchState, number>>;
  criticalNonCompliantCount: number;
  securityNonCompliantCount: number;
  otherNonCompliantCount: number;
}


// ---- patches ----

export function vendorSeverity(name: string, newest: boolean): string {
  if (name === 'openssl' || name === 'openssh-server') return newest ? 'Important' : 'Critical';
  if (name.startsWith('kernel') || name.startsWith('linux-image')) return 'Important';
  if (name === 'curl') return 'Medium';
  return 'Low';
}

export const CVES: Readonly<Record<string, string>> = {
  openssl: 'CVE-2024-5535,CVE-2024-6119',
  'openssh-server': 'CVE-2024-6387',
  kernel: 'CVE-2024-26925,CVE-2024-36971',
  'linux-image-aws': 'CVE-2024-26925,CVE-2024-36971',
  curl: 'CVE-2024-7264',
};

export const WINDOWS_UPDATES: readonly (readonly [kb: string, title: string, classification: string, severity: string])[] = [
  ['KB5044281', '2024-10 Cumulative Update for Microsoft server operating system for x64-based Systems (KB5044281)', 'SecurityUpdates', 'Critical'],
  ['KB5041160', '2024-08 Cumulative Update for Microsoft server operating system for x64-based Systems (KB5041160)', 'SecurityUpdates', 'Critical'],
  ['KB5043050', '2024-09 Servicing Stack Update for Microsoft server operating system for x64-based Systems (KB5043050)', 'SecurityUpdates', 'Important'],
  ['KB5044029', '2024-10 Cumulative Update for .NET Framework 3.5, 4.8 and 4.8.1 for x64 (KB5044029)', 'SecurityUpdates', 'Important'],
  ['KB890830', 'Windows Malicious Software Removal Tool x64 - v5.128 (KB890830)', 'UpdateRollups', 'Unspecified'],
  ['KB2267602', 'Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.419.224.0)', 'DefinitionUpdates', 'Unspecified'],
  ['KB5039335', 'Update for Microsoft Defender Antivirus antimalware platform (KB5039335)', 'CriticalUpdates', 'Moderate'],
];

function linuxPatches(model: FleetModel, node: FleetNode, rng: Prng, scanEnd: number): Patch[] {
  const spec = platformPackages(node);
  const installed = nodeInventory(model, node).installed;
  const host = node.instanceId === hostNodeId(model);
  const arch = node.ec2?.architecture === 'arm64' ? (spec.family === 'deb' ? 'arm64' : 'aarch64') : spec.family === 'deb' ? 'amd64' : 'x86_64';
  const patches: Patch[] = [];
  const pendingReboot = rng.chance(0.18);
  const failing = rng.chance(0.12);
  const consider = (p: PackageSpec, variable: boolean): void => {
    const [name, versions, , , epoch = '0'] = p;
    const newest = versions[0] ?? '';
    const have = installed.get(name);
    const kbId = `${name}.${arch}`;
    // Packages the node does not have (the host node's real dpkg list) are not applicable: skip them.
    if (have === undefined) return;
    // The host node reports this machine's real packages: they count as installed at their real version.
    const upToDate = host || have.versionRelease === newest;
    const title = `${name}.${arch}:${epoch}:${(host ? have.versionRelease : newest).replace(/^\d+:/, '')}`;
    const installedTime = have.at;
    const classification = variable ? 'Security' : 'Bugfix';
    if (upToDate && !variable) {
      // Image packages: one shared, read-only record per image build.
      const shared = model.memo('compliance:image-patches', () => new Map<string, Patch>());
      const key = `${title}@${installedTime}`;
      let patch = shared.get(key);
      if (patch === undefined) {
        patch = Object.freeze({title, kbId, classification, severity: vendorSeverity(name, true), state: 'INSTALLED', installedTime, cveIds: ''});
        shared.set(key, patch);
      }
      patches.push(patch);
      return;
    }
    if (upToDate) {
      const kernel = name === 'kernel' || name.startsWith('linux-image');
      const state: PatchState = kernel && pendingReboot ? 'INSTALLED_PENDING_REBOOT' : 'INSTALLED';
      patches.push({title, kbId, classification, severity: vendorSeverity(name, true), state, installedTime, cveIds: variable ? (CVES[name] ?? '') : ''});
      return;
    }
    patches.push({title, kbId, classification, severity: vendorSeverity(name, false), state: 'MISSING', installedTime: 0, cveIds: CVES[name] ?? ''});
  };
  for (const p of spec.base) consider(p, false);
  for (const p of spec.variable) consider(p, true);
  // An agent that is not the latest is a missing (Low) update; a failed install attempt is FAILED.
  const missing = patches.filter((p) => p.state === 'MISSING');
  if (failing && missing.length > 0) {
    const victim = missing[rng.int(0, missing.length - 1)] as Patch;
    victim.state = 'FAILED';
  }
  // Packages installed outside the baseline's approval (a newer build pulled in manually).
  if (rng.chance(0.2)) {
    patches.push({title: `jq.${arch}:0:1.7.1-1`, kbId: `jq.${arch}`, classification: 'Enhancement', severity: 'Low', state: 'INSTALLED_OTHER', installedTime: scanEnd - rng.int(DAY, 30 * DAY), cveIds: ''});
  }
  return patches;
}

function windowsPatches(rng: Prng, scanEnd: number): Patch[] {
  const patches: Patch[] = [];
  const behind = rng.int(0, 2); // how many of the newest updates are missing
  const failing = rng.chance(0.12);
  const pendingReboot = rng.chance(0.18);
  WINDOWS_UPDATES.forEach(([kbId, title, classification, severity], i) => {
    let state: PatchState = i < behind ? 'MISSING' : 'INSTALLED';
    if (i === 0 && state === 'MISSING' && failing) state = 'FAILED';
    if (i === behind && pendingReboot) state = 'INSTALLED_PENDING_REBOOT';
    const installedTime = state === 'INSTALLED' || state === 'INSTALLED_PENDING_REBOOT' ? scanEnd - rng.int(HOUR, 40 * DAY) : 0;
    patches.push({title, kbId, classification, severity, state, installedTime, cveIds: classification === 'SecurityUpdates' ? 'CVE-2024-43572,CVE-2024-43573' : ''});
  });
  return patches;
}

export const ALL_STATES: readonly PatchState[] = [
  'INSTALLED', 'INSTALLED_OTHER', 'INSTALLED_PENDING_REBOOT', 'INSTALLED_REJECTED', 'MISSING', 'NOT_APPLICABLE', 'FAILED', 'AVAILABLE_SECURITY_UPDATE',
];

function generatePatchState(model: FleetModel, node: FleetNode): InstancePatchState {
  const rng = new Prng(`${model.seed}:patches:${node.instanceId}`);
  // What the node's last scan before this fleet started reported: the baseline it had then.
  const baselineId = baselineStoreFor(model).seededBaselineIdFor(node);
  const scanEnd = Math.min(model.generatedAt, node.lastPingAt) - rng.int(10 * MINUTE, 20 * HOUR);
  const scanStart = scanEnd - rng.int(20_000, 4 * MINUTE);
  const patches = (node.platformType === 'Windows' ? windowsPatches(rng, scanEnd) : linuxPatches(model, node, rng, scanEnd));
  patches.sort((a, b) => (a.kbId < b.kbId ? -1 : a.kbId > b.kbId ? 1 : 0));
  const counts = Object.fromEntries(ALL_STATES.map((s) => [s, 0])) as Record<PatchState, number>;
  for (const p of patches) counts[p.state]++;
  const nonCompliant = patches.filter((p) => p.state === 'MISSING' || p.state === 'FAILED' || p.state === 'INSTALLED_PENDING_REBOOT');
  const install = rng.chance(0.5);
  return {
    instanceId: node.instanceId,
    patchGroup: nodePatchGroup(node),
    baselineId,
    snapshotId: `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`,
    operation: install ? 'Install' : 'Scan',
    rebootOption: install && rng.chance(0.7) ? 'RebootIfNeeded' : 'NoReboot',
    operationStartTime: scanStart,
    operationEndTime: scanEnd,
    lastNoRebootInstallOperationTime: counts.INSTALLED_PENDING_REBOOT > 0 ? scanEnd - rng.int(HOUR, 3 * DAY) : undefined,
    notApplicableCount: node.platformType === 'Windows' ? rng.int(20, 60) : rng.int(300, 1400),
    patches,
    counts,
    criticalNonCompliantCount: nonCompliant.filter((p) => p.severity === 'Critical').length,
    securityNonCompliantCount: nonCompliant.filter((p) => p.classification === 'Security' || p.classification === 'SecurityUpdates').length,
    otherNonCompliantCount: nonCompliant.filter((p) => p.classification !== 'Security' && p.classification !== 'SecurityUpdates').length,
  };
}

/** Whether the node has patch, compliance and association data: exactly the nodes DescribeInstanceInformation lists. */
export function hasCompliance(node: FleetNode): boolean {
  return isManaged(node);
}

/** What the node last reported: the state its last patching operation left, else the generated one. */
export function patchState(model: FleetModel, node: FleetNode): InstancePatchState | undefined {
  if (!hasCompliance(node)) return undefined;
  return reportedPatchState(model, node.instanceId) ?? generatedPatchState(model, node);
}

/** The state the fleet was generated with (what the node reported before any patching operation in this fleet). */
export function generatedPatchState(model: FleetModel, node: FleetNode): InstancePatchState {
  const cache = model.memo('compliance:patches', () => new Map<string, InstancePatchState>());
  let state = cache.get(node.instanceId);
  if (state === undefined) {
    state = generatePatchState(model, node);
    cache.set(node.instanceId, state);
  }
  return state;
}
