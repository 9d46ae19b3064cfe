// Every parameter under a path through DescribeParameters, many pages at once. The listing gives 50 a page, so
// 10,000 parameters are 200 round trips one after the other; here the name space is cut into disjoint parts with the
// Name filter (BeginsWith, up to 50 values a request) and the parts are listed concurrently.
// - The first page is the plain listing: a store that fits in it costs one request, as before.
// - A part whose first page is not its last is split: by the next character of the names (the whole name alphabet,
//   so no name falls outside), the characters seen in that page getting parts of their own. The page's names only
//   steer the split; the listing order is not relied on.
// - A name equal to a split prefix belongs to no child: those are asked for by name (Equals) at the end.
// - Each part keeps only the names it owns, and a name is reported once, so overlapping answers cannot duplicate.
// - At the root, a part `x` also asks for `/x`: names without a leading slash sit beside the rooted ones, and the
//   Name filter may match `x` against `/x…` too; either way the two stay in the same part.
import type {ParameterMetadata, ParameterStringFilter} from '@aws-sdk/client-ssm';

/** One page of DescribeParameters with these filters (undefined token: the first page). */
export type DescribePage = (filters: ParameterStringFilter[], token: string | undefined) =>
  Promise<{items: readonly ParameterMetadata[]; next: string | undefined}>;

/** Characters a parameter name may hold (AWS: a-zA-Z0-9_.- and / between levels). */
const NAME_ALPHABET = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-/'];
const MAX_VALUES = 50;
const MAX_PREFIX = 1000;
/**
 * A part is split only while fewer parts than requests in flight are waiting or running: past that every lane has
 * work, and each further split costs requests that come back nearly empty (10,000 parameters: about 210 requests
 * rather than the plain 200).
 */
const PARTS_PER_LANE = 1;
/** Parts an unseen remainder is cut into, so a big remainder is peeled in a few rounds, not one prefix a round. */
const REMAINDER_PARTS = 2;

interface Part {
  readonly stems: readonly string[];
}

export interface ScanOptions {
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** Each page's new parameters, as they arrive. */
  readonly onPage?: (page: readonly ParameterMetadata[]) => void;
}

/** Every parameter under `path` ('/' for all), each once; the order is the service's, part by part. */
export async function partitionedScan(path: string, page: DescribePage, options: ScanOptions = {}): Promise<ParameterMetadata[]> {
  const root = path === '/';
  const base = root ? '' : `${path}/`;
  const found = new Map<string, ParameterMetadata>();
  const keep = (items: readonly ParameterMetadata[], owns: (name: string) => boolean): void => {
    const fresh = items.filter((m) => {
      const name = m.Name ?? '';
      if (found.has(name) || !owns(name)) return false;
      found.set(name, m);
      return true;
    });
    options.onPage?.(fresh);
  };
  /** The name relative to the scanned path; at the root both `x` and `/x` are `x`. */
  const rel = (name: string): string | undefined => {
    if (root) return name.startsWith('/') ? name.slice(1) : name;
    return name.startsWith(base) ? name.slice(base.length) : undefined;
  };
  const valuesOf = (stem: string): string[] => (root ? (stem.includes('/') ? [`/${stem}`] : [`/${stem}`, stem]) : [`${base}${stem}`]);
  const owner = (stems: readonly string[]) => (name: string): boolean => {
    const r = rel(name);
    return r !== undefined && stems.some((s) => r.startsWith(s));
  };

  const plain: ParameterStringFilter[] = root ? [] : [{Key: 'Path', Option: 'Recursive', Values: [path]}];
  const first = await page(plain, undefined);
  keep(first.items, (name) => rel(name) !== undefined);
  if (!first.next) return [...found.values()];

  const exact = new Set<string>();
  const queue: Part[] = [];
  // The first level's characters: no name under a path has `//`, so `/` does not start a stem.
  queue.push(...cut(NAME_ALPHABET.filter((c) => c !== '/'), first.items, rel, valuesOf));

  const lanes = options.concurrency ?? 8;
  let running = 0;
  const runPart = async (part: Part): Promise<void> => {
    running++;
    try {
      await listPart(part);
    } finally {
      running--;
    }
  };
  const listPart = async (part: Part): Promise<void> => {
    const filters = (option: string): ParameterStringFilter[] => [{Key: 'Name', Option: option, Values: part.stems.flatMap(valuesOf)}];
    const owns = owner(part.stems);
    let res = await page(filters('BeginsWith'), undefined);
    keep(res.items, owns);
    if (res.next && splittable(part) && queue.length + running < PARTS_PER_LANE * lanes) {
      if (part.stems.length > 1) {
        queue.push(...cut(part.stems, res.items, rel, valuesOf));
      } else {
        const stem = part.stems[0] ?? '';
        exact.add(stem);
        queue.push(...cut(NAME_ALPHABET.map((c) => `${stem}${c}`), res.items, rel, valuesOf));
      }
      return;
    }
    while (res.next) {
      res = await page(filters('BeginsWith'), res.next);
      keep(res.items, owns);
    }
  };
  await pool(queue, runPart, lanes, options.signal);

  // The names equal to a split prefix, by name.
  const exactStems = [...exact];
  const perRequest = Math.floor(MAX_VALUES / (root ? 2 : 1));
  const lookups: Part[] = [];
  for (let i = 0; i < exactStems.length; i += perRequest) lookups.push({stems: exactStems.slice(i, i + perRequest)});
  await pool(lookups, async (part) => {
    const wanted = new Set(part.stems);
    let token: string | undefined;
    do {
      const res = await page([{Key: 'Name', Option: 'Equals', Values: part.stems.flatMap(valuesOf)}], token);
      keep(res.items, (name) => wanted.has(rel(name) ?? ''));
      token = res.next || undefined;
    } while (token);
  }, lanes, options.signal);
  return [...found.values()];
}

function splittable(part: Part): boolean {
  return part.stems.length > 1 || (part.stems[0]?.length ?? MAX_PREFIX) < MAX_PREFIX;
}

/**
 * Cuts stems into parts: each stem that the page's names fall in gets a part of its own (it is where names are), the
 * others share a few parts, each within the filter's 50 values.
 */
function cut(stems: readonly string[], seenItems: readonly ParameterMetadata[], rel: (name: string) => string | undefined,
  valuesOf: (stem: string) => string[]): Part[] {
  const seen = new Set<string>();
  for (const m of seenItems) {
    const r = rel(m.Name ?? '');
    if (r === undefined) continue;
    const stem = stems.find((s) => r.startsWith(s));
    if (stem !== undefined) seen.add(stem);
  }
  const parts: Part[] = [...seen].map((s) => ({stems: [s]}));
  const rest = stems.filter((s) => !seen.has(s));
  if (rest.length === 0) return parts;
  const perValue = Math.max(...rest.map((s) => valuesOf(s).length));
  const cap = Math.floor(MAX_VALUES / perValue);
  const count = Math.max(Math.min(REMAINDER_PARTS, rest.length), Math.ceil(rest.length / cap));
  const size = Math.ceil(rest.length / count);
  for (let i = 0; i < rest.length; i += size) parts.push({stems: rest.slice(i, i + size)});
  return parts;
}

/** Runs `work` on each item of `queue` (which may grow while it runs), at most `limit` at a time. */
function pool<T>(queue: T[], work: (item: T) => Promise<void>, limit: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let active = 0;
    let failed = false;
    const next = (): void => {
      if (failed) return;
      if (signal?.aborted) {
        failed = true;
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        return;
      }
      while (active < limit && queue.length > 0) {
        const item = queue.shift() as T;
        active++;
        work(item).then(() => {
          active--;
          next();
        }, (err: unknown) => {
          failed = true;
          reject(err instanceof Error ? err : new Error(String(err)));
        });
      }
      if (active === 0 && queue.length === 0) resolve();
    };
    next();
  });
}
