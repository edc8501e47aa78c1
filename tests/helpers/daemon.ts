/**
 * Till daemons as real child processes, for process-level tests: spawn
 * `posmesh till`, wait for its "till ready" log line, talk to it over HTTP.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'bin/posmesh.js');

export interface Daemon {
  url: string;
  child: ChildProcess;
  logs: string[];
  stderr: string[];
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

export function writeTillConfig(dir: string, config: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'mesh.config.json');
  // loopback only, no multicast: tests talk to nothing outside this machine
  const raw = {
    till: { code: 'T1', name: 'Test till' },
    dataDir: 'data',
    http: { port: 0 },
    mesh: { listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, peers: [] },
    demo: true,
    ...config,
  };
  writeFileSync(file, JSON.stringify(raw, null, 2));
  return file;
}

export function startDaemon(
  configFile: string,
  env: NodeJS.ProcessEnv = {},
  readyTimeoutMs = 20_000,
  /** Runs the daemon through a wrapper, such as `ip netns exec <ns>`. */
  wrapper: string[] = [],
): Promise<Daemon> {
  return startPosmesh('till', ['--config', configFile], env, readyTimeoutMs, wrapper);
}

/** A relay process (`posmesh relay`), ready when it logs so, like a till. */
export function startRelay(
  configFile: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
  wrapper: string[] = [],
): Promise<Daemon> {
  return startPosmesh('relay', ['--config', configFile, ...args], env, 30_000, wrapper);
}

function startPosmesh(
  what: 'till' | 'relay',
  args: string[],
  env: NodeJS.ProcessEnv,
  readyTimeoutMs: number,
  wrapper: string[],
): Promise<Daemon> {
  const command = [...wrapper, process.execPath, CLI, what, ...args];
  const child = spawn(command[0]!, command.slice(1), {
    env: { ...process.env, POSMESH_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${what} did not get ready in ${readyTimeoutMs} ms:\n${logs.join('\n')}\n${stderr.join('')}`,
        ),
      );
    }, readyTimeoutMs);
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const entry = safeJson(line);
        if (entry?.msg === `${what} ready`) {
          clearTimeout(timer);
          resolveReady({
            url: String(entry.url),
            child,
            logs,
            stderr,
            stop: async () => {
              if (child.exitCode === null) child.kill('SIGTERM');
              return exited;
            },
            kill9: async () => {
              if (child.exitCode === null) child.kill('SIGKILL');
              await exited;
            },
          });
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${what} exited with ${code} before it was ready:\n${stderr.join('')}\n${logs.join('\n')}`,
        ),
      );
    });
  });
}

function safeJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** A small JSON client that signs in and keeps the token. */
export class ApiClient {
  token = '';
  constructor(readonly baseUrl: string) {}

  async login(staffId: string, pin: string): Promise<this> {
    const { token } = await this.call<{ token: string }>('POST', '/api/login', { staffId, pin });
    this.token = token;
    return this;
  }

  async raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  async call<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const { status, body: payload } = await this.raw(method, path, body);
    if (status !== 200)
      throw new Error(`${method} ${path} -> ${status} ${JSON.stringify(payload)}`);
    return payload as T;
  }
}
