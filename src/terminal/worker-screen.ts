// Shell panes' screens whose emulator runs in the screen worker (see screen-worker.ts), one for every pane. Parsing a
// flood of output takes most of a core; there it never delays the main thread's keystrokes and frames, and another
// pane's echo waits at most one slice of it (the worker takes the screens in turn). Output is posted to the
// worker; the few questions the main thread asks (the rows to draw, scroll-mode text and search) are answered
// synchronously: the main thread posts the question and waits on a shared slot for the answer, which the worker
// gives within a fraction of a millisecond (it cuts its parse short when asked).
import {MessageChannel, Worker, receiveMessageOnPort, type MessagePort} from 'node:worker_threads';
import {log} from '../log.js';
import {workerEntry} from '../worker-entry.js';
import {RemoteScreen, type PaneScreen, type RenderOptions, type ScreenOptions} from './screen.js';
import {ANSWERED, ASKED, SIGNAL_SLOTS, URGENT, type CallReply, type FromWorker, type ScreenCall, type ScreenState,
  type ToWorker, type WorkerSetup} from './screen-protocol.js';

/** Longer than any answer takes (one slice of parse and one render): past it the worker is taken for dead. */
const CALL_TIMEOUT_MS = 5000;

/**
 * Output a pane may have in its worker at once: enough that the worker does not wait for a main thread busy with a
 * frame (a few ms of parse).
 */
const IN_FLIGHT_LIMIT = 192 * 1024;

/** A write at most this large to a screen with nothing in flight is urgent (the worker's piece of parsing). */
const URGENT_BYTES = 8 * 1024;

/**
 * The worker's young generation: parsing makes short-lived garbage fast, and V8's default lets a worker's resident
 * size grow by tens of MB before it collects. 16 MB: a sixth less CPU for a flood's parse than 4 MB (fewer
 * collections), for about 1.5 MB more per pane with 10,000 lines of scrollback each (six panes).
 */
const YOUNG_GENERATION_MB = 16;

class ScreenWorkerHost {
  private readonly worker: Worker;
  private readonly signal: Int32Array;
  private readonly replies: MessagePort;
  private readonly screens = new Map<number, WorkerScreen>();
  private nextId = 1;
  private seq = 0;
  dead: string | undefined;

  constructor(entry: URL) {
    const shared = new SharedArrayBuffer(SIGNAL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    this.signal = new Int32Array(shared);
    const {port1, port2} = new MessageChannel();
    this.replies = port1;
    const setup: WorkerSetup = {signal: shared, replies: port2};
    this.worker = new Worker(entry, {workerData: setup, transferList: [port2], stdout: true, stderr: true,
      resourceLimits: {maxYoungGenerationSizeMb: YOUNG_GENERATION_MB}});
    // The worker never keeps the process alive: panes close their screens, and the process may end before.
    this.worker.unref();
    this.worker.on('message', (m: FromWorker) => this.screens.get(m.id)?.receive(m));
    this.worker.on('error', (err) => this.fail(`screen worker failed: ${err.message}`));
    this.worker.on('exit', (code) => this.fail(`screen worker exited (${code})`));
  }

  private fail(why: string): void {
    if (this.dead !== undefined) return;
    this.dead = why;
    log.error(why);
  }

  open(screen: WorkerScreen, cols: number, rows: number): number {
    const id = this.nextId++;
    this.screens.set(id, screen);
    this.post({op: 'open', id, cols, rows});
    return id;
  }

  close(id: number): void {
    this.screens.delete(id);
    this.post({op: 'close', id});
    if (this.screens.size > 0) return;
    this.dead ??= 'closed';
    void this.worker.terminate();
  }

  post(message: ToWorker, transfer?: ArrayBuffer[]): void {
    if (this.dead === undefined) this.worker.postMessage(message, transfer);
  }

  /** Tells the worker, busy with another screen's flood, that an urgent write has been posted (after posting it). */
  hurry(): void {
    Atomics.add(this.signal, URGENT, 1);
  }

  /** Asks the worker and waits for the answer; undefined when the worker is gone. */
  call(id: number, call: ScreenCall): unknown {
    if (this.dead !== undefined) return undefined;
    const seq = ++this.seq;
    Atomics.store(this.signal, ASKED, seq);
    this.worker.postMessage({op: 'call', id, seq, call} satisfies ToWorker);
    const deadline = Date.now() + CALL_TIMEOUT_MS;
    for (;;) {
      const got = receiveMessageOnPort(this.replies) as {message: CallReply} | undefined;
      if (got !== undefined) {
        if (got.message.seq !== seq) continue; // the late answer to a call that timed out
        if (!got.message.ok) throw new Error(got.message.error ?? 'screen call failed');
        return got.message.value;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        this.fail('screen worker did not answer');
        return undefined;
      }
      // Sleeps until the worker stores the number of a newer answer (at once if it already has).
      const answered = Atomics.load(this.signal, ANSWERED);
      Atomics.wait(this.signal, ANSWERED, answered, answered === seq ? 1 : left);
    }
  }
}

const EMPTY_STATE: ScreenState = {scrollbackLength: 0, length: 0, baseY: 0, cursorLine: 0};

export class WorkerScreen implements PaneScreen {
  readonly offThread = true;
  readonly inFlightLimit = IN_FLIGHT_LIMIT;
  private readonly id: number;
  private c: number;
  private r: number;
  private pending = 0;
  /** Sizes and callbacks of the writes not yet parsed, in order. */
  private readonly writes: {size: number; done: (() => void) | undefined}[] = [];
  private dataListener: ((reply: string) => void) | undefined;
  private bellListener: (() => void) | undefined;
  private disposed = false;

  constructor(private readonly host: ScreenWorkerHost, options: ScreenOptions) {
    this.c = Math.max(1, Math.trunc(options.cols));
    this.r = Math.max(1, Math.trunc(options.rows));
    this.id = host.open(this, this.c, this.r);
  }

  get cols(): number {
    return this.c;
  }

  get rows(): number {
    return this.r;
  }

  get pendingBytes(): number {
    return this.pending;
  }

  receive(m: FromWorker): void {
    switch (m.op) {
      case 'written':
        for (let i = 0; i < m.writes; i++) {
          const w = this.writes.shift();
          if (!w) break;
          this.pending -= w.size;
          w.done?.();
        }
        return;
      case 'data':
        this.dataListener?.(m.data);
        return;
      case 'bell':
        this.bellListener?.();
    }
  }

  write(data: Uint8Array, done?: () => void): void {
    if (this.disposed) return;
    // Moved, not copied, when the bytes are alone in their buffer (a slice put together for us); else one copy.
    const owned = data.byteOffset === 0 && data.buffer instanceof ArrayBuffer && data.buffer.byteLength === data.byteLength
      ? data : new Uint8Array(data);
    const urgent = this.pending === 0 && owned.byteLength > 0 && owned.byteLength <= URGENT_BYTES;
    this.pending += owned.byteLength;
    this.writes.push({size: owned.byteLength, done});
    this.host.post({op: 'write', id: this.id, data: owned}, [owned.buffer as ArrayBuffer]);
    if (urgent) this.host.hurry();
  }

  flush(): Promise<void> {
    return new Promise((resolve) => this.write(new Uint8Array(0), resolve));
  }

  resize(cols: number, rows: number): void {
    const c = Math.max(1, Math.trunc(cols));
    const r = Math.max(1, Math.trunc(rows));
    if (c === this.c && r === this.r) return;
    this.c = c;
    this.r = r;
    this.host.post({op: 'resize', id: this.id, cols: c, rows: r});
  }

  private state(): ScreenState {
    return (this.host.call(this.id, {fn: 'state'}) as ScreenState | undefined) ?? EMPTY_STATE;
  }

  get scrollbackLength(): number {
    return this.state().scrollbackLength;
  }

  get length(): number {
    return this.state().length;
  }

  get baseY(): number {
    return this.state().baseY;
  }

  get cursorLine(): number {
    return this.state().cursorLine;
  }

  render(options: RenderOptions): string[] {
    const rows = this.host.call(this.id, {fn: 'render', options}) as string[] | undefined;
    return rows ?? new Array<string>(this.r).fill(' '.repeat(this.c));
  }

  text(from: number, to: number): string {
    return (this.host.call(this.id, {fn: 'text', from, to}) as string | undefined) ?? '';
  }

  lastOutput(): string {
    return (this.host.call(this.id, {fn: 'lastOutput'}) as string | undefined) ?? '';
  }

  searchBackward(query: string, before: number): number | undefined {
    return this.host.call(this.id, {fn: 'search', query, from: before, backward: true}) as number | undefined;
  }

  searchForward(query: string, after: number): number | undefined {
    return this.host.call(this.id, {fn: 'search', query, from: after, backward: false}) as number | undefined;
  }

  onData(listener: (reply: string) => void): void {
    this.dataListener = listener;
  }

  onBell(listener: () => void): void {
    this.bellListener = listener;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.host.close(this.id);
  }
}

let builtEntry: URL | null | undefined;
/** The worker of each entry while it holds a pane. */
const shared = new Map<string, ScreenWorkerHost>();

/**
 * A pane's screen: in the screen worker when the worker's entry is built next to this module (the CLI) or given,
 * else in this thread (the sources under test). Both answer the same questions the same way. One worker holds every
 * pane's emulator (a worker of its own would cost each pane about 11 MB more); it ends with the last pane.
 */
export function createPaneScreen(options: ScreenOptions, entry: URL | undefined = defaultEntry()): PaneScreen {
  if (entry === undefined) return new RemoteScreen(options);
  let host = shared.get(entry.href);
  if (host === undefined || host.dead !== undefined) {
    host = new ScreenWorkerHost(entry);
    shared.set(entry.href, host);
  }
  return new WorkerScreen(host, options);
}

function defaultEntry(): URL | undefined {
  if (builtEntry === undefined) builtEntry = workerEntry('screen-worker', import.meta.url) ?? null;
  return builtEntry ?? undefined;
}
