import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex, PassThrough } from 'node:stream';
import { ReadStream } from 'node:tty';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EscPosPrinterEmulator,
  attachEmulatorToFd,
  attachEmulatorToStream,
  startTcpPrinterEmulator,
} from '../helpers/escpos-emulator.ts';
import type { TcpPrinterEmulator } from '../helpers/escpos-emulator.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { startPtyPair } from '../helpers/socat.ts';

function receipt(order: string): Uint8Array {
  return new ReceiptPrinterEncoder({ printerModel: 'epson-tm-t88vi', columns: 48, newline: '\n' })
    .initialize()
    .codepage('auto')
    .bold(true)
    .line(`Order ${order}`)
    .bold(false)
    .line('1 x Café au lait    € 3,20')
    .line('Спасибо! Ευχαριστώ!')
    .qrcode(`T1-${order}`)
    .pulse(0, 100, 500)
    .cut()
    .encode();
}

const LINES = (order: string) => [
  `Order ${order}`,
  '1 x Café au lait    € 3,20',
  'Спасибо! Ευχαριστώ!',
];

interface Client {
  socket: Socket;
  received: number[];
  closed: Promise<void>;
}

function client(port: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const received: number[] = [];
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('data', (chunk: Buffer) => received.push(...chunk));
    socket.on('error', () => {}); // a reset by the printer is what some tests expect
    socket.once('connect', () => resolve({ socket, received, closed }));
    socket.once('error', reject);
  });
}

/** Connects until the printer serves the connection (it closes it while busy). */
async function servedClient(tcp: TcpPrinterEmulator): Promise<Client> {
  for (;;) {
    const before = tcp.connections;
    const c = await client(tcp.port);
    const served = await Promise.race([
      waitFor(() => tcp.connections > before, { what: 'served' }).then(() => true),
      c.closed.then(() => false),
    ]);
    if (served) return c;
  }
}

async function ask(c: Client, n: number): Promise<number> {
  const count = c.received.length;
  c.socket.write(Uint8Array.of(0x10, 0x04, n));
  await waitFor(() => c.received.length > count, { what: `answer to DLE EOT ${n}` });
  return c.received[count]!;
}

let servers: TcpPrinterEmulator[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function start(options: Parameters<typeof startTcpPrinterEmulator>[0] = {}) {
  const tcp = await startTcpPrinterEmulator(options);
  servers.push(tcp);
  return tcp;
}

describe('EscPosPrinterEmulator over loopback TCP', () => {
  it('prints a receipt that arrives over a socket', async () => {
    const tcp = await start();
    const c = await client(tcp.port);
    c.socket.end(receipt('0001'));
    await waitFor(() => tcp.emulator.receipts.length === 1, { what: 'receipt' });
    const [printed] = tcp.emulator.receipts;
    expect(printed!.lines).toEqual(LINES('0001'));
    expect(printed!.qr).toEqual(['T1-0001']);
    expect(printed!.pulses).toEqual([{ type: 'pulse', pin: 0, onMs: 100, offMs: 500 }]);
    expect(tcp.emulator.state.drawerOpen).toBe(true);
    expect(tcp.emulator.partial.lines).toEqual([]);
    expect(tcp.emulator.bytes).toEqual(Buffer.from(receipt('0001')));
  });

  it('answers DLE EOT from its state, and prints nothing while out of paper', async () => {
    const tcp = await start();
    const c = await client(tcp.port);
    expect(await ask(c, 1)).toBe(0x12);
    expect(await ask(c, 4)).toBe(0x12);
    tcp.emulator.state.paper = 'near-end';
    expect(await ask(c, 4)).toBe(0x1e);
    tcp.emulator.state.paper = 'out';
    expect(await ask(c, 1)).toBe(0x1a);
    expect(await ask(c, 2)).toBe(0x32);
    expect(await ask(c, 4)).toBe(0x7e);
    c.socket.write(receipt('0002'));
    expect(await ask(c, 4)).toBe(0x7e); // still answering after the job
    expect(tcp.emulator.receipts).toEqual([]);
    expect(tcp.emulator.pulses).toEqual([]);
    expect(tcp.emulator.discarded.some((i) => i.type === 'cut')).toBe(true);
    tcp.emulator.state = { paper: 'ok', coverOpen: true, drawerOpen: false, drawerJammed: false };
    expect(await ask(c, 2)).toBe(0x16);
    expect(tcp.emulator.statusRequests).toEqual([1, 4, 4, 1, 2, 4, 4, 2]);
  });

  it('drops the first connection mid-receipt and does not count the partial receipt', async () => {
    const bytes = receipt('0003');
    const tcp = await start({ dropAfterBytes: Math.floor(bytes.length / 2) });
    const first = await client(tcp.port);
    first.socket.write(bytes);
    await first.closed;
    await waitFor(() => tcp.emulator.bytes.length === Math.floor(bytes.length / 2));
    expect(tcp.emulator.receipts).toEqual([]);
    expect(tcp.emulator.partial.lines.length).toBeGreaterThan(0);
    // The retry is served in full; the paper already holds the half receipt above it.
    const second = await client(tcp.port);
    second.socket.end(receipt('0004'));
    await waitFor(() => tcp.emulator.receipts.length === 1, { what: 'receipt after the drop' });
    expect(tcp.emulator.receipts[0]!.lines.slice(-3)).toEqual(LINES('0004'));
    expect(tcp.connections).toBe(2);
  });

  it('serves one client at a time when maxConnections is 1', async () => {
    const tcp = await start({ maxConnections: 1 });
    const first = await servedClient(tcp);
    const second = await client(tcp.port);
    second.socket.write(receipt('lost'));
    await second.closed;
    expect(tcp.refused).toBe(1);
    first.socket.end(receipt('0005'));
    await first.closed;
    const third = await servedClient(tcp);
    third.socket.end(receipt('0006'));
    await waitFor(() => tcp.emulator.receipts.length === 2, { what: 'two receipts' });
    expect(tcp.emulator.receipts.map((r) => r.lines[0])).toEqual(['Order 0005', 'Order 0006']);
    expect(tcp.connections).toBe(2);
  });
});

describe('the emulator on a stream', () => {
  it('reads a Duplex and answers on it', async () => {
    const toPrinter = new PassThrough();
    const fromPrinter = new PassThrough();
    const emulator = new EscPosPrinterEmulator({ state: { coverOpen: true } });
    const detach = attachEmulatorToStream(
      emulator,
      Duplex.from({ readable: toPrinter, writable: fromPrinter }),
    );
    const replies: number[] = [];
    fromPrinter.on('data', (chunk: Buffer) => replies.push(...chunk));
    toPrinter.write(Buffer.concat([receipt('0007'), Uint8Array.of(0x10, 0x04, 0x02)]));
    await waitFor(() => replies.length === 1, { what: 'reply' });
    expect(replies).toEqual([0x16]);
    expect(emulator.receipts[0]!.lines).toEqual(LINES('0007'));
    detach();
  });

  it('sits on the far end of a pty pair', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escpos-pty-'));
    const pty = await startPtyPair(dir, 'printer');
    try {
      const emulator = new EscPosPrinterEmulator({ state: { paper: 'near-end' } });
      const attached = attachEmulatorToFd(emulator, openSync(pty.peer, 'r+'));
      const host = new ReadStream(openSync(pty.device, 'r+'));
      host.setRawMode(true);
      const replies: number[] = [];
      host.on('data', (chunk: Buffer) => replies.push(...chunk));
      host.write(Buffer.concat([receipt('0008'), Uint8Array.of(0x10, 0x04, 0x04)]));
      await waitFor(() => replies.length === 1, { what: 'reply over the pty' });
      expect(replies).toEqual([0x1e]);
      await waitFor(() => emulator.receipts.length === 1, { what: 'receipt over the pty' });
      expect(emulator.receipts[0]!.lines).toEqual(LINES('0008'));
      attached.close();
      host.destroy();
    } finally {
      await pty.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
