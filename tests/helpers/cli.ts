/** Runs the posmesh CLI as a user would, and the small things its tests share. */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { promisify } from 'node:util';
import { CLI } from './daemon.ts';

const run = promisify(execFile);
export async function posmesh(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, POSMESH_CONFIG: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A stack trace line, which a config error must never print. */
export const STACK_LINE = /^ {4}at /m;

export function holdPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as { port: number }).port }),
    );
  });
}

/**
 * Makes a `*.invalid` name fail at once, as RFC 6761 asks of resolvers, so the test of an
 * unresolvable http.host sends no DNS query anywhere: the till still listens for real and
 * gets the same ENOTFOUND error the system resolver gives.
 */
export const NO_DNS_FOR_INVALID = `
const dns = require('node:dns');
const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  if (typeof hostname === 'string' && /\\.invalid\\.?$/i.test(hostname)) {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND ' + hostname), {
      code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname,
    });
    process.nextTick(rest[rest.length - 1], error);
    return {};
  }
  return lookup.call(this, hostname, ...rest);
};
`;
