/** A receipt printer, whatever it is plugged into: the print queue talks only to this. */
import type { Device } from '../device.ts';

/** One piece of a ticket; `sent` runs once the printer has it, before the next piece goes. */
export interface PrintPart {
  bytes: Uint8Array;
  sent?: () => void;
}

export interface ReceiptPrinter extends Device {
  /**
   * Sends the parts in one session and resolves once the printer has them all
   * (a two-way printer answered a status request sent after them). Rejects with
   * a DeviceOfflineError or a PrinterNotReadyError that says why. A drawer kick
   * alone need not wait for paper (`checkReady: false`).
   */
  print(
    label: string,
    parts: readonly PrintPart[],
    options?: { checkReady?: boolean },
  ): Promise<void>;
  /**
   * Kicks the drawer now: with ESC p while the printer can print, with the
   * real-time DLE DC4 while it cannot (paper out, cover open), so a device
   * fault never keeps the cashier from the cash.
   */
  kick(pin: 2 | 5, onMs: number): Promise<void>;
  /** Asks the printer whether it can print now; the status says what it answered. */
  check(): Promise<void>;
  /** Pin 3 of the drawer port, when the printer answers status requests. */
  drawerPin3High(): Promise<boolean | undefined>;
}
