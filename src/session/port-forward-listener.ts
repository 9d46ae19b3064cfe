/** The forward's local TCP listener: binding it exclusively, and the listen errors a user can act on. */
import type net from 'node:net';

/** The listen error a user can act on. */
export function listenErrorMessage(err: NodeJS.ErrnoException, address: string, port: number): string {
  if (err.code === 'EADDRINUSE') return `local port ${port} on ${address} is already in use`;
  if (err.code === 'EACCES') return `no permission to listen on ${address}:${port}`;
  if (err.code === 'EADDRNOTAVAIL') return `${address} is not an address of this machine`;
  return `cannot listen on ${address}:${port}: ${err.message}`;
}

/** Listens on `host:port` (0: any free port) and resolves with the bound port; later errors go to `onError`. */
export function listenLocal(server: net.Server, host: string, port: number, onError: (err: Error) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const onListenError = (err: NodeJS.ErrnoException): void => reject(new Error(listenErrorMessage(err, host, port)));
    server.once('error', onListenError);
    server.listen({port, host, exclusive: true}, () => {
      server.off('error', onListenError);
      server.on('error', onError);
      const address = server.address();
      resolve(address !== null && typeof address === 'object' ? address.port : port);
    });
  });
}
