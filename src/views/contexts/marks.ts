// Marks in a merged table: a row's mark is kept under its placed id, and a command acts on the marks of one context
// only — the one of the row under the cursor — because it is sent with that context's clients.
import {placedId, rowPlace} from '../../fleet/contexts/row-place.js';

/** `row` is marked (by its resource id `id`) and lives in the same context as `cursor` (any, with one context). */
export function markedHere(st: {marks: ReadonlySet<string>} | undefined, row: object, id: string, cursor: object | undefined): boolean {
  const place = rowPlace(row);
  if (!st?.marks.has(placedId(id, place))) return false;
  return place === undefined || cursor === undefined || rowPlace(cursor)?.context === place.context;
}
