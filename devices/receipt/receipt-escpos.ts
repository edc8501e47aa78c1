/**
 * A receipt document as ESC/POS bytes, through @point-of-sale/receipt-printer-encoder
 * (maintained; it picks the code page per character, so é, €, Cyrillic and Greek
 * print on one receipt). Lines arrive fitted, so the encoder never wraps them.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { ReceiptPrinterEncoderOptions } from '@point-of-sale/receipt-printer-encoder';
import type { ReceiptDoc } from './receipt-doc.ts';

export type PrinterModel = NonNullable<ReceiptPrinterEncoderOptions['printerModel']>;
/** 'auto' (a code page per character) or a code page name the encoder knows ('cp858'). */
export type CodepageChoice = string;

export interface EscPosOptions {
  columns: number;
  /** Decides the numbering of code pages (ESC t n) and what the printer can do. */
  model: PrinterModel;
  codepage: CodepageChoice;
  cut: boolean;
}

export const DEFAULT_PRINTER_MODEL: PrinterModel = 'epson-tm-t88vi';
export const QR_MODULE_SIZE = 6;
/** Lines fed before a cut, so the last printed line clears the cutter. */
export const FEED_BEFORE_CUT = 4;

/** Printers that speak ESC/POS (Star's own languages answer status differently). */
export const PRINTER_MODELS: readonly string[] = ReceiptPrinterEncoder.printerModels
  .map((m) => m.id)
  .filter(
    (id) => new ReceiptPrinterEncoder({ printerModel: id as PrinterModel }).language === 'esc-pos',
  );

export function encoderFor(options: Pick<EscPosOptions, 'columns' | 'model'>) {
  return new ReceiptPrinterEncoder({
    printerModel: options.model,
    columns: options.columns,
    newline: '\n',
    imageMode: 'raster',
    feedBeforeCut: FEED_BEFORE_CUT,
  });
}

export function receiptToEscPos(doc: ReceiptDoc, options: EscPosOptions): Uint8Array {
  const encoder = encoderFor(options).initialize();
  // the encoder's own type lists its code pages; the config schema checked the name
  encoder.codepage(options.codepage as Parameters<typeof encoder.codepage>[0]);
  for (const block of doc.blocks) {
    switch (block.type) {
      case 'text':
        if (block.bold) encoder.bold(true);
        if (block.double) encoder.size(2, 2);
        if (block.text) encoder.text(block.text);
        encoder.newline();
        if (block.double) encoder.size(1, 1);
        if (block.bold) encoder.bold(false);
        break;
      case 'qr':
        encoder
          .align('center')
          .qrcode(block.data, { model: 2, size: QR_MODULE_SIZE, errorlevel: 'm' })
          .align('left');
        break;
      case 'image':
        encoder
          .align('center')
          .image(imageData(block.width, block.height, block.pixels), block.width, block.height)
          .align('left');
        break;
      case 'feed':
        encoder.newline(block.lines);
        break;
      case 'cut':
        if (options.cut) encoder.cut('partial');
        else encoder.newline(FEED_BEFORE_CUT);
        break;
    }
  }
  return encoder.encode();
}

/** The encoder reads images as RGBA; ours are one byte per pixel. */
function imageData(width: number, height: number, pixels: Uint8Array) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = pixels[i] ? 0 : 255;
    data.set([v, v, v, 255], i * 4);
  }
  return { width, height, data };
}
