/**
 * ESC/POS framing: how many bytes the command starting at a prefix byte (ESC,
 * GS, FS, DLE) takes, without caring what it means. Kept apart from the decoder
 * so the decoder reads as "what the printer does" and this as "where commands end".
 *
 * An unknown command is framed as only what is certain: the prefix and its
 * command byte (or the prefix alone when the next byte is itself a control
 * byte), so garbage never swallows the bytes after it.
 */
export const HT = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const DLE = 0x10;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;

export type Frame =
  /** A known command of `size` bytes. */
  | { kind: 'command'; size: number }
  /** Bytes that are not a command we know. */
  | { kind: 'unknown'; size: number }
  /** A command whose payload is too large to buffer: `size` header bytes, then `skip` to drop. */
  | { kind: 'skip'; size: number; skip: number }
  /** Not decidable yet: at least `total` bytes from the prefix are needed. */
  | { kind: 'need'; total: number };

/** Payloads above this are skipped, not buffered (a garbage length could claim gigabytes). */
export const MAX_BUFFERED_PAYLOAD = 4 * 1024 * 1024;

/** Commands of a fixed number of argument bytes after prefix and command byte. */
const ESC_ARGS: Record<number, number> = {
  0x20: 1, 0x21: 1, 0x24: 2, 0x25: 1, 0x2d: 1, 0x32: 0, 0x33: 1, 0x34: 1, 0x3c: 0, 0x3d: 1,
  0x3f: 1, 0x40: 0, 0x45: 1, 0x47: 1, 0x4a: 1, 0x4c: 0, 0x4d: 1, 0x52: 1, 0x53: 0, 0x54: 1,
  0x55: 1, 0x56: 1, 0x57: 8, 0x5c: 2, 0x61: 1, 0x63: 2, 0x64: 1, 0x65: 1, 0x69: 0, 0x6d: 0,
  0x70: 3, 0x72: 1, 0x74: 1, 0x75: 1, 0x76: 0, 0x7b: 1,
}; // prettier-ignore
const GS_ARGS: Record<number, number> = {
  0x21: 1, 0x24: 2, 0x2f: 1, 0x3a: 0, 0x42: 1, 0x48: 1, 0x49: 1, 0x4c: 2, 0x50: 2, 0x54: 1,
  0x57: 2, 0x5c: 2, 0x5e: 3, 0x61: 1, 0x62: 1, 0x63: 0, 0x66: 1, 0x67: 4, 0x68: 1, 0x72: 1,
  0x77: 1,
}; // prettier-ignore
const FS_ARGS: Record<number, number> = {
  0x21: 1, 0x26: 0, 0x2d: 1, 0x2e: 0, 0x3f: 2, 0x43: 1, 0x53: 2, 0x57: 1, 0x70: 2,
}; // prettier-ignore
/** DLE DC4 fn: total sizes per function. */
const DC4_SIZES: Record<number, number> = { 1: 5, 2: 5, 3: 5, 7: 4, 8: 10 };

export function frameCommand(buf: Uint8Array, at: number): Frame {
  const avail = buf.length - at;
  const byte = (k: number): number => buf[at + k] ?? 0;
  const need = (total: number): Frame => ({ kind: 'need', total });
  const fixed = (total: number): Frame =>
    avail >= total ? { kind: 'command', size: total } : need(total);
  const unknown = (size: number): Frame => ({ kind: 'unknown', size });
  const sized = (header: number, payload: number): Frame => {
    if (payload <= MAX_BUFFERED_PAYLOAD) return fixed(header + payload);
    return avail >= header ? { kind: 'skip', size: header, skip: payload } : need(header);
  };
  /** A NUL-terminated run of at most `max` bytes starting at offset `from`. */
  const terminated = (from: number, max: number, otherwise: number): Frame => {
    for (let k = from; k < Math.min(avail, from + max + 1); k++)
      if (byte(k) === 0) return { kind: 'command', size: k + 1 };
    return avail < from + max + 1 ? need(avail + 1) : unknown(otherwise);
  };

  if (avail < 2) return need(2);
  const prefix = byte(0);
  const code = byte(1);
  if (prefix === DLE) return frameDle(code, avail, byte, fixed, unknown);
  if (code < 0x20) return unknown(1);
  const table = prefix === ESC ? ESC_ARGS : prefix === GS ? GS_ARGS : FS_ARGS;
  const args = table[code];
  if (args !== undefined) return fixed(2 + args);
  if (code === 0x28) {
    // ESC ( / GS ( / FS ( fn pL pH data: every extended function carries its length.
    if (avail < 5) return need(5);
    return sized(5, byte(3) + byte(4) * 256);
  }
  if (prefix === ESC) {
    if (code === 0x2a) {
      // ESC * m nL nH: a column bit image, 1 byte per column (8-dot) or 3 (24-dot).
      if (avail < 5) return need(5);
      const m = byte(2);
      const columns = byte(3) + byte(4) * 256;
      if (m === 0 || m === 1) return sized(5, columns);
      if (m === 32 || m === 33) return sized(5, columns * 3);
      return unknown(2);
    }
    if (code === 0x44) return terminated(2, 32, 2); // ESC D: tab stops up to NUL
    if (code === 0x26) return frameUserChars(avail, byte, need, fixed, unknown);
  }
  if (prefix === GS) {
    if (code === 0x56) {
      // GS V m [n]: 0/1/48/49 cut now; 65/66/97/98/103/104 take a feed amount.
      if (avail < 3) return need(3);
      const m = byte(2);
      if ([0, 1, 48, 49].includes(m)) return fixed(3);
      if ([65, 66, 97, 98, 103, 104].includes(m)) return fixed(4);
      return unknown(2);
    }
    if (code === 0x76) {
      // GS v 0 m xL xH yL yH: raster image, x bytes per row, y rows.
      if (avail < 3) return need(3);
      if (byte(2) !== 0x30) return unknown(2);
      if (avail < 8) return need(8);
      return sized(8, (byte(4) + byte(5) * 256) * (byte(6) + byte(7) * 256));
    }
    if (code === 0x2a) {
      // GS * x y: downloaded bit image of x × y × 8 bytes.
      if (avail < 4) return need(4);
      return sized(4, byte(2) * byte(3) * 8);
    }
    if (code === 0x38) {
      // GS 8 L p1 p2 p3 p4: the graphics functions with a 32-bit length.
      if (avail < 3) return need(3);
      if (byte(2) !== 0x4c) return unknown(2);
      if (avail < 7) return need(7);
      return sized(7, byte(3) + byte(4) * 0x100 + byte(5) * 0x10000 + byte(6) * 0x1000000);
    }
    if (code === 0x6b) {
      // GS k m: function A barcodes end at NUL, function B ones carry their length.
      if (avail < 3) return need(3);
      const m = byte(2);
      if (m <= 6) return terminated(3, 255, 3);
      if (m >= 65 && m <= 79) return avail < 4 ? need(4) : fixed(4 + byte(3));
      return unknown(2);
    }
  }
  return unknown(2);
}

function frameDle(
  code: number,
  avail: number,
  byte: (k: number) => number,
  fixed: (total: number) => Frame,
  unknown: (size: number) => Frame,
): Frame {
  if (code === 0x04 || code === 0x05 || code === 0x14) {
    if (avail < 3) return { kind: 'need', total: 3 };
    const n = byte(2);
    if (code === 0x05) return fixed(3);
    if (code === 0x04) return fixed(n === 7 || n === 8 ? 4 : 3);
    const size = DC4_SIZES[n];
    return size === undefined ? unknown(2) : fixed(size);
  }
  return unknown(1);
}

/** ESC & y c1 c2 [x d1 … d(y×x)] × (c2 − c1 + 1): user-defined characters. */
function frameUserChars(
  avail: number,
  byte: (k: number) => number,
  need: (total: number) => Frame,
  fixed: (total: number) => Frame,
  unknown: (size: number) => Frame,
): Frame {
  if (avail < 5) return need(5);
  const [y, c1, c2] = [byte(2), byte(3), byte(4)];
  if (y < 1 || y > 3 || c1 < 0x20 || c2 > 0x7e || c1 > c2) return unknown(2);
  let p = 5;
  for (let c = c1; c <= c2; c++) {
    if (avail < p + 1) return need(p + 1);
    p += 1 + y * byte(p);
  }
  return fixed(p);
}
