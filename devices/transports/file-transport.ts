/**
 * A Linux line-printer device file (/dev/usb/lp0, /dev/lp0), or a FIFO another program
 * reads. One-way: these files give no answers we could read.
 */
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { DeviceOfflineError } from '../errors.ts';
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

class FileLink implements Link {
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private ended = false;
  private endError: Error | undefined;
  private closing: Promise<void> | undefined;
  /** Writes run one after another so concurrent calls never interleave their bytes. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly handle: FileHandle,
    private readonly address: string,
  ) {}

  get isOpen(): boolean {
    return !this.ended && this.closing === undefined;
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) return Promise.reject(this.offline());
    const copy = Uint8Array.from(bytes); // the caller may reuse its buffer meanwhile
    const done = this.queue.then(() => this.writeAll(copy));
    this.queue = done.catch(() => {});
    return done;
  }

  onData(): () => void {
    return () => {}; // one-way: nothing ever arrives
  }

  onClose(listener: (error?: Error) => void): () => void {
    if (this.ended) {
      queueMicrotask(() => listener(this.endError));
      return () => {};
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): Promise<void> {
    if (this.ended) return this.closing ?? Promise.resolve();
    // FileHandle.close waits for a write in flight, so the fd is never reused under it.
    this.closing ??= this.queue
      .then(() => this.handle.close())
      .catch(() => {})
      .then(() => this.end(undefined));
    return this.closing;
  }

  private async writeAll(bytes: Uint8Array): Promise<void> {
    if (this.ended) throw this.offline();
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

  private end(error: Error | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.endError = error;
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener(error);
  }

  private offline(): DeviceOfflineError {
    if (this.endError instanceof DeviceOfflineError) return this.endError;
    return new DeviceOfflineError(`${this.address}: the link is closed`);
  }
}
