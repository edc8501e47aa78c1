/**
 * A thermal receipt printer for tests: it decodes what it is sent, answers
 * DLE EOT from a state the test sets, and keeps what it printed, cut by cut,
 * on a loopback TCP port (like port 9100) or any Duplex (a serial pty).
 *
 * Out of paper, a real printer stops printing and keeps the job in its buffer.
 * The emulator keeps it simpler: while `state.paper` is 'out' it still decodes
 * (so it answers status requests and keeps its modes), but printed content,
 * cuts and buffered drawer kicks go to `discarded` instead of the receipts.
 * Real-time kicks (DLE DC4) still open the drawer, as they do on a printer.
 */
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ReadStream, isatty } from 'node:tty';
import { EscPosDecoder, receiptsOf } from '../../devices/escpos/escpos-decoder.ts';
import type { DecodedItem, PulseItem } from '../../devices/escpos/escpos-decoder.ts';
import type { ReceiptBlock } from '../../devices/receipt/receipt-doc.ts';
import { statusByte } from '../../devices/escpos/printer-status.ts';
import type { StatusOptions } from '../../devices/escpos/printer-status.ts';

export interface EmulatorState {
  paper: 'ok' | 'near-end' | 'out';
  coverOpen: boolean;
  drawerOpen: boolean;
  /** A kick does not open it (a jammed latch, a loose cable). */
  drawerJammed: boolean;
}

export interface EmulatedReceipt {
  lines: string[];
  blocks: ReceiptBlock[];
  qr: string[];
  pulses: PulseItem[];
}

export interface EmulatorOptions extends StatusOptions {
  state?: Partial<EmulatorState>;
  /** Paper width in characters (48 on 80 mm). */
  columns?: number;
  /** Where answers to bytes given to `write` go (sessions have their own). */
  reply?: (bytes: Uint8Array) => void;
}

/** One connection's view of the printer: its own parser, the printer's state and paper. */
export interface EmulatorSession {
  write(bytes: Uint8Array): DecodedItem[];
}

const CONTENT = new Set(['text', 'qr', 'image', 'feed', 'cut']);

export class EscPosPrinterEmulator {
  state: EmulatorState;
  reply: (bytes: Uint8Array) => void;
  /** Every decoded item, printed or not. */
  readonly items: DecodedItem[] = [];
  /** What reached the paper (content, executed kicks): the receipts are made of it. */
  readonly printed: DecodedItem[] = [];
  /** Content that arrived while out of paper. */
  readonly discarded: DecodedItem[] = [];
  /** Every executed drawer kick. */
  readonly pulses: PulseItem[] = [];
  /** The n of every DLE EOT request, in order. */
  readonly statusRequests: number[] = [];
  readonly #chunks: Uint8Array[] = [];
  readonly #columns: number;
  readonly #statusOptions: StatusOptions;
  readonly #default: EmulatorSession;

  constructor(options: EmulatorOptions = {}) {
    this.state = {
      paper: 'ok',
      coverOpen: false,
      drawerOpen: false,
      drawerJammed: false,
      ...options.state,
    };
    this.#columns = options.columns ?? 48;
    this.#statusOptions = { drawerOpenLevel: options.drawerOpenLevel ?? 'high' };
    this.reply = options.reply ?? (() => {});
    this.#default = this.session((bytes) => this.reply(bytes));
  }

  /** Bytes from the host, through the default session (replies go to `reply`). */
  write(bytes: Uint8Array): DecodedItem[] {
    return this.#default.write(bytes);
  }

  /**
   * A new parser on the same printer. Each TCP connection gets one, so a
   * connection dropped inside a command cannot swallow the next job's bytes;
   * what it printed stays on the paper (in `partial`) until the next cut.
   */
  session(reply: (bytes: Uint8Array) => void): EmulatorSession {
    const decoder = new EscPosDecoder({ columns: this.#columns });
    return {
      write: (bytes) => {
        this.#chunks.push(new Uint8Array(bytes));
        const items = decoder.push(bytes);
        for (const item of items) this.#take(item, reply);
        return items;
      },
    };
  }

  #take(item: DecodedItem, reply: (bytes: Uint8Array) => void): void {
    this.items.push(item);
    if (item.type === 'status') {
      this.statusRequests.push(item.n);
      reply(Uint8Array.of(statusByte(item.n, this.state, this.#statusOptions)));
    } else if (CONTENT.has(item.type) || item.type === 'pulse') {
      const realtime = item.type === 'pulse' && item.realtime === true;
      if (this.state.paper === 'out' && !realtime) this.discarded.push(item);
      else {
        this.printed.push(item);
        if (item.type === 'pulse') {
          this.pulses.push(item);
          if (!this.state.drawerJammed) this.state.drawerOpen = true; // tests close it
        }
      }
    }
  }

  /** Complete receipts: everything up to and including each cut. */
  get receipts(): EmulatedReceipt[] {
    return receiptsOf(this.printed, this.#columns)
      .filter((r) => r.complete)
      .map(toEmulated);
  }

  /** What arrived after the last cut (empty arrays when nothing did). */
  get partial(): EmulatedReceipt {
    const last = receiptsOf(this.printed, this.#columns).at(-1);
    return last?.complete === false
      ? toEmulated(last)
      : { lines: [], blocks: [], qr: [], pulses: [] };
  }

  /** Every byte received, in order. */
  get bytes(): Uint8Array {
    return Buffer.concat(this.#chunks);
  }
}

function toEmulated({ lines, blocks, qr, pulses }: EmulatedReceipt): EmulatedReceipt {
  return { lines, blocks, qr, pulses };
}

export interface TcpPrinterEmulator {
  port: number;
  emulator: EscPosPrinterEmulator;
  /** Connections served so far. */
  readonly connections: number;
  /** Connections closed at once because the printer was busy. */
  readonly refused: number;
  close(): Promise<void>;
}

export interface TcpEmulatorOptions extends EmulatorOptions {
  /** Connections served at the same time; more are closed on arrival (a port-9100 printer has 1). */
  maxConnections?: number;
  /** Close the first connection after this many bytes, once: a cable pulled mid-receipt. */
  dropAfterBytes?: number;
  /** An existing printer (to keep it across restarts of the listener). */
  emulator?: EscPosPrinterEmulator;
  /** Listen on this port (a printer switched back on keeps its address); free one by default. */
  port?: number;
}

/** A printer on 127.0.0.1, on a free port; never on another address. */
export async function startTcpPrinterEmulator(
  options: TcpEmulatorOptions = {},
): Promise<TcpPrinterEmulator> {
  const emulator = options.emulator ?? new EscPosPrinterEmulator(options);
  const maxConnections = options.maxConnections ?? Infinity;
  const sockets = new Set<Socket>();
  let [connections, refused] = [0, 0];
  let dropPending = options.dropAfterBytes !== undefined;

  const server = createServer((socket) => {
    socket.on('error', () => {}); // a client that resets is not the test's failure
    if (sockets.size >= maxConnections) {
      refused++;
      socket.destroy();
      return;
    }
    sockets.add(socket);
    connections++;
    socket.on('close', () => sockets.delete(socket));
    const session = emulator.session((bytes) => {
      if (!socket.destroyed) socket.write(bytes);
    });
    let budget = dropPending ? (options.dropAfterBytes ?? 0) : Infinity;
    dropPending = false;
    socket.on('data', (chunk: Buffer) => {
      if (socket.destroyed) return;
      const taken = chunk.subarray(0, budget);
      budget -= taken.length;
      session.write(taken);
      if (budget <= 0) socket.destroy();
    });
    if (budget <= 0) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    port,
    emulator,
    get connections() {
      return connections;
    },
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Puts the emulator on a stream (host bytes in, replies out); returns detach, the stream stays open. */
export function attachEmulatorToStream(
  emulator: EscPosPrinterEmulator,
  stream: Duplex,
): () => void {
  const session = emulator.session((bytes) => {
    if (stream.writable) stream.write(bytes);
  });
  const onData = (chunk: Buffer | string): void => {
    session.write(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
  };
  stream.on('data', onData);
  return () => stream.off('data', onData);
}

/**
 * The same on a tty fd, such as one end of a socat pty pair the driver opens as
 * a serial port. Raw mode first: the line discipline would eat DLE EOT's 0x04 as EOF.
 */
export function attachEmulatorToFd(
  emulator: EscPosPrinterEmulator,
  fd: number,
): { stream: Duplex; close(): void } {
  if (!isatty(fd)) throw new Error(`fd ${fd} is not a tty; use attachEmulatorToStream`);
  const stream = new ReadStream(fd);
  stream.setRawMode(true);
  const detach = attachEmulatorToStream(emulator, stream);
  return {
    stream,
    close: () => {
      detach();
      stream.destroy();
    },
  };
}
