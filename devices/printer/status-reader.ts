/**
 * DLE EOT requests and their one-byte answers over a link. Answers come in the
 * order asked; a byte that is not a status answer (XON/XOFF from a serial
 * printer, say) is skipped.
 */
import { DeviceTimeoutError } from '../errors.ts';
import type { StatusRequest, StatusResult } from '../escpos/printer-status.ts';
import { isValidStatusByte, parseStatusByte, statusRequest } from '../escpos/printer-status.ts';
import type { Link } from '../transports/transport.ts';

export const STATUS_TIMEOUT_MS = 2_000;

interface Pending {
  n: StatusRequest;
  resolve: (result: StatusResult) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class StatusReader {
  private readonly pending: Pending[] = [];
  private readonly unsubscribe: () => void;

  constructor(
    private readonly link: Link,
    private readonly address: string,
    private readonly timeoutMs = STATUS_TIMEOUT_MS,
  ) {
    this.unsubscribe = link.onData((bytes) => {
      for (const byte of bytes) {
        if (!isValidStatusByte(byte)) continue;
        const next = this.pending.shift();
        if (!next) continue;
        clearTimeout(next.timer);
        next.resolve(parseStatusByte(next.n, byte) as StatusResult);
      }
    });
  }

  async ask<N extends StatusRequest>(n: N): Promise<Extract<StatusResult, { kind: KindOf<N> }>> {
    let entry!: Pending;
    const answer = new Promise<StatusResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        // later answers belong to later requests: drop this one and all before it
        this.pending.splice(0, this.pending.indexOf(entry) + 1);
        reject(
          new DeviceTimeoutError(
            `${this.address}: no answer to a status request in ${this.timeoutMs} ms (a printer that cannot answer needs "status": false)`,
          ),
        );
      }, this.timeoutMs);
      entry = { n, resolve, reject, timer };
    });
    answer.catch(() => {}); // awaited below; a rejection while the write is under way is not lost
    this.pending.push(entry);
    try {
      await this.link.write(statusRequest(n));
    } catch (error) {
      clearTimeout(entry.timer);
      this.pending.splice(this.pending.indexOf(entry), 1);
      throw error;
    }
    return (await answer) as Extract<StatusResult, { kind: KindOf<N> }>;
  }

  close(): void {
    this.unsubscribe();
    for (const p of this.pending.splice(0)) {
      clearTimeout(p.timer);
      p.reject(new DeviceTimeoutError(`${this.address}: the link closed before the answer`));
    }
  }
}

type KindOf<N> = N extends 1
  ? 'printer'
  : N extends 2
    ? 'offline-cause'
    : N extends 3
      ? 'error-cause'
      : 'paper';
