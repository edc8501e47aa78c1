/** A serial line in a test: socat joins two ptys and links them at fixed paths. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
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

/**
 * The test's fake device at the peer end of a pair: start() plugs it in (socat restarted,
 * peer opened), stop() pulls the plug; received() is what it got since the last start().
 */
export function ptyFarEnd(pair: PtyPair, baudRate = 9600) {
  let port: SerialPort | undefined;
  let got: Buffer[] = [];
  return {
    async start(): Promise<void> {
      await pair.restart();
      const peer = new SerialPort({ path: pair.peer, baudRate, autoOpen: false });
      [got, port] = [[], peer.on('error', () => {}).on('data', (chunk: Buffer) => got.push(chunk))];
      await new Promise<void>((ok, fail) => peer.open((e) => (e ? fail(e) : ok())));
    },
    async stop(): Promise<void> {
      const peer = port;
      port = undefined;
      if (peer?.isOpen) await new Promise((ok) => peer.close(ok));
      await pair.stop(); // socat exits: the driver's pty is hung up, as by a USB unplug
    },
    received: (): Uint8Array => new Uint8Array(Buffer.concat(got)),
    send: (bytes: Uint8Array): Promise<void> =>
      new Promise((ok, fail) => {
        if (!port) return fail(new Error('the far end is not started'));
        port.write(Buffer.from(bytes));
        port.drain((e) => (e ? fail(e) : ok()));
      }),
  };
}
