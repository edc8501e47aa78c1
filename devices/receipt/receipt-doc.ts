/**
 * A receipt as a printer draws it: lines already fitted to the paper's columns,
 * a QR code, a logo, a cut. The layout makes one; the ESC/POS encoder, the SVG
 * preview and the ESC/POS decoder all speak it, so what the screen previews is
 * what the printer is sent.
 */
export interface TextBlock {
  type: 'text';
  /** The visual line: alignment is already applied with spaces; no trailing spaces. */
  text: string;
  bold: boolean;
  /** Double width and height: the line holds half the columns. */
  double: boolean;
}

export interface QrBlock {
  type: 'qr';
  data: string;
}

/** A monochrome bitmap, one byte per pixel (1 = black), row by row. */
export interface ImageBlock {
  type: 'image';
  width: number;
  height: number;
  pixels: Uint8Array;
}

export interface FeedBlock {
  type: 'feed';
  lines: number;
}

export interface CutBlock {
  type: 'cut';
}

export type ReceiptBlock = TextBlock | QrBlock | ImageBlock | FeedBlock | CutBlock;

export interface ReceiptDoc {
  /** 32 on 58 mm paper, 48 on 80 mm (font A). */
  columns: number;
  blocks: ReceiptBlock[];
}

export const COLUMNS_BY_PAPER: Record<58 | 80, number> = { 58: 32, 80: 48 };
