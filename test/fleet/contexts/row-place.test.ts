import {describe, expect, it} from 'vitest';
import {placeAwareSpec, placeRows, placedId, rowPlace, samePlace, unplacedId} from '../../../src/fleet/contexts/row-place.js';
import {initTable, setFilter, setRows, setSort} from '../../../src/fleet/table-model.js';
import type {TableSpec} from '../../../src/fleet/table-model.js';
import {cachedHaystack} from '../../../src/fleet/filter.js';

interface Param {
  name: string;
}

const spec: TableSpec<Param> = {
  rowId: (p) => p.name,
  sortValues: {name: (p) => p.name},
  filter: {keys: {}, text: cachedHaystack((p) => [p.name])},
};

function rows(): Param[] {
  const prod = [{name: '/app/db'}, {name: '/app/key'}];
  const staging = [{name: '/app/db'}];
  placeRows(prod, {context: 'prod:us-east-1', account: '111111111111', region: 'us-east-1'});
  placeRows(staging, {context: 'staging:eu-west-1', account: '222222222222', region: 'eu-west-1'});
  return [...prod, ...staging];
}

describe('rows placed in contexts', () => {
  it('keeps the same name in two accounts as two rows, and finds the resource id inside the placed id', () => {
    const aware = placeAwareSpec(spec);
    const [a, , c] = rows();
    expect(aware.rowId(a!)).not.toBe(aware.rowId(c!));
    expect(unplacedId(aware.rowId(c!))).toBe('/app/db');
    expect(rowPlace(c)?.region).toBe('eu-west-1');
  });

  it('leaves ids alone where they are unique everywhere, and rows no merged load placed', () => {
    const [a] = rows();
    expect(placeAwareSpec(spec, true).rowId(a!)).toBe('/app/db');
    expect(placeAwareSpec(spec).rowId({name: '/solo'})).toBe('/solo');
    expect(placedId('/solo', undefined)).toBe('/solo');
  });

  it('filters by account (id or context name) and region, and sorts by them', () => {
    const aware = placeAwareSpec(spec);
    let st = setRows(aware, initTable<Param>('name'), rows());
    st = setFilter(aware, st, 'account:2222');
    expect(st.visible.map((r) => rowPlace(r)?.context)).toEqual(['staging:eu-west-1']);
    st = setFilter(aware, st, 'account:prod region:us-east');
    expect(st.visible.map((r) => r.name)).toEqual(['/app/db', '/app/key']);
    st = setFilter(aware, st, '');
    st = setSort(aware, st, 'region', false);
    expect(rowPlace(st.sorted[0])?.region).toBe('eu-west-1');
  });

  it('keeps a marked row apart from its namesake in another account', () => {
    const aware = placeAwareSpec(spec);
    const all = rows();
    const st = setRows(aware, initTable<Param>('name'), all);
    const marks = new Set([aware.rowId(all[2]!)]);
    expect(st.rows.filter((r) => marks.has(aware.rowId(r))).map((r) => rowPlace(r)?.account)).toEqual(['222222222222']);
  });
});

describe('a changed copy of a placed row', () => {
  it('lives where the row did, so it keeps its id and columns until the next load', () => {
    const [a] = rows();
    const copy = samePlace({...a!, name: '/app/db2'}, a!);
    expect(rowPlace(copy)).toEqual(rowPlace(a));
    expect(rowPlace(samePlace({name: 'x'}, {name: 'unplaced'}))).toBeUndefined();
  });
});
