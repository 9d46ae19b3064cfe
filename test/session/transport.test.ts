// The client's WebSocket to the data channel: the OpenDataChannel text frame first, then binary frames; what was
// sent before close() reaches the agent before the close frame.
import {once} from 'node:events';
import type {AddressInfo} from 'node:net';
import {describe, expect, it} from 'vitest';
import {WebSocketServer, type WebSocket} from 'ws';

import {openWebSocketTransport} from '../../src/session/transport.js';

describe('openWebSocketTransport', () => {
  it('sends OpenDataChannel, then every message sent before close() ahead of the close frame', async () => {
    const wss = new WebSocketServer({host: '127.0.0.1', port: 0});
    await once(wss, 'listening');
    const received: {binary: boolean; data: Buffer}[] = [];
    const closed = new Promise<number>((resolve) => {
      wss.on('connection', (ws: WebSocket) => {
        ws.on('message', (data: Buffer, binary: boolean) => received.push({binary, data}));
        ws.on('close', (code) => resolve(code));
      });
    });
    try {
      const transport = await openWebSocketTransport({
        streamUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/v1/data-channel/s-1`,
        tokenValue: 'token', clientId: 'client-1',
        handlers: {onFrame: () => undefined, onClose: () => undefined},
      });
      const messages = [Buffer.from('one'), Buffer.alloc(300, 2), Buffer.from('three')];
      for (const m of messages) transport.send(m);
      transport.close(1000, 'bye');
      expect(await closed).toBe(1000);
      expect(received[0]?.binary).toBe(false);
      expect(JSON.parse(received[0]?.data.toString('utf8') ?? '{}')).toMatchObject({TokenValue: 'token', ClientId: 'client-1'});
      expect(received.slice(1)).toEqual(messages.map((data) => ({binary: true, data})));
    } finally {
      wss.close();
    }
  });
});
