// Deterministic patch, association and compliance data for the local fleet, consistent with the rest of
// the model: Linux patches come from the node's generated packages (an outdated openssl is a MISSING
// patch for the newest one), association statuses follow the node's AssociationStatus, and a few nodes
// report Custom:* compliance. Everything is generated lazily per node from the fleet seed and cached in
// model.memo entries, so a model mutation regenerates it.

import type {PackageSpec} from './inventory-catalog.js';
import {hostNodeId, nodeInventory, platformPackages} from './inventory-data.js';
import type {FleetModel, FleetNode} from './fleet-model.js';
import {Prng} from './prng.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A stand-in for the account AWS-owned baselines live in (the real one is per region; UNVERIFIED). */
const AWS_BASELINE_ACCOUNT = '075727635805';

export type PatchState =
  | 'INSTALLED' | 'INSTALLED_OTHER' | 'INSTALLED_PENDING_REBOOT' | 'INSTALLED_REJECTED' | 'MISSING' | 'NOT_APPLICABLE' | 'FAILED'
  | 'AVAILABLE_SECURITY_UPDATE';
export type ComplianceSeverity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNSPECIFIED';
export const SEVERITIES: readonly ComplianceSeverity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNSPECIFIED'];

/** DescribeInstancePatches filter values (CamelCase) → the states patches report. */
export const STATE_FILTER_VALUES: Readonly<Record<string, PatchState>> = {
  Installed: 'INSTALLED', InstalledOther: 'INSTALLED_OTHER', InstalledPendingReboot: 'INSTALLED_PENDING_REBOOT',
  InstalledRejected: 'INSTALLED_REJECTED', Missing: 'MISSING', NotApplicable: 'NOT_APPLICABLE', Failed: 'FAILED',
  AvailableSecurityUpdate: 'AVAILABLE_SECURITY_UPDATE',
};
const STATE_DETAIL: Readonly<Record<PatchState, string>> = {
  INSTALLED: 'Installed', INSTALLED_OTHER: 'InstalledOther', INSTALLED_PENDING_REBOOT: 'InstalledPendingReboot',
  INSTALLED_REJECTED: 'InstalledRejected', MISSING: 'Missing', NOT_APPLICABLE: 'NotApplicable', FAILED: 'Failed',
  AVAILABLE_SECURITY_UPDATE: 'AvailableSecurityUpdate',
};

export interface PatchBaseline {
  baselineId: string;
  name: string;
  operatingSystem: string;
  description: string;
  defaultBaseline: boolean;
  owner: 'AWS' | 'Self';
  patchGroups: readonly string[];
}

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

export interface ComplianceItem {
  complianceType: string;
  id: string;
  title: string;
  status: 'COMPLIANT' | 'NON_COMPLIANT';
  severity: ComplianceSeverity;
  details: Readonly<Record<string, string>>;
  executionTime: number;
  executionId: string;
  executionType: string;
}

export interface ResourceCompliance {
  resourceId: string;
  complianceType: string;
  status: 'COMPLIANT' | 'NON_COMPLIANT';
  overallSeverity: ComplianceSeverity;
  executionTime: number;
  executionId: string;
  executionType: string;
  compliantCount: number;
  nonCompliantCount: number;
  /** Items per severity, compliant and not. */
  compliantBySeverity: Readonly<Record<ComplianceSeverity, number>>;
  nonCompliantBySeverity: Readonly<Record<ComplianceSeverity, number>>;
  /** The items, sorted by Id; built on demand (most callers only need the counts). */
  items: () => readonly ComplianceItem[];
}

export interface Association {
  associationId: string;
  name: string;
  documentName: string;
  documentVersion: string;
  scheduleExpression: string;
  targets: readonly {Key: string; Values: readonly string[]}[];
  applies: (node: FleetNode) => boolean;
}

export interface AssociationOverview {
  association: Association;
  status: 'Pending' | 'Success' | 'Failed';
  counts: Record<string, number>;
  lastExecution: number | undefined;
  instanceIds: ReadonlySet<string>;
}

// ---- baselines ----

function baselineOs(node: FleetNode): string {
  if (node.platformType === 'Windows') return 'WINDOWS';
  if (node.platformName === 'Ubuntu') return 'UBUNTU';
  if (node.platformName.startsWith('Red Hat')) return 'REDHAT_ENTERPRISE_LINUX';
  return node.platformVersion === '2' ? 'AMAZON_LINUX_2' : 'AMAZON_LINUX_2023';
}

export function patchBaselines(model: FleetModel): readonly PatchBaseline[] {
  return model.memo('compliance:baselines', () => {
    const rng = new Prng(`${model.seed}:baselines`);
    const aws = (name: string, os: string, description: string, isDefault: boolean): PatchBaseline => ({
      baselineId: `arn:aws:ssm:${model.region}:${AWS_BASELINE_ACCOUNT}:patchbaseline/pb-0${rng.hex(16)}`,
      name, operatingSystem: os, description, defaultBaseline: isDefault, owner: 'AWS', patchGroups: [],
    });
    const self = (name: string, os: string, description: string, isDefault: boolean, groups: string[]): PatchBaseline => ({
      baselineId: `pb-0${rng.hex(16)}`, name, operatingSystem: os, description, defaultBaseline: isDefault, owner: 'Self', patchGroups: groups,
    });
    const list = [
      aws('AWS-AmazonLinux2023DefaultPatchBaseline', 'AMAZON_LINUX_2023', 'Default Patch Baseline for Amazon Linux 2023 Provided by AWS.', false),
      aws('AWS-AmazonLinux2DefaultPatchBaseline', 'AMAZON_LINUX_2', 'Default Patch Baseline for Amazon Linux 2 Provided by AWS.', true),
      aws('AWS-UbuntuDefaultPatchBaseline', 'UBUNTU', 'Default Patch Baseline for Ubuntu Provided by AWS.', true),
      aws('AWS-RedHatDefaultPatchBaseline', 'REDHAT_ENTERPRISE_LINUX', 'Default Patch Baseline for Redhat Enterprise Linux Provided by AWS.', true),
      aws('AWS-DefaultPatchBaseline', 'WINDOWS', 'Default Patch Baseline Provided by AWS.', false),
      aws('AWS-WindowsPredefinedPatchBaseline-OS', 'WINDOWS', 'Windows Server patch baseline for operating system updates only.', true),
      self('linux-security-critical', 'AMAZON_LINUX_2023', 'Security updates (Critical, Important) approved after 7 days; the fleet default for AL2023.', true, ['linux-prod', 'linux-staging', 'linux-dev']),
      self('windows-prod-monthly', 'WINDOWS', 'Windows security and critical updates for production, approved after 14 days.', false, ['windows-prod']),
    ];
    return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  });
}

function baselineFor(model: FleetModel, node: FleetNode): PatchBaseline {
  const os = baselineOs(node);
  const group = node.tags['PatchGroup'] ?? '';
  const all = patchBaselines(model);
  return (
    all.find((b) => b.operatingSystem === os && group !== '' && b.patchGroups.includes(group)) ??
    all.find((b) => b.operatingSystem === os && b.defaultBaseline) ??
    (all[0] as PatchBaseline)
  );
}

// ---- patches ----

function vendorSeverity(name: string, newest: boolean): string {
  if (name === 'openssl' || name === 'openssh-server') return newest ? 'Important' : 'Critical';
  if (name.startsWith('kernel') || name.startsWith('linux-image')) return 'Important';
  if (name === 'curl') return 'Medium';
  return 'Low';
}

const CVES: Readonly<Record<string, string>> = {
  openssl: 'CVE-2024-5535,CVE-2024-6119',
  'openssh-server': 'CVE-2024-6387',
  kernel: 'CVE-2024-26925,CVE-2024-36971',
  'linux-image-aws': 'CVE-2024-26925,CVE-2024-36971',
  curl: 'CVE-2024-7264',
};

const WINDOWS_UPDATES: readonly (readonly [kb: string, title: string, classification: string, severity: string])[] = [
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

const ALL_STATES: readonly PatchState[] = [
  'INSTALLED', 'INSTALLED_OTHER', 'INSTALLED_PENDING_REBOOT', 'INSTALLED_REJECTED', 'MISSING', 'NOT_APPLICABLE', 'FAILED', 'AVAILABLE_SECURITY_UPDATE',
];

function generatePatchState(model: FleetModel, node: FleetNode): InstancePatchState {
  const rng = new Prng(`${model.seed}:patches:${node.instanceId}`);
  const baseline = baselineFor(model, node);
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
    patchGroup: node.tags['PatchGroup'] ?? '',
    baselineId: baseline.baselineId,
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

/** Whether the node has patch and compliance data at all (terminated instances have none). */
export function hasCompliance(node: FleetNode): boolean {
  return node.ec2?.state !== 'terminated';
}

export function patchState(model: FleetModel, node: FleetNode): InstancePatchState | undefined {
  if (!hasCompliance(node)) return undefined;
  const cache = model.memo('compliance:patches', () => new Map<string, InstancePatchState>());
  let state = cache.get(node.instanceId);
  if (state === undefined) {
    state = generatePatchState(model, node);
    cache.set(node.instanceId, state);
  }
  return state;
}

// ---- associations ----

export function associations(model: FleetModel): readonly Association[] {
  return model.memo('compliance:associations', () => {
    const rng = new Prng(`${model.seed}:associations`);
    const id = (): string => `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`;
    const tag = (key: string, values: readonly string[]) => (n: FleetNode) => values.includes(n.tags[key] ?? '\u0000');
    const list: Association[] = [
      {associationId: id(), name: 'fleet-inventory', documentName: 'AWS-GatherSoftwareInventory', documentVersion: '$DEFAULT', scheduleExpression: 'rate(30 minutes)', targets: [{Key: 'InstanceIds', Values: ['*']}], applies: () => true},
      {associationId: id(), name: 'patch-scan-daily', documentName: 'AWS-RunPatchBaseline', documentVersion: '$DEFAULT', scheduleExpression: 'cron(0 2 ? * * *)', targets: [{Key: 'tag-key', Values: ['PatchGroup']}], applies: (n) => Object.hasOwn(n.tags, 'PatchGroup')},
      {associationId: id(), name: 'ssm-agent-update', documentName: 'AWS-UpdateSSMAgent', documentVersion: '$DEFAULT', scheduleExpression: 'rate(14 days)', targets: [{Key: 'tag:Env', Values: ['prod']}], applies: tag('Env', ['prod'])},
      {associationId: id(), name: 'cloudwatch-agent', documentName: 'AWS-ConfigureAWSPackage', documentVersion: '$DEFAULT', scheduleExpression: 'rate(1 day)', targets: [{Key: 'tag:Role', Values: ['web', 'api']}], applies: tag('Role', ['web', 'api'])},
      {associationId: id(), name: 'harden-ssh', documentName: 'Fleet-HardenSSH', documentVersion: '3', scheduleExpression: 'rate(1 day)', targets: [{Key: 'tag:Team', Values: ['sre', 'platform']}], applies: (n) => n.platformType === 'Linux' && ['sre', 'platform'].includes(n.tags['Team'] ?? '')},
      {associationId: id(), name: 'rotate-logs', documentName: 'AWS-RunShellScript', documentVersion: '$DEFAULT', scheduleExpression: 'cron(0 3 ? * SUN *)', targets: [{Key: 'tag:Role', Values: ['worker', 'batch']}], applies: (n) => n.platformType === 'Linux' && ['worker', 'batch'].includes(n.tags['Role'] ?? '')},
    ];
    return list.sort((a, b) => (a.associationId < b.associationId ? -1 : a.associationId > b.associationId ? 1 : 0));
  });
}

/** Each association that targets the node, with the node's status for it (consistent with AssociationStatus). */
export function nodeAssociations(model: FleetModel, node: FleetNode): {association: Association; status: 'Pending' | 'Success' | 'Failed'}[] {
  if (!hasCompliance(node)) return [];
  const applicable = associations(model).filter((a) => a.applies(node));
  const out = applicable.map((association) => ({association, status: 'Success' as 'Pending' | 'Success' | 'Failed'}));
  if (node.associationStatus !== 'Success' && out.length > 0) {
    // The inventory association rarely fails: prefer any other one.
    const candidates = out.filter((o) => o.association.documentName !== 'AWS-GatherSoftwareInventory');
    const pool = candidates.length > 0 ? candidates : out;
    const pick = new Prng(`${model.seed}:association-status:${node.instanceId}`).int(0, pool.length - 1);
    const chosen = pool[pick];
    if (chosen !== undefined) chosen.status = node.associationStatus;
  }
  return out;
}

export function associationOverviews(model: FleetModel): readonly AssociationOverview[] {
  return model.memo('compliance:association-overviews', () => {
    const overviews = associations(model).map((association) => ({
      association, status: 'Success' as AssociationOverview['status'], counts: {} as Record<string, number>,
      lastExecution: undefined as number | undefined, instanceIds: new Set<string>(),
    }));
    const byId = new Map(overviews.map((o) => [o.association.associationId, o]));
    for (const node of model.all()) {
      for (const {association, status} of nodeAssociations(model, node)) {
        const o = byId.get(association.associationId);
        if (o === undefined) continue;
        o.instanceIds.add(node.instanceId);
        o.counts[status] = (o.counts[status] ?? 0) + 1;
        if (node.lastAssociationAt !== undefined && (o.lastExecution === undefined || node.lastAssociationAt > o.lastExecution)) o.lastExecution = node.lastAssociationAt;
      }
    }
    for (const o of overviews) o.status = (o.counts['Failed'] ?? 0) > 0 ? 'Failed' : (o.counts['Pending'] ?? 0) > 0 ? 'Pending' : 'Success';
    return overviews;
  });
}

// ---- compliance ----

function complianceSeverity(vendor: string): ComplianceSeverity {
  switch (vendor) {
    case 'Critical':
      return 'CRITICAL';
    case 'Important':
      return 'HIGH';
    case 'Medium':
    case 'Moderate':
      return 'MEDIUM';
    case 'Low':
      return 'LOW';
    default:
      return 'UNSPECIFIED';
  }
}

const CIS_RULES: readonly (readonly [id: string, title: string, severity: ComplianceSeverity])[] = [
  ['1.1.1.1', 'Ensure mounting of cramfs filesystems is disabled', 'LOW'],
  ['1.4.1', 'Ensure permissions on bootloader config are configured', 'MEDIUM'],
  ['3.3.1', 'Ensure source routed packets are not accepted', 'MEDIUM'],
  ['4.2.1.1', 'Ensure auditd is installed', 'HIGH'],
  ['5.2.10', 'Ensure SSH root login is disabled', 'CRITICAL'],
  ['6.1.10', 'Ensure no world writable files exist', 'HIGH'],
];
const ENDPOINT_RULES: readonly (readonly [id: string, title: string, severity: ComplianceSeverity])[] = [
  ['EDR-001', 'Endpoint protection agent is installed and running', 'CRITICAL'],
  ['EDR-002', 'Threat definitions updated within 24 hours', 'HIGH'],
  ['EDR-003', 'Real-time protection is enabled', 'HIGH'],
];

/** The Custom:* compliance type a node reports, if any (about one node in eight). */
function customType(model: FleetModel, node: FleetNode): string | undefined {
  const rng = new Prng(`${model.seed}:custom-compliance:${node.instanceId}`);
  if (node.instanceId === hostNodeId(model) || rng.chance(0.12)) return node.platformType === 'Windows' ? 'Custom:EndpointProtection' : 'Custom:CISBenchmark';
  return undefined;
}

function zeroCounts(): Record<ComplianceSeverity, number> {
  return {CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0, UNSPECIFIED: 0};
}

type Status = ComplianceItem['status'];

function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

function generateCompliance(model: FleetModel, node: FleetNode): ResourceCompliance[] {
  const out: ResourceCompliance[] = [];
  const summarize = (
    type: string, n: number, entry: (i: number) => readonly [Status, ComplianceSeverity], time: number, executionId: string, executionType: string,
    build: () => ComplianceItem[],
  ): void => {
    if (n === 0) return;
    const good = zeroCounts();
    const bad = zeroCounts();
    let goodCount = 0;
    let worstBad = SEVERITIES.length;
    let worstAll = SEVERITIES.length;
    for (let i = 0; i < n; i++) {
      const [status, severity] = entry(i);
      const rank = SEVERITIES.indexOf(severity);
      worstAll = Math.min(worstAll, rank);
      if (status === 'COMPLIANT') {
        good[severity]++;
        goodCount++;
      } else {
        bad[severity]++;
        worstBad = Math.min(worstBad, rank);
      }
    }
    const badCount = n - goodCount;
    out.push({
      resourceId: node.instanceId, complianceType: type, status: badCount > 0 ? 'NON_COMPLIANT' : 'COMPLIANT',
      overallSeverity: SEVERITIES[badCount > 0 ? worstBad : worstAll] ?? 'UNSPECIFIED', executionTime: time, executionId, executionType,
      compliantCount: goodCount, nonCompliantCount: badCount, compliantBySeverity: good, nonCompliantBySeverity: bad,
      items: lazy(() => build().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))),
    });
  };
  // Association compliance: pending associations have not reported yet.
  const assocTime = node.lastAssociationAt ?? model.generatedAt;
  const reported = nodeAssociations(model, node).filter((a) => a.status !== 'Pending');
  summarize(
    'Association',
    reported.length,
    (i) => [reported[i]?.status === 'Failed' ? 'NON_COMPLIANT' : 'COMPLIANT', 'UNSPECIFIED'],
    assocTime, '', 'Command',
    () => reported.map(({association: a, status}): ComplianceItem => ({
      complianceType: 'Association', id: a.associationId, title: a.name, status: status === 'Failed' ? 'NON_COMPLIANT' : 'COMPLIANT',
      severity: 'UNSPECIFIED', details: {DocumentName: a.documentName, DocumentVersion: a.documentVersion === '$DEFAULT' ? '1' : a.documentVersion},
      executionTime: assocTime, executionId: '', executionType: 'Command',
    })),
  );
  const patch = patchState(model, node);
  if (patch !== undefined) {
    const statusOf = (p: Patch): Status =>
      p.state === 'INSTALLED' || p.state === 'INSTALLED_OTHER' || p.state === 'NOT_APPLICABLE' ? 'COMPLIANT' : 'NON_COMPLIANT';
    summarize(
      'Patch',
      patch.patches.length,
      (i) => {
        const p = patch.patches[i] as Patch;
        return [statusOf(p), complianceSeverity(p.severity)];
      },
      patch.operationEndTime, patch.snapshotId, 'Command',
      () => patch.patches.map((p): ComplianceItem => ({
        complianceType: 'Patch', id: p.kbId, title: p.title, status: statusOf(p), severity: complianceSeverity(p.severity),
        details: {
          Classification: p.classification, PatchBaselineId: patch.baselineId, PatchGroup: patch.patchGroup, PatchSeverity: p.severity,
          PatchState: STATE_DETAIL[p.state], InstalledTime: p.installedTime === 0 ? '' : new Date(p.installedTime).toISOString(), CVEIds: p.cveIds,
        },
        executionTime: patch.operationEndTime, executionId: patch.snapshotId, executionType: 'Command',
      })),
    );
  }
  const custom = customType(model, node);
  if (custom !== undefined) {
    const rng = new Prng(`${model.seed}:custom-items:${node.instanceId}`);
    const time = Math.min(model.generatedAt, node.lastPingAt) - rng.int(HOUR, 2 * DAY);
    const executionId = `${custom.slice(7).toLowerCase()}-${rng.hex(12)}`;
    const rules = custom === 'Custom:CISBenchmark' ? CIS_RULES : ENDPOINT_RULES;
    const statuses = rules.map((): Status => (rng.chance(0.7) ? 'COMPLIANT' : 'NON_COMPLIANT'));
    summarize(
      custom,
      rules.length,
      (i) => [statuses[i] ?? 'COMPLIANT', rules[i]?.[2] ?? 'UNSPECIFIED'],
      time, executionId, 'Custom',
      () => rules.map(([id, title, severity], i): ComplianceItem => ({
        complianceType: custom, id, title, status: statuses[i] ?? 'COMPLIANT', severity,
        details: {Benchmark: custom === 'Custom:CISBenchmark' ? 'CIS Amazon Linux 2023 Benchmark v1.0.0' : 'Endpoint baseline v2'},
        executionTime: time, executionId, executionType: 'Custom',
      })),
    );
  }
  return out.sort((a, b) => (a.complianceType < b.complianceType ? -1 : a.complianceType > b.complianceType ? 1 : 0));
}

/** The node's compliance per type (sorted by type), cached until the model changes. */
export function nodeCompliance(model: FleetModel, node: FleetNode): readonly ResourceCompliance[] {
  if (!hasCompliance(node)) return [];
  const cache = model.memo('compliance:nodes', () => new Map<string, ResourceCompliance[]>());
  let list = cache.get(node.instanceId);
  if (list === undefined) {
    list = generateCompliance(model, node);
    cache.set(node.instanceId, list);
  }
  return list;
}
