/**
 * A streaming ESC/POS decoder: bytes as a printer receives them in, the blocks
 * it would print (receipt-doc.ts) and the device commands out. Tests and the
 * printer emulator use it to check what we send, so it never throws: what it
 * does not understand comes out as { type: 'unknown' } and decoding goes on.
 */
import type { ReceiptBlock } from '../receipt/receipt-doc.ts';
import { DEFAULT_CODEPAGE, codepageTable } from './codepages.ts';
import type { ByteTable } from './codepages.ts';
import { CR, DLE, ESC, FS, GS, HT, LF, frameCommand } from './escpos-frames.ts';
import type { StatusRequest } from './printer-status.ts';
import { interpret } from './escpos-commands.ts';

/** ESC p (or the real-time DLE DC4 1): pin 0 drives connector pin 2, pin 1 pin 5. */
export interface PulseItem {
  type: 'pulse';
  pin: 0 | 1;
  onMs: number;
  offMs: number;
  /** Sent as DLE DC4: executed at once, even by an offline printer. */
  realtime?: true;
}

export type DeviceItem =
  | PulseItem
  | { type: 'status'; n: StatusRequest }
  | { type: 'init' }
  /** GS k: there is no barcode block in receipt-doc.ts, so it is a device item. */
  | { type: 'barcode'; symbology: number; data: string }
  | { type: 'unknown'; bytes: Uint8Array };

export type DecodedItem = ReceiptBlock | DeviceItem;

export interface DecoderOptions {
  /** Paper width in characters, for lines printed under ESC a centre/right. Default 48. */
  columns?: number;
}

/** The print modes a line is printed with; `interpret` in escpos-commands.ts changes them. */
export interface PrintModes {
  bold: boolean;
  width: number;
  height: number;
  codepage: number;
  /** 0 left, 1 centre, 2 right (ESC a). */
  align: number;
  /** The QR code stored with GS ( k, printed by a later GS ( k print. */
  qr: string | undefined;
}

export const defaultModes = (): PrintModes => ({
  bold: false,
  width: 1,
  height: 1,
  codepage: DEFAULT_CODEPAGE,
  align: 0,
  qr: undefined,
});

const TAB_STOP = 8; // Epson's default tab positions: every 8 characters

/** Plain Uint8Array copies: callers (sockets) reuse their Buffers, and items outlive them. */
const copy = (buf: Uint8Array, from: number, to: number): Uint8Array =>
  new Uint8Array(buf.subarray(from, to));

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export class EscPosDecoder {
  readonly columns: number;
  modes: PrintModes = defaultModes();
  #table: ByteTable = codepageTable(DEFAULT_CODEPAGE);
  #tableFor = DEFAULT_CODEPAGE;
  // The line being filled: text, and whether any visible character was bold/double.
  #text = '';
  #bold = false;
  #double = false;
  /** An ESC * strip is in the line: its LF prints it, not a blank line. */
  #graphic = false;
  // An incomplete command waits here, as chunks, until `#need` bytes have arrived.
  #pending: Uint8Array[] = [];
  #pendingLength = 0;
  #need = 0;
  #skip = 0;

  constructor(options: DecoderOptions = {}) {
    this.columns = options.columns ?? 48;
  }

  /** Feeds a chunk split anywhere; returns the items completed by it. */
  push(chunk: Uint8Array): DecodedItem[] {
    const out: DecodedItem[] = [];
    if (chunk.length === 0) return out;
    // Kept across calls only as a copy: the caller may reuse its buffer.
    const waiting = this.#pendingLength + chunk.length < this.#need;
    this.#pending.push(waiting ? copy(chunk, 0, chunk.length) : chunk);
    this.#pendingLength += chunk.length;
    if (this.#pendingLength < this.#need) return out;
    const buf = this.#pending.length === 1 ? chunk : concat(this.#pending);
    let i = 0;
    while (i < buf.length) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, buf.length - i);
        this.#skip -= n;
        i += n;
        continue;
      }
      const b = buf[i] ?? 0;
      if (b >= 0x20) this.#char(b);
      else if (b === LF) this.endLine(out);
      else if (b === HT) this.#tab();
      else if (b === ESC || b === GS || b === FS || b === DLE) {
        const frame = frameCommand(buf, i);
        if (frame.kind === 'need') {
          this.#need = frame.total;
          break;
        }
        const bytes = copy(buf, i, i + frame.size);
        if (frame.kind === 'command') interpret(this, bytes, out);
        else out.push({ type: 'unknown', bytes });
        if (frame.kind === 'skip') this.#skip = frame.skip;
        i += frame.size;
        continue;
      } else if (b !== CR) out.push({ type: 'unknown', bytes: Uint8Array.of(b) });
      i++;
    }
    const rest = copy(buf, i, buf.length);
    this.#pending = rest.length ? [rest] : [];
    this.#pendingLength = rest.length;
    if (!rest.length) this.#need = 0;
    return out;
  }

  /** The end of the stream: an incomplete command becomes unknown; an unfinished line is not printed. */
  end(): DecodedItem[] {
    const out: DecodedItem[] = [];
    if (this.#pendingLength > 0) out.push({ type: 'unknown', bytes: concat(this.#pending) });
    this.#pending = [];
    this.#pendingLength = 0;
    this.#need = 0;
    return out;
  }

  /** Whether the line buffer holds anything a LF would print. */
  get lineHasContent(): boolean {
    return this.#text.length > 0 || this.#graphic;
  }

  /** ESC @: modes and the line buffer are cleared (a printer drops unprinted data too). */
  reset(): void {
    this.modes = defaultModes();
    this.#clearLine();
  }

  markGraphic(): void {
    this.#graphic = true;
  }

  /** Prints the line buffer (LF): a text block, nothing after a graphic strip, or a blank line. */
  endLine(out: DecodedItem[]): void {
    let text = this.#text;
    const { align } = this.modes;
    if (align !== 0 && text.length > 0) {
      const room = Math.floor(this.columns / (this.#double ? 2 : 1)) - text.length;
      if (room > 0) text = ' '.repeat(align === 1 ? Math.floor(room / 2) : room) + text;
    }
    text = text.replace(/ +$/, '');
    if (text.length > 0) out.push({ type: 'text', text, bold: this.#bold, double: this.#double });
    else if (!this.#graphic) out.push({ type: 'feed', lines: 1 });
    this.#clearLine();
  }

  /** Before a block (QR, raster image, cut): a pending line is printed first. */
  flushLine(out: DecodedItem[]): void {
    if (this.lineHasContent) this.endLine(out);
  }

  #char(b: number): void {
    if (this.#tableFor !== this.modes.codepage) {
      this.#tableFor = this.modes.codepage;
      this.#table = codepageTable(this.#tableFor);
    }
    const ch = this.#table[b] ?? '\uFFFD';
    this.#text += ch;
    if (ch !== ' ') {
      // A line is bold (double) when any visible character on it was printed so.
      this.#bold ||= this.modes.bold;
      this.#double ||= this.modes.width >= 2 && this.modes.height >= 2;
    }
  }

  #tab(): void {
    this.#text += ' '.repeat(TAB_STOP - (this.#text.length % TAB_STOP));
  }

  #clearLine(): void {
    this.#text = '';
    this.#bold = false;
    this.#double = false;
    this.#graphic = false;
  }
}

/** One-shot decoding of a complete byte stream. */
export function decodeEscPos(bytes: Uint8Array, options: DecoderOptions = {}): DecodedItem[] {
  const decoder = new EscPosDecoder(options);
  return [...decoder.push(bytes), ...decoder.end()];
}

export { receiptsOf } from './escpos-receipts.ts';
export type { DecodedReceipt } from './escpos-receipts.ts';
