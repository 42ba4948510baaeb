import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { StartupError } from './startup-error';

type Fetch = Parameters<typeof serve>[0]['fetch'];

/** Starts the HTTP server; resolves once it listens, rejects with a clear reason if it cannot. */
export function listen(fetch: Fetch, port: number): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port }) as Server;
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `Port ${port} is already in use. Stop the other process or set PORT to a free port.`
          : error.code === 'EACCES'
            ? `Port ${port} needs elevated privileges. Set PORT to a port above 1024.`
            : `Cannot listen on port ${port}: ${error.message}`;
      reject(new StartupError(reason, { cause: error }));
    });
    server.once('listening', () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}

/** Stops accepting connections, lets in-flight requests finish, then closes what is left. */
export function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
