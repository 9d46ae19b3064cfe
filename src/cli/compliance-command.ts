// `fleetdeck compliance`: the compliance view without the UI — the summary per type, then every instance and type
// that matches --filter (ComplianceStringFilter syntax: `Status=NON_COMPLIANT ComplianceType=Patch`), most severe
// first. A bad filter is a usage error (exit 2) naming what is valid.
import type {ComplianceApi} from '../fleet/compliance/compliance.js';
import {parseComplianceFilter, severityRank, type ComplianceFilter, type ComplianceTypeSummary,
  type ResourceCompliance} from '../fleet/compliance/compliance.js';
import {formatJson, formatTable} from './headless-output.js';
import type {ManagedInstance} from '../fleet/instances/instance.js';
import {nameIndex} from '../fleet/instances/instance-names.js';
import {sanitizeText} from '../fleet/sanitize.js';

export interface ComplianceReport {
  summaries: ComplianceTypeSummary[];
  resources: ResourceCompliance[];
  /** Instance id → Name tag (or hybrid node name), from the fleet as loaded once. */
  names?: ReadonlyMap<string, string>;
}

/** Parse --filter (throws ComplianceFilterError, a usage error). */
export function complianceFilters(text: string | undefined): ComplianceFilter[] {
  return text?.trim() ? parseComplianceFilter(text) : [];
}

export async function loadComplianceReport(api: ComplianceApi, filters: readonly ComplianceFilter[],
  loadFleet?: () => Promise<readonly ManagedInstance[]>): Promise<ComplianceReport> {
  // ListComplianceSummaries filters on the type only; the rest narrows the per-instance list.
  const byType = filters.filter((f) => f.Key === 'ComplianceType');
  const [summaries, resources, fleet] = await Promise.all([api.summaries(byType), api.resources(filters),
    loadFleet ? loadFleet() : Promise.resolve([])]);
  resources.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.nonCompliant - a.nonCompliant
    || a.instanceId.localeCompare(b.instanceId) || a.type.localeCompare(b.type));
  return {summaries, resources, names: nameIndex(fleet)};
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function formatComplianceReport(r: ComplianceReport, format: 'table' | 'json'): string {
  const nameOf = (id: string) => sanitizeText(r.names?.get(id) ?? '');
  if (format === 'json') {
    return formatJson({
      summaries: r.summaries,
      resources: r.resources.map((x) => ({...x, name: nameOf(x.instanceId), executionTime: iso(x.executionTime)})),
    });
  }
  const sev = (c: ComplianceTypeSummary['nonCompliantBySeverity']) => [c.CRITICAL, c.HIGH, c.MEDIUM, c.LOW].map(String);
  const summary = formatTable(['TYPE', 'COMPLIANT', 'NON-COMPLIANT', 'CRITICAL', 'HIGH', 'MEDIUM', 'LOW'],
    r.summaries.map((s) => [s.type, String(s.compliant), String(s.nonCompliant), ...sev(s.nonCompliantBySeverity)]), 1);
  const list = formatTable(['INSTANCE', 'NAME', 'TYPE', 'STATUS', 'SEVERITY', 'FAILING', 'EXECUTED'],
    r.resources.map((x) => [x.instanceId, nameOf(x.instanceId) || '-', x.type, x.status, x.severity, String(x.nonCompliant), iso(x.executionTime) ?? '']), 5);
  return `${summary}\n${list}`;
}
