// Guards patches/ink+6.8.0.patch for shell panes: a pane row in 256 or true colour (as RemoteScreen draws a
// coloured log) goes to the terminal as written, not split into cells and joined again on every frame of a
// flooding pane; a row that leaves such a colour open still takes Ink's cell path, which closes it.
import {expect, it} from 'vitest';
import {RemoteScreen} from '../../src/terminal/screen.js';
import {drawLines} from '../helpers/ink-tty.js';

const COLS = 60;

const draw = (lines: readonly string[]) => drawLines(lines, COLS);

it('passes a pane row in 256 and true colour through as written, with its colours intact', async () => {
  const screen = new RemoteScreen({cols: COLS, rows: 3});
  await new Promise<void>((r) => screen.term.write(
    '\x1b[33m0000001\x1b[0m \x1b[1;38;5;200mINFO\x1b[0m \x1b[38;2;10;20;30mservice-1\x1b[0m \x1b[48;5;17mhandled\x1b[0m\r\n', r));
  const row = screen.render({cursor: false})[0] ?? '';
  expect(row).toContain('38;5;200');
  const {raw, term} = await draw([row, 'after']);
  expect(raw).toContain(row.trimEnd()); // re-tokenized, `0;1;38;5;200` would have been split into separate sequences
  const line = term.buffer.active.getLine(0);
  expect(line?.translateToString(true)).toBe('0000001 INFO service-1 handled');
  const info = line?.getCell(8);
  expect(info?.isBold()).not.toBe(0);
  expect(info?.getFgColor()).toBe(200);
  expect(line?.getCell(13)?.getFgColor()).toBe((10 << 16) | (20 << 8) | 30);
  expect(line?.getCell(23)?.getBgColor()).toBe(17);
  expect(term.buffer.active.getLine(1)?.getCell(0)?.isFgDefault()).toBe(true);
});

it('still closes a row that leaves a 256 or true colour open', async () => {
  const {term} = await draw(['\x1b[38;5;200mopen', 'after', '\x1b[48;2;1;2;3mopen bg', 'after']);
  expect(term.buffer.active.getLine(0)?.getCell(0)?.getFgColor()).toBe(200);
  expect(term.buffer.active.getLine(1)?.getCell(0)?.isFgDefault()).toBe(true);
  expect(term.buffer.active.getLine(3)?.getCell(0)?.isBgDefault()).toBe(true);
});
