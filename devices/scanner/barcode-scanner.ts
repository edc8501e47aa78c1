/** A barcode scanner attached to the till daemon (keyboard-wedge scanners stay in the browser). */
import type { Device } from '../device.ts';

export interface BarcodeScanner extends Device {
  /** Every code read, without its suffix; returns the unsubscribe. */
  onScan(listener: (code: string) => void): () => void;
}
