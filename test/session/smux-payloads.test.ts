// A mux session's frame reader keeps the data channel's payloads as they are (they are never written to again);
// a reader by default copies what it is given, so a caller may reuse its buffer.
import {describe, expect, it} from 'vitest';

import {SmuxCmd, SmuxFrameReader, encodePsh} from '../../src/session/smux.js';

const DATA = Buffer.from(Array.from({length: 70_000}, (_, i) => (i * 7) % 256));
const STREAM = Buffer.concat(encodePsh(3, DATA));

/** The stream pushed in 1024-byte pieces, each in a buffer of its own; the data of every frame read. */
function read(reader: SmuxFrameReader, afterPush?: (piece: Buffer) => void): Buffer {
  const out: Buffer[] = [];
  for (let at = 0; at < STREAM.length; at += 1024) {
    const piece = Buffer.from(STREAM.subarray(at, at + 1024));
    for (const frame of reader.push(piece).frames) if (frame.cmd === SmuxCmd.Psh) out.push(frame.data);
    afterPush?.(piece);
  }
  return Buffer.concat(out);
}

describe('SmuxFrameReader', () => {
  it('reads the same frames whether it keeps the pushed chunks or copies them', () => {
    expect(read(new SmuxFrameReader(true)).equals(DATA)).toBe(true);
    expect(read(new SmuxFrameReader()).equals(DATA)).toBe(true);
  });

  it('copies by default: a chunk reused after push does not change what is read', () => {
    expect(read(new SmuxFrameReader(), (piece) => piece.fill(0)).equals(DATA)).toBe(true);
  });
});
