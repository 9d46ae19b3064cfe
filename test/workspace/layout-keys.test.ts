// The layout arithmetic (the sizes drawn are the sizes sent to the shells), the raw key splitter, the prefix key,
// and the stdin router that keeps shell keystrokes away from Ink.
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {
  arrange, gridLayout, pane, paneIds, paneRects, removePane, splitPane, terminalSize, type LayoutNode,
} from '../../src/workspace/layout.js';
import {isValidPrefixKey, nextKey, prefixChar, splitKeys} from '../../src/workspace/keys.js';
import {routeInput} from '../../src/workspace/input-router.js';
import {validateConfig} from '../../src/config/config.js';

const area = {x: 0, y: 0, width: 101, height: 31};

describe('layout', () => {
  it('shares width between side-by-side panes with one separator column, and height between stacked ones', () => {
    const row: LayoutNode = {kind: 'split', dir: 'row', children: [pane('a'), pane('b'), pane('c')]};
    const rects = paneRects(arrange(row, area));
    expect([...rects.values()].map((r) => r.width)).toEqual([33, 33, 33]);
    expect(rects.get('b')).toEqual({x: 34, y: 0, width: 33, height: 31});
    const col: LayoutNode = {kind: 'split', dir: 'column', children: [pane('a'), pane('b')]};
    const stacked = paneRects(arrange(col, area));
    expect(stacked.get('a')).toEqual({x: 0, y: 0, width: 101, height: 16});
    expect(stacked.get('b')).toEqual({x: 0, y: 16, width: 101, height: 15});
    // The title row is not part of the remote terminal.
    expect(terminalSize(stacked.get('b') ?? area)).toEqual({cols: 101, rows: 14});
  });

  it('fills the area exactly, whatever the tree', () => {
    const tree = splitPane(splitPane(gridLayout(['a', 'b', 'c', 'd', 'e']), 'b', 'column', 'f'), 'f', 'row', 'g');
    const rects = [...paneRects(arrange(tree, area)).values()];
    const cells = rects.reduce((n, r) => n + r.width * r.height, 0);
    const separators = 101 * 31 - cells;
    expect(separators).toBeGreaterThan(0);
    expect(separators).toBeLessThan(31 * 4);
    for (const r of rects) {
      expect(r.x + r.width).toBeLessThanOrEqual(101);
      expect(r.y + r.height).toBeLessThanOrEqual(31);
    }
  });

  it('lays out marked instances as a near-square grid of stacked rows', () => {
    expect(gridLayout(['a'])).toEqual(pane('a'));
    const four = gridLayout(['a', 'b', 'c', 'd']);
    expect(four).toMatchObject({kind: 'split', dir: 'column', children: [{dir: 'row'}, {dir: 'row'}]});
    expect(paneIds(gridLayout(['1', '2', '3', '4', '5', '6', '7', '8']))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it('splits next to the target, flattening same-direction splits, and collapses on removal', () => {
    const two = splitPane(pane('a'), 'a', 'row', 'b');
    expect(two).toEqual({kind: 'split', dir: 'row', children: [pane('a'), pane('b')]});
    const three = splitPane(two, 'a', 'row', 'c');
    expect(paneIds(three)).toEqual(['a', 'c', 'b']);
    const nested = splitPane(three, 'c', 'column', 'd');
    expect(nested).toMatchObject({children: [pane('a'), {dir: 'column', children: [pane('c'), pane('d')]}, pane('b')]});
    expect(removePane(removePane(nested, 'c') as LayoutNode, 'a')).toEqual({kind: 'split', dir: 'row', children: [pane('d'), pane('b')]});
    expect(removePane(pane('a'), 'a')).toBeUndefined();
  });
});

describe('raw keys', () => {
  it('names keys the way the keymap does', () => {
    expect(splitKeys('x\x1b[A\x1b[5~\r\t\x1b[Z\x7f \x07\x1d\x1bq\x1b').map((k) => k.name)).toEqual([
      'x', 'up', 'pgup', 'enter', 'tab', 'shift+tab', 'backspace', 'space', 'ctrl+g', 'ctrl+]', 'alt+q', 'esc',
    ]);
    expect(nextKey('漢x', 0)).toMatchObject({name: '漢', end: 1});
    expect(nextKey('\x1bOA', 0)).toMatchObject({name: 'up', end: 3});
  });

  it('accepts only single-byte control keys as the prefix, defaulting to neither ctrl+b nor ctrl+a', () => {
    expect(prefixChar('ctrl+g')).toBe('\x07');
    expect(prefixChar('ctrl+]')).toBe('\x1d');
    expect(isValidPrefixKey('ctrl+b')).toBe(true);
    expect(isValidPrefixKey('g')).toBe(false);
    expect(isValidPrefixKey('alt+g')).toBe(false);
    const dflt = validateConfig({}, 'c.json').prefixKey;
    expect(['ctrl+b', 'ctrl+a']).not.toContain(dflt);
    expect(validateConfig({prefixKey: 'ctrl+]'}, 'c.json').prefixKey).toBe('ctrl+]');
    expect(() => validateConfig({prefixKey: 'x'}, 'c.json')).toThrow(/prefixKey must be/);
  });
});

describe('the stdin router', () => {
  function setup(visible: boolean) {
    const real = Object.assign(new PassThrough(), {isTTY: false}) as unknown as NodeJS.ReadStream & PassThrough;
    const got: string[] = [];
    const sink = {
      state: {visible},
      handleInput(data: string) {
        got.push(data);
        // A key that hides the shells hands the rest on.
        const i = data.indexOf('!');
        if (i < 0) return '';
        this.state.visible = false;
        return data.slice(i + 1);
      },
    };
    const routed = routeInput(real, sink);
    routed.inkStdin.setEncoding('utf8');
    const ink: string[] = [];
    routed.inkStdin.on('data', (d: string) => ink.push(d));
    return {real, got, ink, routed};
  }
  const tick = () => new Promise((r) => setImmediate(r));

  it('gives Ink nothing while the shells are shown, and the rest once a key hides them', async () => {
    const {real, got, ink, routed} = setup(true);
    real.write(Buffer.from('ls\r\x1b[A'));
    real.write(Buffer.from('ab!jq'));
    await tick();
    expect(got).toEqual(['ls\r\x1b[A', 'ab!jq']);
    expect(ink.join('')).toBe('jq');
    real.write(Buffer.from('k'));
    await tick();
    expect(ink.join('')).toBe('jqk');
    routed.dispose();
  });

  it('never splits a UTF-8 character across reads', async () => {
    const {real, got, routed} = setup(true);
    const bytes = Buffer.from('é漢', 'utf8');
    real.write(bytes.subarray(0, 1));
    real.write(bytes.subarray(1, 3));
    real.write(bytes.subarray(3));
    await tick();
    expect(got.join('')).toBe('é漢');
    expect(got.every((g) => !g.includes('\ufffd'))).toBe(true);
    routed.dispose();
  });
});
