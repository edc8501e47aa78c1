/**
 * An ESC/POS receipt printer on any transport. A network printer is connected
 * per ticket and let go after it, so several tills share it in turn (port 9100
 * serves one connection at a time); a serial printer stays connected.
 * Where the transport is two-way, the printer is asked its state (DLE EOT)
 * before a ticket, and once more after each part: the answer can only come once
 * it has read everything before it, so it doubles as the acknowledgement.
 */
import type { DeviceLog } from '../device.ts';
import { TrackedDevice } from '../device-status.ts';
import { DeviceOfflineError, DeviceTimeoutError, PrinterNotReadyError } from '../errors.ts';
import { drawerPulse, notReadyCondition, realtimeDrawerPulse } from '../escpos/printer-status.ts';
import { PersistentLink } from '../persistent-link.ts';
import type { Link, Transport } from '../transports/transport.ts';
import type { PrintPart, ReceiptPrinter } from './receipt-printer.ts';
import { StatusReader } from './status-reader.ts';

export interface EscPosPrinterOptions {
  /** Ask DLE EOT where the transport is two-way; some printers cannot answer. */
  status: boolean;
  log: DeviceLog;
  statusTimeoutMs?: number;
}

/** ESC p's off time: the drawer's solenoid rests before another kick. */
export const PULSE_OFF_MS = 500;

const REASONS = {
  'paper-out': 'out of paper',
  'cover-open': 'the cover is open',
  error: 'the printer reports an error (a jam or the cutter): check it',
  offline: 'the printer is offline',
} as const;

export class EscPosPrinter extends TrackedDevice implements ReceiptPrinter {
  /**
   * A serial printer stays attached (reopening a port can reset its adapter); a
   * network printer is shared, so connected per ticket, and a line-printer file
   * or a simulated printer is opened per ticket like `cat ticket > /dev/usb/lp0`.
   */
  private readonly attached: PersistentLink | undefined;
  private readonly asks: boolean;
  private running = false;
  /** One session at a time: a status answer must meet its own request. */
  private queue: Promise<unknown> = Promise.resolve();
  /** What the printer answered last that does not stop it ("paper is running low"). */
  private warning: string | null = null;
  /** Why this session found the printer unable to print. */
  private found: PrinterNotReadyError | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly options: EscPosPrinterOptions,
  ) {
    super('printer', transport.address, options.log);
    this.asks = options.status && transport.twoWay;
    this.attached =
      transport.kind === 'serial' ? new PersistentLink(transport, this.tracker) : undefined;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.attached) await this.attached.start();
    // a printer that is off must not hold up the till's start: the status says why when known
    void this.check().catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.attached?.stop();
    this.tracker.set('stopped');
  }

  check(): Promise<void> {
    return this.session(undefined, async (_, reader) => {
      if (reader) await this.assertReady(reader);
    });
  }

  async drawerPin3High(): Promise<boolean | undefined> {
    if (!this.asks) return undefined;
    return this.session(undefined, async (_, reader) => (await reader!.ask(1)).drawerPin3High);
  }

  print(label: string, parts: readonly PrintPart[]): Promise<void> {
    return this.session(label, async (link, reader) => {
      if (reader) await this.assertReady(reader);
      for (const part of parts) {
        await link.write(part.bytes);
        if (reader) await reader.ask(1);
        part.sent?.();
      }
      if (!reader) return;
      // a roll that ran out during the ticket cut it short: it prints again once paper is in
      const paper = await reader.ask(4);
      if (paper.paperEnd)
        throw new PrinterNotReadyError(
          'paper-out',
          `${this.transport.address}: ran out of paper while printing`,
        );
    });
  }

  kick(pin: 2 | 5, onMs: number): Promise<void> {
    return this.session('drawer', async (link, reader) => {
      const offline = reader ? await this.readiness(reader) : null;
      // ESC p waits in the buffer of a printer that is offline: the real-time kick does not
      await link.write(
        offline ? realtimeDrawerPulse(pin, onMs) : drawerPulse(pin, onMs, PULSE_OFF_MS),
      );
      if (reader) await reader.ask(1);
    });
  }

  private session<T>(
    label: string | undefined,
    work: (link: Link, reader: StatusReader | undefined) => Promise<T>,
  ): Promise<T> {
    const run = this.queue.then(() => this.exclusive(label, work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async exclusive<T>(
    label: string | undefined,
    work: (link: Link, reader: StatusReader | undefined) => Promise<T>,
  ): Promise<T> {
    this.found = null;
    const link = await this.open(label);
    const reader = this.asks
      ? new StatusReader(link, this.transport.address, this.options.statusTimeoutMs)
      : undefined;
    try {
      const result = await work(link, reader);
      // done, but a drawer kick may have found the printer unable to print: that still stands
      if (this.found) this.failed(this.found);
      else this.tracker.used(this.warning);
      return result;
    } catch (error) {
      this.failed(error as Error);
      throw error;
    } finally {
      reader?.close();
      if (!this.attached) await link.close();
    }
  }

  private async open(label: string | undefined): Promise<Link> {
    if (this.attached) {
      const link = this.attached.link;
      if (link) return link;
      throw new DeviceOfflineError(
        `${this.transport.address}: ${this.tracker.get().reason ?? 'not connected'}`,
      );
    }
    try {
      return await this.transport.connect({ label });
    } catch (error) {
      this.failed(error as Error);
      throw error;
    }
  }

  private async assertReady(reader: StatusReader): Promise<void> {
    const notReady = await this.readiness(reader);
    if (notReady) throw notReady;
  }

  /** Why the printer cannot print now, or null; remembered for the status. */
  private async readiness(reader: StatusReader): Promise<PrinterNotReadyError | null> {
    const offlineCause = await reader.ask(2);
    const paper = await reader.ask(4);
    const condition = notReadyCondition({ offlineCause, paper });
    this.warning = paper.nearEnd ? 'paper is running low' : null;
    this.found = condition
      ? new PrinterNotReadyError(condition, `${this.transport.address}: ${REASONS[condition]}`)
      : null;
    return this.found;
  }

  private failed(error: Error): void {
    if (error instanceof PrinterNotReadyError)
      this.tracker.set(error.condition === 'offline' ? 'offline' : error.condition, error.message);
    else if (error instanceof DeviceOfflineError || error instanceof DeviceTimeoutError)
      this.tracker.set('offline', error.message);
    else this.tracker.set('error', error.message);
  }
}
