// Guards patches/ink+6.8.0.patch: Ink 6.8's incremental renderer moved the cursor up one line too few when the
// previous frame ended with a newline, so every update drew one line lower than the last.
import React from 'react';
import {describe, expect, it} from 'vitest';
import {Box, render, Text} from 'ink';
import xterm from '@xterm/headless';
import {until} from '../helpers/wait.js';

describe('Ink incremental rendering (patched)', () => {
  it('redraws changed lines in place, frame after frame', async () => {
    const term = new xterm.Terminal({cols: 40, rows: 10, allowProposedApi: true});
    let writes = 0;
    const stdout = Object.assign(new (await import('node:events')).EventEmitter(), {
      columns: 40, rows: 10, isTTY: true,
      write(d: string) {
        writes++;
        term.write(d.replace(/\n/g, '\r\n'));
        return true;
      },
    });
    const frame = (n: number) => (
      <Box flexDirection="column">
        <Text>top</Text>
        <Text>{`line ${n}`}</Text>
        <Text>bottom</Text>
      </Box>
    );
    const ink = render(frame(0), {stdout: stdout as unknown as NodeJS.WriteStream, incrementalRendering: true, patchConsole: false});
    await until(() => writes > 0, 'the first frame written');
    // Each frame is written on its own (not merged by Ink's throttle): the next waits for the last one's write.
    for (let n = 1; n <= 3; n++) {
      const written = writes;
      ink.rerender(frame(n));
      await until(() => writes > written, `frame ${n} written`);
    }
    ink.unmount();
    await new Promise<void>((r) => term.write('', r));
    const lines = [0, 1, 2, 3].map((y) => term.buffer.active.getLine(y)?.translateToString(true));
    expect(lines).toEqual(['top', 'line 3', 'bottom', '']);
  });

  it('reuses unchanged rows and redraws a moving highlight exactly (patched row cache)', async () => {
    const term = new xterm.Terminal({cols: 20, rows: 8, allowProposedApi: true});
    let writes = 0;
    const {EventEmitter} = await import('node:events');
    const stdout = Object.assign(new EventEmitter(), {
      columns: 20, rows: 8, isTTY: true,
      write(d: string) {
        writes++;
        term.write(d.replace(/\n/g, '\r\n'));
        return true;
      },
    });
    const list = (cursor: number) => (
      <Box flexDirection="column">
        {['alpha', 'beta', 'gamma', 'delta'].map((w, i) => (
          <Text key={w}>{i === cursor ? `\x1b[7m${w}\x1b[27m` : w}</Text>
        ))}
      </Box>
    );
    const ink = render(list(0), {stdout: stdout as unknown as NodeJS.WriteStream, incrementalRendering: true, patchConsole: false});
    await until(() => writes > 0, 'the first frame written');
    for (const c of [1, 2, 1, 3]) {
      const written = writes;
      ink.rerender(list(c));
      await until(() => writes > written, `the cursor on row ${c} written`);
    }
    ink.unmount();
    await new Promise<void>((r) => term.write('', r));
    const buf = term.buffer.active;
    const text = [0, 1, 2, 3].map((y) => buf.getLine(y)?.translateToString(true));
    const inverse = [0, 1, 2, 3].map((y) => Boolean(buf.getLine(y)?.getCell(0)?.isInverse()));
    expect(text).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(inverse).toEqual([false, false, false, true]);
  });
});
