/**
 * The customer display as a web page (/display on the daemon), for a till with
 * a second monitor facing the customer: it keeps the current screen and tells
 * every open page when it changes.
 */
import type { DeviceLog } from '../device.ts';
import { TrackedDevice } from '../device-status.ts';
import type { CustomerDisplay } from './customer-display.ts';
import type { DisplayScreen } from '../../crdt/status.ts';

export class BrowserDisplay extends TrackedDevice implements CustomerDisplay {
  private readonly viewers = new Set<(screen: DisplayScreen) => void>();
  private screen: DisplayScreen | undefined;

  constructor(log: DeviceLog) {
    super('display', 'browser /display', log, 'display page');
  }

  start(): Promise<void> {
    this.tracker.set('ready');
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.tracker.set('stopped');
    return Promise.resolve();
  }

  current(): DisplayScreen | undefined {
    return this.screen;
  }

  show(screen: DisplayScreen): Promise<void> {
    this.screen = screen;
    for (const viewer of this.viewers) viewer(screen);
    if (this.viewers.size) this.tracker.used();
    return Promise.resolve();
  }

  /** A page follows the screens from now on; it gets the current one at once. */
  watch(viewer: (screen: DisplayScreen) => void): () => void {
    this.viewers.add(viewer);
    if (this.screen) viewer(this.screen);
    return () => this.viewers.delete(viewer);
  }
}
