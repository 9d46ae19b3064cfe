// Compliance, patch and inventory facts per instance for the instances table (non-compliant, missing and
// pending-reboot columns) and the side pane beside it. Loaded lazily for the rows on screen only, in batches
// (ListResourceComplianceSummaries 20 ids a call, DescribeInstancePatchStates 50 a call), so a 50,000-node fleet
// loads exactly as fast as before and scrolling costs a few calls per screen, not one per row.
import type {InventoryApi} from '../inventory/inventory.js';
import type {ComplianceApi, PatchSummary, ResourceCompliance} from './compliance.js';

export interface NodeInsight {
  /** When it was fetched (epoch ms). */
  at: number;
  /** One entry per compliance type the instance reports. */
  compliance: ResourceCompliance[];
  /** Undefined when the instance has no patch data. */
  patch?: PatchSummary;
}

export interface InventorySummary {
  at: number;
  /** When the node collected its inventory. */
  captureTime?: number;
  platform: string;
  agent: string;
  applications: number;
  interfaces: {name: string; ipv4: string}[];
  services: number;
  running: number;
}

/** Older than this, a row's facts are fetched again when it is on screen. */
export const INSIGHT_MAX_AGE_MS = 60_000;
/** ResourceId filter values per ListResourceComplianceSummaries call (ComplianceStringFilter takes 1–20). */
const IDS_PER_FILTER = 20;

export function nonCompliantCount(i: NodeInsight | undefined): number | undefined {
  return i ? i.compliance.reduce((n, c) => n + c.nonCompliant, 0) : undefined;
}

/** Which of `ids` need (re)loading: never loaded, or older than `maxAgeMs`. */
export function staleIds(ids: readonly string[], have: Readonly<Record<string, NodeInsight>>, now: number,
  maxAgeMs = INSIGHT_MAX_AGE_MS): string[] {
  return ids.filter((id) => {
    const got = have[id];
    return got === undefined || now - got.at > maxAgeMs;
  });
}

/** Compliance and patch state of `ids`, in batches; every id gets an entry (empty when it reports nothing). */
export async function loadInsights(api: ComplianceApi, ids: readonly string[], signal?: AbortSignal): Promise<Record<string, NodeInsight>> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_FILTER) chunks.push(ids.slice(i, i + IDS_PER_FILTER));
  const [lists, patches] = await Promise.all([
    Promise.all(chunks.map((c) => api.resources([{Key: 'ResourceId', Values: c, Type: 'EQUAL'}], signal))),
    api.patchStates(ids, signal),
  ]);
  const at = Date.now();
  const out: Record<string, NodeInsight> = {};
  for (const id of ids) out[id] = {at, compliance: []};
  for (const r of lists.flat()) out[r.instanceId]?.compliance.push(r);
  for (const p of patches) {
    const entry = out[p.instanceId];
    if (entry) entry.patch = p;
  }
  return out;
}

/** The side pane's inventory lines for one instance: what it runs, its interfaces, its services. */
export async function loadInventorySummary(api: InventoryApi, id: string, signal?: AbortSignal): Promise<InventorySummary> {
  const [info, apps, net, svc] = await Promise.all(['AWS:InstanceInformation', 'AWS:Application', 'AWS:Network', 'AWS:Service']
    .map((t) => api.entries(id, t, signal)));
  const row = info?.rows[0] ?? {};
  const captureTime = apps?.captureTime ?? info?.captureTime;
  return {
    at: Date.now(),
    ...(captureTime !== undefined ? {captureTime} : {}),
    platform: `${row.PlatformName ?? ''} ${row.PlatformVersion ?? ''}`.trim(),
    agent: row.AgentVersion ?? '',
    applications: apps?.rows.length ?? 0,
    interfaces: (net?.rows ?? []).map((r) => ({name: r.Name ?? '', ipv4: r.IPV4 ?? ''})),
    services: svc?.rows.length ?? 0,
    running: (svc?.rows ?? []).filter((r) => /^running$/i.test(r.Status ?? '')).length,
  };
}
