// A remote shell's bidi overrides and invisible format characters never reach the real terminal through a pane.
import {describe, expect, it} from 'vitest';
import {RemoteScreen} from '../../src/terminal/screen.js';

const BIDI = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
const plain = (row: string) => row.replace(/\x1b\[[0-9;]*m/g, '');

describe('RemoteScreen and bidi controls', () => {
  it('drops overrides the emulator keeps in a cell, shows one with a cell of its own as �, keeps the columns', async () => {
    const s = new RemoteScreen({cols: 20, rows: 2});
    // U+202E and U+200B join the cell before them; U+2066 gets a cell of its own.
    s.write('ab\u202ecd\u2066e\u200bf|');
    await s.flush();
    const row = s.render({cursor: false})[0] ?? '';
    expect(row).not.toMatch(BIDI);
    expect(plain(row)).toBe('abcd\ufffdef|'.padEnd(20));
  });
});
