/** A cash drawer. Ours open through the receipt printer's drawer port, as almost all do. */
import type { Device } from '../device.ts';

export type DrawerSensor = 'open' | 'closed' | 'unknown';

export interface CashDrawer extends Device {
  /** The kick the print queue sends ahead of a cash sale's receipt. */
  readonly pulse: Uint8Array;
  /** Opens it now (no sale, or a cash sale whose receipt must wait); rejects when the printer cannot be reached. */
  open(): Promise<void>;
  /** After a kick: reads the sensor where there is one; a drawer that stayed shut is an error. */
  verify(): Promise<DrawerSensor>;
}
