// Inventory, in domain terms: one instance's entries of a type (ListInventoryEntries, paged by hand: the SDK has no
// paginator for it), fleet queries (GetInventory with filters, 50 instances a page, answering with the small
// AWS:InstanceInformation row, never every package of every match) and counts (GetInventory aggregators: one call).
import {GetInventoryCommand, ListInventoryEntriesCommand, type InventoryFilter as SdkFilter} from '@aws-sdk/client-ssm';
import type {AwsClients} from './clients.js';
import type {AggregateCount, InventoryApi, InventoryFilter, InventoryMatch, InventoryRow, RawTypeRows} from '../fleet/inventory.js';
import {sanitizeText as clean} from '../fleet/sanitize.js';

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
      const rows: InventoryRow[] = [];
      let captureTime: number | undefined;
      let token: string | undefined;
      do {
        const res = await aws.ssm.send(new ListInventoryEntriesCommand({InstanceId: instanceId, TypeName: typeName,
          MaxResults: PAGE, ...(token ? {NextToken: token} : {})}), {abortSignal: signal});
        captureTime ??= parseTime(res.CaptureTime);
        for (const e of res.Entries ?? []) rows.push(cleanRow(e));
        token = res.NextToken || undefined;
      } while (token);
      return {instanceId, typeName, rows, ...(captureTime !== undefined ? {captureTime} : {})};
    },

    async query(filters, signal) {
      const out: InventoryMatch[] = [];
      let token: string | undefined;
      do {
        const res = await aws.ssm.send(new GetInventoryCommand({Filters: sdkFilters(filters), MaxResults: PAGE,
          ...(token ? {NextToken: token} : {})}), {abortSignal: signal});
        for (const e of res.Entities ?? []) {
          const info = e.Data?.['AWS:InstanceInformation'];
          const captureTime = parseTime(info?.CaptureTime);
          const raw = info?.Content?.[0] ?? {};
          out.push({instanceId: clean(e.Id ?? ''), info: cleanRow(raw), rawInfo: raw,
            ...(captureTime !== undefined ? {captureTime} : {})});
        }
        token = res.NextToken || undefined;
      } while (token);
      return out;
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
      const out: RawTypeRows[] = [];
      let token: string | undefined;
      do {
        const res = await aws.ssm.send(new GetInventoryCommand({Filters: sdkFilters(filters), ResultAttributes: [{TypeName: typeName}],
          MaxResults: PAGE, ...(token ? {NextToken: token} : {})}), {abortSignal: signal});
        for (const e of res.Entities ?? []) out.push({instanceId: e.Id ?? '', rows: e.Data?.[typeName]?.Content ?? []});
        token = res.NextToken || undefined;
      } while (token);
      return out;
    },
  };
}
