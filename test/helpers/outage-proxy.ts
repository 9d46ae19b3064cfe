// A loopback TCP proxy in front of an endpoint that a test can take down and bring back on the same port: to a
// client, exactly an endpoint process that was killed (connections reset, then refused) and restarted, while the
// endpoint's own state (commands, processes) lives on behind it.
import net from 'node:net';

export interface OutageProxy {
  readonly url: string;
  /** Drop every connection and stop listening. */
  down(): Promise<void>;
  /** Listen again on the same port. */
  up(): Promise<void>;
  /** Drop every connection; new ones are accepted and never answered (a hung endpoint). `up()` undoes it. */
  hang(): void;
  close(): Promise<void>;
}

export async function startOutageProxy(target: string): Promise<OutageProxy> {
  const {hostname, port: targetPort} = new URL(target);
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s)).on('error', () => s.destroy());
    return s;
  };
  let silent = false;
  const server = net.createServer((client) => {
    track(client);
    if (silent) return;
    const upstream = track(net.connect(Number(targetPort), hostname));
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number) => new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
  const port = await listen(0);
  const down = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    for (const s of sockets) s.destroy();
  });
  return {
    url: `http://127.0.0.1:${port}`,
    down,
    up: async () => {
      silent = false;
      if (!server.listening) await listen(port);
    },
    hang: () => {
      silent = true;
      for (const s of sockets) s.destroy();
    },
    close: async () => {
      if (server.listening) await down();
    },
  };
}
