// A terminal for Ink frame tests: a TTY stdout whose writes land in a headless xterm (the screen as a user sees it)
// and are also kept raw (the bytes Ink sent).
import React from 'react';
import {EventEmitter} from 'node:events';
import {Box, render, Text} from 'ink';
import xterm from '@xterm/headless';
import {until} from './wait.js';

export interface XtermTty {
  readonly term: xterm.Terminal;
  readonly stdout: NodeJS.WriteStream;
  /** The bytes written since this was last cleared. */
  raw: string;
  /** How many writes Ink made. */
  writes: number;
  /** Resolves once the terminal has parsed everything written so far. */
  settled(): Promise<void>;
}

export function xtermTty(cols: number, rows: number): XtermTty {
  const term = new xterm.Terminal({cols, rows, allowProposedApi: true});
  const tty: XtermTty = {
    term,
    stdout: Object.assign(new EventEmitter(), {
      columns: cols, rows, isTTY: true,
      write(d: string) {
        tty.raw += d;
        tty.writes++;
        term.write(d.replace(/\n/g, '\r\n'));
        return true;
      },
    }) as unknown as NodeJS.WriteStream,
    raw: '',
    writes: 0,
    settled: () => new Promise<void>((r) => term.write('', r)),
  };
  return tty;
}

/** Draws `lines` once (a truncated Text each, incremental rendering) and returns what reached the terminal. */
export async function drawLines(lines: readonly string[], cols: number): Promise<{raw: string; term: xterm.Terminal}> {
  const tty = xtermTty(cols, 8);
  const ink = render(
    <Box flexDirection="column">{lines.map((l, i) => <Text key={i} wrap="truncate-end">{l}</Text>)}</Box>,
    {stdout: tty.stdout, incrementalRendering: true, patchConsole: false},
  );
  await until(() => tty.raw !== '', 'the frame written');
  ink.unmount();
  await tty.settled();
  return {raw: tty.raw, term: tty.term};
}
