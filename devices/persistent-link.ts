/**
 * A link that stays open: displays, scanners and serial printers are always
 * attached. When the device goes away (unplugged, the port vanished) the state
 * says so and connecting is retried with backoff until it is back, so a replug
 * recovers without restarting the till.
 */
import type { Link, Transport } from './transports/transport.ts';
import { DeviceOfflineError } from './errors.ts';
import type { StatusTracker } from './device-status.ts';

export const RETRY_MIN_MS = 500;
export const RETRY_MAX_MS = 10_000;

export interface PersistentLinkOptions {
  /** Runs on every (re)connect, before anything else is written: re-send what the device shows. */
  onOpen?: (link: Link) => Promise<void> | void;
  onData?: (bytes: Uint8Array) => void;
  retryMinMs?: number;
  retryMaxMs?: number;
}

export class PersistentLink {
  private current: Link | undefined;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private delay: number;
  private connecting: Promise<void> | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly status: StatusTracker,
    private readonly options: PersistentLinkOptions = {},
  ) {
    this.delay = options.retryMinMs ?? RETRY_MIN_MS;
  }

  get link(): Link | undefined {
    return this.current?.isOpen ? this.current : undefined;
  }

  start(): Promise<void> {
    if (this.running) return this.connecting ?? Promise.resolve();
    this.running = true;
    return this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    const link = this.current;
    this.current = undefined;
    await link?.close();
    this.status.set('stopped');
  }

  /** Writes now, or fails at once with why: a device fault must never hold up a sale. */
  async write(bytes: Uint8Array): Promise<void> {
    const link = this.link;
    if (!link)
      throw new DeviceOfflineError(
        `${this.transport.address}: ${this.status.get().reason ?? 'not connected'}`,
      );
    await link.write(bytes);
  }

  private connect(): Promise<void> {
    this.connecting = this.attempt().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async attempt(): Promise<void> {
    if (!this.running) return;
    try {
      const link = await this.transport.connect();
      if (!this.running) return void (await link.close());
      this.current = link;
      if (this.options.onData) link.onData(this.options.onData);
      link.onClose((error) => this.lost(link, error));
      await this.options.onOpen?.(link);
      this.delay = this.options.retryMinMs ?? RETRY_MIN_MS;
      if (link.isOpen) this.status.set('ready');
    } catch (error) {
      this.status.set('offline', (error as Error).message);
      this.retryLater();
    }
  }

  private lost(link: Link, error?: Error): void {
    if (this.current !== link) return;
    this.current = undefined;
    if (!this.running) return;
    this.status.set('offline', error?.message ?? `${this.transport.address}: disconnected`);
    this.retryLater();
  }

  private retryLater(): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), this.delay);
    this.timer.unref();
    this.delay = Math.min(this.delay * 2, this.options.retryMaxMs ?? RETRY_MAX_MS);
  }
}
