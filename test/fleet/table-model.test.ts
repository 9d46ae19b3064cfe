import {describe, expect, it} from 'vitest';
import {
  clampTop, clearMarks, cycleSort, initTable, markAllVisible, markRange, moveCursor, prepareFilter, resortRows, setFilter, setRows,
  setSort, toggleMark, type TableSpec, type TableState,
} from '../../src/fleet/table-model.js';
import {cachedHaystack, type FilterSchema} from '../../src/fleet/filter.js';

interface Row {
  id: string;
  name: string;
  n: number;
}

const schema: FilterSchema<Row> = {
  keys: {name: {describe: 'name', get: (r) => r.name}},
  text: cachedHaystack((r: Row) => [r.id, r.name]),
};
const spec: TableSpec<Row> = {
  rowId: (r) => r.id,
  filter: schema,
  sortValues: {name: (r) => r.name, n: (r) => r.n},
};
const rows = (names: string[]): Row[] => names.map((name, i) => ({id: `id-${name}`, name, n: names.length - i}));

describe('table model', () => {
  it('opens at the top while a fleet loads page by page, until the user moves the cursor', () => {
    // The first page holds "m"; later pages bring rows that sort before it.
    let st = setRows(spec, initTable<Row>('name'), rows(['m', 'z']));
    st = setRows(spec, st, rows(['m', 'z', 'a', 'b', 'c']));
    expect(st.visible[st.cursor]?.name).toBe('a');
    st = moveCursor(spec, st, 1, 10); // "b": from now on the cursor keeps its row
    st = setRows(spec, st, rows(['m', 'z', 'a', 'b', 'c', 'aa']));
    expect(st.visible[st.cursor]?.name).toBe('b');
  });

  it('sorts rows by the chosen key, numerically for numbers and naturally for strings', () => {
    let st = setRows(spec, initTable<Row>('name'), rows(['web-10', 'web-2', 'api']));
    expect(st.visible.map((r) => r.name)).toEqual(['api', 'web-2', 'web-10']);
    st = setSort(spec, st, 'n', true);
    expect(st.visible.map((r) => r.n)).toEqual([3, 2, 1]);
    st = cycleSort(spec, st, 1);
    expect(st.sortKey).toBe('name');
    expect(st.sortDesc).toBe(false);
  });

  it('keeps the cursor on the same row across refreshes and re-sorts', () => {
    let st = setRows(spec, initTable<Row>('name'), rows(['a', 'b', 'c', 'd']));
    st = moveCursor(spec, st, 2, 10);
    expect(st.cursorId).toBe('id-c');
    // A refresh brings new objects and a new row sorted before the cursor.
    st = setRows(spec, st, rows(['a', 'aa', 'b', 'c', 'd']));
    expect(st.visible[st.cursor]?.name).toBe('c');
    st = setSort(spec, st, 'name', true);
    expect(st.visible[st.cursor]?.name).toBe('c');
  });

  it('clamps the cursor when its row disappears', () => {
    let st = setRows(spec, initTable<Row>('name'), rows(['a', 'b', 'c']));
    st = moveCursor(spec, st, 'end', 10);
    st = setRows(spec, st, rows(['a']));
    expect(st.cursor).toBe(0);
    expect(st.cursorId).toBe('id-a');
  });

  it('filters, and a bad filter keeps the last good result with an error', () => {
    let st = setRows(spec, initTable<Row>('name'), rows(['web-1', 'web-2', 'db-1']));
    st = setFilter(spec, st, 'web');
    expect(st.visible.map((r) => r.name)).toEqual(['web-1', 'web-2']);
    expect(st.filterError).toBeUndefined();
    st = setFilter(spec, st, 'bogus:key');
    expect(st.filterError).toMatch(/unknown filter key/);
    expect(st.visible.map((r) => r.name)).toEqual(['web-1', 'web-2']);
    expect(st.appliedFilter).toBe('web');
    st = setFilter(spec, st, '');
    expect(st.visible).toHaveLength(3);
  });

  it('marks: toggle, range from the anchor, all visible, clear; marks of vanished rows are dropped', () => {
    let st = setRows(spec, initTable<Row>('name'), rows(['a', 'b', 'c', 'd', 'e']));
    st = toggleMark(spec, st);
    expect([...st.marks]).toEqual(['id-a']);
    st = moveCursor(spec, st, 3, 10);
    st = markRange(spec, st);
    expect([...st.marks].sort()).toEqual(['id-a', 'id-b', 'id-c', 'id-d']);
    st = toggleMark(spec, st);
    expect(st.marks.has('id-d')).toBe(false);
    st = setRows(spec, st, rows(['a', 'c']));
    expect([...st.marks].sort()).toEqual(['id-a', 'id-c']);
    st = clearMarks(st);
    expect(st.marks.size).toBe(0);
    st = markAllVisible(spec, setFilter(spec, st, 'c'));
    expect([...st.marks]).toEqual(['id-c']);
  });

  it('scrolls so the cursor stays within the viewport', () => {
    expect(clampTop(0, 0, 10, 100)).toBe(0);
    expect(clampTop(0, 10, 10, 100)).toBe(1);
    expect(clampTop(50, 20, 10, 100)).toBe(20);
    expect(clampTop(95, 99, 10, 100)).toBe(90);
    expect(clampTop(5, 2, 10, 4)).toBe(0);
    let st = setRows(spec, initTable<Row>('name'), rows(Array.from({length: 30}, (_, i) => `r${String(i).padStart(2, '0')}`)));
    st = moveCursor(spec, st, 15, 10);
    expect(st.top).toBe(6);
    st = moveCursor(spec, st, -100, 10);
    expect(st.cursor).toBe(0);
    expect(st.top).toBe(0);
  });
});

describe('narrowing filters', () => {
  it('gives the same rows whether typed key by key (narrowing) or applied at once', () => {
    const names = Array.from({length: 300}, (_, i) => `web-${i % 7}-db-${i % 11}-x${i}`);
    let typed = setRows(spec, initTable<Row>('name'), rows(names));
    const target = 'web-3 db-1 x1';
    for (let i = 1; i <= target.length; i++) typed = setFilter(spec, typed, target.slice(0, i));
    const once = setFilter(spec, setRows(spec, initTable<Row>('name'), rows(names)), target);
    expect(typed.visible.map((r) => r.id)).toEqual(once.visible.map((r) => r.id));
    expect(once.visible.length).toBeGreaterThan(0);
    // Negation widens when typed further: never narrowed.
    let neg = setFilter(spec, setRows(spec, initTable<Row>('name'), rows(names)), '!web-1');
    neg = setFilter(spec, neg, '!web-10');
    expect(neg.visible.length).toBe(names.filter((n) => !n.includes('web-10')).length);
  });
});

describe('dynamic sort keys', () => {
  it('sorts by keys known at run time (extra tag columns) and cycles through them', () => {
    const tagged: TableSpec<Row & {env: string}> = {
      ...spec, sortValues: spec.sortValues,
      dynamicSort: (key) => (key === 'tag:Env' ? (r) => r.env : undefined),
    } as TableSpec<Row & {env: string}>;
    const data = [{id: 'a', name: 'a', n: 1, env: 'prod'}, {id: 'b', name: 'b', n: 2, env: 'dev'}];
    let st: TableState<Row & {env: string}> = {...initTable<Row & {env: string}>('name'), extraSortKeys: ['tag:Env']};
    st = setRows(tagged, st, data);
    st = cycleSort(tagged, cycleSort(tagged, st, 1), 1);
    expect(st.sortKey).toBe('tag:Env');
    expect(st.visible.map((r) => r.env)).toEqual(['dev', 'prod']);
    expect(setSort(tagged, st, 'tag:Nope', false).sortKey).toBe('tag:Env');
  });
});

describe('free-text filters over many rows (searched through one index)', () => {
  const many: Row[] = Array.from({length: 5000}, (_, i) => ({id: `id-${i}`, name: `${['web', 'db', 'cache'][i % 3]}-${['prod', 'dev'][i % 2]}-${i}`, n: i}));
  const base = setRows(spec, initTable<Row>('name'), many);

  it('matches exactly what the row predicate matches, in the same order, for every kind of filter', () => {
    const filters = ['w', 'we', 'web-prod-1', 'DB-DEV', 'prod 12', 'web !prod', 'we*1', '"b-p"', 'name:web 3', 'nothing', '-', '4 9'];
    for (const f of filters) {
      const viaIndex = setFilter(spec, base, f).visible;
      const pred = (setFilter(spec, base, f).predicate ?? (() => true));
      expect(viaIndex.map((r) => r.id), f).toEqual(base.sorted.filter(pred).map((r) => r.id));
    }
    // Typed one key at a time (narrowing), then deleted again (widening).
    let st = base;
    for (const text of ['c', 'ca', 'cac', 'cache-d', 'cache-de', 'cache-d', 'cac', 'c', '']) {
      st = setFilter(spec, st, text);
      expect(st.visible.map((r) => r.id), text).toEqual(base.sorted.filter((r) => r.name.includes(text) || r.id.includes(text)).map((r) => r.id));
    }
  });

  it('is built once for the rows and dropped when they change', () => {
    const filtered = setFilter(spec, base, 'web');
    expect(filtered.textIndex?.rows).toBe(base.sorted);
    expect(setFilter(spec, filtered, 'db').textIndex).toBe(filtered.textIndex); // not built again
    const refreshed = setRows(spec, filtered, many.slice(0, 4000));
    expect(refreshed.textIndex).toBeUndefined();
    expect(refreshed.visible.every((r) => r.name.includes('web'))).toBe(true);
  });

  it('is readied when the filter prompt opens, so the first keystroke only searches it', () => {
    const ready = prepareFilter(spec, base);
    expect(ready.textIndex?.rows).toBe(base.sorted);
    expect(prepareFilter(spec, ready)).toBe(ready); // once
    expect(ready.visible).toBe(base.visible); // nothing else changes
    const typed = setFilter(spec, ready, 'web-p');
    expect(typed.textIndex).toBe(ready.textIndex);
    expect(typed.visible.map((r) => r.id)).toEqual(setFilter(spec, base, 'web-p').visible.map((r) => r.id));
    const few = setRows(spec, initTable<Row>('name'), many.slice(0, 10));
    expect(prepareFilter(spec, few)).toBe(few); // a few rows are filtered row by row, no index
  });

  it('gives the same rows typed key by key from a readied index as a fresh filter (random texts)', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = 'webdbcaprodv-0123456789 ';
    for (let round = 0; round < 30; round++) {
      let st = prepareFilter(spec, base);
      let text = '';
      for (let k = 0; k < 8; k++) {
        text = rand(5) === 0 ? text.slice(0, -1) : text + (alphabet[rand(alphabet.length)] ?? '');
        st = setFilter(spec, st, text);
        expect(st.visible.map((r) => r.id), text).toEqual(setFilter(spec, base, text).visible.map((r) => r.id));
      }
    }
  });
});

describe('rows that change while sorted (merged into the order they had, not sorted again)', () => {
  // Few distinct names and numbers: many ties, which the order breaks by position in the rows.
  const names = ['web-2', 'web-10', 'db', 'DB', 'i-0a1b2c3d4e', 'i-09f0000000', 'mi-0123456789abcdef0', 'api', ''];
  let seed = 11;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  let made = 0;
  const row = (): Row => {
    made++;
    return {id: `r${made}`, name: names[rand(names.length)] ?? '', n: rand(4) === 0 ? made : rand(5)};
  };
  const fresh = (rows: readonly Row[], key: string, desc: boolean) => setRows(spec, {...initTable<Row>(key), sortDesc: desc}, rows).sorted;

  /** One change of the rows as a load or refresh makes it. */
  const change = (rows: Row[]): Row[] => {
    const next = rows.slice();
    switch (rand(6)) {
      case 0: // a page arrives at the end
        return [...next, ...Array.from({length: 1 + rand(30)}, row)];
      case 1: // another context's page, between contexts
        next.splice(rand(next.length + 1), 0, ...Array.from({length: 1 + rand(30)}, row));
        return next;
      case 2: // rows replaced by new objects of themselves (names filled in), some with new keys
        return next.map((r) => (rand(4) === 0 ? {...r, name: rand(2) === 0 ? r.name : names[rand(names.length)] ?? ''} : r));
      case 3: // rows gone
        return next.filter(() => rand(5) !== 0);
      case 4: { // contexts listed in another order: kept rows change places
        const cut = rand(next.length + 1);
        return [...next.slice(cut), ...next.slice(0, cut)];
      }
      default: // nothing new
        return next;
    }
  };

  for (const [key, desc] of [['name', false], ['name', true], ['n', false], ['n', true]] as const) {
    it(`gives the order a fresh sort gives (${key}${desc ? ', descending' : ''}, random changes)`, () => {
      for (let round = 0; round < 40; round++) {
        let rows = Array.from({length: rand(20)}, row);
        let st = fresh(rows, key, desc);
        for (let step = 0; step < 12; step++) {
          rows = change(rows);
          const merged = resortRows(spec, st, rows, key, desc);
          expect(merged.map((r) => r.id), `round ${round} step ${step}`).toEqual(fresh(rows, key, desc).map((r) => r.id));
          st = merged;
        }
      }
    });
  }

  it('sorts afresh when a kept row\'s key changed under it, or a row is listed twice', () => {
    const rows = [{id: 'a', name: 'a', n: 1}, {id: 'b', name: 'b', n: 2}, {id: 'c', name: 'c', n: 3}];
    const sorted = fresh(rows, 'name', false);
    (rows[0] as Row).name = 'z';
    expect(resortRows(spec, sorted, [...rows, {id: 'd', name: 'd', n: 4}], 'name', false).map((r) => r.id)).toEqual(['b', 'c', 'd', 'a']);
    const twice = [rows[1] as Row, rows[2] as Row, rows[1] as Row];
    expect(resortRows(spec, sorted, twice, 'name', false)).toEqual(fresh(twice, 'name', false));
  });

  it('keeps a table loading page by page in the order of one sort of all its rows', () => {
    let st = initTable<Row>('name');
    let rows: Row[] = [];
    for (let page = 0; page < 20; page++) {
      rows = [...rows, ...Array.from({length: 50}, row)];
      st = setRows(spec, st, rows);
    }
    expect(st.visible.map((r) => r.id)).toEqual(fresh(rows, 'name', false).map((r) => r.id));
  });
});
