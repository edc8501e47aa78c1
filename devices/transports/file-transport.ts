/**
 * A Linux line-printer device file (/dev/usb/lp0, /dev/lp0), or a FIFO another program
 * reads. One-way: these files give no answers we could read.
 */
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { DeviceOfflineError } from '../errors.ts';
import { LinkCore } from './link-core.ts';
import type { Link, Transport } from './transport.ts';

export interface FileTransportOptions {
  /** /dev/usb/lp0 */
  path: string;
}

// No O_CREAT: an unplugged USB printer's /dev/usb/lp0 is missing, and creating a regular
// file there would swallow every receipt and hide the missing printer until reboot.
const OPEN_FLAGS = constants.O_WRONLY | constants.O_APPEND;

const REASONS: Record<string, string> = {
  ENOENT: 'no such device file',
  ENODEV: 'no such device',
  ENXIO: 'no such device (or nothing reads the pipe)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EBUSY: 'in use by another program',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a device file',
  EIO: 'input/output error',
  EPIPE: 'the device went away',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return REASONS[code] ?? (error instanceof Error ? error.message : String(error));
}

export class FileTransport implements Transport {
  readonly kind = 'file';
  readonly twoWay = false;
  readonly address: string;

  constructor(private readonly options: FileTransportOptions) {
    this.address = `file ${options.path}`;
  }

  async connect(): Promise<Link> {
    const { path } = this.options;
    try {
      // A blocking open of a FIFO nobody reads hangs (and holds a libuv thread):
      // probe without blocking first, so that case fails with ENXIO instead.
      if ((await stat(path)).isFIFO()) {
        await (await open(path, constants.O_WRONLY | constants.O_NONBLOCK)).close();
      }
      return new FileLink(await open(path, OPEN_FLAGS), this.address);
    } catch (error) {
      throw new DeviceOfflineError(`${this.address}: ${reason(error)}`);
    }
  }
}

class FileLink extends LinkCore {
  constructor(
    private readonly handle: FileHandle,
    address: string,
  ) {
    super(address);
  }

  protected override send(bytes: Uint8Array): Promise<void> {
    const copy = Uint8Array.from(bytes); // the caller may reuse its buffer meanwhile
    return this.inTurn(() => this.writeAll(copy));
  }

  override onData(): () => void {
    return () => {}; // one-way: nothing ever arrives
  }

  protected override shutdown(): Promise<void> {
    // FileHandle.close waits for a write in flight, so the fd is never reused under it.
    return this.inTurn(() => this.handle.close())
      .catch(() => {})
      .then(() => this.end(undefined));
  }

  private async writeAll(bytes: Uint8Array): Promise<void> {
    if (this.ended) throw this.offline(this.endError);
    let offset = 0;
    try {
      // A device may take fewer bytes than offered (short write): loop until all went.
      while (offset < bytes.length) {
        const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
        if (bytesWritten === 0) throw new Error('the device accepted no bytes');
        offset += bytesWritten;
      }
    } catch (cause) {
      const error = new DeviceOfflineError(`${this.address}: ${reason(cause)}`);
      if (!this.ended) {
        this.end(error);
        await this.handle.close().catch(() => {});
      }
      throw error;
    }
  }
}
