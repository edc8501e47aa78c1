/** A customer display: shows one screen at a time, whatever shows it (a pole display, a browser). */
import type { Device } from '../device.ts';
import type { DisplayScreen } from '../../crdt/status.ts';

export interface CustomerDisplay extends Device {
  /** Shows the screen; a display that is away shows it when it is back. Never throws. */
  show(screen: DisplayScreen): Promise<void>;
  /** What it shows (or will show once it is back). */
  current(): DisplayScreen | undefined;
}
