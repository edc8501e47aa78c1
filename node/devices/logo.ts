/**
 * The receipt logo: a PNG turned into the printer's black-and-white dots, scaled
 * down to the paper's width when wider, trimmed to whole bytes (8 dots) across
 * and padded to whole bands of 8 rows down.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import type { ImageBlock } from '../../devices/receipt/receipt-doc.ts';

export class LogoError extends Error {
  override readonly name = 'LogoError';
}

/** Darker than this (0-255, after alpha) prints black. */
const THRESHOLD = 128;

export function loadLogo(file: string, maxDots: number): ImageBlock {
  let png: PNG;
  try {
    png = PNG.sync.read(readFileSync(file));
  } catch (error) {
    throw new LogoError(
      `devices.printer.logo: cannot read ${file} as a PNG (${(error as Error).message})`,
    );
  }
  const scale = Math.min(1, maxDots / png.width);
  const width = Math.max(8, Math.floor((png.width * scale) / 8) * 8);
  const drawn = Math.max(1, Math.round(png.height * scale));
  // printers take images in bands of 8 rows: pad with paper so the preview matches the print
  const height = Math.ceil(drawn / 8) * 8;
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < drawn; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.min(png.width - 1, Math.floor(x / scale));
      const sy = Math.min(png.height - 1, Math.floor(y / scale));
      const i = (sy * png.width + sx) * 4;
      const [r = 255, g = 255, b = 255, a = 0] = png.data.subarray(i, i + 4);
      // transparent is paper: blend over white before judging
      const lum = 255 - ((255 - (0.299 * r + 0.587 * g + 0.114 * b)) * a) / 255;
      pixels[y * width + x] = lum < THRESHOLD ? 1 : 0;
    }
  }
  return { type: 'image', width, height, pixels };
}
