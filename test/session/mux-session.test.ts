// The smux session both ends of a mux port forward share, against hand-built frames (spec §7 examples).
import {afterEach, describe, expect, it, vi} from 'vitest';

import {MuxSession, type MuxStream} from '../../src/session/mux-session.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s/g, ''), 'hex');

function wire(role: 'client' | 'server', extra: Partial<ConstructorParameters<typeof MuxSession>[0]> = {}) {
  const sent: Buffer[] = [];
  const streams: MuxStream[] = [];
  const closes: string[] = [];
  const session = new MuxSession({
    role,
    keepalive: false,
    send: (b) => sent.push(Buffer.from(b)),
    onStream: (s) => streams.push(s),
    onClose: (why) => closes.push(why),
    ...extra,
  });
  return {session, sent, streams, closes, out: () => Buffer.concat(sent).toString('hex')};
}

afterEach(() => {
  vi.useRealTimers();
});

describe('MuxSession as the client', () => {
  it('opens streams 3, 5, … and writes SYN, PSH and FIN exactly as the spec examples', () => {
    const w = wire('client');
    const a = w.session.open();
    expect(a?.id).toBe(3);
    a?.write(Buffer.from('hi'));
    a?.end();
    expect(w.out()).toBe('0100000003000000' + '01020200030000006869' + '0101000003000000');
    expect(w.session.open()?.id).toBe(5);
  });

  it('delivers PSH data and FIN for its streams, frames split anywhere, and ignores unknown streams', () => {
    const w = wire('client');
    const a = w.session.open();
    const got: string[] = [];
    let ended = false;
    a?.on('data', (d) => got.push(d.toString()));
    a?.on('end', () => (ended = true));
    const bytes = hex('0102020003000000 6869  0102030009000000 787878  0101000003000000');
    for (const b of bytes) w.session.receive(Buffer.from([b]));
    expect(got.join('')).toBe('hi');
    expect(ended).toBe(true);
    expect(w.session.streamCount).toBe(1); // our FIN is still owed
    a?.end();
    expect(w.session.streamCount).toBe(0);
    expect(a?.writable).toBe(false);
  });
});

describe('MuxSession as the server (the agent)', () => {
  it('accepts a SYN once, routes PSH by stream id and answers on the same id', () => {
    const w = wire('server');
    w.session.receive(hex('0100000003000000 0100000003000000 0100000005000000'));
    expect(w.streams.map((s) => s.id)).toEqual([3, 5]);
    const seen: string[] = [];
    for (const s of w.streams) s.on('data', (d) => seen.push(`${s.id}:${d.toString()}`));
    w.session.receive(hex('01020100050000007a 010201000300000079'));
    expect(seen).toEqual(['5:z', '3:y']);
    w.streams[1]?.write(Buffer.from('ok'));
    expect(w.out()).toBe('01020200050000006f6b');
    expect(w.session.open()).toBeUndefined();
  });

  it('closes on a wrong version or unknown cmd, ending every stream', () => {
    const w = wire('server');
    w.session.receive(hex('0100000003000000'));
    let ended = false;
    w.streams[0]?.on('end', () => (ended = true));
    w.session.receive(hex('0200000003000000'));
    expect(w.closes).toEqual(['invalid smux protocol version 2']);
    expect(ended).toBe(true);
    expect(w.session.closed).toBe(true);
    w.streams[0]?.write(Buffer.from('late'));
    expect(w.sent).toEqual([]);
  });
});

describe('keepalive', () => {
  it('sends a NOP every 10 s and, when enforced, closes after a 30 s window with nothing received', () => {
    vi.useFakeTimers();
    const w = wire('client', {keepalive: true});
    vi.advanceTimersByTime(10_000);
    expect(w.out()).toBe('0103000000000000');
    w.session.receive(hex('0103000000000000'));
    vi.advanceTimersByTime(20_000);
    expect(w.closes).toEqual([]);
    vi.advanceTimersByTime(30_000);
    expect(w.closes).toEqual(['smux keepalive timeout']);
  });

  it('sends NOPs without enforcing the timeout when asked (the client facing an agent that sends none)', () => {
    vi.useFakeTimers();
    const w = wire('client', {keepalive: true, keepaliveTimeout: false});
    vi.advanceTimersByTime(120_000);
    expect(w.sent.length).toBe(12);
    expect(w.closes).toEqual([]);
    w.session.close();
  });

  it('sends nothing with keepalive off', () => {
    vi.useFakeTimers();
    const w = wire('server');
    vi.advanceTimersByTime(120_000);
    expect(w.sent).toEqual([]);
    expect(w.closes).toEqual([]);
  });
});
