// Where a row lives when the table shows several contexts at once: its context, account and region. A merged load
// places every row it fetched; single-context rows carry no place, and every table behaves exactly as before.
import type {TableSpec} from '../table-model.js';
import type {KeySpec} from '../filter.js';

export interface RowPlace {
  /** The context's name (routing key for actions on the row). */
  context: string;
  /** What the ACCOUNT column shows: the alias, the account id, or the context's name. */
  account: string;
  region: string;
}

// Rows are immutable objects a load creates, so a weak map keeps their place without changing their shape.
const places = new WeakMap<object, RowPlace>();

/** Marks each row as living in `place` (the rows are the ones a context's fetch returned). */
export function placeRows<T>(rows: readonly T[], place: RowPlace): void {
  for (const row of rows) if (typeof row === 'object' && row !== null) places.set(row, place);
}

/** `next` (a changed copy of `row`) lives where `row` does. */
export function samePlace<T extends object>(next: T, row: object): T {
  const place = places.get(row);
  if (place !== undefined) places.set(next, place);
  return next;
}

export function rowPlace(row: unknown): RowPlace | undefined {
  return typeof row === 'object' && row !== null ? places.get(row) : undefined;
}

/** Never in sanitized text, so a placed id cannot collide with a real one. */
const SEPARATOR = '\u001f';

/** The id a row keeps in a merged table: the same name in two accounts is two rows, marked and followed apart. */
export function placedId(id: string, place: RowPlace | undefined): string {
  return place === undefined ? id : `${place.context}${SEPARATOR}${id}`;
}

/** The resource's own id inside a placed id (what the API knows it by). */
export function unplacedId(id: string): string {
  const at = id.lastIndexOf(SEPARATOR);
  return at < 0 ? id : id.slice(at + 1);
}

const placeKey = (describe: string, get: (p: RowPlace) => string): KeySpec<unknown> => ({
  describe,
  example: describe.startsWith('account') ? 'account:123456789012' : 'region:eu-west-1',
  get: (row) => {
    const p = rowPlace(row);
    return p === undefined ? [] : [get(p), ...(get === accountOf ? [p.context] : [])];
  },
  match: 'prefix',
});
const accountOf = (p: RowPlace): string => p.account;
const ACCOUNT_KEY = placeKey('account: the account id, alias or context a row lives in (several contexts in view)', accountOf);
const REGION_KEY = placeKey('region: the region a row lives in (several contexts in view)', (p) => p.region);

const PLACE_SORT: Readonly<Record<string, (row: unknown) => string>> = {
  account: (row) => rowPlace(row)?.account ?? '',
  region: (row) => rowPlace(row)?.region ?? '',
};

/**
 * A table spec that knows places: `account:` and `region:` filter terms, ACCOUNT/REGION sort keys, and (unless the
 * resource's ids are unique everywhere, as instance ids are) row ids qualified by context.
 */
export function placeAwareSpec<T>(spec: TableSpec<T>, idsUniqueEverywhere = false): TableSpec<T> {
  const rowId = spec.rowId;
  return {
    ...spec,
    rowId: idsUniqueEverywhere ? rowId : (row) => placedId(rowId(row), rowPlace(row)),
    // Sort keys of their own, not in sortValues: cycling through the sort columns is unchanged for one context.
    dynamicSort: (key) => PLACE_SORT[key] ?? spec.dynamicSort?.(key),
    filter: {
      ...spec.filter,
      keys: {...spec.filter.keys, account: spec.filter.keys['account'] ?? ACCOUNT_KEY as KeySpec<T>,
        region: spec.filter.keys['region'] ?? REGION_KEY as KeySpec<T>},
    },
  };
}
