/** The receipt logo: a PNG to printer dots, scaled to the paper, and back out of the ESC/POS bytes unchanged. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, receiptsOf } from '../../../devices/escpos/escpos-decoder.ts';
import { receiptToEscPos } from '../../../devices/receipt/receipt-escpos.ts';
import { receiptToSvg } from '../../../devices/receipt/receipt-svg.ts';
import { loadLogo, LogoError } from '../../../node/devices/logo.ts';
import { tempDir } from '../../helpers/till.ts';

/** A black frame with a transparent middle and a grey square that is dark enough to print. */
function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const frame = x < 2 || y < 2 || x >= width - 2 || y >= height - 2;
      const square = x >= 10 && x < 20 && y >= 10 && y < 20;
      const v = frame ? 0 : square ? 100 : 255;
      image.data.set([v, v, v, frame || square ? 255 : 0], i);
    }
  return PNG.sync.write(image);
}

describe('receipt logo', () => {
  it('turns a PNG into dots, trims the width to whole bytes, and prints the same dots it previews', () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'logo.png');
      writeFileSync(file, png(45, 30));
      const logo = loadLogo(file, 576);
      expect([logo.width, logo.height]).toEqual([40, 32]); // 45 x 30 dots: 40 across, two white rows below
      expect(logo.pixels[0]).toBe(1); // the frame
      expect(logo.pixels[5 * 40 + 5]).toBe(0); // transparent is paper
      expect(logo.pixels[15 * 40 + 15]).toBe(1); // dark grey prints
      const bytes = receiptToEscPos(
        {
          columns: 48,
          blocks: [
            logo,
            { type: 'text', text: 'Shop', bold: false, double: false },
            { type: 'cut' },
          ],
        },
        { columns: 48, model: 'epson-tm-t88vi', codepage: 'auto', cut: true },
      );
      const [receipt] = receiptsOf(decodeEscPos(bytes), 48);
      const image = receipt!.blocks.find((b) => b.type === 'image');
      expect(image).toMatchObject({ type: 'image', width: 40, height: 32 });
      expect([...(image as typeof logo).pixels]).toEqual([...logo.pixels]);
      expect(receiptToSvg(receipt!)).toContain('<path d="M');
    } finally {
      dir.remove();
    }
  });

  it('scales a logo wider than the paper down to it', () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'wide.png');
      writeFileSync(file, png(1000, 100));
      const logo = loadLogo(file, 384);
      expect(logo.width).toBeLessThanOrEqual(384);
      expect(logo.width % 8).toBe(0);
      expect(logo.height).toBe(40); // 1000 x 100 at 0.384: 38 rows, in bands of 8
    } finally {
      dir.remove();
    }
  });

  it('says which setting and which file when the logo is not a PNG', () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, 'logo.png');
      writeFileSync(file, 'not a png');
      expect(() => loadLogo(file, 576)).toThrow(LogoError);
      expect(() => loadLogo(file, 576)).toThrow(
        /^devices\.printer\.logo: cannot read .*logo\.png as a PNG/,
      );
    } finally {
      dir.remove();
    }
  });
});
