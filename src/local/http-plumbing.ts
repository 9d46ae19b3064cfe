// The HTTP plumbing of the local fleet's endpoint: bounded body reads, answering before a body is read, request
// targets, and listening on loopback.

import type {IncomingMessage, Server, ServerResponse} from 'node:http';

export const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** After answering a request whose body was not read, how long the rest is discarded before the socket closes. */
const LINGER_MS = 2_000;

/** The body, or undefined once it passes MAX_BODY_BYTES (declared or received): nothing more is kept. */
export function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      chunks.length = 0;
      resolve(undefined);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Sets up the close of a connection whose request is answered before its body was read (or all of it): the answer
 * goes out with `Connection: close`, the rest of the body is discarded (never kept) so the client reads the answer
 * instead of a reset, and the socket closes after a short linger whatever the client still sends.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  res.setHeader('Connection', 'close');
  res.once('finish', () => {
    req.removeAllListeners('data');
    req.resume();
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.socket.once('close', () => clearTimeout(timer));
  });
}

/** Path and query of a request target, whatever it holds ('//' is a path, not a scheme-relative URL). */
export function splitTarget(raw: string): {path: string; search: string; query: URLSearchParams} {
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const search = q < 0 ? '' : raw.slice(q);
  return {path: path.startsWith('/') ? path : `/${path}`, search, query: new URLSearchParams(search)};
}

export function queryRecord(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of search) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`Cannot start the local fleet: port ${port} on ${HOST} is already in use`)
          : new Error(`Cannot start the local fleet on ${HOST}:${port}: ${err.message}`),
      );
    };
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('the local fleet server has no TCP address'));
      else resolve(address.port);
    });
  });
}

