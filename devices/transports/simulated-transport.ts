/**
 * A simulated device for a user without hardware: each session's bytes go to a .bin file in
 * the data dir; lines appended to an input file (`echo 4006381333931 >> f`) arrive as scanned.
 */
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { DeviceOfflineError } from '../errors.ts';
import { LinkCore } from './link-core.ts';
import type { ConnectOptions, Link, Transport } from './transport.ts';

/** How often the input file is checked for appended lines. */
export const INPUT_POLL_MS = 200;
const MAX_LABEL_LENGTH = 64;
type OnBytes = (bytes: Uint8Array) => void;

export interface SimulatedTransportOptions {
  /** Where the session files go; created as needed. */
  dir: string;
  /** File name prefix: "receipt" gives receipt-20250101-120000-000-1042.bin. */
  name: string;
  /** Lines appended to this file arrive through onData; makes the device two-way. */
  inputFile?: string;
  /** Called after a session closed cleanly with the file and every byte written; must not throw. */
  onSaved?: (file: string, bytes: Uint8Array) => void | Promise<void>;
}

const reason = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code; // EEXIST: mkdir -p where a file is
  return code === 'EEXIST' || code === 'ENOTDIR' ? 'not a directory' : (error as Error).message;
};

/** Local time, as the user browsing the directory reads it: yyyymmdd-hhmmss-mmm. */
function stamp(ms: number): string {
  const local = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString();
  return local.slice(0, 23).replace(/[-:]/g, '').replace(/[T.]/g, '-');
}

/** "order #42/ä" → "order-42": safe in any file system and shell. */
export function sanitiseLabel(label: string): string {
  const dashed = label.replace(/[^A-Za-z0-9-]+/g, '-').replace(/-{2,}/g, '-');
  return dashed.replace(/^-|-$/g, '').slice(0, MAX_LABEL_LENGTH);
}

export class SimulatedTransport implements Transport {
  readonly kind = 'simulated';
  readonly address: string;
  readonly twoWay: boolean;

  constructor(private readonly options: SimulatedTransportOptions) {
    this.address = `simulated ${options.dir}`;
    this.twoWay = options.inputFile !== undefined;
  }

  async connect(options: ConnectOptions = {}): Promise<Link> {
    await mkdir(this.options.dir, { recursive: true }).catch((error: unknown) => {
      throw new DeviceOfflineError(`${this.address}: ${reason(error)}`);
    });
    const link = new SimulatedLink(this.options, this.address, sanitiseLabel(options.label ?? ''));
    const input = this.options.inputFile;
    const deliver = (line: Uint8Array): void => link.emit(line);
    if (input !== undefined) await tailLines(input, deliver, () => !link.isOpen);
    return link;
  }
}

/** Polls `file` and hands each complete line appended from now on (with its '\n') to `onLine`. */
async function tailLines(file: string, onLine: OnBytes, stopped: () => boolean): Promise<void> {
  // Lines already there were scanned before this session: not replayed. Missing counts as empty.
  let offset = (await stat(file).catch(() => undefined))?.size ?? 0;
  let partial = Buffer.alloc(0);
  const poll = async (): Promise<void> => {
    const handle = await open(file, 'r').catch(() => undefined); // not created yet
    if (!handle) return;
    try {
      const { size } = await handle.stat();
      if (size < offset) [offset, partial] = [0, Buffer.alloc(0)]; // truncated: all of it is new
      if (size === offset) return;
      const fresh = Buffer.alloc(size - offset);
      const { bytesRead } = await handle.read(fresh, 0, fresh.length, offset);
      offset += bytesRead;
      let rest = Buffer.concat([partial, fresh.subarray(0, bytesRead)]);
      for (let nl = rest.indexOf(10); nl !== -1 && !stopped(); nl = rest.indexOf(10)) {
        onLine(new Uint8Array(rest.subarray(0, nl + 1)));
        rest = rest.subarray(nl + 1);
      }
      partial = Buffer.from(rest); // half a line waits for its end
    } finally {
      await handle.close().catch(() => {});
    }
  };
  const schedule = (): void => {
    // unref: a forgotten link must not keep the process alive.
    if (!stopped()) setTimeout(() => void poll().then(schedule, schedule), INPUT_POLL_MS).unref();
  };
  schedule();
}

class SimulatedLink extends LinkCore {
  private readonly chunks: Uint8Array[] = [];
  private readonly started = Date.now();
  private out: { file: string; handle: FileHandle } | undefined;

  constructor(
    private readonly options: SimulatedTransportOptions,
    address: string,
    private readonly label: string,
  ) {
    super(address);
  }

  protected override send(bytes: Uint8Array): Promise<void> {
    const copy = Uint8Array.from(bytes); // the caller may reuse its buffer meanwhile
    return this.inTurn(() => this.append(copy));
  }

  protected override shutdown(): Promise<void> {
    return this.inTurn(async () => {
      const saved = !this.ended ? this.out?.file : undefined;
      await this.finish(undefined);
      if (saved === undefined) return;
      // The preview is a convenience: a failing one must not fail the session.
      const bytes = Buffer.concat(this.chunks);
      await Promise.resolve(this.options.onSaved?.(saved, bytes)).catch(() => {});
    });
  }

  /** Bytes go to disk as they come, so a killed daemon leaves a partial file, not nothing. */
  private async append(bytes: Uint8Array): Promise<void> {
    if (this.ended) throw this.offline(this.endError);
    try {
      const { handle } = this.out ?? (await this.create());
      await handle.writeFile(bytes); // at the current position, looping over short writes
      // Writing to a deleted file succeeds and goes nowhere: that device is gone.
      if ((await handle.stat()).nlink === 0) throw new Error('the output file was deleted');
      this.chunks.push(bytes);
    } catch (cause) {
      const error = new DeviceOfflineError(`${this.address}: ${reason(cause)}`);
      await this.finish(error);
      throw error;
    }
  }

  /** Created on the first write: a session that only reads (a scanner) leaves no empty file. */
  private async create(): Promise<{ file: string; handle: FileHandle }> {
    const { dir, name } = this.options;
    await mkdir(dir, { recursive: true });
    for (let t = this.started; ; t += 1) {
      const file = join(dir, `${name}-${stamp(t)}${this.label && `-${this.label}`}.bin`);
      try {
        // 'wx': never overwrite another session's file; a clash moves on by a millisecond.
        return (this.out = { file, handle: await open(file, 'wx') });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  /** end(), but the close listeners hear only once the output file is closed. */
  private async finish(error: Error | undefined): Promise<void> {
    if (!this.markEnded(error)) return;
    await this.out?.handle.close().catch(() => {});
    this.tellClosed();
  }
}
