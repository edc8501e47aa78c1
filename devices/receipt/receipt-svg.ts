/**
 * A receipt document drawn as SVG, for the screen: the same lines the printer
 * gets, in a monospace font at the printer's proportions, with a real QR code
 * (scannable from the screen). No external fonts or images: it renders offline.
 */
import qrcode from 'qrcode-generator';
import type { ImageBlock, ReceiptDoc } from './receipt-doc.ts';

/** Font A is 12 x 24 dots: one printer dot is one pixel here, so 48 columns are 576 px, as on 80 mm paper. */
const CHAR_W = 12;
const LINE_H = 24;
const MARGIN = 16;
/** Pixels per QR module: the printer's module size 6 at 203 dpi is about this on screen. */
const QR_MODULE = 4;

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function receiptToSvg(doc: ReceiptDoc, title = 'receipt'): string {
  const width = doc.columns * CHAR_W + MARGIN * 2;
  const parts: string[] = [];
  let y = MARGIN;
  for (const block of doc.blocks) {
    switch (block.type) {
      case 'text': {
        const scale = block.double ? 2 : 1;
        y += LINE_H * scale;
        // each run of words at its own column: no reliance on how a viewer treats spaces
        for (const run of block.text.matchAll(/\S+(?: \S+)*/g)) {
          const x = MARGIN + run.index * CHAR_W * scale;
          parts.push(
            `<text x="${x}" y="${y - 6 * scale}" font-size="${20 * scale}"${block.bold ? ' font-weight="bold"' : ''} textLength="${run[0].length * CHAR_W * scale}" lengthAdjust="spacingAndGlyphs">${escape(run[0])}</text>`,
          );
        }
        break;
      }
      case 'qr': {
        const { svg, size } = qrSvg(block.data, width / 2, y + 8);
        parts.push(svg);
        y += size + 16;
        break;
      }
      case 'image':
        parts.push(imageSvg(block, (width - block.width) / 2, y + 4));
        y += block.height + 8;
        break;
      case 'feed':
        y += LINE_H * block.lines;
        break;
      case 'cut':
        y += LINE_H;
        parts.push(
          `<line x1="0" y1="${y}" x2="${width}" y2="${y}" stroke="#999" stroke-dasharray="6 4"/>`,
        );
        break;
    }
  }
  const height = y + MARGIN;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(title)}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<g font-family="'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace" fill="#000">`,
    ...parts,
    `</g></svg>`,
  ].join('\n');
}

function qrSvg(data: string, centerX: number, top: number): { svg: string; size: number } {
  const qr = qrcode(0, 'M');
  qr.addData(data, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const size = count * QR_MODULE;
  const left = Math.round(centerX - size / 2);
  let path = '';
  for (let r = 0; r < count; r++)
    for (let c = 0; c < count; c++)
      if (qr.isDark(r, c))
        path += `M${left + c * QR_MODULE} ${top + r * QR_MODULE}h${QR_MODULE}v${QR_MODULE}h-${QR_MODULE}z`;
  return { svg: `<path d="${path}" data-qr="${escape(data)}"/>`, size };
}

function imageSvg(image: ImageBlock, left: number, top: number): string {
  let path = '';
  for (let y = 0; y < image.height; y++) {
    let x = 0;
    while (x < image.width) {
      if (!image.pixels[y * image.width + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < image.width && image.pixels[y * image.width + x]) x++;
      path += `M${left + start} ${top + y}h${x - start}v1h-${x - start}z`;
    }
  }
  return `<path d="${path}"/>`;
}
