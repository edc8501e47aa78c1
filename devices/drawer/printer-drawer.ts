/**
 * A cash drawer wired to the printer's drawer port (ESC p). Its state follows
 * the printer's (an unreachable printer cannot open it); where the printer
 * reports the drawer switch (DLE EOT 1, pin 3), a kick is checked: a drawer
 * that did not open says so instead of leaving the cashier guessing.
 */
import type { DeviceLog, DeviceStatus } from '../device.ts';
import { TrackedDevice } from '../device-status.ts';
import { drawerPulse } from '../escpos/printer-status.ts';
import { PULSE_OFF_MS } from '../printer/escpos-printer.ts';
import type { ReceiptPrinter } from '../printer/receipt-printer.ts';
import type { CashDrawer, DrawerSensor } from './cash-drawer.ts';

/** A drawer's latch takes a moment to let go after the pulse. */
export const VERIFY_AFTER_MS = 300;

export interface PrinterDrawerOptions {
  pin: 2 | 5;
  pulseMs: number;
  sensor: 'none' | 'open-high' | 'open-low';
  log: DeviceLog;
}

export class PrinterDrawer extends TrackedDevice implements CashDrawer {
  readonly pulse: Uint8Array;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly printer: ReceiptPrinter,
    private readonly options: PrinterDrawerOptions,
  ) {
    super('drawer', `${printer.status().address}, pin ${options.pin}`, options.log);
    this.pulse = drawerPulse(options.pin, options.pulseMs, PULSE_OFF_MS);
  }

  start(): Promise<void> {
    this.unsubscribe ??= this.printer.onStatus((s) => this.follow(s));
    this.follow(this.printer.status());
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.tracker.set('stopped');
    return Promise.resolve();
  }

  async open(): Promise<void> {
    await this.printer.kick(this.options.pin, this.options.pulseMs);
    await this.verify();
  }

  async verify(): Promise<DrawerSensor> {
    if (this.options.sensor === 'none') {
      this.tracker.used();
      return 'unknown';
    }
    await new Promise((r) => setTimeout(r, VERIFY_AFTER_MS));
    const high = await this.printer.drawerPin3High().catch(() => undefined);
    const sensor: DrawerSensor =
      high === undefined
        ? 'unknown'
        : high === (this.options.sensor === 'open-high')
          ? 'open'
          : 'closed';
    this.tracker.patch({ drawer: sensor });
    if (sensor === 'closed')
      this.tracker.set(
        'error',
        'the drawer did not open after the kick: open it with the key and check its cable',
      );
    else this.tracker.used();
    return sensor;
  }

  private follow(printer: DeviceStatus): void {
    if (
      printer.state === 'ready' ||
      printer.state === 'paper-out' ||
      printer.state === 'cover-open'
    ) {
      // the drawer port works whatever the paper does
      if (this.tracker.get().state !== 'error') this.tracker.set('ready');
    } else
      this.tracker.set(printer.state, printer.reason && `through the printer: ${printer.reason}`);
  }
}
