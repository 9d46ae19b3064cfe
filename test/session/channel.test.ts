import {describe, expect, it} from 'vitest';

import {type ChannelOptions, DataChannelState, MAX_RTO_MS} from '../../src/session/channel.js';
import {
  MessageType,
  PayloadType,
  buildAck,
  decodeMessage,
  encodeMessage,
  parseAckPayload,
} from '../../src/session/message.js';
import {buildChannelClosed} from '../../src/session/payloads.js';

const idFor = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function harness(options: Partial<ChannelOptions> = {}) {
  const clock = {t: 1_000_000};
  let ids = 0;
  const channel = new DataChannelState({role: 'client', now: () => clock.t, newId: () => idFor(++ids), ...options});
  return {channel, clock};
}

/** A frame from the peer (the agent by default). */
function peer(seq: number, payloadType: number = PayloadType.Output, text = `m${seq}`, type: MessageType = MessageType.OutputStreamData): Buffer {
  return encodeMessage({
    messageType: type,
    createdDate: 1_700_000_000_000,
    sequenceNumber: seq,
    flags: 0,
    messageId: idFor(0xabc000 + seq),
    payloadType: payloadType as PayloadType,
    payload: Buffer.from(text),
  });
}

function peerAck(seq: number, type: string = MessageType.InputStreamData): Buffer {
  return buildAck({messageType: type, messageId: idFor(1), sequenceNumber: seq}, {now: () => 1_700_000_000_000, newId: () => idFor(0xfff)});
}

/** Sequence numbers acked by frames we were asked to write. */
function ackedSeqs(frames: Buffer[]): number[] {
  return frames.map((f) => {
    const d = decodeMessage(f);
    if (!d.ok || d.message.messageType !== 'acknowledge') throw new Error('not an ack');
    const a = parseAckPayload(d.message.payload);
    if (!a.ok) throw new Error(a.error);
    return a.ack.acknowledgedMessageSequenceNumber;
  });
}

const texts = (messages: {payload: Buffer}[]): string[] => messages.map((m) => m.payload.toString());
const seqOf = (frame: Buffer): bigint => {
  const d = decodeMessage(frame);
  if (!d.ok) throw new Error(d.error);
  return d.message.sequenceNumber;
};

describe('receiving: sequencing table', () => {
  // Each step: [seq, payloadType, expected delivered texts, expected acked seqs, expected dropped reason].
  type Step = [number, number, string[], number[], string | undefined];
  const cases: {name: string; options?: Partial<ChannelOptions>; steps: Step[]}[] = [
    {name: 'in order', steps: [[0, 1, ['m0'], [0], undefined], [1, 1, ['m1'], [1], undefined], [2, 1, ['m2'], [2], undefined]]},
    {
      name: 'out of order: ack then store future seqs, release on the gap filling (no second ack)',
      steps: [[2, 1, [], [2], undefined], [1, 1, [], [1], undefined], [0, 1, ['m0', 'm1', 'm2'], [0], undefined], [3, 1, ['m3'], [3], undefined]],
    },
    {name: 'duplicates are re-acked', steps: [[0, 1, ['m0'], [0], undefined], [0, 1, [], [0], 'duplicate'], [1, 1, ['m1'], [1], undefined]]},
    {name: 'duplicates not re-acked when disabled (plugin behaviour)', options: {reackDuplicates: false}, steps: [[0, 1, ['m0'], [0], undefined], [0, 1, [], [], 'duplicate']]},
    {name: 'a buffered future message is re-acked, not stored twice', steps: [[3, 1, [], [3], undefined], [3, 1, [], [3], 'duplicate of a buffered message']]},
    {name: 'not ready: no ack, no advance', options: {ready: false}, steps: [[0, 1, [], [], 'handler not ready'], [0, 1, [], [], 'handler not ready']]},
    {
      name: 'handshake payloads (5, 7, 8) are acked and delivered even when not ready',
      options: {ready: false},
      steps: [[0, 5, ['m0'], [0], undefined], [1, 7, ['m1'], [1], undefined], [2, 8, ['m2'], [2], undefined], [3, 1, [], [], 'handler not ready']],
    },
    {name: 'client: a HandshakeResponse type is not a handshake payload for it', options: {ready: false}, steps: [[0, 6, [], [], 'handler not ready']]},
    {
      name: 'agent: 6 and 9 bypass readiness',
      options: {role: 'agent', ready: false},
      steps: [[0, 6, ['m0'], [0], undefined], [1, 9, ['m1'], [1], undefined], [2, 5, [], [], 'handler not ready']],
    },
    {name: 'incoming buffer limit: drop unacked when full', options: {incomingLimit: 2}, steps: [[1, 1, [], [1], undefined], [2, 1, [], [2], undefined], [3, 1, [], [], 'incoming buffer full'], [0, 1, ['m0', 'm1', 'm2'], [0], undefined]]},
  ];

  it.each(cases)('$name', ({options, steps}) => {
    const {channel} = harness(options);
    const receiveType = options?.role === 'agent' ? MessageType.InputStreamData : MessageType.OutputStreamData;
    for (const [seq, payloadType, delivered, acked, dropped] of steps) {
      const r = channel.receive(peer(seq, payloadType, `m${seq}`, receiveType));
      expect({delivered: texts(r.deliver), acked: ackedSeqs(r.write), dropped: r.dropped}).toEqual({delivered, acked, dropped});
    }
  });

  it('acks name the acked message type and id', () => {
    const {channel} = harness();
    const r = channel.receive(peer(0));
    const d = decodeMessage(r.write[0] ?? Buffer.alloc(0));
    expect(d.ok && d.message).toMatchObject({messageType: 'acknowledge', sequenceNumber: 0n, flags: 3n, payloadType: 0});
    const a = d.ok ? parseAckPayload(d.message.payload) : undefined;
    expect(a?.ok && a.ack).toEqual({acknowledgedMessageType: 'output_stream_data', acknowledgedMessageId: idFor(0xabc000), acknowledgedMessageSequenceNumber: 0, isSequentialMessage: true});
  });

  it('keeps buffered messages when the handler is not ready and releases them on setReady(true)', () => {
    const {channel} = harness();
    expect(ackedSeqs(channel.receive(peer(1)).write)).toEqual([1]);
    expect(ackedSeqs(channel.receive(peer(2)).write)).toEqual([2]);
    channel.setReady(false);
    const r = channel.receive(peer(0, PayloadType.HandshakeRequest));
    expect(texts(r.deliver)).toEqual(['m0']);
    expect(channel.expectedSequenceNumber).toBe(1);
    expect(channel.bufferedCount).toBe(2);
    expect(texts(channel.setReady(true))).toEqual(['m1', 'm2']);
    expect(channel.expectedSequenceNumber).toBe(3);
    expect(channel.bufferedCount).toBe(0);
  });

  it('buffers up to the default 10,000 out-of-order messages', () => {
    const {channel} = harness();
    for (let seq = 1; seq <= 10_000; seq++) channel.receive(peer(seq));
    expect(channel.bufferedCount).toBe(10_000);
    const r = channel.receive(peer(10_001));
    expect(r).toMatchObject({write: [], dropped: 'incoming buffer full'});
    expect(channel.receive(peer(0)).deliver).toHaveLength(10_001);
  });

  it('drops invalid frames, foreign stream types and agent_session_state without acking', () => {
    const {channel} = harness();
    const bad = peer(0);
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 1, bad.length - 1);
    expect(channel.receive(bad)).toMatchObject({write: [], deliver: [], dropped: expect.stringMatching(/digest/)});
    expect(channel.receive(peer(0, 1, 'x', MessageType.InputStreamData)).dropped).toMatch(/ignored/);
    expect(channel.receive(peer(0, 0, '{}', MessageType.AgentSessionState)).dropped).toMatch(/ignored/);
    expect(channel.expectedSequenceNumber).toBe(0);
  });

  it('reports channel_closed (never acked) with its payload', () => {
    const {channel} = harness();
    const frame = buildChannelClosed({sessionId: 's-1', destinationId: 'i-1', output: ''}, {now: () => 5, newId: () => idFor(9)});
    const r = channel.receive(frame);
    expect(r.write).toEqual([]);
    expect(r.event?.type === 'channel_closed' && r.event.closed).toMatchObject({sessionId: 's-1', destinationId: 'i-1', output: '', createdDate: '5'});
  });
});

describe('sending', () => {
  it('numbers messages from 0, chunks at 1024 bytes, and uses the role’s stream type and flags', () => {
    const client = harness().channel;
    const frames = client.send(PayloadType.Output, Buffer.alloc(2500, 0x61));
    const decoded = frames.map((f) => decodeMessage(f));
    expect(decoded.map((d) => d.ok && [d.message.messageType, d.message.sequenceNumber, d.message.flags, d.message.payload.length])).toEqual([
      ['input_stream_data', 0n, 0n, 1024],
      ['input_stream_data', 1n, 0n, 1024],
      ['input_stream_data', 2n, 0n, 452],
    ]);
    const agent = harness({role: 'agent'}).channel;
    const agentFrames = [...agent.send(PayloadType.Output, Buffer.from('a')), ...agent.send(PayloadType.Output, Buffer.from('b'))];
    expect(agentFrames.map((f) => {
      const d = decodeMessage(f);
      return d.ok && [d.message.messageType, d.message.flags];
    })).toEqual([['output_stream_data', 1n], ['output_stream_data', 0n]]);
    expect(client.send(PayloadType.Output, new Uint8Array(0))).toEqual([]);
  });

  it('agent keeps UTF-8 characters whole; the client cuts at exactly 1024 bytes', () => {
    const text = Buffer.from('€'.repeat(700));
    const agentChunks = harness({role: 'agent'}).channel.send(PayloadType.Output, text).map((f) => {
      const d = decodeMessage(f);
      return d.ok ? d.message.payload : Buffer.alloc(0);
    });
    expect(agentChunks.map((c) => c.length)).toEqual([1023, 1023, 54]);
    expect(agentChunks.every((c) => Buffer.from(c.toString('utf8')).equals(c))).toBe(true);
    expect(Buffer.concat(agentChunks).equals(text)).toBe(true);
    const clientLengths = harness().channel.send(PayloadType.Output, text).map((f) => f.length - 120);
    expect(clientLengths).toEqual([1024, 1024, 52]);
  });

  it('outgoing buffer limit: the client evicts the oldest, the agent sends without storing', () => {
    const client = harness({outgoingLimit: 3}).channel;
    for (let i = 0; i < 4; i++) client.send(PayloadType.Output, Buffer.from([i]));
    expect(client.unacked().map((u) => u.sequenceNumber)).toEqual([1, 2, 3]);
    const agent = harness({role: 'agent', outgoingLimit: 3}).channel;
    const sent = [0, 1, 2, 3].flatMap((i) => agent.send(PayloadType.Output, Buffer.from([i])));
    expect(sent).toHaveLength(4);
    expect(agent.unacked().map((u) => u.sequenceNumber)).toEqual([0, 1, 2]);
  });
});

describe('retransmission', () => {
  it('computes the RTO as Jacobson/Karels with the spec’s constants', () => {
    const {channel, clock} = harness();
    expect([channel.srtt, channel.rttvar, channel.rto]).toEqual([100, 0, 200]);
    // [round trip, SRTT, RTTVAR, RTO]
    const table: [number, number, number, number][] = [
      [50, 93.75, 12.5, 143.75],
      [300, 119.53125, 60.9375, 363.28125],
      [5000, 729.58984375, 1265.8203125, MAX_RTO_MS],
    ];
    for (const [rtt, srtt, rttvar, rto] of table) {
      channel.send(PayloadType.Output, Buffer.from('x'));
      const seq = channel.nextSequenceNumber - 1;
      clock.t += rtt;
      expect(channel.receive(peerAck(seq)).event).toEqual({type: 'ack', sequenceNumber: seq, matched: true});
      expect([channel.srtt, channel.rttvar, channel.rto]).toEqual([srtt, rttvar, rto]);
    }
  });

  it('uses the 10 ms clock granularity when the variation is tiny', () => {
    const {channel, clock} = harness();
    channel.send(PayloadType.Output, Buffer.from('x'));
    clock.t += 100;
    channel.onAck(0);
    expect([channel.srtt, channel.rttvar, channel.rto]).toEqual([100, 0, 110]);
    expect(channel.onAck(0)).toBe(false);
  });

  it('looks only at the oldest unacked message, resends identical bytes after the RTO, and updates lastSent', () => {
    const {channel, clock} = harness();
    const t0 = clock.t;
    const [f0, f1] = [...channel.send(PayloadType.Output, Buffer.from('a')), ...channel.send(PayloadType.Output, Buffer.from('b'))];
    expect(channel.tick(t0 + 200)).toEqual([]);
    const first = channel.tick(t0 + 201);
    expect(first).toHaveLength(1);
    expect(first[0]?.equals(f0 ?? Buffer.alloc(0))).toBe(true);
    expect(channel.tick(t0 + 301)).toEqual([]);
    expect(channel.tick(t0 + 402)).toHaveLength(1);
    expect(channel.unacked()[0]).toMatchObject({sequenceNumber: 0, lastSent: t0 + 402, resends: 2});
    // An ack for seq 1 does not unblock seq 0; the head stays the only candidate.
    channel.onAck(1);
    expect(channel.unacked().map((u) => u.sequenceNumber)).toEqual([0]);
    channel.onAck(0);
    expect(channel.tick(t0 + 10_000)).toEqual([]);
    const [f2] = channel.send(PayloadType.Output, Buffer.from('c'));
    expect(channel.tick(t0 + 10_000)).toEqual([f2]);
    expect(f1).toBeDefined();
  });

  it('resume() resends every unacked message (identical bytes) and keeps numbering', () => {
    const {channel, clock} = harness();
    const frames = channel.send(PayloadType.Output, Buffer.alloc(3000, 1));
    channel.onAck(1);
    clock.t += 5000;
    const again = channel.resume();
    expect(again.map(seqOf)).toEqual([0n, 2n]);
    expect(again[0]?.equals(frames[0] ?? Buffer.alloc(0))).toBe(true);
    expect(again[1]?.equals(frames[2] ?? Buffer.alloc(0))).toBe(true);
    expect(channel.unacked().every((u) => u.lastSent === clock.t)).toBe(true);
    expect(channel.send(PayloadType.Output, Buffer.from('z')).map(seqOf)).toEqual([3n]);
  });
});

describe('publication', () => {
  const pub = (type: MessageType): Buffer => encodeMessage({
    messageType: type, createdDate: 0, sequenceNumber: 0, flags: 0, messageId: idFor(3), payloadType: PayloadType.Unset, payload: new Uint8Array(0),
  });

  it('agent holds stream messages while paused and flushes them on start_publication', () => {
    const {channel, clock} = harness({role: 'agent'});
    expect(channel.receive(pub(MessageType.PausePublication)).event).toEqual({type: 'publication', paused: true});
    expect(channel.send(PayloadType.Output, Buffer.from('held'))).toEqual([]);
    clock.t += 10_000;
    expect(channel.tick()).toEqual([]);
    const r = channel.receive(pub(MessageType.StartPublication));
    expect(r.write.map(seqOf)).toEqual([0n]);
    expect(channel.paused).toBe(false);
  });

  it('agent also leaves the pause on incoming stream data', () => {
    const {channel} = harness({role: 'agent'});
    channel.receive(pub(MessageType.PausePublication));
    channel.send(PayloadType.Output, Buffer.from('held'));
    const r = channel.receive(peer(0, 1, 'k', MessageType.InputStreamData));
    expect(r.write).toHaveLength(2);
    expect(texts(r.deliver)).toEqual(['k']);
  });

  it('the client ignores publication messages', () => {
    const {channel} = harness();
    channel.receive(pub(MessageType.PausePublication));
    expect(channel.paused).toBe(false);
    expect(channel.send(PayloadType.Output, Buffer.from('x'))).toHaveLength(1);
  });
});
