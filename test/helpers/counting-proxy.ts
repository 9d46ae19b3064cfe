// An HTTP proxy in front of a local fleet that sees every request the SDK sends: how many are in flight at once, in
// what order they arrived (by operation), and it can hold them (not forwarded until released) so a test can look at
// the client while its requests are on the wire. Headers pass unchanged, so SigV4 signatures stay valid.
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export interface CountingProxy {
  readonly url: string;
  /** Operations in arrival order ('AmazonSSM.DescribeInstanceInformation', or the Query Action). */
  readonly arrived: string[];
  inFlight(): number;
  /** The most requests in flight at once since the start (or the last reset). */
  maxInFlight(): number;
  /** The most in flight at once of the operations `match` accepts. */
  maxInFlightOf(match: (op: string) => boolean): number;
  /** Requests arriving from now on wait until release(). */
  hold(): void;
  release(): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const {hostname, port} = new URL(target);
  const arrived: string[] = [];
  const current = new Map<string, number>();
  let inFlight = 0;
  let max = 0;
  const snapshots: Map<string, number>[] = [];
  let held: (() => void)[] | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const target = req.headers['x-amz-target'];
      const op = typeof target === 'string' ? target : new URLSearchParams(body.toString()).get('Action') ?? '';
      arrived.push(op);
      inFlight++;
      current.set(op, (current.get(op) ?? 0) + 1);
      max = Math.max(max, inFlight);
      snapshots.push(new Map(current));
      const forward = () => {
        const up = http.request({host: hostname, port: Number(port), method: req.method, path: req.url, headers: req.headers}, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        up.on('error', () => res.destroy());
        up.end(body);
      };
      res.on('close', () => {
        inFlight--;
        current.set(op, (current.get(op) ?? 1) - 1);
      });
      if (held) held.push(forward);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrived,
    inFlight: () => inFlight,
    maxInFlight: () => max,
    maxInFlightOf: (match) => Math.max(0, ...snapshots.map((s) => [...s].filter(([op]) => match(op)).reduce((n, [, k]) => n + k, 0))),
    hold: () => {
      held ??= [];
    },
    release: () => {
      const waiting = held ?? [];
      held = undefined;
      for (const f of waiting) f();
    },
    reset: () => {
      arrived.length = 0;
      snapshots.length = 0;
      max = inFlight;
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
