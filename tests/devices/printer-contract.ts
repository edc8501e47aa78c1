/**
 * The ReceiptPrinter contract: the ESC/POS printer runs it over every transport
 * (TCP, serial, line-printer file, simulated). The far end decodes what it got.
 */
import { describe, expect, it } from 'vitest';
import type { DecodedReceipt } from '../../devices/escpos/escpos-decoder.ts';
import { DeviceOfflineError, PrinterNotReadyError } from '../../devices/errors.ts';
import type { ReceiptPrinter } from '../../devices/printer/receipt-printer.ts';
import { receiptToEscPos } from '../../devices/receipt/receipt-escpos.ts';
import type { ReceiptDoc } from '../../devices/receipt/receipt-doc.ts';
import { waitFor } from '../helpers/wait-for.ts';
import type { EmulatorState } from '../helpers/escpos-emulator.ts';

export interface PrinterHarness {
  printer: ReceiptPrinter;
  /** Receipts the far end has, complete ones (ended by a cut). */
  printed(): Array<Pick<DecodedReceipt, 'lines' | 'qr' | 'pulses'>>;
  /** The printer goes away (switched off, cable pulled) and comes back. */
  unplug(): Promise<void>;
  plug(): Promise<void>;
  /** Two-way printers: what DLE EOT answers. */
  setState?(state: Partial<EmulatorState>): void;
  /** The DLE EOT requests the far end got. */
  requests(): number[];
  cleanup(): Promise<void>;
}

const doc = (n: number): ReceiptDoc => ({
  columns: 48,
  blocks: [
    { type: 'text', text: `Ticket ${n}`, bold: true, double: false },
    { type: 'text', text: 'Grüße · €2.50 · Привет', bold: false, double: false },
    { type: 'qr', data: `T1-20261201-000${n}` },
    { type: 'cut' },
  ],
});
const bytes = (n: number) =>
  receiptToEscPos(doc(n), { columns: 48, model: 'epson-tm-t88vi', codepage: 'auto', cut: true });

export function runPrinterContract(
  name: string,
  setup: () => Promise<PrinterHarness>,
  { twoWay }: { twoWay: boolean },
): void {
  describe(`ReceiptPrinter contract: ${name}`, () => {
    const withPrinter = (fn: (h: PrinterHarness) => Promise<void>) => async () => {
      const h = await setup();
      try {
        await h.printer.start();
        await h.printer.start(); // twice is safe
        await fn(h);
      } finally {
        await h.printer.stop();
        await h.printer.stop();
        await h.cleanup();
      }
    };

    it(
      'prints a ticket in parts, in order, and says it is ready',
      withPrinter(async (h) => {
        const sent: string[] = [];
        await h.printer.print('T1-20261201-0001', [
          { bytes: Uint8Array.of(0x1b, 0x70, 0x00, 0x32, 0xfa), sent: () => sent.push('kick') },
          { bytes: bytes(1), sent: () => sent.push('receipt') },
        ]);
        expect(sent).toEqual(['kick', 'receipt']);
        const [receipt] = await waitFor(() => h.printed().length === 1 && h.printed(), {
          what: 'the receipt at the far end',
        });
        expect(receipt!.lines).toEqual(['Ticket 1', 'Grüße · €2.50 · Привет']);
        expect(receipt!.qr).toEqual(['T1-20261201-0001']);
        expect(receipt!.pulses).toMatchObject([{ pin: 0, onMs: 100, offMs: 500 }]);
        expect(h.printer.status()).toMatchObject({ kind: 'printer', state: 'ready' });
        expect(h.printer.status().lastUsed).not.toBeNull();
      }),
    );

    it(
      'refuses while the printer is away, saying where and why, and prints once it is back',
      withPrinter(async (h) => {
        await h.unplug();
        const error = await h.printer
          .print('T1-20261201-0002', [{ bytes: bytes(2) }])
          .catch((e: Error) => e);
        expect(error).toBeInstanceOf(DeviceOfflineError);
        expect((error as Error).message).toContain(h.printer.status().address);
        expect(h.printer.status().state).toBe('offline');
        expect(h.printer.status().reason).toBeTruthy();
        await h.plug();
        await waitFor(
          () =>
            h.printer
              .print('T1-20261201-0002', [{ bytes: bytes(2) }])
              .then(() => true)
              .catch(() => false),
          {
            what: 'printing again after the printer came back',
            timeoutMs: 15_000,
            intervalMs: 200,
          },
        );
        await waitFor(() => h.printed().some((r) => r.lines[0] === 'Ticket 2'), {
          what: 'ticket 2',
        });
        expect(h.printer.status().state).toBe('ready');
      }),
    );

    if (!twoWay)
      it(
        'asks nothing of a printer that cannot answer: no status request in what it gets',
        withPrinter(async (h) => {
          await h.printer.print('T1-20261201-0003', [{ bytes: bytes(3) }]);
          await waitFor(() => h.printed().length === 1, { what: 'ticket 3' });
          expect(h.requests()).toEqual([]);
        }),
      );

    if (twoWay)
      it(
        'answers what the printer reports: out of paper and cover open hold the ticket back',
        withPrinter(async (h) => {
          h.setState!({ paper: 'out' });
          const error = await h.printer
            .print('T1-20261201-0003', [{ bytes: bytes(3) }])
            .catch((e: Error) => e);
          expect(error).toBeInstanceOf(PrinterNotReadyError);
          expect((error as PrinterNotReadyError).condition).toBe('paper-out');
          expect(h.printer.status()).toMatchObject({
            state: 'paper-out',
            reason: expect.stringContaining('out of paper'),
          });
          h.setState!({ paper: 'ok', coverOpen: true });
          await h.printer.check().catch(() => undefined);
          expect(h.printer.status().state).toBe('cover-open');
          h.setState!({ coverOpen: false, paper: 'near-end' });
          await h.printer.print('T1-20261201-0003', [{ bytes: bytes(3) }]);
          expect(h.printer.status()).toMatchObject({
            state: 'ready',
            reason: 'paper is running low',
          });
          expect(h.printed().map((r) => r.lines[0])).toEqual(['Ticket 3']);
        }),
      );
  });
}
