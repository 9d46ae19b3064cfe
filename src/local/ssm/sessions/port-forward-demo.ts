// A small HTTP page served on loopback with the local fleet, so a port forward can be tried at once: one online
// Linux node carries the tag `fleetdeck:forward` = the page's port (set once the server listens).

import {createServer, type Server} from 'node:http';

import {FORWARD_TAG} from '../../../session/port-forward-documents.js';
import type {FleetModel, FleetNode} from '../../model/fleet-model.js';

export {FORWARD_TAG};

export interface DemoWebServer {
  /** The node that "serves" the page, when the fleet has an online Linux node. */
  readonly node: FleetNode | undefined;
  /** The port, once listening (0 before). */
  port(): number;
  /** Resolves with the port once listening. */
  ready: Promise<number>;
  close(): void;
}

/** The first online Linux EC2 web node (any online Linux node otherwise); never the hostile-named one. */
function pickNode(model: FleetModel): FleetNode | undefined {
  const hostile = model.hostileNode();
  const candidates = model.managed().filter((n) => n !== hostile && n.pingStatus === 'Online' && n.platformType === 'Linux');
  return candidates.find((n) => n.tags['Role'] === 'web' && n.resourceType === 'EC2Instance') ?? candidates[0];
}

export function demoPage(node: FleetNode | undefined): string {
  const id = node?.instanceId ?? 'local';
  return `<!doctype html>\n<html><head><title>fleetdeck demo</title></head>\n<body><h1>Hello from ${id}</h1>\n<p>Served on the node through a Session Manager port forward.</p></body></html>\n`;
}

export function startDemoWebServer(model: FleetModel): DemoWebServer {
  const node = pickNode(model);
  const page = demoPage(node);
  const server: Server = createServer((req, res) => {
    res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(page)});
    res.end(req.method === 'HEAD' ? undefined : page);
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  let port = 0;
  const ready = new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      port = address !== null && typeof address === 'object' ? address.port : 0;
      if (node !== undefined) model.setTag(node.instanceId, FORWARD_TAG, String(port));
      resolve(port);
    });
  });
  ready.catch(() => undefined);
  server.unref();
  return {
    node,
    port: () => port,
    ready,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}
