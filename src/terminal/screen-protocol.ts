// The messages between shell panes' screens on the main thread and the emulators in the screen worker.
import type {MessagePort} from 'node:worker_threads';
import type {RenderOptions} from './screen.js';

/** Main thread → worker, in order on the worker's port. */
export type ToWorker =
  | {op: 'open'; id: number; cols: number; rows: number}
  | {op: 'write'; id: number; data: Uint8Array}
  | {op: 'resize'; id: number; cols: number; rows: number}
  | {op: 'close'; id: number}
  | {op: 'call'; id: number; seq: number; call: ScreenCall};

/** Questions answered synchronously: the main thread waits for the answer (see WorkerScreen). */
export type ScreenCall =
  | {fn: 'render'; options: RenderOptions}
  | {fn: 'text'; from: number; to: number}
  | {fn: 'lastOutput'}
  | {fn: 'search'; query: string; from: number; backward: boolean}
  | {fn: 'state'};

export interface ScreenState {
  scrollbackLength: number;
  length: number;
  baseY: number;
  cursorLine: number;
}

/** Worker → main thread, asynchronously. */
export type FromWorker =
  | {op: 'written'; id: number; writes: number}
  | {op: 'data'; id: number; data: string}
  | {op: 'bell'; id: number};

/** The answer to a call, on the reply port. */
export interface CallReply {
  seq: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

export const ANSWERED = 0;
export const ASKED = 1;
export const URGENT = 2;
/** The Int32 slots of WorkerSetup.signal. */
export const SIGNAL_SLOTS = 3;

/** What the worker is started with. */
export interface WorkerSetup {
  /**
   * Int32 slots: ANSWERED, the number of the last answered call (Atomics.notify wakes the waiting main thread);
   * ASKED, the number of the last call posted (the worker cuts a parse short when it is ahead of ANSWERED); URGENT,
   * the number of urgent writes posted (a small write to a screen with nothing in flight: an echo, a prompt), which
   * cut a parse short too, so they are parsed after at most one piece of another screen's flood.
   */
  signal: SharedArrayBuffer;
  replies: MessagePort;
}
