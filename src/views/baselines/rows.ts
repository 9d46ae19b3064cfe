// The baselines table's rows: every baseline with its patch groups at once, then each one's rules as they arrive
// (a few GetPatchBaseline calls at a time), so the names are on screen before the rules.
import type {BaselineRules} from '../../fleet/baselines/baseline.js';
import type {BaselinesApi, BaselineSummary, PatchGroupMapping} from '../../fleet/baselines/port.js';
import {errorText} from '../../fleet/sanitize.js';

export interface BaselineRow extends BaselineSummary {
  patchGroups: readonly string[];
  /** Undefined until its GetPatchBaseline answers. */
  rules?: BaselineRules;
  rulesError?: string;
}

const PARALLEL = 4;

export function groupsByBaseline(mappings: readonly PatchGroupMapping[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of mappings) {
    const list = out.get(m.baseline.baselineId) ?? [];
    list.push(m.patchGroup);
    out.set(m.baseline.baselineId, list);
  }
  return out;
}

export async function loadBaselineRows(api: BaselinesApi, signal: AbortSignal | undefined,
  onProgress: ((rows: BaselineRow[], complete: boolean) => void) | undefined): Promise<BaselineRow[]> {
  const [list, mappings] = await Promise.all([api.list(undefined, signal), api.patchGroups(signal)]);
  const groups = groupsByBaseline(mappings);
  const rows: BaselineRow[] = list.map((b) => ({...b, patchGroups: (groups.get(b.baselineId) ?? []).sort()}));
  onProgress?.([...rows], true);
  let next = 0;
  const worker = async () => {
    while (next < rows.length && !signal?.aborted) {
      const i = next++;
      const row = rows[i] as BaselineRow;
      try {
        const d = await api.get(row.baselineId, signal);
        rows[i] = {...row, rules: d.rules};
      } catch (e) {
        rows[i] = {...row, rulesError: errorText(e)};
      }
      onProgress?.([...rows], true);
    }
  };
  await Promise.all(Array.from({length: Math.min(PARALLEL, rows.length)}, worker));
  return rows;
}
