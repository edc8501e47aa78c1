/** Finding a port no other program holds on this machine, for `posmesh init`. */
import { createServer } from 'node:net';

/**
 * true: free now; false: another program holds it (or may not be given it); undefined:
 * cannot tell here (an address this machine does not have, a name that does not resolve),
 * which the till reports as a config error when it starts.
 */
export function portIsFree(host: string, port: number): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? false : undefined),
    );
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS says is free on that host. */
function anyFreePort(host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ host, port: 0, exclusive: true }, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The preferred port if it is free (or cannot be checked), else the next free one of
 * preferred + step, + 2 step, ... (several tills on one host get neighbouring ports),
 * else any free port. Never one of `avoid`.
 */
export async function pickPort(
  host: string,
  preferred: number,
  { step = 2, tries = 20, avoid = [] as number[] } = {},
): Promise<number> {
  for (let i = 0, port = preferred; i < tries && port <= 65_535; i++, port += step) {
    if (avoid.includes(port)) continue;
    const free = await portIsFree(host, port);
    if (free !== false) return port;
  }
  for (let i = 0; i < 5; i++) {
    const port = await anyFreePort(host);
    if (port !== undefined && !avoid.includes(port)) return port;
  }
  return preferred;
}
