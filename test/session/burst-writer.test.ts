// The frames of a burst leave their socket in one write; during a flood, small bursts are held (up to a
// millisecond) and leave together; a lone frame after a quiet spell, and a large burst, are never held.
import {Writable} from 'node:stream';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';

import {BurstWriter} from '../../src/session/burst-writer.js';

/** A real stream that records how many frames each write to the "kernel" carried. */
function socket(): {stream: Writable; writes: number[]} {
  const writes: number[] = [];
  const stream = new Writable({
    write(_chunk, _encoding, callback) {
      writes.push(1);
      callback();
    },
    writev(chunks, callback) {
      writes.push(chunks.length);
      callback();
    },
  });
  return {stream, writes};
}

/** `count` frames written in one tick, as a WebSocket sends them. */
function burst(writer: BurstWriter, stream: Writable, count: number): void {
  for (let i = 0; i < count; i++) {
    writer.frame();
    stream.write(Buffer.from([i]));
  }
}

const endOfTick = (): Promise<void> => new Promise((resolve) => process.nextTick(resolve));

describe('BurstWriter', () => {
  beforeEach(() => {
    vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'performance']});
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the frames of one tick in one write, and a lone frame at the end of its tick', async () => {
    const {stream, writes} = socket();
    const writer = new BurstWriter(stream);
    burst(writer, stream, 3);
    expect(writes).toEqual([]);
    await endOfTick();
    expect(writes).toEqual([3]);
    vi.advanceTimersByTime(10);
    burst(writer, stream, 1);
    await endOfTick();
    expect(writes).toEqual([3, 1]);
  });

  it('holds the small bursts of a flood for a millisecond and sends them together', async () => {
    const {stream, writes} = socket();
    const writer = new BurstWriter(stream);
    burst(writer, stream, 4);
    await endOfTick();
    expect(writes).toEqual([4]);
    // Right after: small bursts, one a tick (a pty read each), wait for each other.
    burst(writer, stream, 2);
    await endOfTick();
    expect(writer.holding).toBe(true);
    burst(writer, stream, 3);
    await endOfTick();
    expect(writes).toEqual([4]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual([4, 5]);
    expect(writer.holding).toBe(false);
  });

  it('sends a held flood at once when it has grown large, and a large burst without holding it', async () => {
    const {stream, writes} = socket();
    const writer = new BurstWriter(stream);
    burst(writer, stream, 4);
    await endOfTick();
    burst(writer, stream, 2);
    await endOfTick();
    expect(writer.holding).toBe(true);
    burst(writer, stream, 30);
    await endOfTick();
    expect(writes).toEqual([4, 32]);
    burst(writer, stream, 30);
    await endOfTick();
    expect(writes).toEqual([4, 32, 30]);
  });

  it('does not hold a small burst after a quiet spell', async () => {
    const {stream, writes} = socket();
    const writer = new BurstWriter(stream);
    burst(writer, stream, 8);
    await endOfTick();
    vi.advanceTimersByTime(5);
    burst(writer, stream, 2);
    await endOfTick();
    expect(writer.holding).toBe(false);
    expect(writes).toEqual([8, 2]);
  });
});
