// Guards patches/ink+6.8.0.patch: a row written by one pre-styled line whose styles all close (a table row) goes
// to the terminal as written, without being split into cells and joined again (most of a 50,000-row filter
// keystroke's frame); a line that leaves a style open, or holds wide characters, still takes Ink's cell path.
import React from 'react';
import {expect, it} from 'vitest';
import {Box, render, Text} from 'ink';
import {until} from '../helpers/wait.js';
import {drawLines, xtermTty} from '../helpers/ink-tty.js';
import {stripAnsi} from '../helpers/ink.js';
import {highlight} from '../../src/components/style.js';

async function draw(lines: readonly string[]) {
  const {raw, term} = await drawLines(lines, 30);
  const screen = lines.map((_, y) => term.buffer.active.getLine(y)?.translateToString(true));
  return {raw, screen, term};
}

it('writes a balanced pre-styled row as is, and still closes a row that leaves a style open', async () => {
  const row = '\x1b[32mOnline\x1b[39m\x1b[32m ok\x1b[39m 3.3.1↑ … ● \x1b[7mcur\x1b[27m';
  const {raw, screen, term} = await draw([row, '\x1b[7mopen', 'after', '日本 wide']);
  expect(raw).toContain(row); // passed through: re-tokenized, its two green runs would have been merged into one
  expect(screen).toEqual(['Online ok 3.3.1↑ … ● cur', 'open', 'after', '日本 wide']);
  // The unclosed inverse ends with its row: "after" is drawn plain.
  const cell = term.buffer.active.getLine(2)?.getCell(0);
  expect(cell?.isInverse()).toBe(0);
  expect(term.buffer.active.getLine(1)?.getCell(0)?.isInverse()).not.toBe(0);
});

it('redraws a changed line with its blank runs erased and jumped over, and unchanged lines as one jump', async () => {
  const tty = xtermTty(40, 12);
  const {term} = tty;
  const frame = (cursor: number) => (
    <Box flexDirection="column">
      {Array.from({length: 10}, (_, i) => (
        <Text key={i}>{i === cursor ? `\x1b[7mrow ${i}${' '.repeat(20)}end\x1b[27m` : `row ${i}${' '.repeat(20)}\x1b[32mend\x1b[39m`}</Text>
      ))}
    </Box>
  );
  const ink = render(frame(1), {stdout: tty.stdout, incrementalRendering: true, patchConsole: false});
  await until(() => tty.raw.includes('row 9'), 'the first frame written');
  // Paint over the cells of the row that loses the highlight (cursor saved and restored): its redraw must leave the
  // blanks blank.
  term.write(`\x1b7\x1b[2;1H${'X'.repeat(28)}\x1b8`);
  tty.raw = '';
  ink.rerender(frame(2));
  await until(() => tty.raw.includes('\x1b[7mrow 2'), 'the moved highlight written');
  ink.unmount();
  await tty.settled();
  expect(tty.raw).toContain('row 1\x1b[20X\x1b[20C\x1b[32mend'); // the unhighlighted row: blanks erased, not written
  expect(tty.raw).toContain(`\x1b[7mrow 2${' '.repeat(20)}end\x1b[27m`); // the highlighted row is written whole
  expect(tty.raw).not.toContain('\x1b[E\x1b[E'); // the lines below are one jump
  const lines = Array.from({length: 10}, (_, y) => term.buffer.active.getLine(y)?.translateToString(true));
  expect(lines).toEqual(Array.from({length: 10}, (_, i) => `row ${i}${' '.repeat(20)}end`));
  expect(term.buffer.active.getLine(2)?.getCell(0)?.isInverse()).not.toBe(0);
  expect(term.buffer.active.getLine(1)?.getCell(0)?.isInverse()).toBe(0);
});

it('moves the cursor at 200 columns by rewriting only the cells that change, the padding of both rows jumped over', async () => {
  const cols = 200;
  const tty = xtermTty(cols, 30);
  const {term} = tty;
  // Rows shaped like the instance table's: a wide padded name, coloured status and counts, a cursor row in highlight.
  const cells = (i: number) => [
    `  i-0${String(i).padStart(16, '7')}  ${`web-prod-${i}`.padEnd(60)} `,
    ['Online', ' Ubuntu 22.04       3.3.1345.0     3m10s 10.2.64.', String(10 + i).padEnd(10), '  '],
    [String(i % 3).padStart(5), ' ', String(i % 2).padStart(4), ' ', '     0'],
  ] as const;
  const row = (i: number, cursor: boolean) => {
    const [head, mid, tail] = cells(i);
    if (cursor) return highlight(head + mid.join('') + tail.join(''));
    return `${head}\x1b[32m${mid[0]}\x1b[39m${mid.slice(1).join('')}\x1b[31m${tail[0]}\x1b[39m ${tail[2]} \x1b[90m${tail[4]}\x1b[39m`;
  };
  const frame = (cursor: number) => (
    <Box flexDirection="column">
      {Array.from({length: 25}, (_, i) => <Text key={i}>{row(i, i === cursor)}</Text>)}
    </Box>
  );
  const ink = render(frame(3), {stdout: tty.stdout, incrementalRendering: true, patchConsole: false});
  await until(() => tty.raw.includes('web-prod-24'), 'the first frame written');
  const moves: number[] = [];
  for (const cursor of [4, 5, 4]) {
    const written = tty.writes;
    tty.raw = '';
    ink.rerender(frame(cursor));
    await until(() => tty.writes > written, `the cursor on row ${cursor} written`);
    moves.push(Buffer.byteLength(tty.raw));
  }
  ink.unmount();
  await tty.settled();
  // Both rows rewritten whole cost over 350 bytes; only their differing cells and the jumps between them, about 300.
  for (const bytes of moves) expect(bytes).toBeLessThanOrEqual(320);
  const buf = term.buffer.active;
  const text = Array.from({length: 25}, (_, y) => buf.getLine(y)?.translateToString(true));
  expect(text).toEqual(Array.from({length: 25}, (_, i) => stripAnsi(row(i, false))));
  // The cursor row's text is inverse, and no other row keeps any inverse cell.
  const inverseRows = Array.from({length: 25}, (_, y) => y).filter((y) =>
    Array.from({length: cols}, (_, x) => buf.getLine(y)?.getCell(x)?.isInverse()).some(Boolean));
  expect(inverseRows).toEqual([4]);
  expect(buf.getLine(4)?.getCell(2)?.isInverse()).not.toBe(0);
  expect(buf.getLine(4)?.getCell(84)?.isInverse()).not.toBe(0); // Online
});
