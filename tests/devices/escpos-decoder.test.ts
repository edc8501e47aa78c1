import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EPSON_CODEPAGES,
  decodeByte,
  epsonCodepageNumber,
} from '../../devices/escpos/codepages.ts';
import { EscPosDecoder, decodeEscPos, receiptsOf } from '../../devices/escpos/escpos-decoder.ts';
import type { DecodedItem } from '../../devices/escpos/escpos-decoder.ts';
import { drawerPulse } from '../../devices/escpos/printer-status.ts';

const encoder = (options: Record<string, unknown> = {}) =>
  new ReceiptPrinterEncoder({
    printerModel: 'epson-tm-t88vi',
    columns: 48,
    newline: '\n',
    ...options,
  });

const MULTILINGUAL = ['Café crème', 'Müller Straße 5', 'Total € 12,50', 'Привет', 'Γειά σου'];

function sampleReceipt(): Uint8Array {
  const e = encoder().initialize().codepage('auto');
  e.bold(true).size(2, 2).line('BIG').size(1, 1).bold(false);
  for (const line of MULTILINGUAL) e.line(line);
  e.line('Mixed: é € П Γ ß');
  e.qrcode('T1-20261201-0001', { model: 2, size: 6, errorlevel: 'm' });
  return e.pulse(0, 100, 500).cut().encode();
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const texts = (items: DecodedItem[]) => items.flatMap((i) => (i.type === 'text' ? [i.text] : []));

function decodeInChunks(bytes: Uint8Array, cuts: number[]): DecodedItem[] {
  const decoder = new EscPosDecoder();
  const out: DecodedItem[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(...decoder.push(bytes.subarray(from, cut)));
    from = cut;
  }
  out.push(...decoder.push(bytes.subarray(from)), ...decoder.end());
  return out;
}

describe('EscPosDecoder on what the receipt encoder sends', () => {
  it('decodes text in every code page back to the same Unicode', () => {
    const items = decodeEscPos(sampleReceipt());
    expect(texts(items)).toEqual(['BIG', ...MULTILINGUAL, 'Mixed: é € П Γ ß']);
  });

  it('keeps bold and double as the characters were printed', () => {
    const [big, plain] = decodeEscPos(sampleReceipt()).filter((i) => i.type === 'text');
    expect(big).toEqual({ type: 'text', text: 'BIG', bold: true, double: true });
    expect(plain).toEqual({ type: 'text', text: 'Café crème', bold: false, double: false });
  });

  it('decodes the QR data, the drawer pulse and the cut', () => {
    const items = decodeEscPos(sampleReceipt());
    expect(items).toContainEqual({ type: 'qr', data: 'T1-20261201-0001' });
    expect(items).toContainEqual({ type: 'pulse', pin: 0, onMs: 100, offMs: 500 });
    expect(items.filter((i) => i.type === 'cut')).toHaveLength(1);
    const pin5 = decodeEscPos(encoder().pulse(1, 50, 200).encode());
    expect(pin5).toContainEqual({ type: 'pulse', pin: 1, onMs: 50, offMs: 200 });
  });

  it('splits a stream into receipts at each cut', () => {
    const second = encoder().initialize().line('Second').cut('partial').encode();
    const tail = encoder().initialize().line('Unfinished').encode();
    const receipts = receiptsOf(decodeEscPos(Buffer.concat([sampleReceipt(), second, tail])));
    expect(receipts.map((r) => [r.complete, r.lines[0]])).toEqual([
      [true, 'BIG'],
      [true, 'Second'],
      [false, 'Unfinished'],
    ]);
    expect(receipts[0]!.qr).toEqual(['T1-20261201-0001']);
    expect(receipts[0]!.pulses).toHaveLength(1);
    expect(receipts[1]!.blocks).toEqual([
      { type: 'text', text: 'Second', bold: false, double: false },
      { type: 'feed', lines: 4 },
      { type: 'cut' },
    ]);
  });

  it('gives the same items however the stream is chunked', () => {
    const bytes = sampleReceipt();
    const whole = decodeEscPos(bytes);
    for (let cut = 0; cut <= bytes.length; cut++)
      expect(decodeInChunks(bytes, [cut])).toEqual(whole);
    const everyByte = Array.from({ length: bytes.length }, (_, i) => i);
    expect(decodeInChunks(bytes, everyByte)).toEqual(whole);
    fc.assert(
      fc.property(fc.array(fc.nat(bytes.length), { maxLength: 8 }), (cuts) => {
        expect(decodeInChunks(bytes, cuts)).toEqual(whole);
      }),
    );
  });

  it('decodes raster and column images to one byte per pixel', () => {
    const width = 16;
    const height = 30;
    const black = (x: number, y: number) => (x + 2 * y) % 5 === 0;
    const data = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const v = black(x, y) ? 0 : 255;
        data.set([v, v, v, 255], (y * width + x) * 4);
      }
    const expected = Uint8Array.from({ length: width * height }, (_, i) =>
      black(i % width, Math.floor(i / width)) ? 1 : 0,
    );
    for (const imageMode of ['raster', 'column']) {
      const bytes = encoder({ imageMode }).image({ data, width, height }, width, height).encode();
      const [image] = receiptsOf(decodeEscPos(bytes))[0]!.blocks;
      if (image?.type !== 'image') throw new Error(`no image in ${imageMode} mode`);
      expect(image.width).toBe(width);
      // Column strips are 24 dots high: the last one is padded with white.
      expect(image.pixels.subarray(0, width * height)).toEqual(expected);
      expect(image.pixels.subarray(width * height).every((p) => p === 0)).toBe(true);
    }
  });

  it('uses the same ESC t numbers as the encoder for every Epson code page', () => {
    for (const [n, name] of EPSON_CODEPAGES) {
      const bytes = encoder({ codepageMapping: 'epson' }).codepage(name).text('A').encode();
      expect(hex(bytes), name).toContain(hex(Uint8Array.of(0x1b, 0x74, n)));
      expect(epsonCodepageNumber(name)).toBe(n);
    }
    expect(epsonCodepageNumber('cp858')).toBe(19);
    expect(epsonCodepageNumber('auto')).toBeUndefined();
  });
});

describe('exact bytes, independently of the library', () => {
  const line = (...bytes: number[]) => texts(decodeEscPos(Uint8Array.of(...bytes, 0x0a)))[0];

  it('decodes the code page bytes printers know', () => {
    expect(line(0x1b, 0x74, 0, 0x43, 0x61, 0x66, 0x82)).toBe('Café'); // é is 0x82 in cp437
    expect(line(0x1b, 0x74, 0, 0xe1)).toBe('ß'); // ß is 0xE1 in cp437
    expect(line(0x1b, 0x74, 19, 0xd5)).toBe('€'); // € is 0xD5 in cp858
    expect(new TextDecoder('ibm866').decode(Uint8Array.of(0x8f))).toBe('П');
    expect(line(0x1b, 0x74, 17, 0x8f)).toBe('П'); // П is 0x8F in cp866
    expect(decodeByte(0, 0x82)).toBe('é');
  });

  it('switches code pages within a line and resets to cp437 on ESC @', () => {
    expect(line(0x1b, 0x74, 17, 0x8f, 0x1b, 0x74, 19, 0xd5, 0x1b, 0x74, 0, 0x82)).toBe('П€é');
    expect(line(0x1b, 0x74, 17, 0x1b, 0x40, 0x82)).toBe('é');
  });

  it('sends 1B 70 00 32 FA for a 100/500 ms kick on pin 2', () => {
    expect(hex(encoder().pulse(0, 100, 500).encode())).toBe('1b700032fa');
    expect(hex(drawerPulse(2, 100, 500))).toBe('1b700032fa');
    expect(hex(drawerPulse(2, 50, 500))).toBe('1b700019fa');
    expect(hex(drawerPulse(5, 0, 10_000))).toBe('1b700101ff');
  });

  it('decodes modes, alignment, feeds, tabs, barcodes and status requests', () => {
    const items = decodeEscPos(
      Uint8Array.of(
        ...[0x1b, 0x21, 0x38, 0x41, 0x0d, 0x0a], // ESC ! bold + double, CR ignored
        ...[0x1b, 0x61, 1, 0x42, 0x0a, 0x1b, 0x61, 0], // centred on 48 columns
        ...[0x1b, 0x64, 3, 0x41, 0x09, 0x42, 0x0a], // three feeds, then a tab
        ...[0x1d, 0x6b, 0x49, 3, 0x31, 0x32, 0x33, 0x10, 0x04, 0x02],
      ),
    );
    expect(items).toEqual([
      { type: 'text', text: 'A', bold: true, double: true },
      { type: 'text', text: `${' '.repeat(11)}B`, bold: true, double: true },
      { type: 'feed', lines: 1 },
      { type: 'feed', lines: 2 },
      { type: 'text', text: `A${' '.repeat(7)}B`, bold: true, double: true },
      { type: 'barcode', symbology: 0x49, data: '123' },
      { type: 'status', n: 2 },
    ]);
  });
});

describe('garbage', () => {
  it('never throws and consumes only what it is sure of', () => {
    expect(decodeEscPos(Uint8Array.of(0x1b, 0x7a, 0x41, 0x0a))).toEqual([
      { type: 'unknown', bytes: Uint8Array.of(0x1b, 0x7a) },
      { type: 'text', text: 'A', bold: false, double: false },
    ]);
    expect(decodeEscPos(Uint8Array.of(0x1d, 0x1b, 0x40))).toEqual([
      { type: 'unknown', bytes: Uint8Array.of(0x1d) },
      { type: 'init' },
    ]);
    expect(decodeEscPos(Uint8Array.of(0x41, 0x1d))).toEqual([
      { type: 'unknown', bytes: Uint8Array.of(0x1d) },
    ]);
    // A raster header claiming 4 GB is skipped, not buffered.
    const huge = decodeEscPos(Uint8Array.of(0x1d, 0x76, 0x30, 0, 0xff, 0xff, 0xff, 0xff, 1, 2));
    expect(huge).toEqual([
      { type: 'unknown', bytes: Uint8Array.of(0x1d, 0x76, 0x30, 0, 0xff, 0xff, 0xff, 0xff) },
    ]);
  });

  it('decodes random bytes the same in one piece and in chunks', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.nat(300), { maxLength: 6 }),
        (bytes, cuts) => {
          const whole = decodeEscPos(bytes);
          expect(
            decodeInChunks(
              bytes,
              cuts.map((c) => c % (bytes.length + 1)),
            ),
          ).toEqual(whole);
        },
      ),
      { numRuns: 500 },
    );
  });
});
