/**
 * A 2x20 pole display (VFD or LCD) on a serial port, in Epson's or the CD5220
 * command set. It stays connected; unplugged, it is retried, and once back it is
 * reset and shown the current screen again.
 */
import type { DeviceLog } from '../device.ts';
import { TrackedDevice } from '../device-status.ts';
import { PersistentLink } from '../persistent-link.ts';
import type { Transport } from '../transports/transport.ts';
import type { CustomerDisplay } from './customer-display.ts';
import type { DisplayCommandSet } from './display-commands.ts';
import { displayInit, displayScreenBytes } from './display-commands.ts';
import type { DisplayScreen } from '../../crdt/status.ts';

export interface SerialDisplayOptions {
  commandSet: DisplayCommandSet;
  codepage: string;
  log: DeviceLog;
}

export class SerialDisplay extends TrackedDevice implements CustomerDisplay {
  private readonly link: PersistentLink;
  private screen: DisplayScreen | undefined;

  constructor(
    transport: Transport,
    private readonly options: SerialDisplayOptions,
  ) {
    super('display', transport.address, options.log);
    this.link = new PersistentLink(transport, this.tracker, {
      onOpen: async (link) => {
        await link.write(displayInit(options.commandSet, options.codepage));
        if (this.screen) await link.write(this.bytes(this.screen));
      },
    });
  }

  start(): Promise<void> {
    return this.link.start();
  }

  stop(): Promise<void> {
    return this.link.stop();
  }

  current(): DisplayScreen | undefined {
    return this.screen;
  }

  async show(screen: DisplayScreen): Promise<void> {
    this.screen = screen;
    try {
      await this.link.write(this.bytes(screen));
      this.tracker.used();
    } catch (error) {
      // the link retries by itself and shows the latest screen when the display is back
      this.options.log.debug('display not reached', { reason: (error as Error).message });
    }
  }

  private bytes(screen: DisplayScreen): Uint8Array {
    return displayScreenBytes(this.options.commandSet, this.options.codepage, screen);
  }
}
