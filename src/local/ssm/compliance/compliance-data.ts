// Compliance for the local fleet: per node and type (Association, Patch, Custom:*), built from the patch and
// association data so every operation agrees; a few nodes report Custom:* compliance. Cached per node in model.memo.

import {hostNodeId} from '../inventory/inventory-data.js';
import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import {nodeAssociations} from '../associations/association-queries.js';
import {hasCompliance, patchState, STATE_DETAIL, type Patch} from './patch-data.js';
import {Prng} from '../../model/prng.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type ComplianceSeverity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNSPECIFIED';
export const SEVERITIES: readonly ComplianceSeverity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNSPECIFIED'];

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
  // Association compliance: pending associations have not reported yet, and a SyncCompliance MANUAL association
  // leaves its compliance to the caller's PutComplianceItems. An association's ComplianceSeverity is its items'
  // severity (UNSPECIFIED when it has none, as the agent reports).
  const assocTime = node.lastAssociationAt ?? model.generatedAt;
  const reported = nodeAssociations(model, node).filter((a) => a.status !== 'Pending' && a.association.current.syncCompliance !== 'MANUAL');
  const severityOf = (v: {complianceSeverity: string | undefined}): ComplianceSeverity =>
    SEVERITIES.includes(v.complianceSeverity as ComplianceSeverity) ? (v.complianceSeverity as ComplianceSeverity) : 'UNSPECIFIED';
  summarize(
    'Association',
    reported.length,
    (i) => {
      const r = reported[i];
      return [r?.status === 'Failed' ? 'NON_COMPLIANT' : 'COMPLIANT', r === undefined ? 'UNSPECIFIED' : severityOf(r.association.current)];
    },
    assocTime, '', 'Command',
    () => reported.map(({association: a, status}): ComplianceItem => {
      const v = a.current;
      const result = a.results.get(node.instanceId);
      return {
        complianceType: 'Association', id: a.associationId, title: v.associationName ?? '', status: status === 'Failed' ? 'NON_COMPLIANT' : 'COMPLIANT',
        severity: severityOf(v), details: {DocumentName: v.documentName, DocumentVersion: result?.documentVersion ?? (v.documentVersion === undefined || v.documentVersion.startsWith('$') ? '1' : v.documentVersion)},
        executionTime: result?.at ?? assocTime, executionId: result?.executionId ?? '', executionType: 'Command',
      };
    }),
  );
  // A patching operation reports each patch at its baseline's compliance level; generated states use the vendor's.
  const patch = patchState(model, node);
  if (patch !== undefined) {
    const statusOf = (p: Patch): Status =>
      p.state === 'INSTALLED' || p.state === 'INSTALLED_OTHER' || p.state === 'NOT_APPLICABLE' ? 'COMPLIANT' : 'NON_COMPLIANT';
    summarize(
      'Patch',
      patch.patches.length,
      (i) => {
        const p = patch.patches[i] as Patch;
        return [statusOf(p), p.complianceLevel ?? complianceSeverity(p.severity)];
      },
      patch.operationEndTime, patch.snapshotId, 'Command',
      () => patch.patches.map((p): ComplianceItem => ({
        complianceType: 'Patch', id: p.kbId, title: p.title, status: statusOf(p), severity: p.complianceLevel ?? complianceSeverity(p.severity),
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
