// The per-ack fast paths give exactly what the general paths give: an ack frame read straight from its bytes
// (ackedSequenceNumber) agrees with decodeMessage + parseAckPayload on every frame, valid or not, and an ack built
// with the default id source (its id written straight into the frame) is the general construction's bytes.
import {describe, expect, it} from 'vitest';

import {
  MessageType,
  Offset,
  PayloadType,
  ackPayloadJson,
  ackedSequenceNumber,
  buildAck,
  decodeMessage,
  encodeMessage,
  newMessageId,
  parseAckPayload,
} from '../../src/session/message.js';

const CREATED = 1_700_000_000_000;
const ACKED_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

function ackFrame(payload: string | Buffer, over: {createdDate?: number} = {}): Buffer {
  return encodeMessage({
    messageType: MessageType.Acknowledge,
    createdDate: over.createdDate ?? CREATED,
    sequenceNumber: 0,
    flags: 3,
    messageId: '11111111-2222-4333-8444-555555555555',
    payloadType: PayloadType.Unset,
    payload: typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload,
  });
}

/** The general path: decode, then parse the ack payload; undefined when either refuses. */
function general(frame: Buffer, verifyDigest: boolean): number | undefined {
  const decoded = decodeMessage(frame, {verifyDigest});
  if (!decoded.ok || decoded.message.messageType !== MessageType.Acknowledge) return undefined;
  const ack = parseAckPayload(decoded.message.payload);
  return ack.ok ? ack.ack.acknowledgedMessageSequenceNumber : undefined;
}

const canonical = (seq: number, type = 'output_stream_data'): string =>
  ackPayloadJson({messageType: type, messageId: ACKED_ID, sequenceNumber: seq});

describe('ackedSequenceNumber', () => {
  it.each([0, 1, 41, 1024, 2 ** 40, Number.MAX_SAFE_INTEGER, -3])('reads sequence number %d as the general path does', (seq) => {
    const frame = ackFrame(canonical(seq));
    expect(ackedSequenceNumber(frame, true)).toBe(seq);
    expect(general(frame, true)).toBe(seq);
  });

  it('reads acks of input as well as output', () => {
    expect(ackedSequenceNumber(ackFrame(canonical(7, 'input_stream_data')), true)).toBe(7);
  });

  it('leaves invalid frames to the general path, which drops them', () => {
    const badDigest = ackFrame(canonical(5));
    badDigest[Offset.PayloadDigest] = (badDigest[Offset.PayloadDigest] ?? 0) ^ 1;
    const noDate = ackFrame(canonical(5));
    noDate.fill(0, Offset.CreatedDate, Offset.CreatedDate + 8);
    const noHeaderLength = ackFrame(canonical(5));
    noHeaderLength.writeUInt32BE(0, Offset.HeaderLength);
    const headerPastEnd = ackFrame(canonical(5));
    headerPastEnd.writeUInt32BE(headerPastEnd.length, Offset.HeaderLength);
    for (const frame of [badDigest, noDate, noHeaderLength, headerPastEnd, ackFrame(canonical(5)).subarray(0, 100)]) {
      expect(ackedSequenceNumber(frame, true)).toBeUndefined();
      expect(general(frame, true)).toBeUndefined();
    }
    // Without the digest check (the real agent's way), a wrong digest is no reason to refuse.
    expect(ackedSequenceNumber(badDigest, false)).toBe(5);
    expect(general(badDigest, false)).toBe(5);
  });

  it('leaves other shapes of ack payload and other message types to the general path', () => {
    const spaced = ackFrame(canonical(9).replace(/,/g, ', '));
    expect(ackedSequenceNumber(spaced, true)).toBeUndefined();
    expect(general(spaced, true)).toBe(9);
    const reordered = ackFrame(`{"AcknowledgedMessageSequenceNumber":9,"AcknowledgedMessageType":"output_stream_data","AcknowledgedMessageId":"${ACKED_ID}","IsSequentialMessage":true}`);
    expect(ackedSequenceNumber(reordered, true)).toBeUndefined();
    expect(general(reordered, true)).toBe(9);
    const trailing = ackFrame(`${canonical(9)} `);
    expect(ackedSequenceNumber(trailing, true)).toBeUndefined();
    const data = encodeMessage({messageType: MessageType.OutputStreamData, createdDate: CREATED, sequenceNumber: 3, flags: 0,
      messageId: ACKED_ID, payloadType: PayloadType.Output, payload: Buffer.from(canonical(3))});
    expect(ackedSequenceNumber(data, true)).toBeUndefined();
  });
});

describe('buildAck with the default id source', () => {
  it('writes a fresh version-4 id and otherwise the bytes of the general construction', () => {
    const ids = new Set<string>();
    for (let seq = 0; seq < 300; seq++) {
      const acked = {messageType: MessageType.OutputStreamData, messageId: ACKED_ID, sequenceNumber: seq};
      const frame = buildAck(acked, {now: () => CREATED, newId: newMessageId});
      const decoded = decodeMessage(frame);
      expect(decoded.ok).toBe(true);
      if (!decoded.ok) return;
      const id = decoded.message.messageId;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.add(id);
      const reference = encodeMessage({messageType: MessageType.Acknowledge, createdDate: CREATED, sequenceNumber: 0, flags: 3,
        messageId: id, payloadType: PayloadType.Unset, payload: Buffer.from(ackPayloadJson(acked), 'utf8')});
      expect(frame.equals(reference)).toBe(true);
    }
    expect(ids.size).toBe(300);
  });

  it('refuses a clock that is not a whole number of milliseconds, as encodeMessage does', () => {
    const acked = {messageType: MessageType.OutputStreamData, messageId: ACKED_ID, sequenceNumber: 1};
    expect(() => buildAck(acked, {now: () => 1.5, newId: newMessageId})).toThrow(RangeError);
    expect(() => buildAck(acked, {now: () => CREATED, newId: () => 'not-a-uuid'})).toThrow(RangeError);
  });
});
