// A write's frames share one allocation: each is still exactly encodeMessage's bytes for its chunk.
import {describe, expect, it} from 'vitest';

import {DataChannelState} from '../../src/session/channel.js';
import {MessageType, PayloadType, decodeMessage, encodeMessage, encodeMessageInto, type OutgoingMessage} from '../../src/session/message.js';

const CREATED = 1_700_000_000_000;

describe('encodeMessageInto', () => {
  const m: OutgoingMessage = {messageType: MessageType.InputStreamData, createdDate: CREATED, sequenceNumber: 3, flags: 0,
    messageId: '01234567-89ab-4cde-8f01-23456789abcd', payloadType: PayloadType.Output, payload: Buffer.from('ls\r')};

  it('writes encodeMessage bytes into a buffer of exactly the frame length', () => {
    const out = Buffer.alloc(123, 0xee);
    encodeMessageInto(out, m);
    expect(out.equals(encodeMessage(m))).toBe(true);
    expect(() => encodeMessageInto(Buffer.alloc(124), m)).toThrow(RangeError);
  });
});

describe('DataChannelState.send', () => {
  it('gives each chunk of a large write the frame encodeMessage makes for it', () => {
    const idOf = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    let ids = 0;
    const newId = (): string => idOf(ids++);
    const agent = new DataChannelState({role: 'agent', now: () => CREATED, newId});
    const bytes = Buffer.from(Array.from({length: 5000}, (_, i) => i % 251));
    const frames = agent.send(PayloadType.Output, bytes);
    // Four full 1024-byte payloads and the last 904 bytes, each after its 120-byte header.
    expect(frames.map((f) => f.length)).toEqual([1144, 1144, 1144, 1144, 1024]);
    frames.forEach((frame, i) => {
      const decoded = decodeMessage(frame);
      expect(decoded.ok).toBe(true);
      const reference = encodeMessage({messageType: MessageType.OutputStreamData, createdDate: CREATED, sequenceNumber: i,
        flags: i === 0 ? 1 : 0, messageId: idOf(i),
        payloadType: PayloadType.Output, payload: bytes.subarray(i * 1024, (i + 1) * 1024)});
      expect(frame.equals(reference)).toBe(true);
    });
    // What is kept for resending is the same bytes.
    expect(agent.unacked().map((u) => u.frame)).toEqual(frames);
  });
});
