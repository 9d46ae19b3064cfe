// Compliance and patch state, in domain terms. Every list is paginated to the end at the API's largest page; patch
// states go 50 instances a call, never one call per instance.
import {
  DescribeInstancePatchStatesCommand, ListComplianceItemsCommand, ListComplianceSummariesCommand,
  ListResourceComplianceSummariesCommand, type SeveritySummary,
} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import {allPages, pageToken} from '../pages.js';
import {
  toSeverity, type ComplianceApi, type ComplianceFilter, type ComplianceItem, type ComplianceTypeSummary,
  type PatchSummary, type ResourceCompliance, type SeverityCounts,
} from '../../fleet/compliance/compliance.js';
import {sanitizeText as clean} from '../../fleet/sanitize.js';

const PAGE = 50;
const PATCH_STATE_BATCH = 50;

function severityCounts(s: SeveritySummary | undefined): SeverityCounts {
  return {
    CRITICAL: s?.CriticalCount ?? 0, HIGH: s?.HighCount ?? 0, MEDIUM: s?.MediumCount ?? 0, LOW: s?.LowCount ?? 0,
    INFORMATIONAL: s?.InformationalCount ?? 0, UNSPECIFIED: s?.UnspecifiedCount ?? 0,
  };
}

const sdkFilters = (f: readonly ComplianceFilter[] | undefined) =>
  f?.length ? {Filters: f.map((x) => ({Key: x.Key, Values: [...x.Values], Type: x.Type}))} : {};

export function complianceApi(aws: AwsClients): ComplianceApi {
  return {
    async summaries(filters, signal) {
      const list = await allPages(async (token) => {
        const res = await aws.ssm.send(new ListComplianceSummariesCommand({MaxResults: PAGE, ...sdkFilters(filters),
          ...pageToken(token)}), {abortSignal: signal});
        return {items: res.ComplianceSummaryItems, next: res.NextToken};
      });
      return list.map((s): ComplianceTypeSummary => ({
        type: clean(s.ComplianceType ?? ''),
        compliant: s.CompliantSummary?.CompliantCount ?? 0,
        nonCompliant: s.NonCompliantSummary?.NonCompliantCount ?? 0,
        nonCompliantBySeverity: severityCounts(s.NonCompliantSummary?.SeveritySummary),
      }));
    },

    async resources(filters, signal) {
      const list = await allPages(async (token) => {
        const res = await aws.ssm.send(new ListResourceComplianceSummariesCommand({MaxResults: PAGE, ...sdkFilters(filters),
          ...pageToken(token)}), {abortSignal: signal});
        return {items: res.ResourceComplianceSummaryItems, next: res.NextToken};
      });
      return list.map((r): ResourceCompliance => ({
        instanceId: clean(r.ResourceId ?? ''),
        type: clean(r.ComplianceType ?? ''),
        status: r.Status === 'NON_COMPLIANT' ? 'NON_COMPLIANT' : 'COMPLIANT',
        severity: toSeverity(r.OverallSeverity),
        compliant: r.CompliantSummary?.CompliantCount ?? 0,
        nonCompliant: r.NonCompliantSummary?.NonCompliantCount ?? 0,
        nonCompliantBySeverity: severityCounts(r.NonCompliantSummary?.SeveritySummary),
        ...(r.ExecutionSummary?.ExecutionTime ? {executionTime: r.ExecutionSummary.ExecutionTime.getTime()} : {}),
      }));
    },

    async items(instanceId, filters, signal) {
      const list = await allPages(async (token) => {
        const res = await aws.ssm.send(new ListComplianceItemsCommand({
          ResourceIds: [instanceId], ResourceTypes: ['ManagedInstance'], MaxResults: PAGE, ...sdkFilters(filters),
          ...pageToken(token),
        }), {abortSignal: signal});
        return {items: res.ComplianceItems, next: res.NextToken};
      });
      return list.map((i): ComplianceItem => {
        const details: Record<string, string> = {};
        for (const [k, v] of Object.entries(i.Details ?? {})) details[clean(k)] = clean(v);
        return {
          instanceId: clean(i.ResourceId ?? instanceId),
          type: clean(i.ComplianceType ?? ''),
          id: clean(i.Id ?? ''),
          title: clean(i.Title ?? ''),
          severity: toSeverity(i.Severity),
          status: clean(i.Status ?? ''),
          cves: details.CVEIds ?? '',
          ...(i.ExecutionSummary?.ExecutionTime ? {executionTime: i.ExecutionSummary.ExecutionTime.getTime()} : {}),
          details,
        };
      });
    },

    async patchStates(instanceIds, signal) {
      const out: PatchSummary[] = [];
      for (let i = 0; i < instanceIds.length; i += PATCH_STATE_BATCH) {
        const batch = instanceIds.slice(i, i + PATCH_STATE_BATCH);
        const states = await allPages(async (token) => {
          const res = await aws.ssm.send(new DescribeInstancePatchStatesCommand({InstanceIds: batch, MaxResults: 100,
            ...pageToken(token)}), {abortSignal: signal});
          return {items: res.InstancePatchStates, next: res.NextToken};
        });
        for (const s of states) {
          out.push({
            instanceId: clean(s.InstanceId ?? ''),
            missing: s.MissingCount ?? 0,
            failed: s.FailedCount ?? 0,
            pendingReboot: s.InstalledPendingRebootCount ?? 0,
            installed: s.InstalledCount ?? 0,
            operation: clean(s.Operation ?? ''),
            ...(s.OperationEndTime ? {operationEndTime: s.OperationEndTime.getTime()} : {}),
          });
        }
      }
      return out;
    },
  };
}
