// The remote screen: real escape sequences in, pre-styled rows out; the row cache never serves a stale row.
import {describe, expect, it} from 'vitest';
import {RemoteScreen, renderLine} from '../../src/terminal/screen.js';

const ESC = '\x1b';

async function screenWith(text: string, cols = 20, rows = 4, scrollback?: number): Promise<RemoteScreen> {
  const s = new RemoteScreen({cols, rows, ...(scrollback === undefined ? {} : {scrollback})});
  s.write(text);
  await s.flush();
  return s;
}

/** Row text without SGR. */
const plain = (row: string) => row.replace(/\x1b\[[0-9;]*m/g, '');

/** Every row rendered from scratch, bypassing the cache. */
function uncached(s: RemoteScreen, cursor: boolean): string[] {
  const b = s.term.buffer.active;
  const reuse = b.getNullCell();
  return Array.from({length: s.rows}, (_, y) =>
    renderLine(b.getLine(b.baseY + y), s.cols, reuse, cursor && y === b.cursorY ? b.cursorX : -1));
}

describe('RemoteScreen rendering', () => {
  it('renders rows exactly cols cells wide with plain text where nothing is styled', async () => {
    const s = await screenWith('hello\r\nworld');
    const rows = s.render({cursor: false});
    expect(rows).toHaveLength(4);
    expect(rows[0]).toBe('hello'.padEnd(20));
    expect(rows[1]).toBe('world'.padEnd(20));
    expect(rows.every((r) => plain(r).length === 20)).toBe(true);
  });

  it('keeps 16, 256 and truecolour foregrounds and backgrounds', async () => {
    const s = await screenWith(`${ESC}[31mR${ESC}[92mG${ESC}[38;5;208mO${ESC}[38;2;10;20;30mT${ESC}[44mB${ESC}[48;5;17mX${ESC}[48;2;1;2;3mY${ESC}[0m.`);
    const row = s.render({cursor: false})[0] ?? '';
    expect(row).toContain(`${ESC}[0;31mR`);
    expect(row).toContain(`${ESC}[0;92mG`);
    expect(row).toContain(`${ESC}[0;38;5;208mO`);
    expect(row).toContain(`${ESC}[0;38;2;10;20;30mT`);
    expect(row).toContain(`${ESC}[0;38;2;10;20;30;44mB`);
    expect(row).toContain(`${ESC}[0;38;2;10;20;30;48;5;17mX`);
    expect(row).toContain(`${ESC}[0;38;2;10;20;30;48;2;1;2;3mY`);
    expect(row).toContain(`${ESC}[0m.`);
    expect(plain(row)).toBe('RGOTBXY.'.padEnd(20));
  });

  it('keeps bold, dim, italic, underline and inverse', async () => {
    const s = await screenWith(`${ESC}[1ma${ESC}[22;2mb${ESC}[22;3mc${ESC}[23;4md${ESC}[24;7me${ESC}[0mf`);
    const row = s.render({cursor: false})[0] ?? '';
    for (const [sgr, ch] of [['1', 'a'], ['2', 'b'], ['3', 'c'], ['4', 'd'], ['7', 'e']]) expect(row).toContain(`${ESC}[0;${sgr}m${ch}`);
    expect(row).toContain(`${ESC}[0mf`);
  });

  it('draws the cursor as inverse only when asked, and not when the program hides it', async () => {
    const s = await screenWith('ab');
    expect(s.render({cursor: true})[0]).toBe(`ab${ESC}[0;7m ${ESC}[0m${' '.repeat(17)}`);
    expect(s.render({cursor: false})[0]).toBe('ab'.padEnd(20));
    s.write(`${ESC}[?25l`);
    await s.flush();
    expect(s.render({cursor: true})[0]).toBe('ab'.padEnd(20));
  });

  it('never lets control sequences through: only cell text and its own SGR come out', async () => {
    const s = await screenWith(`${ESC}]52;c;aGk=\x07${ESC}[2J${ESC}[Hsafe${ESC}P1$r${ESC}\\\x9b31m`);
    const all = s.render({cursor: false}).join('\n');
    expect(all.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(plain(s.render({cursor: false})[0] ?? '')).toMatch(/^safe/);
  });

  it('lays out wide characters in two cells', async () => {
    const s = await screenWith('漢字x');
    expect(plain(s.render({cursor: false})[0] ?? '')).toBe('漢字x' + ' '.repeat(15));
  });

  it('runs full-screen programs on the alternate screen and restores the normal one after', async () => {
    const s = await screenWith('shell$ ');
    s.write(`${ESC}[?1049h${ESC}[H${ESC}[2Jvim-like`);
    await s.flush();
    expect(plain(s.render({cursor: false})[0] ?? '').trim()).toBe('vim-like');
    s.write(`${ESC}[?1049l`);
    await s.flush();
    expect(plain(s.render({cursor: false})[0] ?? '').trim()).toBe('shell$');
  });
});

describe('RemoteScreen row cache', () => {
  it('rebuilds only the rows a write touched', async () => {
    const s = await screenWith('one\r\ntwo\r\nthree', 20, 12);
    s.render({cursor: false});
    const before = s.rebuilt;
    s.write(`${ESC}[2;1HTWO`);
    await s.flush();
    const rows = s.render({cursor: false});
    // Row 2 (TWO) and the row the cursor left (xterm marks both); not the other ten.
    expect(s.rebuilt - before).toBeLessThanOrEqual(2);
    expect(plain(rows[1] ?? '').trim()).toBe('TWO');
    // Nothing changed: nothing rebuilt.
    const again = s.rebuilt;
    s.render({cursor: false});
    expect(s.rebuilt).toBe(again);
  });

  it('matches a from-scratch render after scrolling, resizing, cursor moves and a full scrollback', async () => {
    const s = new RemoteScreen({cols: 30, rows: 6, scrollback: 50});
    const check = async (chunk: string, cursor: boolean) => {
      s.write(chunk);
      await s.flush();
      expect(s.render({cursor})).toEqual(uncached(s, cursor));
    };
    await check('a\r\nb\r\nc', true);
    await check(`${ESC}[32mgreen${ESC}[0m\r\n`, true);
    for (let i = 0; i < 120; i++) await check(`line ${i} ${ESC}[3${i % 8}mcol${ESC}[0m\r\n`, i % 2 === 0);
    expect(s.scrollbackLength).toBe(50);
    await check(`${ESC}[3;5Hx`, true);
    s.resize(24, 8);
    await check('after resize', true);
    await check(`${ESC}[?1049hALT${ESC}[?1049l`, true);
  });

  it('keeps 10,000 lines of scrollback by default, readable in scroll mode', async () => {
    const s = new RemoteScreen({cols: 40, rows: 10});
    let text = '';
    for (let i = 0; i < 12_000; i++) text += `row-${i}\r\n`;
    s.write(text);
    await s.flush();
    expect(s.scrollbackLength).toBe(10_000);
    const top = s.render({cursor: false, scrollBack: 10_000});
    expect(plain(top[0] ?? '').trim()).toBe('row-1991');
    expect(s.searchBackward('row-5000', s.length)).toBe(5000 - 1991);
  });
});
