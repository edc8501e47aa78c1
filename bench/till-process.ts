/**
 * A till as `npm start` runs it, in its own process: compiled (dist/), with the node
 * flags and environment of package.json's "start" script, until its "till ready" line.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

const START = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start.split(' ');
/** The node flags `npm start` gives the till (package.json). */
export const START_FLAGS = START.filter((word) => word.startsWith('--'));
/** And the environment it sets for it (`NAME=value` before the command). */
export const START_ENV: Record<string, string> = Object.fromEntries(
  START.slice(
    0,
    START.findIndex((word) => !/^[A-Z_]+=/.test(word)),
  ).map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]),
);

export interface TillProcess {
  child: ChildProcess;
  url: string;
  /** From spawning to the "till ready" line. */
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * Starts `node <args> till --config <configFile>` with `env` added; both default to
 * the compiled till as `npm start` runs it.
 */
export function startTillProcess(
  configFile: string,
  args: readonly string[] = [...START_FLAGS, join(ROOT, 'dist/posmesh.js')],
  env: Record<string, string> = START_ENV,
): Promise<TillProcess> {
  return new Promise((resolveTill, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...args, 'till', '--config', configFile], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    let buffered = '';
    let ready = false;
    // read to the end: the till's logs go to a pipe, and a full pipe would stop it
    child.stdout.on('data', (chunk: Buffer) => {
      if (ready) return;
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => l.includes('"till ready"'));
      if (!line) return;
      ready = true;
      buffered = '';
      resolveTill({
        child,
        url: (JSON.parse(line) as { url: string }).url,
        readyMs: performance.now() - started,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.once('error', reject);
    void exited.then(() => {
      if (!ready) reject(new Error(`the till exited before it was ready (${configFile})`));
    });
  });
}
