/** A raw TCP socket to a network printer (port 9100, "JetDirect"). */
import { connect as netConnect, type Socket } from 'node:net';
import { DeviceOfflineError } from '../errors.ts';
import { LinkCore } from './link-core.ts';
import type { Link, Transport } from './transport.ts';

export const CONNECT_TIMEOUT_MS = 3_000;
/** How long close() waits for the printer to finish the graceful shutdown before destroying. */
export const CLOSE_GRACE_MS = 1_000;
/** Idle time before the first keepalive probe: notices a printer that lost power while idle. */
export const KEEPALIVE_DELAY_MS = 10_000;

export interface TcpTransportOptions {
  host: string;
  port: number;
  connectTimeoutMs?: number;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the device',
  EPIPE: 'connection closed by the device',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (name lookup failed)',
  EADDRNOTAVAIL: 'address not available',
};

function reason(error: Error): string {
  // Happy-eyeballs connects fail with an AggregateError of one error per address.
  const first: unknown = error instanceof AggregateError ? error.errors[0] : error;
  const code = (first as NodeJS.ErrnoException | undefined)?.code ?? '';
  return REASONS[code] ?? (first instanceof Error ? first.message : error.message);
}

export class TcpTransport implements Transport {
  readonly kind = 'tcp';
  readonly twoWay = true;
  readonly address: string;
  private readonly connectTimeoutMs: number;

  constructor(private readonly options: TcpTransportOptions) {
    this.address = `tcp ${options.host}:${options.port}`;
    this.connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  }

  connect(): Promise<Link> {
    return new Promise<Link>((resolve, reject) => {
      const socket = netConnect({
        host: this.options.host,
        port: this.options.port,
        noDelay: true, // receipts are small; do not wait to coalesce them
        keepAlive: true,
        keepAliveInitialDelay: KEEPALIVE_DELAY_MS,
      });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new DeviceOfflineError(`${this.address}: timed out after ${this.connectTimeoutMs} ms`),
        );
      }, this.connectTimeoutMs);
      const onError = (error: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(new DeviceOfflineError(`${this.address}: ${reason(error)}`));
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve(new TcpLink(socket, this.address));
      });
    });
  }
}

class TcpLink extends LinkCore {
  constructor(
    private readonly socket: Socket,
    address: string,
  ) {
    super(address, (cause) => cause.message);
    socket.on('data', (chunk: Buffer) => this.emit(new Uint8Array(chunk)));
    socket.on('error', (error: Error) => this.vanished(reason(error)));
    // A printer that closes its side unasked is gone for us: it will not print more.
    socket.on('end', () => this.vanished('connection closed by the device'));
    socket.on('close', () => {
      if (this.closing) this.end(undefined);
      else this.vanished('connection closed');
    });
  }

  protected override send(bytes: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const offClose = this.onClose((error) => reject(this.offline(error)));
      this.socket.write(bytes, (error) => {
        offClose();
        if (error) reject(this.offline(this.endError ?? error));
        else resolve();
      });
    });
  }

  protected override shutdown(): Promise<void> {
    return new Promise<void>((resolve) => {
      // end() lets queued bytes go out first; destroy() if the printer never answers the FIN.
      const grace = setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS);
      this.socket.once('close', () => {
        clearTimeout(grace);
        resolve();
      });
      this.socket.end();
    });
  }

  private vanished(why: string): void {
    if (!this.isOpen) return;
    this.end(new DeviceOfflineError(`${this.address}: ${why}`));
    this.socket.destroy();
  }
}
