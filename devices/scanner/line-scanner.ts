/**
 * A scanner that sends each code followed by a suffix (CR, LF or both): serial
 * scanners, and the simulated one that reads lines from a file. Codes are bytes
 * in ASCII; anything that runs on without a suffix is dropped and reported, so
 * a scanner set to the wrong suffix says so instead of adding garbage.
 */
import type { DeviceLog } from '../device.ts';
import { TrackedDevice } from '../device-status.ts';
import { PersistentLink } from '../persistent-link.ts';
import type { Transport } from '../transports/transport.ts';
import type { BarcodeScanner } from './barcode-scanner.ts';

export type ScanSuffix = 'cr' | 'lf' | 'crlf';

/** Longer than any barcode (GS1-128 tops out at 48 characters), short of a flood. */
export const MAX_CODE_BYTES = 256;

const CR = 0x0d;
const LF = 0x0a;

export class LineScanner extends TrackedDevice implements BarcodeScanner {
  private readonly link: PersistentLink;
  private readonly listeners = new Set<(code: string) => void>();
  private buffer: number[] = [];
  /** After an overflow, the rest up to the next suffix is the same garbage: not a code. */
  private discarding = false;

  constructor(
    transport: Transport,
    private readonly suffix: ScanSuffix,
    private readonly log: DeviceLog,
  ) {
    super('scanner', transport.address, log);
    this.link = new PersistentLink(transport, this.tracker, {
      onOpen: () => {
        this.buffer = [];
        this.discarding = false;
      },
      onData: (bytes) => this.receive(bytes),
    });
  }

  start(): Promise<void> {
    return this.link.start();
  }

  stop(): Promise<void> {
    return this.link.stop();
  }

  onScan(listener: (code: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private receive(bytes: Uint8Array): void {
    for (const byte of bytes) {
      // CR+LF: CR ends the code and the LF after it is an empty line, ignored below
      const ends =
        this.suffix === 'lf' ? byte === LF : byte === CR || (this.suffix === 'crlf' && byte === LF);
      if (!ends) {
        if (this.discarding) continue;
        this.buffer.push(byte);
        if (this.buffer.length > MAX_CODE_BYTES) {
          this.buffer = [];
          this.discarding = true;
          this.tracker.set(
            'error',
            `more than ${MAX_CODE_BYTES} bytes without a ${this.suffix.toUpperCase()}: check the scanner's suffix setting`,
          );
        }
        continue;
      }
      const code = String.fromCharCode(...this.buffer).trim();
      this.buffer = [];
      this.discarding = false;
      if (!code) continue;
      this.tracker.used();
      this.log.info('scanned', { code });
      for (const listener of this.listeners) listener(code);
    }
  }
}
