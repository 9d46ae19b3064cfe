// The `views` setting (the column picker's layouts): validated like every other field, a bad entry naming the view
// and the field; and the layout as the table applies it.
import {describe, expect, it} from 'vitest';
import {validateConfig} from '../../src/config/config.js';
import {applyLayout, openPicker, pickerLayout, stepWidth, toggleShown} from '../../src/fleet/column-layout.js';

const COLUMNS = [{title: 'ID', width: 20}, {title: 'NAME', width: 12, flex: true}, {title: 'PING', width: 8}];

describe('the views setting', () => {
  it('is empty by default and keeps valid layouts', () => {
    expect(validateConfig({}, 'c.json').views).toEqual({});
    const views = {instances: {columns: ['NAME', 'PING'], widths: {NAME: 24}}};
    expect(validateConfig({views}, 'c.json').views).toEqual(views);
  });

  it('names the view and the field that is wrong', () => {
    expect(() => validateConfig({views: []}, 'c.json')).toThrow(/c\.json: views must be an object such as/);
    expect(() => validateConfig({views: {instances: {columns: []}}}, 'c.json')).toThrow(/views\.instances\.columns must be a non-empty list/);
    expect(() => validateConfig({views: {instances: {widths: {NAME: 0}}}}, 'c.json')).toThrow(/views\.instances\.widths must map column titles to whole numbers of cells from 3 to 200/);
    expect(() => validateConfig({views: {instances: {order: ['ID']}}}, 'c.json')).toThrow(/views\.instances: unknown field "order"/);
  });
});

describe('a column layout', () => {
  it('orders, hides and caps the columns, skipping titles the view does not have', () => {
    const cols = applyLayout(COLUMNS, {columns: ['PING', 'GONE', 'NAME'], widths: {NAME: 9}});
    expect(cols.map((c) => c.title)).toEqual(['PING', 'NAME']);
    expect(cols[1]).toMatchObject({width: 9, flex: false});
    expect(applyLayout(COLUMNS, {columns: ['GONE']}).map((c) => c.title)).toEqual(['ID', 'NAME', 'PING']);
  });

  it('is what the picker leaves; the last shown column cannot be hidden', () => {
    let p = openPicker('instances', COLUMNS, {columns: ['NAME']});
    expect(p.items.map((i) => [i.title, i.shown])).toEqual([['NAME', true], ['ID', false], ['PING', false]]);
    p = toggleShown(p);
    expect(p.items[0]?.shown).toBe(true);
    p = stepWidth(stepWidth(p, -1), -1);
    expect(pickerLayout(p)).toEqual({columns: ['NAME'], widths: {NAME: 40}});
    expect(pickerLayout(stepWidth(stepWidth(p, 1), 1))).toEqual({columns: ['NAME']});
  });
});
