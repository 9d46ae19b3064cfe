/**
 * The client's WebSocket to the data channel (spec §2): dial the StreamUrl as given (no headers, no subprotocol),
 * send the OpenDataChannel text frame, then exchange binary frames. The session client only sees the small
 * {@link Transport} interface, so tests can substitute it.
 */
import {randomUUID} from 'node:crypto';
import {WebSocket, type RawData} from 'ws';

import {BurstWriter} from './burst-writer.js';
import {encodeOpenDataChannel} from './payloads.js';
import {CLIENT_VERSION} from './versions.js';

export interface TransportHandlers {
  /** One data-channel frame (binary, or text parsed the same way). */
  onFrame(frame: Buffer): void;
  /** The socket is gone (closed by either side, or failed). Called once. */
  onClose(info: {code: number; reason: string}): void;
}

export interface Transport {
  send(frame: Uint8Array): void;
  /** Keepalive ping (payload `keepalive`). */
  ping(): void;
  close(code?: number, reason?: string): void;
  readonly open: boolean;
}

export interface OpenTransportOptions {
  streamUrl: string;
  tokenValue: string;
  clientId: string;
  clientVersion?: string;
  handlers: TransportHandlers;
  /** Give up dialing after this long (default 10 s). */
  connectTimeoutMs?: number;
}

export type OpenTransport = (options: OpenTransportOptions) => Promise<Transport>;

let processClientId: string | undefined;

/** The ClientId: a uuid4 made once per process (spec §2). */
export function clientIdForProcess(): string {
  processClientId ??= randomUUID();
  return processClientId;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** Dials the data channel with `ws` and sends the first frame; resolves once that frame is on its way. */
export const openWebSocketTransport: OpenTransport = (options) =>
  new Promise<Transport>((resolve, reject) => {
    const ws = new WebSocket(options.streamUrl, {handshakeTimeout: options.connectTimeoutMs ?? 10_000, perMessageDeflate: false});
    let settled = false;
    let closed = false;
    // The TCP socket under the WebSocket: the frames of a burst (acks for a run of output, a chunked write) are
    // written there in one buffer and one syscall instead of one each, and those of a flood in a few.
    let writer: BurstWriter | undefined;
    ws.on('upgrade', (res) => {
      writer = new BurstWriter(res.socket, {mask: true, open: () => ws.readyState === WebSocket.OPEN});
    });
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      ws.terminate();
      reject(err);
    };
    ws.on('unexpected-response', (_req, res) => fail(new Error(`data channel refused: HTTP ${res.statusCode ?? '?'}`)));
    ws.on('error', (err) => fail(err));
    ws.on('message', (data) => {
      if (!closed) options.handlers.onFrame(toBuffer(data));
    });
    ws.on('close', (code, reason) => {
      if (closed) return;
      closed = true;
      if (!settled) {
        fail(new Error(`data channel closed while opening (${code})`));
        return;
      }
      options.handlers.onClose({code, reason: reason.toString('utf8')});
    });
    ws.on('open', () => {
      ws.send(
        encodeOpenDataChannel({
          requestId: randomUUID(),
          tokenValue: options.tokenValue,
          clientId: options.clientId,
          clientVersion: options.clientVersion ?? CLIENT_VERSION,
        }),
      );
      settled = true;
      resolve({
        send: (frame) => {
          if (ws.readyState !== WebSocket.OPEN) return;
          if (writer !== undefined) writer.send(frame);
          else ws.send(frame, {binary: true});
        },
        ping: () => {
          if (ws.readyState === WebSocket.OPEN) ws.ping(Buffer.from('keepalive'));
        },
        close: (code = 1000, reason = '') => {
          // What was sent before closing goes before the close frame.
          writer?.flush();
          if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) ws.close(code, reason);
          // Do not wait for the peer: the session is over for us either way.
          setTimeout(() => ws.terminate(), 1_000).unref();
        },
        get open() {
          return ws.readyState === WebSocket.OPEN;
        },
      });
    });
  });
