// Inventory, in domain terms: one instance's entries of a type (ListInventoryEntries, paged by hand: the SDK has no
// paginator for it), fleet queries (GetInventory with filters, 50 instances a page, answering with the small
// AWS:InstanceInformation row, never every package of every match) and counts (GetInventory aggregators: one call).
import {GetInventoryCommand, ListInventoryEntriesCommand, type InventoryFilter as SdkFilter} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import {allPages, pageToken} from '../pages.js';
import type {AggregateCount, InventoryApi, InventoryFilter, InventoryMatch, InventoryRow, RawTypeRows} from '../../fleet/inventory/inventory.js';
import {sanitizeText as clean} from '../../fleet/sanitize.js';

const PAGE = 50;

/** Inventory times are ISO strings ("2017-02-20T18:03:58Z"); anything unparsable is left out. */
function parseTime(s: string | undefined): number | undefined {
  const t = s ? Date.parse(s) : NaN;
  return Number.isFinite(t) ? t : undefined;
}

function cleanRow(r: Record<string, string>): InventoryRow {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) out[clean(k)] = clean(String(v));
  return out;
}

const sdkFilters = (f: readonly InventoryFilter[]): SdkFilter[] => f.map((x) => ({Key: x.Key, Values: [...x.Values], Type: x.Type}));

export function inventoryApi(aws: AwsClients): InventoryApi {
  return {
    async entries(instanceId, typeName, signal) {
      // Each page says when the inventory was captured too: the pages are kept whole and read after.
      const pages = await allPages(async (token) => {
        const res = await aws.ssm.send(new ListInventoryEntriesCommand({InstanceId: instanceId, TypeName: typeName,
          MaxResults: PAGE, ...pageToken(token)}), {abortSignal: signal});
        return {items: [res], next: res.NextToken};
      });
      const rows: InventoryRow[] = pages.flatMap((p) => (p.Entries ?? []).map((e) => cleanRow(e)));
      const captureTime = pages.map((p) => parseTime(p.CaptureTime)).find((t) => t !== undefined);
      return {instanceId, typeName, rows, ...(captureTime !== undefined ? {captureTime} : {})};
    },

    async query(filters, signal) {
      const list = await allPages(async (token) => {
        const res = await aws.ssm.send(new GetInventoryCommand({Filters: sdkFilters(filters), MaxResults: PAGE,
          ...pageToken(token)}), {abortSignal: signal});
        return {items: res.Entities, next: res.NextToken};
      });
      return list.map((e): InventoryMatch => {
        const info = e.Data?.['AWS:InstanceInformation'];
        const captureTime = parseTime(info?.CaptureTime);
        const raw = info?.Content?.[0] ?? {};
        return {instanceId: clean(e.Id ?? ''), info: cleanRow(raw), rawInfo: raw,
          ...(captureTime !== undefined ? {captureTime} : {})};
      });
    },

    async count(expression, opts = {}) {
      const type = expression.slice(0, expression.indexOf('.'));
      const res = await aws.ssm.send(new GetInventoryCommand({
        ...(opts.filters?.length ? {Filters: sdkFilters(opts.filters)} : {}),
        Aggregators: [{Expression: expression, ...(opts.nested ? {Aggregators: [{Expression: `${type}.${opts.nested}`}]} : {})}],
      }), {abortSignal: opts.signal});
      const out: AggregateCount[] = [];
      for (const e of res.Entities ?? []) {
        for (const row of e.Data?.[type]?.Content ?? []) {
          const {Count, ...values} = row;
          out.push({values: cleanRow(values), raw: values, count: Number(Count ?? 0) || 0});
        }
      }
      return out;
    },

    async typeRows(typeName, filters, signal) {
      const list = await allPages(async (token) => {
        const res = await aws.ssm.send(new GetInventoryCommand({Filters: sdkFilters(filters), ResultAttributes: [{TypeName: typeName}],
          MaxResults: PAGE, ...pageToken(token)}), {abortSignal: signal});
        return {items: res.Entities, next: res.NextToken};
      });
      return list.map((e): RawTypeRows => ({instanceId: e.Id ?? '', rows: e.Data?.[typeName]?.Content ?? []}));
    },
  };
}
