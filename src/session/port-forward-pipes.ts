/** A local connection's byte paths in a port forward: its own smux stream (mux mode) or the session itself (basic mode). */
import type net from 'node:net';

import type {MuxStream} from './mux-session.js';

/** What a pipe asks of its forward. */
export interface PipeHooks {
  /** False once the session the connection was attached to has been replaced: later local bytes are dropped. */
  live(): boolean;
  /** Bytes were passed on: `out` from the local client toward the remote port, `in` back to the client. */
  moved(direction: 'in' | 'out', bytes: number): void;
}

/** Mux mode: the connection and its smux stream carry each other's bytes and ends; `pace` runs after each local read. */
export function pipeThroughStream(socket: net.Socket, stream: MuxStream, hooks: PipeHooks & {pace(): void}): void {
  socket.on('data', (data: Buffer) => {
    if (!hooks.live()) return;
    stream.write(data);
    hooks.pace();
    hooks.moved('out', data.length);
  });
  socket.on('end', () => stream.end());
  socket.on('close', () => stream.end());
  stream.on('data', (data) => {
    socket.write(data);
    hooks.moved('in', data.length);
  });
  stream.on('end', () => socket.end());
}

/** Basic mode: local bytes go to `send` (the session itself); the session's output reaches the socket elsewhere. */
export function pipeIntoSession(socket: net.Socket, send: (data: Buffer) => void, hooks: PipeHooks): void {
  socket.on('data', (data: Buffer) => {
    if (!hooks.live()) return;
    send(data);
    hooks.moved('out', data.length);
  });
  socket.on('end', () => socket.end());
}
