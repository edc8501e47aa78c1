/** The four transports against real fakes: a socat pty pair, a loopback server, a FIFO, files. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceOfflineError } from '../../devices/errors.ts';
import { FileTransport } from '../../devices/transports/file-transport.ts';
import { SerialTransport } from '../../devices/transports/serial-transport.ts';
import { SimulatedTransport } from '../../devices/transports/simulated-transport.ts';
import { CLOSE_GRACE_MS, TcpTransport } from '../../devices/transports/tcp-transport.ts';
import { ptyFarEnd, startPtyPair } from '../helpers/socat.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { runTransportContract, type TransportHarness } from './transport-contract.ts';

const HOST = '127.0.0.1'; // never any other address
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
/** A temp dir removed after the test (or by the harness cleanup). */
const tempDir = (what: string): string => fs.mkdtempSync(join(tmpdir(), `posmesh-${what}-`));
/** For the sync fakes: FakeDevice's methods return promises. */
const later = (f: () => unknown) => (): Promise<void> => Promise.resolve(void f());
const removeDir = (dir: string) => later(() => fs.rmSync(dir, { recursive: true, force: true }));
const scratch = (what: string): string => {
  const dir = tempDir(what);
  cleanups.push(removeDir(dir));
  return dir;
};
const bytes = (chunks: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(chunks));
const text = (b: Uint8Array): string => Buffer.from(b).toString();

runTransportContract(
  'serial',
  async () => {
    const dir = tempDir('serial');
    const pair = await startPtyPair(dir);
    await pair.stop(); // the contract starts with the device absent
    return {
      transport: new SerialTransport({ path: pair.device, baudRate: 9600 }),
      vanishes: 'onClose',
      device: ptyFarEnd(pair),
      cleanup: removeDir(dir),
    };
  },
  { twoWay: true },
);

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((ok, fail) => {
    server.once('error', fail).listen(port, HOST, () => {
      server.off('error', fail);
      ok((server.address() as { port: number }).port);
    });
  });

async function tcpHarness(): Promise<TransportHarness> {
  const sockets = new Set<Socket>();
  let got: Uint8Array[] = [];
  const server = createServer((socket) => {
    sockets.add(socket.on('data', (c) => got.push(c)).on('error', () => {}));
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server, 0); // learn a free port, then free it: the printer is off
  await new Promise((ok) => server.close(ok));
  const stop = async (): Promise<void> => {
    if (!server.listening) return;
    for (const socket of sockets) socket.destroy(); // the printer lost power
    await new Promise((ok) => server.close(ok));
  };
  return {
    transport: new TcpTransport({ host: HOST, port }),
    vanishes: 'onClose',
    device: {
      async start() {
        got = [];
        await listen(server, port);
      },
      stop,
      received: () => bytes(got),
      async send(data) {
        const socket = await waitFor(() => [...sockets].at(-1), { what: 'a connection' });
        await new Promise<void>((ok, fail) => socket.write(data, (e) => (e ? fail(e) : ok())));
      },
    },
    cleanup: stop,
  };
}
runTransportContract('tcp', tcpHarness, { twoWay: true });

// A FIFO stands in for /dev/usb/lp0: unplugging removes it, and the next write fails (EPIPE).
runTransportContract(
  'file',
  () => {
    const dir = tempDir('file');
    const path = join(dir, 'lp0');
    let reader: Socket | undefined;
    let got: Uint8Array[] = [];
    return {
      transport: new FileTransport({ path }),
      vanishes: 'write',
      device: {
        start: later(() => {
          got = [];
          execFileSync('mkfifo', [path]);
          // O_RDWR: the reader never sees EOF between two printing sessions.
          const fd = fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
          reader = new Socket({ fd, readable: true, writable: false }).on('data', (c) =>
            got.push(c),
          );
        }),
        async stop() {
          const socket = reader;
          reader = undefined;
          if (socket) await new Promise((ok) => socket.destroy().once('close', ok));
          fs.rmSync(path, { force: true });
        },
        received: () => bytes(got),
      },
      cleanup: removeDir(dir),
    };
  },
  { twoWay: false },
);

// The simulated device's far end is its saved files; absent = a plain file where its dir goes.
runTransportContract(
  'simulated',
  async () => {
    const root = tempDir('simulated');
    const dir = join(root, 'printer');
    const inputFile = join(root, 'scanner.txt');
    const unplug = later(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.writeFileSync(dir, 'not a directory');
    });
    await unplug();
    return {
      transport: new SimulatedTransport({ dir, name: 'receipt', inputFile }),
      vanishes: 'write',
      device: {
        start: later(() => fs.rmSync(dir, { force: true })),
        stop: unplug,
        received: () => {
          const files = fs.statSync(dir).isDirectory() ? fs.readdirSync(dir).sort() : [];
          return bytes(files.map((f) => fs.readFileSync(join(dir, f))));
        },
        send: (data) => later(() => fs.appendFileSync(inputFile, data))(),
      },
      cleanup: removeDir(root),
    };
  },
  { twoWay: true },
);

describe('transport specifics', () => {
  it('serial: names the port, refuses a second opener and a missing path in words', async () => {
    const pair = await startPtyPair(scratch('serial-lock'));
    cleanups.push(() => pair.stop());
    const transport = new SerialTransport({ path: pair.device, baudRate: 19200 });
    const link = await transport.connect();
    cleanups.push(() => link.close());
    await expect(transport.connect()).rejects.toThrow(
      `serial ${pair.device} 19200 baud: in use by another program`,
    );
    const missing = new SerialTransport({ path: '/dev/posmesh-no-such-tty', baudRate: 9600 });
    await expect(missing.connect()).rejects.toThrow('9600 baud: no such device');
  });

  it('tcp: says "connection refused", and close() gives up on a peer that never ends', async () => {
    const tcp = await tcpHarness();
    const { address } = tcp.transport;
    await expect(tcp.transport.connect()).rejects.toThrow(`${address}: connection refused`);
    await tcp.cleanup();
    const accepted: Socket[] = [];
    const server = createServer({ allowHalfOpen: true }, (s) => void accepted.push(s));
    const link = await new TcpTransport({ host: HOST, port: await listen(server, 0) }).connect();
    cleanups.push(() => new Promise((ok) => server.close(ok)));
    cleanups.push(() => accepted.forEach((s) => s.destroy()));
    const started = Date.now();
    await link.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(CLOSE_GRACE_MS - 50);
  });

  it('file: never creates a missing device file, appends, and fails fast on an unread FIFO', async () => {
    const dir = scratch('file');
    const path = join(dir, 'lp0');
    await expect(new FileTransport({ path }).connect()).rejects.toThrow(
      `${path}: no such device file`,
    );
    expect(fs.existsSync(path)).toBe(false);
    fs.writeFileSync(path, 'old;');
    const link = await new FileTransport({ path }).connect();
    await link.write(Buffer.from('new'));
    await link.close();
    expect(fs.readFileSync(path, 'utf8')).toBe('old;new'); // O_APPEND: not overwritten at 0
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const fifo = new FileTransport({ path: join(dir, 'fifo') });
    await expect(fifo.connect()).rejects.toBeInstanceOf(DeviceOfflineError);
  });

  it('simulated: one file per session, named with the sanitised label, written as bytes come', async () => {
    const dir = join(scratch('sim-save'), 'out', 'printer');
    const saved: string[][] = [];
    const onSaved = (file: string, b: Uint8Array): void => void saved.push([file, text(b)]);
    const transport = new SimulatedTransport({ dir, name: 'receipt', onSaved });
    expect(transport.twoWay).toBe(false);
    const link = await transport.connect({ label: 'order #42/ä b' });
    await link.write(Buffer.from('abc'));
    const [file] = fs.readdirSync(dir);
    expect(file).toMatch(/^receipt-\d{8}-\d{6}-\d{3}-order-42-b\.bin$/);
    expect(fs.readFileSync(join(dir, file!), 'utf8')).toBe('abc'); // partial file before close
    await link.write(Buffer.from('def'));
    await link.close();
    expect(saved).toEqual([[join(dir, file!), 'abcdef']]);
    const other = await transport.connect({ label: 'order #42/ä b' }); // same label, own file
    await other.write(Uint8Array.of(1));
    await other.close();
    await (await transport.connect()).close(); // a session that writes nothing leaves no file
    expect([fs.readdirSync(dir).length, saved.length]).toEqual([2, 2]);
  });

  it('simulated: delivers appended lines only, survives a late file and truncation', async () => {
    const root = scratch('sim-input');
    const inputFile = join(root, 'scanner.txt');
    const transport = new SimulatedTransport({ dir: join(root, 'out'), name: 'scan', inputFile });
    const session = async (): Promise<string[]> => {
      const link = await transport.connect();
      cleanups.push(() => link.close());
      const lines: string[] = [];
      link.onData((b) => lines.push(text(b)));
      return lines;
    };
    const lines = await session();
    fs.appendFileSync(inputFile, '111\n22'); // created after connect; half a line waits
    await waitFor(() => lines.length === 1, { what: 'first line' });
    fs.appendFileSync(inputFile, '2\n');
    await waitFor(() => lines.length === 2, { what: 'completed line' });
    fs.truncateSync(inputFile, 0); // shorter than before: the poll sees it shrank
    fs.appendFileSync(inputFile, '3\n');
    await waitFor(() => lines.length === 3, { what: 'line after truncation' });
    expect(lines).toEqual(['111\n', '222\n', '3\n']);
    const second = await session(); // lines from before a session are not replayed
    fs.appendFileSync(inputFile, '4\n');
    await waitFor(() => second.length === 1 && lines.length === 4, { what: 'line for both' });
    expect(second).toEqual(['4\n']);
  });
});
