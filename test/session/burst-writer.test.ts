// The frames of a burst leave their socket in one write of one buffer; during a flood, small bursts are held (up to
// a millisecond) and leave together; a lone frame after a quiet spell, and a large burst, are never held.
import {once} from 'node:events';
import type {AddressInfo} from 'node:net';
import {Writable} from 'node:stream';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {WebSocket, WebSocketServer} from 'ws';

import {BurstWriter} from '../../src/session/burst-writer.js';

/** The number of WebSocket frames in `buf` (unmasked, payloads under 126 bytes). */
function frameCount(buf: Buffer): number {
  let n = 0;
  for (let at = 0; at < buf.length; at += 2 + ((buf[at + 1] ?? 0) & 0x7f)) n++;
  return n;
}

/** A real stream that records how many frames each write to the "kernel" carried, and how many buffers it took. */
function socket(): {stream: Writable; writes: number[]; buffers: number[]} {
  const writes: number[] = [];
  const buffers: number[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes.push(frameCount(chunk));
      buffers.push(1);
      callback();
    },
    writev(chunks, callback) {
      writes.push(chunks.reduce((n, c) => n + frameCount(c.chunk as Buffer), 0));
      buffers.push(chunks.length);
      callback();
    },
  });
  return {stream, writes, buffers};
}

const open = {mask: false, open: () => true};

/** `count` frames sent in one tick. */
function burst(writer: BurstWriter, count: number): void {
  for (let i = 0; i < count; i++) writer.send(Buffer.from([i]));
}

const endOfTick = (): Promise<void> => new Promise((resolve) => process.nextTick(resolve));

describe('BurstWriter', () => {
  beforeEach(() => {
    vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'performance']});
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the frames of one tick in one write of one buffer, and a lone frame at the end of its tick', async () => {
    const {stream, writes, buffers} = socket();
    const writer = new BurstWriter(stream, open);
    burst(writer, 3);
    expect(writes).toEqual([]);
    await endOfTick();
    expect(writes).toEqual([3]);
    expect(buffers).toEqual([1]);
    vi.advanceTimersByTime(10);
    burst(writer, 1);
    await endOfTick();
    expect(writes).toEqual([3, 1]);
  });

  it('holds the small bursts of a flood for a millisecond and sends them together', async () => {
    const {stream, writes} = socket();
    const writer = new BurstWriter(stream, open);
    burst(writer, 4);
    await endOfTick();
    expect(writes).toEqual([4]);
    // Right after: small bursts, one a tick (a pty read each), wait for each other.
    burst(writer, 2);
    await endOfTick();
    expect(writer.holding).toBe(true);
    burst(writer, 3);
    await endOfTick();
    expect(writes).toEqual([4]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual([4, 5]);
    expect(writer.holding).toBe(false);
  });

  it('sends a held flood at once when it has grown large, and a large burst without holding it', async () => {
    const {stream, writes} = socket();
    const writer = new BurstWriter(stream, open);
    burst(writer, 4);
    await endOfTick();
    burst(writer, 2);
    await endOfTick();
    expect(writer.holding).toBe(true);
    burst(writer, 30);
    await endOfTick();
    expect(writes).toEqual([4, 32]);
    burst(writer, 30);
    await endOfTick();
    expect(writes).toEqual([4, 32, 30]);
  });

  it('does not hold a small burst after a quiet spell', async () => {
    const {stream, writes} = socket();
    const writer = new BurstWriter(stream, open);
    burst(writer, 8);
    await endOfTick();
    vi.advanceTimersByTime(5);
    burst(writer, 2);
    await endOfTick();
    expect(writer.holding).toBe(false);
    expect(writes).toEqual([8, 2]);
  });

  it('writes nothing once the WebSocket may no longer send, and flush() sends a held burst at once', async () => {
    const {stream, writes} = socket();
    let isOpen = true;
    const writer = new BurstWriter(stream, {mask: false, open: () => isOpen});
    burst(writer, 4);
    await endOfTick();
    burst(writer, 2);
    await endOfTick();
    expect(writer.holding).toBe(true);
    writer.flush();
    expect(writes).toEqual([4, 2]);
    burst(writer, 3);
    isOpen = false;
    await endOfTick();
    vi.advanceTimersByTime(5);
    expect(writes).toEqual([4, 2]);
  });
});

describe('BurstWriter on real WebSockets', () => {
  /** A server and a connected client; `raw` is each side's TCP socket. */
  async function pair(): Promise<{server: WebSocket; client: WebSocket; serverRaw: Writable; clientRaw: Writable; close(): void}> {
    const wss = new WebSocketServer({host: '127.0.0.1', port: 0});
    await once(wss, 'listening');
    const accepted = once(wss, 'connection') as Promise<[WebSocket, {socket: Writable}]>;
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    const upgraded = once(client, 'upgrade') as Promise<[{socket: Writable}]>;
    const [[server, request], [response]] = await Promise.all([accepted, upgraded, once(client, 'open')]);
    return {server, client, serverRaw: request.socket, clientRaw: response.socket, close: () => {
      client.terminate();
      wss.close();
    }};
  }

  function collect(ws: WebSocket, count: number): Promise<Buffer[]> {
    const got: Buffer[] = [];
    return new Promise((resolve, reject) => {
      ws.on('error', reject);
      ws.on('close', (code) => reject(new Error(`closed (${code}) after ${got.length} messages`)));
      ws.on('message', (data: Buffer, binary: boolean) => {
        if (!binary) reject(new Error('a text message'));
        got.push(data);
        if (got.length === count) resolve(got);
      });
    });
  }

  // Every length encoding (7, 16 and 64 bits) and an empty message.
  const messages = [0, 1, 125, 126, 1024, 65_535, 65_536, 70_000].map((n) => Buffer.alloc(n, n % 251).map((b, i) => (b + i) & 0xff));

  it('a client burst arrives masked (the server refuses unmasked frames), whole and in order, from one socket write', async () => {
    const p = await pair();
    try {
      const write = vi.spyOn(p.clientRaw, 'write');
      const writer = new BurstWriter(p.clientRaw, {mask: true, open: () => p.client.readyState === WebSocket.OPEN});
      const got = collect(p.server, messages.length);
      for (const m of messages) writer.send(m);
      expect(await got).toEqual(messages);
      expect(write).toHaveBeenCalledTimes(1);
    } finally {
      p.close();
    }
  });

  it('a server burst arrives unmasked (the client refuses masked frames), whole and in order', async () => {
    const p = await pair();
    try {
      const writer = new BurstWriter(p.serverRaw, {mask: false, open: () => p.server.readyState === WebSocket.OPEN});
      const got = collect(p.client, messages.length);
      for (const m of messages) writer.send(m);
      expect(await got).toEqual(messages);
    } finally {
      p.close();
    }
  });
});
