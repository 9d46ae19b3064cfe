import {describe, expect, it} from 'vitest';

import {prng} from '../helpers/prng.js';
import {
  MessageType,
  PAYLOAD_OFFSET,
  PayloadType,
  type DecodeResult,
  decodeMessage,
  encodeMessage,
  sha256,
} from '../../src/session/message.js';


const TYPES = Object.values(MessageType);
const PAYLOAD_TYPES = Object.values(PayloadType);

function randomUuid(rand: () => number): string {
  const hex = Array.from({length: 32}, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function randomBytes(rand: () => number, length: number): Buffer {
  return Buffer.from(Array.from({length}, () => Math.floor(rand() * 256)));
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('empty');
  return item;
}

function validFrame(rand: () => number): Buffer {
  return encodeMessage({
    messageType: pick(rand, TYPES),
    createdDate: 1 + Math.floor(rand() * 2 ** 45),
    sequenceNumber: BigInt(Math.floor(rand() * 2 ** 40)) - 1000n,
    flags: Math.floor(rand() * 4),
    messageId: randomUuid(rand),
    payloadType: pick(rand, PAYLOAD_TYPES),
    payload: randomBytes(rand, Math.floor(rand() * 300)),
  });
}

function mutate(rand: () => number, input: Buffer): Buffer {
  let f = Buffer.from(input);
  const kind = Math.floor(rand() * 6);
  if (kind === 0) {
    for (let i = 0, n = 1 + Math.floor(rand() * 8); i < n && f.length > 0; i++) f[Math.floor(rand() * f.length)] = Math.floor(rand() * 256);
  } else if (kind === 1) {
    f = f.subarray(0, Math.floor(rand() * f.length));
  } else if (kind === 2) {
    f = Buffer.concat([f, randomBytes(rand, 1 + Math.floor(rand() * 50))]);
  } else if (kind === 3) {
    f.writeUInt32BE(pick(rand, [0, 1, 115, 116, 117, f.length - 4, f.length - 3, 0xffffffff, Math.floor(rand() * 2 ** 32)]) >>> 0, 0);
  } else if (kind === 4) {
    f.writeUInt32BE(Math.floor(rand() * 2 ** 32), 116);
  } else {
    f.fill(pick(rand, [0, 0x20, 0xff]), 4, 4 + Math.floor(rand() * 33));
  }
  return f;
}

function check(condition: boolean, what: string): void {
  // Plain throws: thousands of expect() calls would dominate the run time.
  if (!condition) throw new Error(`invariant broken: ${what}`);
}

/** The invariants of any answer. */
function checkResult(input: Buffer, r: DecodeResult, verifyDigest = true): void {
  if (!r.ok) {
    check(typeof r.error === 'string' && r.error.length > 0, 'error is a non-empty string');
    return;
  }
  const m = r.message;
  check(input.length >= PAYLOAD_OFFSET, 'accepted frames have a full header');
  check(m.payload.equals(input.subarray(m.headerLength + 4)), 'payload is HeaderLength+4 to the end');
  check(m.payloadLengthMismatch === (m.payloadLength !== m.payload.length), 'mismatch flag');
  check(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(m.messageId), 'canonical message id');
  if (m.messageType !== 'start_publication' && m.messageType !== 'pause_publication') {
    check(m.headerLength !== 0, 'HeaderLength ≠ 0');
    check(m.messageType !== '', 'MessageType present');
    check(m.createdDate !== 0, 'CreatedDate ≠ 0');
    if (verifyDigest && m.payloadLength !== 0) check(sha256(m.payload).equals(m.payloadDigest), 'digest matches');
  }
}

describe('decodeMessage fuzz (seeded)', () => {
  it('round-trips 2000 valid random frames', () => {
    const rand = prng(0xc0ffee);
    for (let i = 0; i < 2000; i++) {
      const f = validFrame(rand);
      const r = decodeMessage(f);
      check(r.ok, 'valid frames decode');
      checkResult(f, r);
      if (r.ok) {
        const {messageType, payloadType} = r.message;
        const again = encodeMessage({...r.message, messageType: messageType as MessageType, schemaVersion: 1, payloadType: payloadType as PayloadType});
        check(again.equals(f), 'decode → encode gives the same bytes');
      }
    }
  });

  it('never throws on 5000 random byte strings', () => {
    const rand = prng(42);
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const length = rand() < 0.5 ? Math.floor(rand() * 130) : Math.floor(rand() * 600);
      const input = randomBytes(rand, length);
      if (rand() < 0.3 && input.length >= 4) input.writeUInt32BE(116, 0);
      const verifyDigest = rand() < 0.5;
      const r = decodeMessage(input, {verifyDigest});
      checkResult(input, r, verifyDigest);
      if (r.ok) accepted++;
    }
    expect(accepted).toBeLessThan(5000);
  });

  it('never throws on 8000 mutated valid frames, and answers the same twice', () => {
    const rand = prng(7);
    const outcomes = {ok: 0, error: 0};
    for (let i = 0; i < 8000; i++) {
      const input = mutate(rand, validFrame(rand));
      const r = decodeMessage(input);
      checkResult(input, r);
      const again = decodeMessage(input);
      if (again.ok !== r.ok) throw new Error('decoder is not deterministic');
      if (!again.ok && !r.ok && again.error !== r.error) throw new Error('decoder is not deterministic');
      outcomes[r.ok ? 'ok' : 'error']++;
    }
    // Both branches are exercised, so the invariants above were really checked.
    expect(outcomes.ok).toBeGreaterThan(100);
    expect(outcomes.error).toBeGreaterThan(100);
  });

  it('answers non-byte inputs with an error instead of throwing', () => {
    for (const junk of [null, undefined, 'text', 42, {}, [1, 2, 3]]) {
      const r = decodeMessage(junk as unknown as Uint8Array);
      expect(r.ok).toBe(false);
    }
  });
});
