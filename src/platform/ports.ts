import { createServer } from 'node:net';

/** Why host:port cannot be bound right now (EADDRINUSE, EACCES, ...), or undefined when it can. */
export function bindError(port: number, host: string): Promise<string | undefined> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', (err) => done('code' in err && typeof err.code === 'string' ? err.code : err.message));
    server.listen({ port, host, exclusive: true }, () => server.close(() => done(undefined)));
  });
}

export const portIsFree = async (port: number, host: string) => (await bindError(port, host)) === undefined;

/** A port the system calls free right now (another process may still take it before we bind it). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
