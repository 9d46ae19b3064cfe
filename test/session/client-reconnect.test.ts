// The client's reconnect policy and wire behaviour with an injected transport (no network).

import {randomUUID} from 'node:crypto';
import {describe, expect, it, vi} from 'vitest';

import {SessionClient, type SessionApi} from '../../src/session/client.js';
import {PayloadType, decodeMessage} from '../../src/session/message.js';
import {parseOpenDataChannel} from '../../src/session/payloads.js';
import {clientIdForProcess, type OpenTransportOptions, type Transport} from '../../src/session/transport.js';

interface FakeSocket {
  options: OpenTransportOptions;
  sent: Buffer[];
  pings: number;
  closed: boolean;
}

function fakeNetwork(failAfter: number): {sockets: FakeSocket[]; open: (o: OpenTransportOptions) => Promise<Transport>} {
  const sockets: FakeSocket[] = [];
  let opens = 0;
  return {
    sockets,
    open: async (options) => {
      opens++;
      if (opens > failAfter) throw new Error('ECONNREFUSED');
      const socket: FakeSocket = {options, sent: [], pings: 0, closed: false};
      sockets.push(socket);
      return {
        send: (frame) => socket.sent.push(Buffer.from(frame)),
        ping: () => {
          socket.pings++;
        },
        close: () => {
          socket.closed = true;
        },
        get open() {
          return !socket.closed;
        },
      };
    },
  };
}

function fakeApi(): SessionApi & {resumes: number; terminates: number} {
  const api = {
    resumes: 0,
    terminates: 0,
    startSession: async () => ({SessionId: 'fleetdeck-0123456789abcdef0', TokenValue: 'token-0', StreamUrl: 'ws://127.0.0.1:1/v1/data-channel/x'}),
    resumeSession: async () => {
      api.resumes++;
      return {SessionId: 'fleetdeck-0123456789abcdef0', TokenValue: `token-${api.resumes}`, StreamUrl: 'ws://ignored'};
    },
    terminateSession: async () => {
      api.terminates++;
      return {};
    },
  };
  return api;
}

describe('SessionClient reconnects', () => {
  it('sends Size first, pings on open, resends unacked data on resume with the same sequence numbers, and gives up after 5 attempts', async () => {
    const net = fakeNetwork(2);
    const api = fakeApi();
    const client = await SessionClient.start({
      api,
      target: 'i-0123456789abcdef0',
      size: {cols: 132, rows: 43},
      onOutput: () => undefined,
      openTransport: net.open,
      reconnect: {firstDelayMs: 1, maxDelayMs: 4},
      random: () => 0,
    });
    const first = net.sockets[0];
    expect(first?.options.tokenValue).toBe('token-0');
    expect(first?.options.clientId).toBe(clientIdForProcess());
    expect(first?.options.clientVersion).toBe('1.2.707.0');
    expect(first?.pings).toBe(1);
    const size = decodeMessage(first?.sent[0] ?? Buffer.alloc(0));
    expect(size.ok && size.message.payloadType).toBe(PayloadType.Size);
    expect(size.ok && size.message.payload.toString()).toBe('{"cols":132,"rows":43}');
    // Nothing is acked here, so the 100 ms tick resends the oldest message (the Size), byte for byte.
    await vi.waitFor(() => expect(first?.sent.length).toBeGreaterThanOrEqual(2), {interval: 5});
    expect(first?.sent[1]?.equals(first?.sent[0] ?? Buffer.alloc(0))).toBe(true);
    first?.sent.splice(0);
    client.write(Buffer.alloc(2500, 0x61));
    const chunks = (first?.sent ?? []).map((f) => decodeMessage(f)).filter((d) => d.ok && d.message.payloadType === PayloadType.Output);
    expect(chunks.map((d) => (d.ok ? [Number(d.message.sequenceNumber), d.message.payload.length] : []))).toEqual([[1, 1024], [2, 1024], [3, 452]]);

    // Drop: the resume dials the original StreamUrl with the new token and resends seq 0–3.
    first?.options.handlers.onClose({code: 1006, reason: ''});
    await vi.waitFor(() => expect(net.sockets.length).toBe(2), {interval: 2});
    const second = net.sockets[1];
    expect(second?.options.streamUrl).toBe('ws://127.0.0.1:1/v1/data-channel/x');
    expect(second?.options.tokenValue).toBe('token-1');
    const seqs = (second?.sent ?? []).map((f) => {
      const d = decodeMessage(f);
      return d.ok ? Number(d.message.sequenceNumber) : -1;
    });
    expect(seqs).toEqual([0, 1, 2, 3]);
    expect(client.state).toBe('connected');

    // Drop again; every dial now fails. The resumed socket never carried a frame, so it did not reset the count:
    // 5 ResumeSession calls in all, then 'disconnected'.
    const closed = client.whenClosed();
    second?.options.handlers.onClose({code: 1006, reason: ''});
    const info = await closed;
    expect(info.reason).toBe('disconnected');
    expect(info.error?.message).toBe('ECONNREFUSED');
    expect(api.resumes).toBe(5);
    expect(api.terminates).toBe(0);
  });

  it('makes one ClientId per process and a valid OpenDataChannel frame', () => {
    expect(clientIdForProcess()).toBe(clientIdForProcess());
    const parsed = parseOpenDataChannel(
      JSON.stringify({MessageSchemaVersion: '1.0', RequestId: randomUUID(), TokenValue: 't', ClientId: clientIdForProcess(), ClientVersion: '1.2.707.0'}),
    );
    expect(parsed.ok).toBe(true);
  });
});
