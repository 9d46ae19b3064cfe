// The screen worker: the emulators of every shell pane, off the main thread. A flood of output is parsed here while
// the main thread stays free for keystrokes and frames; it asks for rows (and scroll-mode text) when it draws.
//
// Output waits in a queue per screen and is parsed one slice at a time, screens in turn, in pieces: a question
// (asked while the main thread waits) or an urgent write (an echo) cuts the slice short after the piece being
// parsed, and screens with little queued (the echo) are parsed before those with a flood.
import {parentPort, workerData} from 'node:worker_threads';
import {RemoteScreen} from './screen.js';
import {ANSWERED, ASKED, URGENT, type CallReply, type FromWorker, type ScreenCall, type ScreenState, type ToWorker,
  type WorkerSetup} from './screen-protocol.js';

/** The most output of one screen parsed in one turn before the next screen's (and messages) are looked at. */
const SLICE = 64 * 1024;
/** Output parsed between two looks for a waiting question (a fraction of a millisecond). */
const PIECE = 8 * 1024;

interface Entry {
  screen: RemoteScreen;
  queue: Uint8Array[];
  /** Bytes in the queue. */
  queued: number;
  /** Writes parsed and not yet reported. */
  parsed: number;
}

const setup = workerData as WorkerSetup;
const signal = new Int32Array(setup.signal);
const port = parentPort;
const screens = new Map<number, Entry>();
let pumping = false;

function post(message: FromWorker): void {
  port?.postMessage(message);
}

function open(id: number, cols: number, rows: number): void {
  const screen = new RemoteScreen({cols, rows});
  screen.onData((data) => post({op: 'data', id, data}));
  screen.onBell(() => post({op: 'bell', id}));
  screens.set(id, {screen, queue: [], queued: 0, parsed: 0});
}

const asked = (): boolean => Atomics.load(signal, ASKED) !== Atomics.load(signal, ANSWERED);
/** The number of urgent writes whose messages had been taken in when the current pump began. */
let urgentSeen = 0;
const hurried = (): boolean => Atomics.load(signal, URGENT) !== urgentSeen;

/**
 * Parses about `limit` bytes of the screen's queue (an empty write is a flush), or all of it; `yieldToCalls`: stops
 * early when the main thread waits for an answer.
 */
function parse(entry: Entry, limit: number, yieldToCalls = false): void {
  let size = 0;
  while (entry.queue.length > 0 && size < limit) {
    if (yieldToCalls && (asked() || hurried())) return;
    const data = entry.queue[0] as Uint8Array;
    const piece = yieldToCalls && data.byteLength > PIECE ? data.subarray(0, PIECE) : data;
    if (piece.byteLength > 0) entry.screen.writeNow(piece);
    size += piece.byteLength;
    entry.queued -= piece.byteLength;
    if (piece === data) {
      entry.queue.shift();
      entry.parsed++;
    } else {
      entry.queue[0] = data.subarray(piece.byteLength);
    }
  }
}

function report(id: number, entry: Entry): void {
  if (entry.parsed === 0) return;
  post({op: 'written', id, writes: entry.parsed});
  entry.parsed = 0;
}

/**
 * One slice of every screen with queued output, those with at most a piece queued first, then the event loop
 * (messages) again. Messages posted before an urgent write's signal have been taken in when a pump begins.
 */
function pump(): void {
  pumping = false;
  urgentSeen = Atomics.load(signal, URGENT);
  let more = false;
  for (const small of [true, false]) {
    for (const [id, entry] of screens) {
      if (entry.queue.length === 0 || (entry.queued <= PIECE) !== small) continue;
      parse(entry, SLICE, true);
      report(id, entry);
      if (entry.queue.length > 0) more = true;
    }
  }
  if (more) schedulePump();
}

function schedulePump(): void {
  if (pumping) return;
  pumping = true;
  setImmediate(pump);
}

function state(screen: RemoteScreen): ScreenState {
  return {scrollbackLength: screen.scrollbackLength, length: screen.length, baseY: screen.baseY, cursorLine: screen.cursorLine};
}

function answer(screen: RemoteScreen, call: ScreenCall): unknown {
  switch (call.fn) {
    case 'render':
      return screen.render(call.options);
    case 'text':
      return screen.text(call.from, call.to);
    case 'lastOutput':
      return screen.lastOutput();
    case 'search':
      return call.backward ? screen.searchBackward(call.query, call.from) : screen.searchForward(call.query, call.from);
    case 'state':
      return state(screen);
  }
}

function reply(message: CallReply): void {
  setup.replies.postMessage(message);
  Atomics.store(signal, ANSWERED, message.seq);
  Atomics.notify(signal, ANSWERED);
}

port?.on('message', (m: ToWorker) => {
  switch (m.op) {
    case 'open':
      open(m.id, m.cols, m.rows);
      return;
    case 'write': {
      const entry = screens.get(m.id);
      if (!entry) return;
      entry.queue.push(m.data);
      entry.queued += m.data.byteLength;
      schedulePump();
      return;
    }
    case 'resize': {
      const entry = screens.get(m.id);
      if (!entry) return;
      // Output written before the resize is parsed at the old size, as a terminal would have.
      parse(entry, Infinity);
      report(m.id, entry);
      entry.screen.resize(m.cols, m.rows);
      return;
    }
    case 'close': {
      const entry = screens.get(m.id);
      screens.delete(m.id);
      entry?.screen.dispose();
      return;
    }
    case 'call': {
      const entry = screens.get(m.id);
      if (!entry) {
        reply({seq: m.seq, ok: false, error: 'no such screen'});
        return;
      }
      // Everything written before a question about the text is part of the answer; rows to draw show what is
      // parsed so far (the main thread draws again when the rest is parsed).
      if (m.call.fn !== 'render') {
        parse(entry, Infinity);
        report(m.id, entry);
      }
      try {
        reply({seq: m.seq, ok: true, value: answer(entry.screen, m.call)});
      } catch (err) {
        reply({seq: m.seq, ok: false, error: err instanceof Error ? err.message : String(err)});
      }
      return;
    }
  }
});
