/** The four transports against real fakes: a socat pty pair, a loopback server, a FIFO, files. */
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceOfflineError } from '../../devices/errors.ts';
import { FileTransport } from '../../devices/transports/file-transport.ts';
import { SerialTransport } from '../../devices/transports/serial-transport.ts';
import { SimulatedTransport } from '../../devices/transports/simulated-transport.ts';
import { CLOSE_GRACE_MS, TcpTransport } from '../../devices/transports/tcp-transport.ts';
import { startPtyPair } from '../helpers/socat.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { runTransportContract, type TransportHarness } from './transport-contract.ts';

const HOST = '127.0.0.1'; // never any other address
const tempDir = (what: string): string => mkdtempSync(join(tmpdir(), `posmesh-${what}-`));
const bytesOf = (chunks: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(chunks));

async function serialHarness(): Promise<TransportHarness> {
  const dir = tempDir('serial');
  const pair = await startPtyPair(dir);
  await pair.stop(); // the contract starts with the device absent
  let peer: SerialPort | undefined;
  let chunks: Uint8Array[] = [];
  return {
    transport: new SerialTransport({ path: pair.device, baudRate: 9600 }),
    vanishes: 'onClose',
    device: {
      async start() {
        await pair.restart();
        chunks = [];
        const port = new SerialPort({ path: pair.peer, baudRate: 9600, autoOpen: false });
        port.on('error', () => {});
        port.on('data', (chunk: Buffer) => chunks.push(chunk));
        await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
        peer = port;
      },
      async stop() {
        const port = peer;
        peer = undefined;
        if (port?.isOpen) await new Promise((resolve) => port.close(resolve));
        await pair.stop();
      },
      received: () => bytesOf(chunks),
      send: (bytes) =>
        new Promise<void>((resolve, reject) => {
          peer!.write(Buffer.from(bytes));
          peer!.drain((e) => (e ? reject(e) : resolve()));
        }),
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

async function tcpHarness(): Promise<TransportHarness> {
  const sockets = new Set<Socket>();
  let chunks: Uint8Array[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  // Learn a free port, then free it: the printer is "off" until start().
  const port = await listen(server, 0);
  await new Promise((resolve) => server.close(resolve));
  const stop = async (): Promise<void> => {
    if (!server.listening) return;
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return {
    transport: new TcpTransport({ host: HOST, port }),
    vanishes: 'onClose',
    device: {
      async start() {
        chunks = [];
        await listen(server, port);
      },
      stop,
      received: () => bytesOf(chunks),
      async send(bytes) {
        const socket = await waitFor(() => [...sockets].at(-1), { what: 'a connection' });
        await new Promise<void>((resolve, reject) =>
          socket.write(bytes, (e) => (e ? reject(e) : resolve())),
        );
      },
    },
    cleanup: stop,
  };
}

/** A FIFO stands in for /dev/usb/lp0: unplugging removes it, and writes then fail (EPIPE). */
async function fileHarness(): Promise<TransportHarness> {
  const dir = tempDir('file');
  const path = join(dir, 'lp0');
  let reader: Socket | undefined;
  let chunks: Uint8Array[] = [];
  return {
    transport: new FileTransport({ path }),
    vanishes: 'write',
    device: {
      async start() {
        chunks = [];
        execFileSync('mkfifo', [path]);
        // O_RDWR: the reader never sees EOF between two printing sessions.
        const fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
        reader = new Socket({ fd, readable: true, writable: false });
        reader.on('data', (chunk) => chunks.push(chunk));
        await Promise.resolve();
      },
      async stop() {
        const socket = reader;
        reader = undefined;
        if (socket) await new Promise((resolve) => socket.destroy().once('close', resolve));
        rmSync(path, { force: true });
      },
      received: () => bytesOf(chunks),
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The simulated device: its far end is the saved files; absent = a file where the dir goes. */
async function simulatedHarness(): Promise<TransportHarness> {
  const root = tempDir('simulated');
  const dir = join(root, 'printer');
  const inputFile = join(root, 'scanner.txt');
  const unplug = (): void => {
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, 'not a directory');
  };
  unplug();
  const received = (): Uint8Array => {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return new Uint8Array();
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.bin'))
      .sort();
    return bytesOf(files.map((f) => readFileSync(join(dir, f))));
  };
  return {
    transport: new SimulatedTransport({ dir, name: 'receipt', inputFile }),
    vanishes: 'write',
    device: {
      start: async () => rmSync(dir, { recursive: true, force: true }),
      stop: async () => unplug(),
      received,
      send: async (bytes) => appendFileSync(inputFile, bytes),
    },
    cleanup: async () => rmSync(root, { recursive: true, force: true }),
  };
}

runTransportContract('serial', serialHarness);
runTransportContract('tcp', tcpHarness);
runTransportContract('file', fileHarness);
runTransportContract('simulated', simulatedHarness);

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const scratch = (what: string): string => {
  const dir = tempDir(what);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

describe('SerialTransport', () => {
  it('names the port and refuses a second opener with words', async () => {
    const pair = await startPtyPair(scratch('serial-lock'));
    cleanups.push(() => pair.stop());
    const transport = new SerialTransport({ path: pair.device, baudRate: 19200 });
    expect(transport.address).toBe(`serial ${pair.device} 19200 baud`);
    const link = await transport.connect();
    cleanups.push(() => link.close());
    await expect(transport.connect()).rejects.toThrow(
      `serial ${pair.device} 19200 baud: in use by another program`,
    );
    const missing = new SerialTransport({ path: '/dev/posmesh-no-such-tty', baudRate: 9600 });
    await expect(missing.connect()).rejects.toThrow(': no such device');
  });
});

describe('TcpTransport', () => {
  it('says "connection refused" when nothing listens', async () => {
    const { transport, cleanup } = await tcpHarness();
    await cleanup();
    await expect(transport.connect()).rejects.toThrow(`${transport.address}: connection refused`);
    expect(transport.address).toMatch(/^tcp 127\.0\.0\.1:\d+$/);
  });

  it('destroys the socket after the grace period when the printer never closes its side', async () => {
    const accepted: Socket[] = [];
    const server = createServer({ allowHalfOpen: true }, (socket) => accepted.push(socket));
    const port = await listen(server, 0);
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    cleanups.push(() => accepted.forEach((s) => s.destroy()));
    const link = await new TcpTransport({ host: HOST, port }).connect();
    const started = Date.now();
    await link.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(CLOSE_GRACE_MS - 50);
  });
});

describe('FileTransport', () => {
  it('never creates a missing device file', async () => {
    const path = join(scratch('file-missing'), 'lp0');
    await expect(new FileTransport({ path }).connect()).rejects.toThrow(
      `file ${path}: no such device file`,
    );
    expect(existsSync(path)).toBe(false);
  });

  it('appends to what is there instead of truncating or overwriting it', async () => {
    const path = join(scratch('file-append'), 'lp0');
    writeFileSync(path, 'old;');
    const link = await new FileTransport({ path }).connect();
    await link.write(Buffer.from('new'));
    await link.close();
    expect(readFileSync(path, 'utf8')).toBe('old;new');
  });

  it('fails fast on a FIFO nobody reads instead of hanging', async () => {
    const path = join(scratch('file-fifo'), 'lp0');
    execFileSync('mkfifo', [path]);
    await expect(new FileTransport({ path }).connect()).rejects.toBeInstanceOf(DeviceOfflineError);
  });
});

describe('SimulatedTransport', () => {
  it('saves each session to its own file, named with the sanitised label, as bytes come', async () => {
    const dir = join(scratch('sim-save'), 'out', 'printer');
    const saved: Array<[string, Uint8Array]> = [];
    const transport = new SimulatedTransport({
      dir,
      name: 'receipt',
      onSaved: (file, bytes) => void saved.push([file, bytes]),
    });
    expect(transport.twoWay).toBe(false);
    const link = await transport.connect({ label: 'order #42/ä b' });
    await link.write(Buffer.from('abc'));
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^receipt-\d{8}-\d{6}-\d{3}-order-42-b\.bin$/);
    expect(readFileSync(join(dir, file!), 'utf8')).toBe('abc'); // partial file before close
    await link.write(Buffer.from('def'));
    await link.close();
    expect(saved.map(([f, b]) => [f, Buffer.from(b).toString()])).toEqual([
      [join(dir, file!), 'abcdef'],
    ]);

    const other = await transport.connect({ label: 'order #42/ä b' });
    await other.write(Uint8Array.of(1));
    await other.close();
    const reader = await transport.connect(); // a session that writes nothing leaves no file
    await reader.close();
    expect(readdirSync(dir)).toHaveLength(2);
    expect(saved).toHaveLength(2);
  });

  it('delivers appended lines only, survives a late file and truncation', async () => {
    const root = scratch('sim-input');
    const inputFile = join(root, 'scanner.txt');
    const transport = new SimulatedTransport({ dir: join(root, 'out'), name: 'scan', inputFile });
    expect(transport.twoWay).toBe(true);
    const lines: string[] = [];
    const link = await transport.connect();
    cleanups.push(() => link.close());
    link.onData((bytes) => lines.push(Buffer.from(bytes).toString()));
    appendFileSync(inputFile, '111\n22'); // created after connect; half a line waits
    await waitFor(() => lines.length === 1, { what: 'first line' });
    appendFileSync(inputFile, '2\n');
    await waitFor(() => lines.length === 2, { what: 'completed line' });
    truncateSync(inputFile, 0); // shorter than before: the poll sees it shrank
    appendFileSync(inputFile, '3\n');
    await waitFor(() => lines.length === 3, { what: 'line after truncation' });
    expect(lines).toEqual(['111\n', '222\n', '3\n']);

    const later = await transport.connect(); // old lines are not replayed to a new session
    cleanups.push(() => later.close());
    const laterLines: string[] = [];
    later.onData((bytes) => laterLines.push(Buffer.from(bytes).toString()));
    appendFileSync(inputFile, '4\n');
    await waitFor(() => laterLines.length === 1, { what: 'line for the new session' });
    expect(laterLines).toEqual(['4\n']);
  });
});
