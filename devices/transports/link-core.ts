/** The bookkeeping every Link shares; a transport adds how it sends and how it lets go. */
import { DeviceOfflineError } from '../errors.ts';
import type { Link } from './transport.ts';

export abstract class LinkCore implements Link {
  private readonly dataListeners = new Set<(bytes: Uint8Array) => void>();
  private readonly closeListeners = new Set<(error?: Error) => void>();
  private queue: Promise<void> = Promise.resolve();
  protected ended = false;
  protected endError: Error | undefined;
  protected closing: Promise<void> | undefined;

  /** `describe` words a cause that is no DeviceOfflineError yet; else: "the link is closed". */
  constructor(
    protected readonly address: string,
    private readonly describe?: (cause: Error) => string,
  ) {}

  /** Hands the bytes to the device; called only while the link is open. */
  protected abstract send(bytes: Uint8Array): Promise<void>;
  /** Lets go of the device; called once, by the first close(). */
  protected abstract shutdown(): Promise<void>;

  get isOpen(): boolean {
    return !this.ended && this.closing === undefined;
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) return Promise.reject(this.offline(this.endError));
    return this.send(bytes);
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  /** Bytes from the device, for every data listener. */
  emit(bytes: Uint8Array): void {
    for (const listener of [...this.dataListeners]) listener(bytes);
  }

  onClose(listener: (error?: Error) => void): () => void {
    if (this.ended) {
      // A late subscriber still hears about the end, once.
      queueMicrotask(() => listener(this.endError));
      return () => {};
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): Promise<void> {
    if (this.ended) return this.closing ?? Promise.resolve();
    return (this.closing ??= this.shutdown());
  }

  /** Runs `task` after every earlier one, so concurrent writes never interleave their bytes. */
  protected inTurn(task: () => Promise<void>): Promise<void> {
    const done = this.queue.then(task);
    this.queue = done.catch(() => {});
    return done;
  }

  /** Ends the link once: drops the data listeners, then each close listener hears why. */
  protected end(error: Error | undefined): void {
    if (this.markEnded(error)) this.tellClosed();
  }

  // The two halves of end(), for a link that releases something in between; false: already ended.
  protected markEnded(error: Error | undefined): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.endError = error;
    this.dataListeners.clear();
    return true;
  }

  protected tellClosed(): void {
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    for (const listener of listeners) listener(this.endError);
  }

  protected offline(cause: Error | undefined): DeviceOfflineError {
    if (cause instanceof DeviceOfflineError) return cause;
    const why = cause && this.describe ? this.describe(cause) : 'the link is closed';
    return new DeviceOfflineError(`${this.address}: ${why}`);
  }
}
