// A remote screen: the bytes a shell prints go into @xterm/headless, and the screen comes out as one pre-styled
// string per row (SGR only, exactly `cols` cells wide) for Ink to draw. The emulator is the only way anything a
// remote program prints reaches the real terminal: only printable cell text and our own SGR codes come out.
//
// Rows are cached: xterm's input handler reports the rows each write touched (an internal event, the same one the
// browser renderer uses); only those rows, and rows whose cursor state changed, are rebuilt. When that event is not
// available (another xterm version) every write invalidates every row, which is correct, only slower.
import xterm from '@xterm/headless';
import type {IBufferCell, IBufferLine, Terminal as XTerminal} from '@xterm/headless';
import {cellChars} from '../fleet/sanitize.js';

const {Terminal} = xterm;

export const DEFAULT_SCROLLBACK = 10_000;

const FG_MODE_MASK = 0x3000000;
const MODE_P16 = 0x1000000;
const MODE_P256 = 0x2000000;
const MODE_RGB = 0x3000000;

export interface ScreenOptions {
  cols: number;
  rows: number;
  scrollback?: number;
}

/** The attributes of one cell, as the SGR parameters that recreate them ('' = default). */
function colorParams(mode: number, color: number, base: number): string {
  switch (mode) {
    case MODE_P16:
      return color < 8 ? `${base + color}` : `${base + 60 + color - 8}`;
    case MODE_P256:
      return color < 16 ? colorParams(MODE_P16, color, base) : `${base + 8};5;${color}`;
    case MODE_RGB:
      return `${base + 8};2;${(color >> 16) & 0xff};${(color >> 8) & 0xff};${color & 0xff}`;
    default:
      return '';
  }
}

function cellSgr(cell: IBufferCell, cursor: boolean): string {
  const parts: string[] = [];
  if (cell.isBold()) parts.push('1');
  if (cell.isDim()) parts.push('2');
  if (cell.isItalic()) parts.push('3');
  if (cell.isUnderline()) parts.push('4');
  // The cursor is drawn as inverse video (inverse again on an inverse cell shows it as normal, as terminals do).
  if (!cell.isInverse() !== !cursor) parts.push('7');
  if (cell.isInvisible()) parts.push('8');
  if (cell.isStrikethrough()) parts.push('9');
  const fg = colorParams(cell.getFgColorMode() & FG_MODE_MASK, cell.getFgColor(), 30);
  if (fg) parts.push(fg);
  const bg = colorParams(cell.getBgColorMode() & FG_MODE_MASK, cell.getBgColor(), 40);
  if (bg) parts.push(bg);
  return parts.join(';');
}

/** Row text with SGR: a reset-and-set sequence wherever the attributes change, a reset at the end if styled. */
export function renderLine(line: IBufferLine | undefined, cols: number, reuse: IBufferCell, cursorX: number): string {
  let out = '';
  let current = '';
  for (let x = 0; x < cols; x++) {
    const cell = line?.getCell(x, reuse);
    if (cell === undefined) {
      // Past the end of a short line: blank, or the cursor.
      const sgr = x === cursorX ? '7' : '';
      if (sgr !== current) {
        out += sgr === '' ? '\x1b[0m' : `\x1b[0;${sgr}m`;
        current = sgr;
      }
      out += ' ';
      continue;
    }
    const width = cell.getWidth();
    if (width === 0) continue; // the second half of a wide character
    const sgr = cellSgr(cell, x === cursorX);
    if (sgr !== current) {
      out += sgr === '' ? '\x1b[0m' : `\x1b[0;${sgr}m`;
      current = sgr;
    }
    const chars = cell.getChars();
    out += chars === '' ? ' ' : cellChars(chars); // bidi overrides and other invisibles never reach the terminal
  }
  if (current !== '') out += '\x1b[0m';
  return out;
}

export interface RenderOptions {
  /** Draw the cursor (the focused pane, while the remote program shows it). */
  cursor: boolean;
  /** Lines scrolled back from the bottom (scroll mode); 0 = the live screen. */
  scrollBack?: number;
}

/** What a shell pane needs of its emulated screen, wherever the emulator runs (this thread or a worker). */
export interface PaneScreen {
  readonly cols: number;
  readonly rows: number;
  /** Bytes handed to the emulator and not parsed yet. */
  readonly pendingBytes: number;
  /** Bytes a pane may hand over before the first of them is parsed (more when parsing does not block input). */
  readonly inFlightLimit: number;
  /** Parsing runs on another thread: it never delays this thread's input or frames. */
  readonly offThread: boolean;
  /** Feeds output bytes (the screen may take ownership of `data`); `done` runs once they are parsed. */
  write(data: Uint8Array, done?: () => void): void;
  flush(): Promise<void>;
  resize(cols: number, rows: number): void;
  readonly scrollbackLength: number;
  readonly length: number;
  readonly baseY: number;
  readonly cursorLine: number;
  render(options: RenderOptions): string[];
  text(from: number, to: number): string;
  lastOutput(): string;
  searchBackward(query: string, before: number): number | undefined;
  searchForward(query: string, after: number): number | undefined;
  /** The emulator's replies to the program (cursor position reports and the like). */
  onData(listener: (reply: string) => void): void;
  onBell(listener: () => void): void;
  dispose(): void;
}

export class RemoteScreen implements PaneScreen {
  readonly term: XTerminal;
  readonly offThread = false;
  /** One slice at a time: a keystroke never waits behind more than one parse pass. */
  readonly inFlightLimit = 1;
  private cache: (string | undefined)[] = [];
  /** The cursor column drawn in each cached row (-1 = none). */
  private cacheCursor: number[] = [];
  private cacheBase = -1;
  private cacheBuffer: string = '';
  private dirtyAll = true;
  private readonly reuse: IBufferCell;
  private readonly hasDirtyEvent: boolean;
  /** Rows rebuilt since construction (tests and benchmarks look at this). */
  rebuilt = 0;
  private pending = 0;

  constructor(options: ScreenOptions) {
    this.term = new Terminal({
      cols: Math.max(1, options.cols),
      rows: Math.max(1, options.rows),
      scrollback: options.scrollback ?? DEFAULT_SCROLLBACK,
      allowProposedApi: true,
      // Only Ink writes to the screen: the emulator's own warnings must not reach stderr.
      logLevel: 'off',
    });
    this.reuse = this.term.buffer.active.getNullCell();
    const input = (this.term as unknown as {_core?: {_inputHandler?: {onRequestRefreshRows?: unknown}}})._core?._inputHandler;
    const onRefresh = input?.onRequestRefreshRows;
    this.hasDirtyEvent = typeof onRefresh === 'function';
    if (this.hasDirtyEvent) {
      (onRefresh as (cb: (range: {start: number; end: number} | undefined) => void) => unknown).call(input, (range) => this.markDirty(range));
    }
    this.term.onResize(() => {
      this.dirtyAll = true;
    });
    this.term.buffer.onBufferChange(() => {
      this.dirtyAll = true;
    });
    // A full scrollback scrolls without moving baseY: every row moved.
    this.term.onScroll(() => {
      this.dirtyAll = true;
    });
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /** Bytes handed to the emulator and not parsed yet. */
  get pendingBytes(): number {
    return this.pending;
  }

  private markDirty(range: {start: number; end: number} | undefined): void {
    if (range === undefined) {
      this.dirtyAll = true;
      return;
    }
    for (let y = Math.max(0, range.start); y <= range.end && y < this.cache.length; y++) this.cache[y] = undefined;
  }

  /** Feeds output bytes; `done` runs once they are parsed. */
  write(data: Uint8Array | string, done?: () => void): void {
    const size = typeof data === 'string' ? data.length : data.byteLength;
    this.pending += size;
    this.term.write(data, () => {
      this.pending -= size;
      if (!this.hasDirtyEvent) this.dirtyAll = true;
      done?.();
    });
  }

  /**
   * Parses `data` now (the emulator's synchronous path, for a thread that does nothing else), falling back to the
   * queued write where that path is missing.
   */
  writeNow(data: Uint8Array): void {
    const core = (this.term as unknown as {_core?: {writeSync?: (d: Uint8Array) => void}})._core;
    if (typeof core?.writeSync !== 'function') {
      this.write(data);
      return;
    }
    core.writeSync(data);
    if (!this.hasDirtyEvent) this.dirtyAll = true;
  }

  onData(listener: (reply: string) => void): void {
    this.term.onData(listener);
  }

  onBell(listener: () => void): void {
    this.term.onBell(listener);
  }

  /** Resolves once everything written so far is parsed. */
  flush(): Promise<void> {
    return new Promise((resolve) => this.term.write('', resolve));
  }

  resize(cols: number, rows: number): void {
    const c = Math.max(1, Math.trunc(cols));
    const r = Math.max(1, Math.trunc(rows));
    if (c === this.term.cols && r === this.term.rows) return;
    this.term.resize(c, r);
    this.dirtyAll = true;
  }

  /** Lines available above the live screen (scrollback in use). */
  get scrollbackLength(): number {
    return this.term.buffer.active.baseY;
  }

  get cursorVisible(): boolean {
    const modes = (this.term as unknown as {_core?: {coreService?: {isCursorHidden?: boolean}}})._core?.coreService;
    return modes?.isCursorHidden !== true;
  }

  /** The screen as `rows` strings, each exactly `cols` cells wide. */
  render(options: RenderOptions): string[] {
    const buffer = this.term.buffer.active;
    const rows = this.term.rows;
    const cols = this.term.cols;
    const back = Math.max(0, Math.min(options.scrollBack ?? 0, buffer.baseY));
    if (back > 0) {
      // Scroll mode is rare and short-lived: no cache.
      const top = buffer.baseY - back;
      const out: string[] = [];
      for (let y = 0; y < rows; y++) out.push(renderLine(buffer.getLine(top + y), cols, this.reuse, -1));
      this.rebuilt += rows;
      return out;
    }
    if (this.dirtyAll || this.cacheBase !== buffer.baseY || this.cacheBuffer !== buffer.type || this.cache.length !== rows) {
      this.cache = new Array<string | undefined>(rows).fill(undefined);
      this.cacheCursor = new Array<number>(rows).fill(-1);
      this.cacheBase = buffer.baseY;
      this.cacheBuffer = buffer.type;
      this.dirtyAll = false;
    }
    const cursorShown = options.cursor && this.cursorVisible;
    const out: string[] = [];
    for (let y = 0; y < rows; y++) {
      const cursorX = cursorShown && y === buffer.cursorY ? Math.min(buffer.cursorX, cols - 1) : -1;
      let text = this.cache[y];
      if (text === undefined || this.cacheCursor[y] !== cursorX) {
        text = renderLine(buffer.getLine(buffer.baseY + y), cols, this.reuse, cursorX);
        this.cache[y] = text;
        this.cacheCursor[y] = cursorX;
        this.rebuilt++;
      }
      out.push(text);
    }
    return out;
  }

  /** Plain text of buffer lines [from, to) (absolute line numbers), right-trimmed, wrapped lines joined. */
  text(from: number, to: number): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = Math.max(0, from); y < Math.min(to, buffer.length); y++) {
      const line = buffer.getLine(y);
      if (line === undefined) continue;
      const s = line.translateToString(true);
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += s;
      else lines.push(s);
    }
    return lines.join('\n');
  }

  /**
   * The output of the last command: the lines between the previous prompt and the current one, found by the text
   * before the cursor on the cursor's line (the prompt). The whole screen when no earlier prompt is found.
   */
  lastOutput(): string {
    const cursorLine = this.cursorLine;
    const buffer = this.term.buffer.active;
    const prompt = buffer.getLine(cursorLine)?.translateToString(true, 0, buffer.cursorX).trim() ?? '';
    if (prompt !== '') {
      for (let y = cursorLine - 1; y >= 0; y--) {
        if (!buffer.getLine(y)?.translateToString(true).startsWith(prompt)) continue;
        // Skip the rest of a long command line (wrapped rows).
        let from = y + 1;
        while (from < cursorLine && buffer.getLine(from)?.isWrapped) from++;
        return this.text(from, cursorLine).replace(/\n+$/, '');
      }
    }
    return this.text(this.baseY, this.baseY + this.rows).replace(/\n+$/, '');
  }

  /** Total lines in the buffer (scrollback + screen). */
  get length(): number {
    return this.term.buffer.active.length;
  }

  /** Absolute line of the top of the live screen. */
  get baseY(): number {
    return this.term.buffer.active.baseY;
  }

  /** The absolute line of the cursor. */
  get cursorLine(): number {
    const b = this.term.buffer.active;
    return b.baseY + b.cursorY;
  }

  /**
   * The nearest line above `before` (absolute) whose text contains `query` (case-insensitive), or undefined.
   */
  searchBackward(query: string, before: number): number | undefined {
    const q = query.toLowerCase();
    if (q === '') return undefined;
    const buffer = this.term.buffer.active;
    for (let y = Math.min(before, buffer.length) - 1; y >= 0; y--) {
      if (buffer.getLine(y)?.translateToString(true).toLowerCase().includes(q)) return y;
    }
    return undefined;
  }

  /** The nearest line below `after` (absolute) containing `query`. */
  searchForward(query: string, after: number): number | undefined {
    const q = query.toLowerCase();
    if (q === '') return undefined;
    const buffer = this.term.buffer.active;
    for (let y = Math.max(0, after + 1); y < buffer.length; y++) {
      if (buffer.getLine(y)?.translateToString(true).toLowerCase().includes(q)) return y;
    }
    return undefined;
  }

  dispose(): void {
    this.term.dispose();
  }
}
