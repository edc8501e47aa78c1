/**
 * What a complete, framed ESC/POS command does to the decoder: a print mode
 * changes, or a block or device item comes out. Commands that change nothing we
 * model (underline, fonts, line spacing, margins, …) are known and silent.
 */
import type { DecodedItem, EscPosDecoder, PulseItem } from './escpos-decoder.ts';
import { DLE, ESC, GS } from './escpos-frames.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return text;
}

/**
 * Symbol data (QR, barcodes) is bytes, not text in a code page. The receipt
 * encoder sends ISO 8859-1; other encoders send UTF-8. Valid UTF-8 is read as
 * UTF-8, anything else as ISO 8859-1, so both come back as they were meant.
 */
export function symbolText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1(bytes);
  }
}

export function interpret(d: EscPosDecoder, cmd: Uint8Array, out: DecodedItem[]): void {
  const at = (k: number): number => cmd[k] ?? 0;
  const [prefix, code, a] = [at(0), at(1), at(2)];
  const m = d.modes;
  if (prefix === ESC) {
    switch (code) {
      case 0x40: // ESC @
        d.reset();
        out.push({ type: 'init' });
        return;
      case 0x21: // ESC ! n: print modes at once (bold, double height, double width)
        m.bold = (a & 0x08) !== 0;
        m.height = a & 0x10 ? 2 : 1;
        m.width = a & 0x20 ? 2 : 1;
        return;
      case 0x45: // ESC E n
        m.bold = (a & 1) === 1;
        return;
      case 0x74: // ESC t n
        m.codepage = a;
        return;
      case 0x61: // ESC a n: 0/48 left, 1/49 centre, 2/50 right; other values are ignored
        if (a <= 2 || (a >= 48 && a <= 50)) m.align = a % 48;
        return;
      case 0x64: // ESC d n: print, then feed n lines in all
        if (a === 0) d.flushLine(out);
        else {
          d.endLine(out);
          if (a > 1) out.push({ type: 'feed', lines: a - 1 });
        }
        return;
      case 0x4a: // ESC J n: print and feed n dots; dots are not lines, so only the print shows
        d.flushLine(out);
        return;
      case 0x69: // ESC i, ESC m: the old (partial) cut commands
      case 0x6d:
        d.flushLine(out);
        out.push({ type: 'cut' });
        return;
      case 0x70: {
        // ESC p m t1 t2: t in 2 ms units
        const pin = a === 0 || a === 48 ? 0 : a === 1 || a === 49 ? 1 : undefined;
        if (pin === undefined) out.push({ type: 'unknown', bytes: cmd });
        else out.push({ type: 'pulse', pin, onMs: at(3) * 2, offMs: at(4) * 2 });
        return;
      }
      case 0x2a:
        columnImage(d, cmd, out);
        return;
      default:
        return;
    }
  }
  if (prefix === GS) {
    switch (code) {
      case 0x21: // GS ! n: width multiple in the high nibble, height in the low, 1..8 each
        if (a >> 4 <= 7 && (a & 0x0f) <= 7) {
          m.width = (a >> 4) + 1;
          m.height = (a & 0x0f) + 1;
        }
        return;
      case 0x56: // GS V: every variant cuts; the feed before it is not a line feed
        d.flushLine(out);
        out.push({ type: 'cut' });
        return;
      case 0x28:
        if (a === 0x6b) symbol(d, cmd, out);
        return;
      case 0x76:
        rasterImage(d, cmd, out);
        return;
      case 0x6b: {
        // GS k m …: function A (m ≤ 6) ends with NUL, function B has a length byte
        d.flushLine(out);
        const data = a <= 6 ? cmd.subarray(3, cmd.length - 1) : cmd.subarray(4);
        out.push({ type: 'barcode', symbology: a, data: latin1(data) });
        return;
      }
      default:
        return;
    }
  }
  if (prefix === DLE) {
    if (code === 0x04 && a >= 1 && a <= 4) out.push({ type: 'status', n: a as 1 | 2 | 3 | 4 });
    else if (code === 0x14 && a === 1) realtimePulse(cmd, out);
    else out.push({ type: 'unknown', bytes: cmd });
  }
  // FS commands (Kanji modes, NV images) change nothing the decoder models.
}

/** DLE DC4 1 m t: a real-time drawer kick, on and off t × 100 ms (t = 1..8). */
function realtimePulse(cmd: Uint8Array, out: DecodedItem[]): void {
  const [pin, t] = [cmd[3] ?? 0, cmd[4] ?? 0];
  if ((pin === 0 || pin === 1) && t >= 1 && t <= 8) {
    const pulse: PulseItem = { type: 'pulse', pin, onMs: t * 100, offMs: t * 100, realtime: true };
    out.push(pulse);
  } else out.push({ type: 'unknown', bytes: cmd });
}

/** GS ( k pL pH cn fn …: 2D symbols. QR (cn 49) is stored by fn 80 and printed by fn 81. */
function symbol(d: EscPosDecoder, cmd: Uint8Array, out: DecodedItem[]): void {
  const [cn, fn] = [cmd[5], cmd[6]];
  if (cn !== 0x31) {
    // PDF417, MaxiCode, …: no block for them in receipt-doc.ts.
    out.push({ type: 'unknown', bytes: cmd });
    return;
  }
  if (fn === 0x50 && cmd[7] === 0x30) d.modes.qr = symbolText(cmd.subarray(8));
  if (fn === 0x51) {
    d.flushLine(out);
    if (d.modes.qr !== undefined) out.push({ type: 'qr', data: d.modes.qr });
  }
}

/** GS v 0 m xL xH yL yH d…: rows of x bytes, MSB the leftmost dot. The scaling mode m is ignored. */
function rasterImage(d: EscPosDecoder, cmd: Uint8Array, out: DecodedItem[]): void {
  const rowBytes = (cmd[4] ?? 0) + (cmd[5] ?? 0) * 256;
  const height = (cmd[6] ?? 0) + (cmd[7] ?? 0) * 256;
  d.flushLine(out);
  if (rowBytes === 0 || height === 0) return;
  const width = rowBytes * 8;
  const data = cmd.subarray(8);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      pixels[y * width + x] = ((data[y * rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
  out.push({ type: 'image', width, height, pixels });
}

/** ESC * m nL nH d…: one strip of 8 or 24 dots high, column by column, MSB the top dot. */
function columnImage(d: EscPosDecoder, cmd: Uint8Array, out: DecodedItem[]): void {
  const width = (cmd[3] ?? 0) + (cmd[4] ?? 0) * 256;
  const perColumn = (cmd[2] ?? 0) >= 32 ? 3 : 1;
  const height = perColumn * 8;
  d.markGraphic();
  if (width === 0) return;
  const data = cmd.subarray(5);
  const pixels = new Uint8Array(width * height);
  for (let x = 0; x < width; x++)
    for (let y = 0; y < height; y++)
      pixels[y * width + x] = ((data[x * perColumn + (y >> 3)] ?? 0) >> (7 - (y & 7))) & 1;
  out.push({ type: 'image', width, height, pixels });
}
