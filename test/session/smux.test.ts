import {describe, expect, it} from 'vitest';

import {
  SMUX_MAX_FRAME_SIZE,
  SmuxClientStreamIds,
  SmuxCmd,
  type SmuxFrame,
  SmuxFrameReader,
  encodeFrame,
  encodePsh,
} from '../../src/session/smux.js';

const hex = (b: Buffer): string => b.toString('hex');

describe('encodeFrame: the spec’s hand-built frames', () => {
  it.each([
    ['SYN sid 3', {cmd: SmuxCmd.Syn, streamId: 3}, '0100000003000000'],
    ['PSH "hi" sid 3', {cmd: SmuxCmd.Psh, streamId: 3, data: Buffer.from('hi')}, '01020200030000006869'],
    ['FIN sid 3', {cmd: SmuxCmd.Fin, streamId: 3}, '0101000003000000'],
    ['NOP', {cmd: SmuxCmd.Nop, streamId: 0}, '0103000000000000'],
    ['UPD sid 5', {cmd: SmuxCmd.Upd, streamId: 5, data: Buffer.from('0100000002000000', 'hex')}, '010408000500000001000000' + '02000000'],
    ['little-endian length and id', {cmd: SmuxCmd.Psh, streamId: 0x01020304, data: Buffer.alloc(0x0102, 0)}, '0102020104030201' + '00'.repeat(0x102)],
  ])('%s', (_name, frame, expected) => {
    expect(hex(encodeFrame(frame))).toBe(expected);
  });

  it('refuses data on SYN/FIN/NOP, odd UPD sizes, oversize data and bad ids', () => {
    expect(() => encodeFrame({cmd: SmuxCmd.Syn, streamId: 3, data: Buffer.from('x')})).toThrow(RangeError);
    expect(() => encodeFrame({cmd: SmuxCmd.Upd, streamId: 3, data: Buffer.alloc(7)})).toThrow(RangeError);
    expect(() => encodeFrame({cmd: SmuxCmd.Psh, streamId: 3, data: Buffer.alloc(65_536)})).toThrow(RangeError);
    expect(() => encodeFrame({cmd: SmuxCmd.Psh, streamId: -1})).toThrow(RangeError);
    expect(() => encodeFrame({cmd: 9 as SmuxCmd, streamId: 1})).toThrow(RangeError);
  });
});

describe('encodePsh', () => {
  it('splits writes at MaxFrameSize 32768', () => {
    const data = Buffer.alloc(SMUX_MAX_FRAME_SIZE * 2 + 5, 7);
    const frames = encodePsh(3, data);
    expect(frames.map((f) => f.readUInt16LE(2))).toEqual([32_768, 32_768, 5]);
    expect(frames.every((f) => f[1] === SmuxCmd.Psh && f.readUInt32LE(4) === 3)).toBe(true);
    expect(encodePsh(3, Buffer.alloc(0))).toEqual([]);
    expect(encodePsh(3, Buffer.alloc(32_768))).toHaveLength(1);
  });
});

const STREAM = Buffer.concat([
  encodeFrame({cmd: SmuxCmd.Syn, streamId: 3}),
  encodeFrame({cmd: SmuxCmd.Psh, streamId: 3, data: Buffer.from('hi')}),
  encodeFrame({cmd: SmuxCmd.Nop, streamId: 0}),
  encodeFrame({cmd: SmuxCmd.Psh, streamId: 5, data: Buffer.from('hello, world')}),
  encodeFrame({cmd: SmuxCmd.Upd, streamId: 5, data: Buffer.from('0100000002000000', 'hex')}),
  encodeFrame({cmd: SmuxCmd.Psh, streamId: 5, data: Buffer.alloc(0)}),
  encodeFrame({cmd: SmuxCmd.Fin, streamId: 3}),
]);

const EXPECTED: [number, number, string][] = [
  [SmuxCmd.Syn, 3, ''],
  [SmuxCmd.Psh, 3, 'hi'],
  [SmuxCmd.Nop, 0, ''],
  [SmuxCmd.Psh, 5, 'hello, world'],
  [SmuxCmd.Upd, 5, '\u0001\u0000\u0000\u0000\u0002\u0000\u0000\u0000'],
  [SmuxCmd.Psh, 5, ''],
  [SmuxCmd.Fin, 3, ''],
];

const summary = (frames: SmuxFrame[]): [number, number, string][] => frames.map((f) => [f.cmd, f.streamId, f.data.toString('latin1')]);

describe('SmuxFrameReader', () => {
  it('reads a whole stream at once', () => {
    const r = new SmuxFrameReader().push(STREAM);
    expect(r.error).toBeUndefined();
    expect(summary(r.frames)).toEqual(EXPECTED);
  });

  it('gives the same frames when the stream is split at every byte boundary', () => {
    for (let cut = 0; cut <= STREAM.length; cut++) {
      const reader = new SmuxFrameReader();
      const frames = [...reader.push(STREAM.subarray(0, cut)).frames, ...reader.push(STREAM.subarray(cut)).frames];
      expect(summary(frames), `cut at ${cut}`).toEqual(EXPECTED);
      expect(reader.pendingBytes).toBe(0);
    }
  });

  it('gives the same frames fed one byte at a time and in three pieces at every pair of boundaries', () => {
    const reader = new SmuxFrameReader();
    const frames: SmuxFrame[] = [];
    for (const byte of STREAM) frames.push(...reader.push(Uint8Array.of(byte)).frames);
    expect(summary(frames)).toEqual(EXPECTED);
    for (let a = 0; a <= STREAM.length; a += 3) {
      for (let b = a; b <= STREAM.length; b += 5) {
        const r = new SmuxFrameReader();
        const got = [STREAM.subarray(0, a), STREAM.subarray(a, b), STREAM.subarray(b)].flatMap((c) => r.push(c).frames);
        expect(summary(got)).toEqual(EXPECTED);
      }
    }
  });

  it('reassembles a 32 KiB PSH frame spread over 1024-byte data-channel payloads', () => {
    const data = Buffer.from(Array.from({length: SMUX_MAX_FRAME_SIZE}, (_, i) => i % 251));
    const [frame] = encodePsh(7, data);
    const reader = new SmuxFrameReader();
    const frames: SmuxFrame[] = [];
    for (let i = 0; i < (frame?.length ?? 0); i += 1024) frames.push(...reader.push(frame?.subarray(i, i + 1024) ?? Buffer.alloc(0)).frames);
    expect(frames).toHaveLength(1);
    expect(frames[0]?.data.equals(data)).toBe(true);
  });

  it('ignores the length of SYN/FIN/NOP as smux does', () => {
    const syn = Buffer.from('0100050003000000', 'hex');
    const r = new SmuxFrameReader().push(Buffer.concat([syn, Buffer.from('01020100030000007a', 'hex')]));
    expect(summary(r.frames)).toEqual([[SmuxCmd.Syn, 3, ''], [SmuxCmd.Psh, 3, 'z']]);
  });

  it('fails for good on a wrong version or an unknown cmd, returning the frames before it', () => {
    const v2 = new SmuxFrameReader();
    const r = v2.push(Buffer.concat([encodeFrame({cmd: SmuxCmd.Nop, streamId: 0}), Buffer.from('0203000000000000', 'hex')]));
    expect(r.frames).toHaveLength(1);
    expect(r.error).toMatch(/version 2/);
    expect(v2.push(encodeFrame({cmd: SmuxCmd.Nop, streamId: 0}))).toEqual({frames: [], error: r.error});
    expect(new SmuxFrameReader().push(Buffer.from('0105000003000000', 'hex')).error).toMatch(/cmd 5/);
  });

  it('copies data, so callers may reuse their buffers', () => {
    const chunk = Buffer.from(encodeFrame({cmd: SmuxCmd.Psh, streamId: 3, data: Buffer.from('ab')}));
    const [frame] = new SmuxFrameReader().push(chunk).frames;
    chunk.fill(0);
    expect(frame?.data.toString()).toBe('ab');
  });
});

describe('SmuxClientStreamIds', () => {
  it('hands out 3, 5, 7, …', () => {
    const ids = new SmuxClientStreamIds();
    expect([ids.next(), ids.next(), ids.next(), ids.next()]).toEqual([3, 5, 7, 9]);
  });

  it('stops when the uint32 space is exhausted (smux ErrGoAway)', () => {
    const ids = new SmuxClientStreamIds(0xffff_fffb);
    expect([ids.next(), ids.next(), ids.next()]).toEqual([0xffff_fffd, 0xffff_ffff, undefined]);
    expect(ids.next()).toBeUndefined();
  });
});
