// The associations table's rows: ListAssociations' summaries, with each one's compliance severity from
// DescribeAssociation (ListAssociations does not carry it). Severities are described once per association version
// and kept for the dashboard's life, so a refresh costs the list alone.
import type {AssociationSummary} from '../../fleet/associations/association.js';
import type {AssociationsApi} from '../../fleet/associations/port.js';

export type AssociationRow = AssociationSummary & {severity?: string};

const DESCRIBE_AT_ONCE = 8;
const severities = new WeakMap<AssociationsApi, Map<string, string>>();

const keyOf = (a: AssociationSummary) => `${a.associationId}:${a.associationVersion}`;

export function withSeverity(api: AssociationsApi, rows: readonly AssociationSummary[]): AssociationRow[] {
  const known = severities.get(api);
  return rows.map((a) => {
    const severity = known?.get(keyOf(a));
    return severity === undefined ? a : {...a, severity};
  });
}

/** Describes the associations whose severity is not known yet (at most 8 at once); a failure leaves it unknown. */
export async function loadSeverities(api: AssociationsApi, rows: readonly AssociationSummary[], signal?: AbortSignal): Promise<void> {
  let known = severities.get(api);
  if (!known) severities.set(api, (known = new Map()));
  const cache = known;
  const todo = rows.filter((a) => !cache.has(keyOf(a)));
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !signal?.aborted) {
      const a = todo[next++] as AssociationSummary;
      try {
        cache.set(keyOf(a), (await api.describe(a.associationId)).complianceSeverity ?? '');
      } catch {
        // Deleted meanwhile, or throttled: the column stays empty until the next refresh tries again.
      }
    }
  };
  await Promise.all(Array.from({length: Math.min(DESCRIBE_AT_ONCE, todo.length)}, worker));
}
