/**
 * A serial port (USB-serial adapter, RS-232, a pty in tests) through serialport 13.
 * We never touch the modem lines: a pty has none and `set({ dtr, rts })` fails there.
 */
import type { SerialPort } from 'serialport';
import { DeviceOfflineError } from '../errors.ts';
import { LinkCore } from './link-core.ts';
import type { Link, Transport } from './transport.ts';

/**
 * How often an open link asks the tty whether it still exists. serialport 13 on Linux
 * retries a read that returns 0 forever (bindings-cpp issue #162), and 0 is exactly what
 * a hung-up tty (USB unplug, pty whose master died) returns: without this probe such a
 * link never closes and spins a thread. tcdrain on a hung-up tty fails with EIO.
 */
export const LIVENESS_CHECK_MS = 250;

export interface SerialTransportOptions {
  /** /dev/ttyUSB0, /dev/serial/by-id/..., or a pty link. */
  path: string;
  baudRate: number;
}

// serialport reports open failures as strerror text without an errno code.
const OPEN_REASONS: Array<[RegExp, string]> = [
  [/no such file or directory|no such device/i, 'no such device'],
  [/permission denied|operation not permitted/i, 'permission denied'],
  [/cannot lock port|resource temporarily unavailable|busy/i, 'in use by another program'],
  [/inappropriate ioctl|is a directory|not a directory/i, 'not a serial port'],
  [/input\/output error/i, 'input/output error'],
];

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  for (const [pattern, words] of OPEN_REASONS) if (pattern.test(text)) return words;
  return text.replace(/^Error:\s*/, '').toLowerCase();
}

export class SerialTransport implements Transport {
  readonly kind = 'serial';
  readonly twoWay = true;
  readonly address: string;

  constructor(private readonly options: SerialTransportOptions) {
    this.address = `serial ${options.path} ${options.baudRate} baud`;
  }

  async connect(): Promise<Link> {
    // loaded by the first serial device: it cost a till without one ~10 MiB and ~0.1 s of start-up
    const { SerialPort } = await import('serialport');
    const port = new SerialPort({
      path: this.options.path,
      baudRate: this.options.baudRate,
      autoOpen: false,
    });
    // Without a listener an 'error' event would crash the process.
    const beforeOpen = (): void => {};
    port.on('error', beforeOpen);
    await new Promise<void>((resolve, reject) => {
      port.open((error) => {
        if (error) reject(new DeviceOfflineError(`${this.address}: ${reason(error)}`));
        else resolve();
      });
    });
    port.off('error', beforeOpen);
    return new SerialLink(port, this.address);
  }
}

class SerialLink extends LinkCore {
  private readonly liveness: NodeJS.Timeout;
  private probing = false;

  constructor(
    private readonly port: SerialPort,
    address: string,
  ) {
    super(address, (cause) => `device disconnected (${reason(cause)})`);
    // Always reading: a pending read is what notices the device went away.
    port.on('data', (chunk: Buffer) => this.emit(new Uint8Array(chunk)));
    // An unplug closes with a DisconnectedError; a failed write emits 'error' and
    // destroys the stream, which then emits 'close' with no argument.
    port.on('error', (error: Error) => this.vanished(error));
    port.on('close', (error?: Error | null) => {
      if (!this.closing) this.vanished(error ?? new Error('the port closed'));
    });
    this.liveness = setInterval(() => this.probe(), LIVENESS_CHECK_MS).unref();
  }

  private probe(): void {
    // drain() on a port serialport believes closed would wait for a reopen forever.
    if (this.probing || !this.isOpen || !this.port.isOpen) return;
    this.probing = true;
    this.port.drain((error) => {
      this.probing = false;
      if (error) this.vanished(error);
    });
  }

  protected override send(bytes: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // A closed port queues writes and drains until it reopens, i.e. forever: race the close.
      const offClose = this.onClose((error) => reject(this.offline(error)));
      const settle = (error?: Error | null): void => {
        offClose();
        if (error) reject(this.offline(error));
        else resolve();
      };
      this.port.write(Buffer.from(bytes), (error) => {
        if (error) settle(error);
      });
      this.port.drain((error) => settle(error));
    });
  }

  protected override shutdown(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (!this.port.isOpen) return resolve();
      // A close error leaves nothing for us to do: the fd is gone either way.
      this.port.close(() => resolve());
    }).then(() => this.end(undefined));
  }

  protected override end(error: Error | undefined): void {
    clearInterval(this.liveness);
    super.end(error);
  }

  private vanished(cause: Error): void {
    if (!this.isOpen) return;
    this.end(this.offline(cause));
    // Closing also ends serialport's read retry loop on a hung-up tty.
    if (this.port.isOpen) this.port.close(() => {});
  }
}
