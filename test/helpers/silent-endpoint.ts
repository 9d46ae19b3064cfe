// A loopback endpoint that accepts connections and never answers: what a hung proxy or a stopped process behind a
// live listener looks like to a client.
import net from 'node:net';
import {afterAll, beforeAll} from 'vitest';

export function useSilentEndpoint(): {readonly url: string} {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s.on('close', () => sockets.delete(s)).on('error', () => {}));
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    get url() {
      return url;
    },
  };
}
