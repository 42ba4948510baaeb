import net from 'node:net';

function listenOn(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
    });
  });
}

/** The preferred port when it is free on 127.0.0.1, otherwise one the system hands out. */
export async function freePort(preferred: number): Promise<number> {
  return (await listenOn(preferred)) ?? (await listenOn(0)) ?? preferred;
}
