/** A serial line in a test: socat joins two ptys and links them at fixed paths. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './wait-for.ts';

export interface PtyPair {
  /** The path the driver under test opens. */
  device: string;
  /** The path the test's fake device opens. */
  peer: string;
  /** Kills socat, waits until it exited and both links are gone: the cable is pulled. */
  stop(): Promise<void>;
  /** Starts socat again at the same link paths (new ptys behind them): plugged back in. */
  restart(): Promise<void>;
}

const SOCAT = '/usr/bin/socat';
const SETPRIV = '/usr/bin/setpriv';
const STARTUP_TIMEOUT_MS = 5_000;

// A test that forgot stop() must not leave socat running. 'exit' covers a worker that exits;
// vitest ends workers with SIGTERM (forks) or terminate() (threads), which run no 'exit'
// handler, so socat also gets PDEATHSIG: the kernel sends it SIGTERM when its spawner dies.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startPtyPair(dir: string, name = 'tty'): Promise<PtyPair> {
  const device = join(dir, `${name}-device`);
  const peer = join(dir, `${name}-peer`);
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    // A link left by a SIGKILLed socat would make "both links exist" true too early.
    for (const path of [device, peer]) rmSync(path, { force: true });
    const socat = [SOCAT, `pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${peer}`];
    const [command, ...args] = existsSync(SETPRIV)
      ? [SETPRIV, '--pdeathsig', 'TERM', ...socat] // setpriv execs socat: same pid
      : socat;
    const proc = spawn(command!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    running.add(proc);
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.once('exit', () => running.delete(proc));
    await waitFor(
      () => {
        if (proc.exitCode !== null || proc.signalCode !== null)
          throw new Error(`socat exited before linking ${device}: ${stderr.trim()}`);
        return existsSync(device) && existsSync(peer);
      },
      { timeoutMs: STARTUP_TIMEOUT_MS, intervalMs: 5, what: `socat links in ${dir}` },
    );
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      await exited;
    }
    // socat removes its links on SIGTERM; make sure of it in any case.
    for (const path of [device, peer]) rmSync(path, { force: true });
  };

  await start();
  return {
    device,
    peer,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
  };
}
