// Compliance in domain terms (what the compliance views and `fleetdeck compliance` work with), and the one filter
// syntax for ComplianceStringFilter: `ComplianceType=Patch Status=NON_COMPLIANT OverallSeverity=CRITICAL,HIGH`.
// Every string here has already been through sanitizeText (aws/compliance/compliance-api/compliance-api.ts builds these values).

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNSPECIFIED'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeverityCounts = Record<Severity, number>;

export interface ComplianceTypeSummary {
  /** Association, Patch or Custom:<Name>. */
  type: string;
  compliant: number;
  nonCompliant: number;
  /** Non-compliant resources by their overall severity. */
  nonCompliantBySeverity: SeverityCounts;
}

export interface ResourceCompliance {
  instanceId: string;
  type: string;
  status: 'COMPLIANT' | 'NON_COMPLIANT';
  severity: Severity;
  compliant: number;
  nonCompliant: number;
  /** Non-compliant items by severity. */
  nonCompliantBySeverity: SeverityCounts;
  executionTime?: number;
}

export interface ComplianceItem {
  instanceId: string;
  type: string;
  id: string;
  title: string;
  severity: Severity;
  /** COMPLIANT, NON_COMPLIANT, or '' (AWS may leave it empty). */
  status: string;
  /** Comma-separated CVE ids ('' when the item has none). */
  cves: string;
  executionTime?: number;
  details: Readonly<Record<string, string>>;
}

/** DescribeInstancePatchStates in short: what the instances table shows per node. */
export interface PatchSummary {
  instanceId: string;
  missing: number;
  failed: number;
  pendingReboot: number;
  installed: number;
  operation: string;
  operationEndTime?: number;
}

export function zeroSeverities(): SeverityCounts {
  return {CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0, UNSPECIFIED: 0};
}

export function toSeverity(s: string | undefined): Severity {
  const up = (s ?? '').toUpperCase();
  return (SEVERITIES as readonly string[]).includes(up) ? (up as Severity) : 'UNSPECIFIED';
}

/** Sort rank: CRITICAL 0 … UNSPECIFIED 5 (most severe first). */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/**
 * A bar of `width` cells split by severity, most severe first: █ critical, ▓ high, ▒ medium, ░ low, · the rest.
 * Any non-zero count gets at least one cell, so a single critical finding never disappears in rounding.
 */
export function severityBar(counts: SeverityCounts, width: number): string {
  const total = SEVERITIES.reduce((n, s) => n + counts[s], 0);
  if (total === 0 || width <= 0) return '';
  const glyph: Record<Severity, string> = {CRITICAL: '█', HIGH: '▓', MEDIUM: '▒', LOW: '░', INFORMATIONAL: '·', UNSPECIFIED: '·'};
  const cells = SEVERITIES.map((s) => (counts[s] > 0 ? Math.max(1, Math.round((counts[s] / total) * width)) : 0));
  // Take back overshoot from the largest share.
  while (cells.reduce((a, b) => a + b, 0) > width) {
    const i = cells.indexOf(Math.max(...cells));
    cells[i] = (cells[i] ?? 1) - 1;
  }
  return SEVERITIES.map((s, i) => glyph[s].repeat(cells[i] ?? 0)).join('');
}

// ---- filters ----------------------------------------------------------------------------------------------------

export type ComplianceFilterType = 'EQUAL' | 'NOT_EQUAL' | 'BEGIN_WITH' | 'LESS_THAN' | 'GREATER_THAN';

export interface ComplianceFilter {
  Key: string;
  Values: string[];
  Type: ComplianceFilterType;
}

/** Filter keys and, for the enumerated ones, their values. */
export const COMPLIANCE_FILTER_KEYS: Readonly<Record<string, readonly string[] | undefined>> = {
  ComplianceType: undefined,
  Status: ['COMPLIANT', 'NON_COMPLIANT'],
  OverallSeverity: SEVERITIES,
  ResourceId: undefined,
};

const OPERATORS: readonly (readonly [string, ComplianceFilterType])[] = [
  ['!=', 'NOT_EQUAL'], ['^=', 'BEGIN_WITH'], ['<', 'LESS_THAN'], ['>', 'GREATER_THAN'], ['=', 'EQUAL'],
];

export class ComplianceFilterError extends Error {
  override name = 'ComplianceFilterError';
}

/**
 * `ComplianceType=Patch Status=NON_COMPLIANT OverallSeverity=CRITICAL,HIGH` → ComplianceStringFilters. Terms are
 * separated by spaces; values by commas (any of them). Operators: = != ^= (begins with) < >. Keys and enumerated
 * values are matched case-insensitively and sent in AWS's spelling. Throws ComplianceFilterError naming what is valid.
 */
export function parseComplianceFilter(text: string): ComplianceFilter[] {
  const out: ComplianceFilter[] = [];
  const keys = Object.keys(COMPLIANCE_FILTER_KEYS);
  for (const term of text.trim().split(/\s+/).filter(Boolean)) {
    const op = OPERATORS.find(([sym]) => term.includes(sym));
    if (!op) throw new ComplianceFilterError(`"${term}" needs an operator: KEY=VALUE (also != ^= < >), e.g. Status=NON_COMPLIANT`);
    const [sym, type] = op;
    const at = term.indexOf(sym);
    const rawKey = term.slice(0, at);
    const key = keys.find((k) => k.toLowerCase() === rawKey.toLowerCase());
    if (!key) throw new ComplianceFilterError(`unknown compliance filter key "${rawKey}" — use one of: ${keys.join(', ')}`);
    const values = term.slice(at + sym.length).split(',').filter(Boolean);
    if (values.length === 0) throw new ComplianceFilterError(`${key}: needs a value, e.g. ${key}${sym}${COMPLIANCE_FILTER_KEYS[key]?.[0] ?? 'Patch'}`);
    if (values.length > 20) throw new ComplianceFilterError(`${key}: at most 20 values`);
    const allowed = COMPLIANCE_FILTER_KEYS[key];
    const normalized = values.map((v) => {
      if (!allowed) return key === 'ComplianceType' ? canonicalType(v) : v;
      const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
      if (!hit) throw new ComplianceFilterError(`${key}: "${v}" is not valid — use one of: ${allowed.join(', ')}`);
      return hit;
    });
    out.push({Key: key, Values: normalized, Type: type});
  }
  return out;
}

/** `patch` → Patch, `association` → Association, `custom:x` → Custom:x (AWS matches types case-sensitively). */
function canonicalType(v: string): string {
  const lower = v.toLowerCase();
  if (lower === 'patch') return 'Patch';
  if (lower === 'association') return 'Association';
  if (lower.startsWith('custom:')) return `Custom:${v.slice(7)}`;
  return v;
}

/** What the compliance views need from SSM (implemented in aws/compliance/compliance-api/compliance-api.ts). */
export interface ComplianceApi {
  /** One row per compliance type (ComplianceType filters only). */
  summaries(filters?: readonly ComplianceFilter[], signal?: AbortSignal): Promise<ComplianceTypeSummary[]>;
  /** Per instance and type; filter e.g. Status=NON_COMPLIANT. */
  resources(filters?: readonly ComplianceFilter[], signal?: AbortSignal): Promise<ResourceCompliance[]>;
  /** The compliance items of one instance. */
  items(instanceId: string, filters?: readonly ComplianceFilter[], signal?: AbortSignal): Promise<ComplianceItem[]>;
  /** Patch counts of the given instances (batched; instances without patch data are left out). */
  patchStates(instanceIds: readonly string[], signal?: AbortSignal): Promise<PatchSummary[]>;
}
