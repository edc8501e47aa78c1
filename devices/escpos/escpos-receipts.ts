/**
 * Decoded items → receipts: one per piece of paper, ending at a cut. This is
 * what a test compares with the ReceiptDoc the layout made.
 */
import type { ImageBlock, ReceiptBlock, ReceiptDoc } from '../receipt/receipt-doc.ts';
import type { DecodedItem, PulseItem } from './escpos-decoder.ts';

export interface DecodedReceipt extends ReceiptDoc {
  /** The text of its text blocks, in order. */
  lines: string[];
  /** The data of its QR codes, in order. */
  qr: string[];
  /** Drawer kicks sent while this receipt was being printed. */
  pulses: PulseItem[];
  /** Ended by a cut; false for what came after the last cut. */
  complete: boolean;
}

export interface ReceiptsOptions {
  columns?: number;
}

const emptyReceipt = (columns: number): DecodedReceipt => ({
  columns,
  blocks: [],
  lines: [],
  qr: [],
  pulses: [],
  complete: false,
});

/** Image strips (ESC * lines, GS v 0 chunks of 255 rows) print as one picture: join them. */
function stack(top: ImageBlock, bottom: ImageBlock): ImageBlock {
  const pixels = new Uint8Array(top.pixels.length + bottom.pixels.length);
  pixels.set(top.pixels);
  pixels.set(bottom.pixels, top.pixels.length);
  return { type: 'image', width: top.width, height: top.height + bottom.height, pixels };
}

/**
 * Splits a decoded stream at each cut. Within a receipt adjacent feeds are
 * merged and adjacent images of one width are stacked. Feeds before the first
 * printed block are dropped: they are the line end the encoder sends after the
 * previous cut, not part of this receipt. What follows the last cut is returned
 * as an incomplete receipt when it printed something or kicked the drawer.
 * Device items other than pulses (init, status, barcode, unknown) are left out.
 */
export function receiptsOf(
  items: DecodedItem[],
  options: ReceiptsOptions | number = {},
): DecodedReceipt[] {
  // A bare number is the columns: receiptsOf(items, COLUMNS_BY_PAPER[80]).
  const columns = (typeof options === 'number' ? options : options.columns) ?? 48;
  const receipts: DecodedReceipt[] = [];
  let current = emptyReceipt(columns);
  const add = (block: ReceiptBlock): void => {
    const blocks = current.blocks;
    const last = blocks[blocks.length - 1];
    if (block.type === 'feed') {
      if (!last) return;
      if (last.type === 'feed')
        blocks[blocks.length - 1] = { type: 'feed', lines: last.lines + block.lines };
      else blocks.push({ ...block });
    } else if (block.type === 'image' && last?.type === 'image' && last.width === block.width) {
      blocks[blocks.length - 1] = stack(last, block);
    } else blocks.push(block);
  };
  for (const item of items) {
    switch (item.type) {
      case 'text':
        add(item);
        current.lines.push(item.text);
        break;
      case 'qr':
        add(item);
        current.qr.push(item.data);
        break;
      case 'image':
      case 'feed':
        add(item);
        break;
      case 'cut':
        add(item);
        current.complete = true;
        receipts.push(current);
        current = emptyReceipt(columns);
        break;
      case 'pulse':
        current.pulses.push(item);
        break;
      default:
        break;
    }
  }
  if (current.blocks.length > 0 || current.pulses.length > 0) receipts.push(current);
  return receipts;
}
