// The data path's per-message fast paths (numbers instead of BigInt, in-place ack bytes, the canonical-ack parser,
// payload views, PSH frames built in one buffer) must give exactly what the general paths give: same bytes out,
// same values in.
import {describe, expect, it} from 'vitest';

import {
  MessageType,
  Offset,
  PayloadType,
  ackPayloadJson,
  buildAck,
  decodeMessage,
  encodeMessage,
  newMessageId,
  parseAckPayload,
  sha256,
  type OutgoingMessage,
} from '../../src/session/message.js';
import {goField} from '../../src/session/go-json.js';
import {MuxSession} from '../../src/session/mux-session.js';
import {SMUX_MAX_FRAME_SIZE, encodePsh} from '../../src/session/smux.js';
import {uuidFromWire, uuidToWire} from '../../src/session/uuid-wire.js';

const CREATED = 1_700_000_000_000;
const ID = '01234567-89ab-4cde-8f01-23456789abcd';
const ACK_ID = '11111111-2222-4333-8444-555555555555';

function message(over: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    messageType: MessageType.OutputStreamData,
    createdDate: CREATED,
    sequenceNumber: 7,
    flags: 0,
    messageId: ID,
    payloadType: PayloadType.Output,
    payload: Buffer.from('hello'),
    ...over,
  };
}

/** The field written the general way: BigInt through Buffer's own writer. */
function field64(value: bigint, signed: boolean): string {
  const b = Buffer.alloc(8);
  if (signed) b.writeBigInt64BE(value);
  else b.writeBigUInt64BE(value);
  return b.toString('hex');
}

describe('encodeMessage number fields', () => {
  it.each([0, 1, -1, 2 ** 32 - 1, 2 ** 32, -(2 ** 32), -(2 ** 32) - 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER])(
    'writes sequence number %d as the int64 BigInt would, and decodes it back',
    (seq) => {
      const frame = encodeMessage(message({sequenceNumber: seq}));
      expect(frame.toString('hex', Offset.SequenceNumber, Offset.SequenceNumber + 8)).toBe(field64(BigInt(seq), true));
      expect(frame.equals(encodeMessage(message({sequenceNumber: BigInt(seq)})))).toBe(true);
      const r = decodeMessage(frame);
      expect(r.ok && r.message.sequenceNumber).toBe(BigInt(seq));
    },
  );

  it.each([0, 1, 3, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER])('writes flags %d as the uint64 BigInt would', (flags) => {
    const frame = encodeMessage(message({flags}));
    expect(frame.toString('hex', Offset.Flags, Offset.Flags + 8)).toBe(field64(BigInt(flags), false));
    const r = decodeMessage(frame);
    expect(r.ok && r.message.flags).toBe(BigInt(flags));
  });

  it.each([2n ** 53n, -(2n ** 53n) - 1n, 2n ** 62n + 3n, -(2n ** 63n), 2n ** 63n - 1n])(
    'round-trips sequence number %s beyond the safe integers through BigInt',
    (seq) => {
      const r = decodeMessage(encodeMessage(message({sequenceNumber: seq})));
      expect(r.ok && r.message.sequenceNumber).toBe(seq);
    },
  );

  it('writes createdDate as the uint64 BigInt would, and reads it back', () => {
    for (const createdDate of [1, CREATED, 2 ** 40 + 1, Number.MAX_SAFE_INTEGER]) {
      const frame = encodeMessage(message({createdDate}));
      expect(frame.toString('hex', Offset.CreatedDate, Offset.CreatedDate + 8)).toBe(field64(BigInt(createdDate), false));
      const r = decodeMessage(frame);
      expect(r.ok && r.message.createdDate).toBe(createdDate);
    }
  });

  it('rejects non-integer or negative number fields as before', () => {
    expect(() => encodeMessage(message({sequenceNumber: 1.5}))).toThrow(RangeError);
    expect(() => encodeMessage(message({sequenceNumber: 2 ** 53}))).toThrow(RangeError);
    expect(() => encodeMessage(message({flags: -1}))).toThrow(RangeError);
    expect(() => encodeMessage(message({flags: Number.NaN}))).toThrow(RangeError);
  });
});

describe('encodeMessage message ids', () => {
  it('writes ids in either case exactly as uuidToWire does', () => {
    for (const id of [ID, ID.toUpperCase(), 'ffffffff-ffff-4fff-bfff-ffffffffffff', '00000000-0000-4000-8000-000000000000']) {
      const frame = encodeMessage(message({messageId: id}));
      expect(frame.subarray(Offset.MessageId, Offset.MessageId + 16).equals(uuidToWire(id))).toBe(true);
      expect(uuidFromWire(frame, Offset.MessageId)).toBe(id.toLowerCase());
      const r = decodeMessage(frame);
      expect(r.ok && r.message.messageId).toBe(id.toLowerCase());
    }
  });

  it.each([
    ['a non-hex digit', `g${ID.slice(1)}`],
    ['a hyphen moved', `0123456-789ab-4cde-8f01-23456789abcd`],
    ['a digit that is not ASCII', `\u0660${ID.slice(1)}`],
    ['a code unit aliasing a hex digit', `${String.fromCharCode(0x100 + 0x61)}${ID.slice(1)}`],
    ['one character short', ID.slice(1)],
    ['no hyphens', ID.replaceAll('-', '')],
  ])('rejects an id with %s', (_why, id) => {
    expect(() => encodeMessage(message({messageId: id}))).toThrow(RangeError);
  });
});

describe('newMessageId', () => {
  it('gives distinct random version-4 UUIDs that encode and decode unchanged', () => {
    const ids = Array.from({length: 5000}, () => newMessageId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 300)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const r = decodeMessage(encodeMessage(message({messageId: id})));
      expect(r.ok && r.message.messageId).toBe(id);
    }
  });
});

describe('buildAck', () => {
  const ctx = {now: () => CREATED, newId: () => ACK_ID};
  /** The general construction: ackPayloadJson's UTF-8 bytes through encodeMessage. */
  const reference = (acked: Parameters<typeof ackPayloadJson>[0]): Buffer =>
    encodeMessage({
      messageType: MessageType.Acknowledge,
      createdDate: CREATED,
      sequenceNumber: 0,
      flags: 3,
      messageId: ACK_ID,
      payloadType: PayloadType.Unset,
      payload: Buffer.from(ackPayloadJson(acked), 'utf8'),
    });

  it.each([
    ['a known type, number seq', {messageType: 'output_stream_data', messageId: ID, sequenceNumber: 41}],
    ['a known type, BigInt seq', {messageType: 'input_stream_data', messageId: ID, sequenceNumber: 2n ** 40n}],
    ['a large BigInt seq', {messageType: 'input_stream_data', messageId: ID, sequenceNumber: 2n ** 63n - 1n}],
    ['a negative seq', {messageType: 'output_stream_data', messageId: ID, sequenceNumber: -3}],
    ['an unknown type', {messageType: 'made_up<&>', messageId: ID, sequenceNumber: 1}],
    ['an upper-case id', {messageType: 'output_stream_data', messageId: ID.toUpperCase(), sequenceNumber: 1}],
    ['an id that needs escaping', {messageType: 'output_stream_data', messageId: 'a"b\u2028é', sequenceNumber: 1}],
  ])('gives the bytes of the general construction for %s', (_why, acked) => {
    const frame = buildAck(acked, ctx);
    expect(frame.toString('hex')).toBe(reference(acked).toString('hex'));
    const r = decodeMessage(frame);
    expect(r.ok).toBe(true);
  });
});

describe('parseAckPayload', () => {
  const canonical = ackPayloadJson({messageType: 'output_stream_data', messageId: ID, sequenceNumber: 98765});
  const expected = {
    ok: true,
    ack: {acknowledgedMessageType: 'output_stream_data', acknowledgedMessageId: ID, acknowledgedMessageSequenceNumber: 98765, isSequentialMessage: true},
  };

  it('reads the canonical form and the same ack written differently alike', () => {
    expect(parseAckPayload(Buffer.from(canonical))).toEqual(expected);
    const spaced = JSON.stringify(JSON.parse(canonical), null, 2);
    expect(parseAckPayload(Buffer.from(spaced))).toEqual(expected);
    const lowerKeys = canonical.replace('"AcknowledgedMessageSequenceNumber"', '"acknowledgedmessagesequencenumber"');
    expect(parseAckPayload(Buffer.from(lowerKeys))).toEqual(expected);
    // A Uint8Array that is not a Buffer, at an offset into a larger buffer.
    const padded = Buffer.concat([Buffer.from('xx'), Buffer.from(canonical)]);
    expect(parseAckPayload(new Uint8Array(padded.buffer, padded.byteOffset + 2, padded.length - 2))).toEqual(expected);
  });

  it('reads IsSequentialMessage false and a zero sequence number', () => {
    const text = canonical.replace(':98765,', ':0,').replace(':true}', ':false}');
    expect(parseAckPayload(Buffer.from(text))).toEqual({ok: true, ack: {...expected.ack, acknowledgedMessageSequenceNumber: 0, isSequentialMessage: false}});
  });

  it('still refuses a sequence number beyond the safe integers or not an integer', () => {
    expect(parseAckPayload(Buffer.from(canonical.replace(':98765,', ':9007199254740993,'))).ok).toBe(false);
    expect(parseAckPayload(Buffer.from(canonical.replace(':98765,', ':1.5,'))).ok).toBe(false);
    expect(parseAckPayload(Buffer.from(canonical.replace(':98765,', ':"7",'))).ok).toBe(false);
  });

  /** The general reading (JSON.parse, Go's case-insensitive fields), written out here to compare against. */
  function reference(text: string): unknown {
    let o: unknown;
    try {
      o = JSON.parse(text);
    } catch {
      return {ok: false};
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return {ok: false};
    const obj = o as Record<string, unknown>;
    const seq = goField(obj, 'AcknowledgedMessageSequenceNumber');
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) return {ok: false};
    const type = goField(obj, 'AcknowledgedMessageType') ?? '';
    const id = goField(obj, 'AcknowledgedMessageId') ?? '';
    const sequential = goField(obj, 'IsSequentialMessage') ?? false;
    if (typeof type !== 'string' || typeof id !== 'string' || typeof sequential !== 'boolean') return {ok: false};
    return {ok: true, ack: {acknowledgedMessageType: type, acknowledgedMessageId: id, acknowledgedMessageSequenceNumber: seq, isSequentialMessage: sequential}};
  }

  it('agrees with the general reading on 4000 mutated acks', () => {
    let state = 0x2545f491;
    const random = (n: number): number => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % n;
    };
    const alphabet = '0123456789abcdefxyz_-"{}:,. eE+AI\u00e9';
    const seeds = [canonical, canonical.replace(':98765,', ':0,'), canonical.replace(':98765,', ':-12,'), canonical.replace(':true}', ':false}')];
    let fastAccepted = 0;
    for (let i = 0; i < 4000; i++) {
      let text = seeds[random(seeds.length)] ?? canonical;
      for (let edits = 1 + random(2); edits > 0; edits--) {
        const at = random(text.length);
        const c = alphabet[random(alphabet.length)] ?? 'x';
        const op = random(3);
        text = op === 0 ? text.slice(0, at) + c + text.slice(at + 1) : op === 1 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + c + text.slice(at);
      }
      const got = parseAckPayload(Buffer.from(text, 'utf8'));
      const want = reference(Buffer.from(text, 'utf8').toString('utf8'));
      if (got.ok) fastAccepted++;
      expect(got.ok ? got : {ok: false}, text).toEqual(want);
    }
    expect(fastAccepted).toBeGreaterThan(100);
  });

  it('decodes escaped strings the JSON way', () => {
    const text = canonical.replace('output_stream_data', 'output\\u005fstream_data');
    expect(parseAckPayload(Buffer.from(text))).toEqual(expected);
  });
});

describe('decodeMessage payload views', () => {
  it('gives the same message with copyPayload false, as views into the frame', () => {
    const frame = encodeMessage(message({payload: Buffer.from('some output')}));
    const copied = decodeMessage(frame);
    const viewed = decodeMessage(frame, {copyPayload: false});
    expect(viewed).toEqual(copied);
    if (!viewed.ok || !copied.ok) return;
    frame[frame.length - 1] = 0x21;
    expect(viewed.message.payload.toString()).toBe('some outpu!');
    expect(copied.message.payload.toString()).toBe('some output');
  });

  it('checks the digest the same way either way', () => {
    const frame = encodeMessage(message());
    frame[Offset.PayloadDigest] = (frame[Offset.PayloadDigest] ?? 0) ^ 1;
    expect(decodeMessage(frame).ok).toBe(false);
    expect(decodeMessage(frame, {copyPayload: false}).ok).toBe(false);
    expect(decodeMessage(frame, {verifyDigest: false, copyPayload: false}).ok).toBe(true);
    const ok = encodeMessage(message());
    expect(ok.subarray(Offset.PayloadDigest, Offset.PayloadDigest + 32).equals(sha256(Buffer.from('hello')))).toBe(true);
  });
});

describe('MuxStream.write', () => {
  it('sends exactly the bytes of encodePsh, joined, for writes of any size', () => {
    const sent: Buffer[] = [];
    const mux = new MuxSession({role: 'client', keepalive: false, send: (bytes) => sent.push(Buffer.from(bytes))});
    const stream = mux.open();
    expect(stream).toBeDefined();
    if (stream === undefined) return;
    for (const size of [1, 1024, SMUX_MAX_FRAME_SIZE, SMUX_MAX_FRAME_SIZE + 1, 70_000, 3 * SMUX_MAX_FRAME_SIZE]) {
      sent.length = 0;
      const data = Buffer.alloc(size);
      for (let i = 0; i < size; i++) data[i] = (i * 31) & 0xff;
      stream.write(data);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.equals(Buffer.concat(encodePsh(stream.id, data)))).toBe(true);
    }
    mux.close();
  });
});
