import {describe, expect, it} from 'vitest';

import {
  FlagPayload,
  HEADER_LENGTH,
  MessageType,
  Offset,
  PayloadType,
  ackPayloadJson,
  buildAck,
  decodeMessage,
  encodeMessage,
  parseAckPayload,
  sha256,
} from '../../src/session/message.js';
import {isUuid, uuidFromWire, uuidToWire} from '../../src/session/uuid-wire.js';

/** Parses the spec's hex dumps ("0000: 00 11 …"). */
function fromDump(dump: string): Buffer {
  const hex = dump
    .trim()
    .split('\n')
    .map((line) => line.replace(/^\s*[0-9a-f]{4}:/i, '').replace('...', ''))
    .join('')
    .replace(/\s+/g, '');
  return Buffer.from(hex, 'hex');
}

const CREATED = 1_700_000_000_000;

const VECTOR_A = fromDump(`
0000: 00 00 00 74 69 6e 70 75 74 5f 73 74 72 65 61 6d
0010: 5f 64 61 74 61 20 20 20 20 20 20 20 20 20 20 20
0020: 20 20 20 20 00 00 00 01 00 00 01 8b cf e5 68 00
0030: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
0040: 8f 01 23 45 67 89 ab cd 01 23 45 67 89 ab 4c de
0050: 1d 88 7c e0 f8 67 2e 49 14 d9 00 0e 80 1c d7 4e
0060: cd 80 5d d9 36 6c 0b c4 2d c1 6a dc 01 97 dc 2f
0070: 00 00 00 01 00 00 00 03 6c 73 0d`);

const VECTOR_B = fromDump(`
0000: 00 00 00 74 69 6e 70 75 74 5f 73 74 72 65 61 6d
0010: 5f 64 61 74 61 20 20 20 20 20 20 20 20 20 20 20
0020: 20 20 20 20 00 00 00 01 00 00 01 8b cf e5 68 00
0030: 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 00
0040: 8f ed cb a9 87 65 43 21 fe dc ba 98 76 54 43 21
0050: d5 3c a1 ea 7d ce 87 c1 14 32 05 2a 85 50 ed 26
0060: 15 cf 71 5c a8 43 c8 97 10 ed 83 32 5b 69 1c ba
0070: 00 00 00 03 00 00 00 15 7b 22 63 6f 6c 73 22 3a
0080: 38 30 2c 22 72 6f 77 73 22 3a 32 34 7d`);

const ACK_PAYLOAD =
  '{"AcknowledgedMessageType":"output_stream_data","AcknowledgedMessageId":"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",' +
  '"AcknowledgedMessageSequenceNumber":0,"IsSequentialMessage":true}';

const VECTOR_C_HEADER = fromDump(`
0000: 00 00 00 74 61 63 6b 6e 6f 77 6c 65 64 67 65 20
0010: 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20 20
0020: 20 20 20 20 00 00 00 01 00 00 01 8b cf e5 68 00
0030: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 03
0040: 84 44 55 55 55 55 55 55 11 11 11 11 22 22 43 33
0050: 6c 8e a3 3e 08 31 b9 6c ce e5 14 a1 7d 0c 29 a7
0060: 84 a0 25 ba 47 4b 67 6a ed 43 6f ee f0 72 56 36
0070: 00 00 00 00 00 00 00 b0`);
const VECTOR_C = Buffer.concat([VECTOR_C_HEADER, Buffer.from(ACK_PAYLOAD, 'utf8')]);

describe('spec §9 test vectors', () => {
  it('(a) encodes input_stream_data "ls\\r" byte for byte', () => {
    const frame = encodeMessage({
      messageType: MessageType.InputStreamData,
      createdDate: CREATED,
      sequenceNumber: 0,
      flags: 0,
      messageId: '01234567-89ab-4cde-8f01-23456789abcd',
      payloadType: PayloadType.Output,
      payload: Buffer.from('ls\r'),
    });
    expect(frame.length).toBe(123);
    expect(frame.toString('hex')).toBe(VECTOR_A.toString('hex'));
  });

  it('(a) decodes every field', () => {
    const r = decodeMessage(VECTOR_A);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.message).toEqual({
      headerLength: 116,
      messageType: 'input_stream_data',
      schemaVersion: 1,
      createdDate: CREATED,
      sequenceNumber: 0n,
      flags: 0n,
      messageId: '01234567-89ab-4cde-8f01-23456789abcd',
      payloadDigest: Buffer.from('1d887ce0f8672e4914d9000e801cd74ecd805dd9366c0bc42dc16adc0197dc2f', 'hex'),
      payloadType: 1,
      payloadLength: 3,
      payloadLengthMismatch: false,
      payload: Buffer.from('ls\r'),
    });
  });

  it('(b) encodes and decodes the Size message', () => {
    const frame = encodeMessage({
      messageType: MessageType.InputStreamData,
      schemaVersion: 1,
      createdDate: CREATED,
      sequenceNumber: 1n,
      flags: 0n,
      messageId: 'fedcba98-7654-4321-8fed-cba987654321',
      payloadType: PayloadType.Size,
      payload: Buffer.from('{"cols":80,"rows":24}'),
    });
    expect(frame.length).toBe(141);
    expect(frame.toString('hex')).toBe(VECTOR_B.toString('hex'));
    const r = decodeMessage(VECTOR_B);
    expect(r.ok && r.message).toMatchObject({
      messageType: 'input_stream_data',
      sequenceNumber: 1n,
      flags: 0n,
      messageId: 'fedcba98-7654-4321-8fed-cba987654321',
      payloadType: 3,
      payloadLength: 21,
      createdDate: CREATED,
    });
    expect(r.ok && r.message.payload.toString()).toBe('{"cols":80,"rows":24}');
  });

  it('(c) builds the acknowledge byte for byte with buildAck', () => {
    const frame = buildAck(
      {messageType: 'output_stream_data', messageId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', sequenceNumber: 0n},
      {now: () => CREATED, newId: () => '11111111-2222-4333-8444-555555555555'},
    );
    expect(frame.length).toBe(296);
    expect(Buffer.byteLength(ACK_PAYLOAD)).toBe(176);
    expect(frame.toString('hex')).toBe(VECTOR_C.toString('hex'));
  });

  it('(c) has the digest given in the spec and decodes to an ack of seq 0', () => {
    expect(sha256(Buffer.from(ACK_PAYLOAD)).toString('hex')).toBe(
      '6c8ea33e0831b96ccee514a17d0c29a784a025ba474b676aed436feef0725636',
    );
    const r = decodeMessage(VECTOR_C);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.message).toMatchObject({
      messageType: 'acknowledge',
      sequenceNumber: 0n,
      flags: 3n,
      payloadType: 0,
      payloadLength: 176,
      messageId: '11111111-2222-4333-8444-555555555555',
    });
    expect(r.message.payloadDigest.toString('hex')).toBe('6c8ea33e0831b96ccee514a17d0c29a784a025ba474b676aed436feef0725636');
    expect(parseAckPayload(r.message.payload)).toEqual({
      ok: true,
      ack: {
        acknowledgedMessageType: 'output_stream_data',
        acknowledgedMessageId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
        acknowledgedMessageSequenceNumber: 0,
        isSequentialMessage: true,
      },
    });
  });
});

describe('UUID half swap', () => {
  it('matches the spec example both ways', () => {
    const id = '01234567-89ab-4cde-8f01-23456789abcd';
    expect(uuidToWire(id).toString('hex')).toBe('8f0123456789abcd0123456789ab4cde');
    expect(uuidFromWire(Buffer.from('8f0123456789abcd0123456789ab4cde', 'hex'))).toBe(id);
    expect(uuidFromWire(uuidToWire(id.toUpperCase()))).toBe(id);
  });

  it('rejects non-canonical text and short buffers', () => {
    expect(isUuid('0123456789ab4cde8f0123456789abcd')).toBe(false);
    expect(() => uuidToWire('not-a-uuid')).toThrow(RangeError);
    expect(() => uuidFromWire(Buffer.alloc(15))).toThrow(RangeError);
  });
});

function frame(over: Partial<Parameters<typeof encodeMessage>[0]> = {}): Buffer {
  return encodeMessage({
    messageType: MessageType.OutputStreamData,
    createdDate: CREATED,
    sequenceNumber: 7,
    flags: 0,
    messageId: '01234567-89ab-4cde-8f01-23456789abcd',
    payloadType: PayloadType.Output,
    payload: Buffer.from('hello'),
    ...over,
  });
}

function expectError(input: Uint8Array, pattern: RegExp, verifyDigest = true): void {
  const r = decodeMessage(input, {verifyDigest});
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error).toMatch(pattern);
}

describe('decodeMessage validation', () => {
  it('rejects buffers shorter than 120 bytes', () => {
    expectError(Buffer.alloc(0), /too short/);
    expectError(frame().subarray(0, 119), /too short/);
  });

  it('rejects HeaderLength beyond the buffer, and HeaderLength 0', () => {
    const beyond = frame();
    beyond.writeUInt32BE(beyond.length - 3, 0);
    expectError(beyond, /beyond/);
    const zero = frame();
    zero.writeUInt32BE(0, 0);
    expectError(zero, /HeaderLength cannot be zero/);
  });

  it('rejects an empty (all NUL or blank) MessageType and CreatedDate 0', () => {
    const blank = frame();
    blank.fill(0x20, Offset.MessageType, Offset.MessageType + 32);
    expectError(blank, /MessageType is missing/);
    const nul = frame();
    nul.fill(0, Offset.MessageType, Offset.MessageType + 32);
    expectError(nul, /MessageType is missing/);
    expectError(frame({createdDate: 0}), /CreatedDate is missing/);
  });

  it('rejects a digest mismatch unless digest checks are off, and skips the check when PayloadLength is 0', () => {
    const bad = frame();
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 1, bad.length - 1);
    expectError(bad, /digest/);
    expect(decodeMessage(bad, {verifyDigest: false}).ok).toBe(true);
    bad.writeUInt32BE(0, Offset.PayloadLength);
    const r = decodeMessage(bad);
    expect(r.ok && r.message.payloadLengthMismatch).toBe(true);
  });

  it('skips validation for start_publication and pause_publication', () => {
    for (const type of [MessageType.StartPublication, MessageType.PausePublication]) {
      const f = frame({messageType: type, createdDate: 0});
      f.writeUInt32BE(0, 0);
      f.writeUInt8(f.readUInt8(f.length - 1) ^ 1, f.length - 1);
      const r = decodeMessage(f);
      expect(r.ok).toBe(true);
      // HeaderLength 0: the payload starts at byte 4, exactly as the Go parser slices it.
      expect(r.ok && r.message.payload.length).toBe(f.length - 4);
    }
  });

  it('slices the payload from HeaderLength + 4 and flags a PayloadLength mismatch', () => {
    const f = frame();
    f.writeUInt32BE(99, Offset.PayloadLength);
    const r = decodeMessage(f, {verifyDigest: false});
    expect(r.ok && r.message.payload.toString()).toBe('hello');
    expect(r.ok && r.message.payloadLengthMismatch).toBe(true);
    const g = frame();
    g.writeUInt32BE(HEADER_LENGTH + 2, 0);
    const s = decodeMessage(g, {verifyDigest: false});
    expect(s.ok && s.message.payload.toString()).toBe('llo');
  });

  it('strips NULs then whitespace around MessageType (left-padded NULs as the ssm-session package writes)', () => {
    const f = frame();
    f.fill(0, Offset.MessageType, Offset.MessageType + 32);
    Buffer.from('\t output_stream_data').copy(f, Offset.MessageType + 4);
    const r = decodeMessage(f);
    expect(r.ok && r.message.messageType).toBe('output_stream_data');
  });

  it('reads seq as signed int64 and flags as uint64', () => {
    const r = decodeMessage(frame({sequenceNumber: -2n, flags: (1n << 64n) - 1n}));
    expect(r.ok && r.message.sequenceNumber).toBe(-2n);
    expect(r.ok && r.message.flags).toBe((1n << 64n) - 1n);
  });

  it('returns a copy of the payload', () => {
    const f = frame();
    const r = decodeMessage(f);
    f[f.length - 1] = 0x21;
    expect(r.ok && r.message.payload.toString()).toBe('hello');
  });
});

describe('encodeMessage range checks', () => {
  it.each([
    ['a long type', {messageType: 'x'.repeat(33) as MessageType}],
    ['negative createdDate', {createdDate: -1}],
    ['fractional createdDate', {createdDate: 1.5}],
    ['seq beyond int64', {sequenceNumber: 1n << 63n}],
    ['negative flags', {flags: -1}],
    ['bad uuid', {messageId: 'nope'}],
    ['payload type beyond u32', {payloadType: 2 ** 32 as PayloadType}],
  ])('throws RangeError for %s', (_name, over) => {
    expect(() => frame(over)).toThrow(RangeError);
  });
});

describe('acks', () => {
  it('writes the compact JSON fields in Go order', () => {
    expect(ackPayloadJson({messageType: 'input_stream_data', messageId: 'x', sequenceNumber: 42})).toBe(
      '{"AcknowledgedMessageType":"input_stream_data","AcknowledgedMessageId":"x","AcknowledgedMessageSequenceNumber":42,"IsSequentialMessage":true}',
    );
  });

  it('parses case-insensitively like Go and rejects a missing sequence number', () => {
    const ok = parseAckPayload(Buffer.from('{"acknowledgedmessagesequencenumber":5}'));
    expect(ok).toEqual({
      ok: true,
      ack: {acknowledgedMessageType: '', acknowledgedMessageId: '', acknowledgedMessageSequenceNumber: 5, isSequentialMessage: false},
    });
    expect(parseAckPayload(Buffer.from('{"AcknowledgedMessageType":"x"}')).ok).toBe(false);
    expect(parseAckPayload(Buffer.from('{"AcknowledgedMessageSequenceNumber":1.5}')).ok).toBe(false);
    expect(parseAckPayload(Buffer.from('[1]')).ok).toBe(false);
    expect(parseAckPayload(Buffer.from('{')).ok).toBe(false);
  });

  it('flag values are as the spec lists', () => {
    expect(FlagPayload).toEqual({DisconnectToPort: 1, TerminateSession: 2, ConnectToPortError: 3});
  });
});
