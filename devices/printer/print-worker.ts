/**
 * Prints a printer's queue, oldest ticket first. A printer that is off, out of
 * paper or unplugged never holds up a sale: the ticket waits, the status says
 * why, and it is retried with backoff. A ticket older than `staleAfterMs` when
 * its turn comes (a printer off overnight) is held for a person to print or
 * discard, and a cash sale's drawer kick is sent at most once, and only while
 * the sale is recent.
 */
import type { DeviceLog, DeviceStatus } from '../device.ts';
import type { PrintJob, PrintQueueStore } from './print-queue-store.ts';
import type { PrintPart, ReceiptPrinter } from './receipt-printer.ts';
import { PrinterNotReadyError } from '../errors.ts';

export const RETRY_MIN_MS = 1_000;
export const RETRY_MAX_MS = 30_000;
/** How often an idle printer is asked its state, so the status is fresh before a sale. */
export const MONITOR_MS = 15_000;

export interface DrawerKickOptions {
  pulse: Uint8Array;
  /** Opens it at once when the receipt cannot print (paper out): the cashier still gets the cash. */
  open(): Promise<void>;
  /** A receipt printed later than this after the sale does not open the drawer. */
  kickWithinMs: number;
  /** The kick reached the printer: record the opening. */
  kicked(job: PrintJob): void;
}

export interface PrintWorkerOptions {
  store: PrintQueueStore;
  printer: ReceiptPrinter;
  /** The ticket's bytes, read from the order as stored (never from a request). */
  render(job: PrintJob): Uint8Array;
  staleAfterMs: number;
  drawer?: DrawerKickOptions;
  log: DeviceLog;
  now?: () => number;
  retryMinMs?: number;
  monitorMs?: number;
}

export class PrintWorker {
  private running = false;
  private wakeUp: (() => void) | undefined;
  /** A wake that came while printing: the next sleep returns at once. */
  private woken = false;
  private loop: Promise<void> | undefined;
  private delay: number;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: PrintWorkerOptions) {
    this.delay = options.retryMinMs ?? RETRY_MIN_MS;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** A ticket was added or released: try now instead of at the next retry. */
  wake(): void {
    this.delay = this.options.retryMinMs ?? RETRY_MIN_MS;
    this.woken = true;
    this.wakeUp?.();
  }

  status(): DeviceStatus {
    return { ...this.options.printer.status(), queue: this.options.store.counts() };
  }

  /** The queue changed (a ticket printed, held, released): for status listeners. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A held ticket printed after all, as a person decided. */
  release(id: number): PrintJob {
    const job = this.options.store.update(id, { state: 'waiting', released: true });
    this.changed();
    this.wake();
    return job;
  }

  discard(id: number): PrintJob {
    const job = this.options.store.update(id, { state: 'discarded' });
    this.changed();
    return job;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const job = this.options.store.next();
      if (!job) {
        await this.sleep(this.options.monitorMs ?? MONITOR_MS);
        if (this.running && !this.options.store.next())
          await this.options.printer.check().catch(() => undefined); // the status says why
        continue;
      }
      if (await this.printOne(job)) continue;
      await this.sleep(this.delay);
      this.delay = Math.min(this.delay * 2, RETRY_MAX_MS);
    }
  }

  /** True when the ticket is settled (printed or held), false to retry later. */
  private async printOne(job: PrintJob): Promise<boolean> {
    const { store, log } = this.options;
    const now = this.options.now?.() ?? Date.now();
    const age = now - job.createdAt;
    if (!job.released && age > this.options.staleAfterMs) {
      const what = job.kind === 'receipt' || job.kind === 'copy' ? 'paid' : 'asked for';
      this.hold(job, `${what} ${Math.round(age / 60_000)} min ago: print it or discard it`);
      return true;
    }
    let bytes: Uint8Array;
    try {
      bytes = this.options.render(job);
    } catch (error) {
      this.hold(job, `cannot be rendered: ${(error as Error).message}`);
      return true;
    }
    try {
      await this.options.printer.print(job.label, [...this.drawerPart(job, age), { bytes }]);
      store.update(job.id, {
        state: 'done',
        doneAt: this.options.now?.() ?? Date.now(),
        lastError: null,
      });
      log.info('ticket printed', {
        job: job.id,
        order: job.label,
        kind: job.kind,
        attempts: job.attempts + 1,
      });
      this.delay = this.options.retryMinMs ?? RETRY_MIN_MS;
      this.changed();
      return true;
    } catch (error) {
      if (error instanceof PrinterNotReadyError) await this.kickWithoutReceipt(job, age);
      const reason = (error as Error).message;
      const updated = store.update(job.id, { attempts: job.attempts + 1, lastError: reason });
      if (updated.attempts === 1 || updated.attempts % 10 === 0)
        log.warn('ticket waits for the printer', {
          job: job.id,
          order: job.label,
          attempts: updated.attempts,
          reason,
        });
      this.changed();
      return false;
    }
  }

  private drawerPart(job: PrintJob, age: number): PrintPart[] {
    const drawer = this.options.drawer;
    if (job.drawer !== 'pending' || !drawer) return [];
    if (age > drawer.kickWithinMs) {
      this.options.store.update(job.id, { drawer: 'skipped' });
      this.options.log.warn('drawer not opened: the receipt prints too long after the sale', {
        order: job.label,
        seconds: Math.round(age / 1000),
      });
      return [];
    }
    return [
      {
        bytes: drawer.pulse,
        sent: () => {
          this.options.store.update(job.id, { drawer: 'kicked' });
          drawer.kicked(job);
        },
      },
    ];
  }

  /** The printer is up but cannot print: the cash sale's drawer opens now, its receipt waits. */
  private async kickWithoutReceipt(job: PrintJob, age: number): Promise<void> {
    const drawer = this.options.drawer;
    if (!drawer || job.drawer !== 'pending' || age > drawer.kickWithinMs) return;
    try {
      await drawer.open();
      this.options.store.update(job.id, { drawer: 'kicked' });
      drawer.kicked(job);
      this.options.log.info('drawer opened while the receipt waits', { order: job.label });
    } catch (error) {
      this.options.log.warn('drawer could not be opened', {
        order: job.label,
        reason: (error as Error).message,
      });
    }
  }

  private hold(job: PrintJob, reason: string): void {
    this.options.store.update(job.id, { state: 'held', lastError: reason });
    this.options.log.warn('ticket held for a decision', { job: job.id, order: job.label, reason });
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.woken = false;
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
