/**
 * The print queue against a port-9100 printer emulator on loopback: tickets
 * wait for an absent printer and print once, paper end holds the queue, a
 * connection dropped mid-receipt gives one complete receipt and one drawer
 * kick, stale tickets wait for a decision, and a shared printer serves two
 * tills in turn.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { drawerPulse } from '../../devices/escpos/printer-status.ts';
import { EscPosPrinter } from '../../devices/printer/escpos-printer.ts';
import { MemoryPrintQueueStore } from '../../devices/printer/memory-print-queue-store.ts';
import type { PrintJob } from '../../devices/printer/print-queue-store.ts';
import { PrintWorker } from '../../devices/printer/print-worker.ts';
import { receiptToEscPos } from '../../devices/receipt/receipt-escpos.ts';
import { TcpTransport } from '../../devices/transports/tcp-transport.ts';
import { createLogger } from '../../node/log.ts';
import { EscPosPrinterEmulator, startTcpPrinterEmulator } from '../helpers/escpos-emulator.ts';
import type { TcpPrinterEmulator } from '../helpers/escpos-emulator.ts';
import { waitFor } from '../helpers/wait-for.ts';

const log = createLogger({ component: 'test', level: 'silent' });

/** A ticket long enough to be cut mid-way by a dropped connection. */
const render = (job: PrintJob) =>
  receiptToEscPos(
    {
      columns: 48,
      blocks: [
        { type: 'text', text: `Order ${job.label}`, bold: true, double: false },
        ...Array.from({ length: 40 }, (_, i) => ({
          type: 'text' as const,
          text: `line ${i} of ${job.label}`,
          bold: false,
          double: false,
        })),
        { type: 'cut' },
      ],
    },
    { columns: 48, model: 'epson-tm-t88vi', codepage: 'auto', cut: true },
  );

interface Rig {
  store: MemoryPrintQueueStore;
  worker: PrintWorker;
  kicked: string[];
  add(label: string, options?: { drawer?: PrintJob['drawer']; createdAt?: number }): PrintJob;
}

const stoppers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stoppers.splice(0).reverse()) await stop();
});

async function emulator(options: Parameters<typeof startTcpPrinterEmulator>[0] = {}) {
  const server = await startTcpPrinterEmulator(options);
  stoppers.push(() => server.close());
  return server;
}

function rig(port: number, options: { staleAfterMs?: number; kickWithinMs?: number } = {}): Rig {
  const store = new MemoryPrintQueueStore();
  const kicked: string[] = [];
  const printer = new EscPosPrinter(new TcpTransport({ host: '127.0.0.1', port }), {
    status: true,
    log,
  });
  const worker = new PrintWorker({
    store,
    printer,
    render,
    staleAfterMs: options.staleAfterMs ?? 60_000,
    drawer: {
      pulse: drawerPulse(2, 100, 500),
      open: () => printer.kick(2, 100),
      kickWithinMs: options.kickWithinMs ?? 60_000,
      kicked: (job) => kicked.push(job.label),
    },
    log,
    retryMinMs: 50,
    monitorMs: 200,
  });
  worker.start();
  stoppers.push(() => worker.stop());
  return {
    store,
    worker,
    kicked,
    add: (label, o = {}) => {
      const job = store.add({
        kind: 'receipt',
        orderId: label,
        label,
        createdAt: o.createdAt ?? Date.now(),
        drawer: o.drawer ?? 'none',
      });
      worker.wake();
      return job;
    },
  };
}

const firstLines = (server: TcpPrinterEmulator) => server.emulator.receipts.map((r) => r.lines[0]);

describe('print worker', () => {
  it('keeps tickets while the printer is off and prints each once when it is back', async () => {
    const emu = new EscPosPrinterEmulator();
    const first = await emulator({ emulator: emu });
    const port = first.port;
    await first.close();
    const r = rig(port);
    r.add('A1');
    r.add('A2');
    await waitFor(() => r.store.get(1)!.attempts >= 2, { what: 'retries while off' });
    expect(r.store.get(1)).toMatchObject({
      state: 'waiting',
      lastError: expect.stringContaining(`127.0.0.1:${port}`),
    });
    expect(r.worker.status()).toMatchObject({ state: 'offline', queue: { waiting: 2, held: 0 } });
    const back = await emulator({ emulator: emu, port });
    await waitFor(() => r.store.counts().waiting === 0, { what: 'the queue printed' });
    expect(firstLines(back)).toEqual(['Order A1', 'Order A2']);
    expect(r.worker.status()).toMatchObject({ state: 'ready', queue: { waiting: 0, held: 0 } });
  });

  it('holds the queue while the paper is out, opens the drawer anyway, and prints what waited once paper is in', async () => {
    const server = await emulator({ state: { paper: 'out' } });
    const r = rig(server.port);
    r.add('B1', { drawer: 'pending' });
    await waitFor(() => r.worker.status().state === 'paper-out', { what: 'paper-out state' });
    expect(r.worker.status().reason).toMatch(/out of paper/);
    expect(server.emulator.receipts).toEqual([]);
    // the cash is not held up by the paper: the drawer opened at once, with the real-time kick
    await waitFor(() => r.store.get(1)!.drawer === 'kicked', { what: 'the drawer kicked' });
    expect(server.emulator.pulses).toMatchObject([{ pin: 0, realtime: true }]);
    expect(r.kicked).toEqual(['B1']);
    server.emulator.state.paper = 'ok';
    await waitFor(() => r.store.get(1)!.state === 'done', { what: 'printed after paper' });
    expect(firstLines(server)).toEqual(['Order B1']);
    expect(server.emulator.pulses).toHaveLength(1); // and not again with the receipt
  });

  it('retries a receipt cut off by a dropped connection: one complete receipt, one drawer kick', async () => {
    const server = await emulator({ dropAfterBytes: 400 });
    const r = rig(server.port);
    r.add('C1', { drawer: 'pending' });
    await waitFor(() => r.store.get(1)!.state === 'done', { what: 'printed after the retry' });
    expect(r.store.get(1)!.attempts).toBeGreaterThanOrEqual(1);
    expect(server.connections).toBeGreaterThanOrEqual(2);
    // one cut: the cut-off start and then the whole receipt, on one strip of paper
    expect(server.emulator.receipts).toHaveLength(1);
    const lines = server.emulator.receipts[0]!.lines;
    expect(lines.length).toBeGreaterThan(41);
    expect(lines.slice(-41)).toEqual([
      'Order C1',
      ...Array.from({ length: 40 }, (_, i) => `line ${i} of C1`),
    ]);
    expect(server.emulator.pulses).toHaveLength(1);
    expect(r.kicked).toEqual(['C1']);
    expect(r.store.get(1)!.drawer).toBe('kicked');
  });

  it('never kicks the drawer for a card sale', async () => {
    const server = await emulator();
    const r = rig(server.port);
    r.add('D1', { drawer: 'none' });
    await waitFor(() => r.store.get(1)!.state === 'done', { what: 'printed' });
    expect(server.emulator.pulses).toEqual([]);
    expect(r.kicked).toEqual([]);
  });

  it('holds a stale ticket for a decision, skips its drawer kick, and prints it when released', async () => {
    const server = await emulator();
    const r = rig(server.port, { staleAfterMs: 60_000, kickWithinMs: 30_000 });
    const stale = r.add('E1', { drawer: 'pending', createdAt: Date.now() - 8 * 3_600_000 });
    r.add('E2');
    await waitFor(() => r.store.get(2)!.state === 'done', { what: 'the fresh ticket' });
    expect(r.store.get(stale.id)).toMatchObject({
      state: 'held',
      lastError: expect.stringMatching(/480 min ago/),
    });
    expect(r.worker.status().queue).toEqual({ waiting: 0, held: 1 });
    r.worker.release(stale.id);
    await waitFor(() => r.store.get(stale.id)!.state === 'done', { what: 'the released ticket' });
    expect(firstLines(server)).toEqual(['Order E2', 'Order E1']);
    expect(r.store.get(stale.id)!.drawer).toBe('skipped');
    expect(server.emulator.pulses).toEqual([]);
    const discarded = r.add('E3', { createdAt: Date.now() - 3_600_000 });
    await waitFor(() => r.store.get(discarded.id)!.state === 'held', { what: 'held again' });
    expect(r.worker.discard(discarded.id).state).toBe('discarded');
  });

  it('holds a ticket whose order cannot be rendered instead of retrying it forever', async () => {
    const server = await emulator();
    const store = new MemoryPrintQueueStore();
    const printer = new EscPosPrinter(new TcpTransport({ host: '127.0.0.1', port: server.port }), {
      status: true,
      log,
    });
    const worker = new PrintWorker({
      store,
      printer,
      render: () => {
        throw new Error('no order x');
      },
      staleAfterMs: 60_000,
      log,
      retryMinMs: 50,
    });
    worker.start();
    stoppers.push(() => worker.stop());
    store.add({ kind: 'copy', orderId: 'x', label: 'x', createdAt: Date.now(), drawer: 'none' });
    worker.wake();
    await waitFor(() => store.get(1)!.state === 'held', { what: 'held' });
    expect(store.get(1)!.lastError).toMatch(/cannot be rendered: no order x/);
  });

  it('shares one network printer between two tills, one connection at a time', async () => {
    const server = await emulator({ maxConnections: 1 });
    const [t1, t2] = [rig(server.port), rig(server.port)];
    for (let i = 1; i <= 5; i++) {
      t1.add(`T1-${i}`);
      t2.add(`T2-${i}`);
    }
    await waitFor(() => t1.store.counts().waiting + t2.store.counts().waiting === 0, {
      what: 'both queues printed',
      timeoutMs: 30_000,
    });
    const printed = firstLines(server);
    expect(printed).toHaveLength(10);
    expect(new Set(printed)).toEqual(
      new Set([1, 2, 3, 4, 5].flatMap((i) => [`Order T1-${i}`, `Order T2-${i}`])),
    );
    for (const receipt of server.emulator.receipts) expect(receipt.lines).toHaveLength(41);
    // each till keeps its own order
    expect(printed.filter((l) => l!.includes('T1-'))).toEqual(
      [1, 2, 3, 4, 5].map((i) => `Order T1-${i}`),
    );
  });
});
