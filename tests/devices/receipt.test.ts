/**
 * The one receipt layout, and what the printer and the preview make of it: the
 * ESC/POS bytes decode back to exactly the layout's lines, in the right code
 * pages, at 32 and 48 columns; the commands we rely on have the exact bytes.
 */
import { describe, expect, it } from 'vitest';
import { applyCartOp } from '../../crdt/cart.ts';
import type { ProductId, TransferId } from '../../crdt/ids.ts';
import { checkPayment, finalizePaid } from '../../crdt/payment.ts';
import { buildRefund } from '../../crdt/refund.ts';
import type { Order, Payment } from '../../crdt/schema.ts';
import { decodeEscPos, receiptsOf } from '../../devices/escpos/escpos-decoder.ts';
import type { ReceiptDoc } from '../../devices/receipt/receipt-doc.ts';
import { receiptToEscPos } from '../../devices/receipt/receipt-escpos.ts';
import { localDateTime, receiptLayout } from '../../devices/receipt/receipt-layout.ts';
import { receiptToSvg } from '../../devices/receipt/receipt-svg.ts';
import { hlcWall } from '../../crdt/hlc.ts';
import { withCheckDigit } from '../../crdt/ean.ts';
import type { LineId, OrderId } from '../../crdt/ids.ts';
import {
  alice,
  cartContext,
  emptyCart,
  product,
  testCatalogue,
  testClock,
  vat20,
  vat55,
} from '../helpers/domain.ts';

const named = (id: string, name: string, price: number, tax = vat20, barcodes: string[] = []) => ({
  ...product(id, price, tax, barcodes),
  name,
});

const catalogue = testCatalogue([
  named('p1', 'Crème brûlée', 450, vat55),
  named('p2', 'Weißbier Hefe', 390),
  named('p3', 'Пельмени домашние', 820),
  named('p4', 'Ελιές Καλαμάτας', 560),
  named('p5', 'Apples, per kg', 299, vat55, ['2200001']),
]);

function paid(order: Order, payments: Payment[], number = 'T1-20261201-0042'): Order {
  const clock = testClock(1_764_619_200_000);
  return finalizePaid(order, payments, checkPayment(order, payments), number, clock.now(), alice);
}

function saleOrder(): Order {
  const ctx = {
    ...cartContext(catalogue.index, testClock(1_764_619_000_000)),
    scaleLayouts: [{ prefix: '22', kind: 'weight' as const, itemDigits: 5, valueDigits: 5 }],
  };
  let cart = emptyCart();
  const op = (o: Parameters<typeof applyCartOp>[1]) => (cart = applyCartOp(cart, o, ctx));
  op({ type: 'addProduct', productId: 'p1' as ProductId, qty: 2 });
  op({ type: 'addProduct', productId: 'p2' as ProductId });
  op({ type: 'addProduct', productId: 'p3' as ProductId });
  op({ type: 'addProduct', productId: 'p4' as ProductId });
  op({ type: 'addBarcode', barcode: withCheckDigit('220000101234') }); // 1.234 kg of apples
  const [l1, , l3, l4] = cart.lines;
  op({ type: 'setDiscount', lineId: l1!.id, discountBp: 1000 });
  op({ type: 'setPrice', lineId: l3!.id, price: 700 });
  op({ type: 'setQty', lineId: l4!.id, qty: 3 });
  op({ type: 'setCustomer', customer: { name: 'Zoë Müller', contact: '' } });
  cart = { ...cart, transferRef: '3f9a1c77-0000-4000-8000-000000000000' as TransferId };
  return paid(cart, [
    { method: 'card', amount: 2000 },
    { method: 'cash', amount: 2000 },
  ]);
}

const input = (order: Order, columns: number, copy = false) => ({
  order,
  shop: {
    name: 'Café Zürich',
    header: 'Bahnhofstraße 1\n8001 Zürich',
    footer: 'Merci! Danke! Спасибо!',
  },
  till: { code: 'T1', name: 'Front till' },
  columns,
  copy,
  qr: order.number ?? '',
  timeZone: 'Europe/Zurich',
});

const textOf = (doc: ReceiptDoc) =>
  doc.blocks.flatMap((b) => (b.type === 'text' && b.text.trim() ? [b.text] : []));

describe('receipt layout', () => {
  const order = saleOrder();

  it.each([32, 48])(
    'fits every line into %i columns and says everything a receipt must',
    (columns) => {
      const doc = receiptLayout(input(order, columns));
      for (const block of doc.blocks)
        if (block.type === 'text')
          expect(block.text.length, block.text).toBeLessThanOrEqual(
            block.double ? columns / 2 : columns,
          );
      const text = textOf(doc).join('\n');
      const when = localDateTime(hlcWall(order.closedAt!), 'Europe/Zurich');
      for (const expected of [
        'Café Zürich',
        'Bahnhofstraße 1',
        'Till T1',
        'Front till',
        'T1-20261201-0042',
        when,
        'Cashier Alice',
        'Zoë Müller',
        'Crème brûlée',
        '2 x 4.50',
        'Discount 10%',
        '-0.90',
        '1 x 7.00 (was 8.20)',
        '3 x 5.60',
        '1.234 kg x 2.99/kg',
        'TOTAL',
        'Card',
        'Cash',
        'Change',
        'Related transfer',
        'TR-3F9A1C',
        'Спасибо!',
      ])
        expect(text).toContain(expected);
      // one row per tax rate, with its base
      expect(text).toMatch(/VAT 5\.5% incl\. on/);
      expect(text).toMatch(/VAT 20% incl\. on/);
      expect(doc.blocks.filter((b) => b.type === 'qr')).toEqual([
        { type: 'qr', data: 'T1-20261201-0042' },
      ]);
      expect(doc.blocks.at(-1)).toEqual({ type: 'cut' });
      expect(text).not.toContain('COPY');
    },
  );

  it('prints the change and the amounts exactly', () => {
    const text = textOf(receiptLayout(input(order, 48)));
    const totals = order.totals!;
    expect(totals.paid - totals.total).toBe(totals.change);
    expect(text.find((l) => l.startsWith('Change'))).toMatch(
      new RegExp(`${(totals.change / 100).toFixed(2)}$`),
    );
    // the weighed line: round(299 x 1234 / 1000) = 369
    expect(text.find((l) => l.includes('kg x'))).toMatch(/3\.69$/);
  });

  it('marks a reprint as a copy, at the top and the bottom', () => {
    const text = textOf(receiptLayout(input(order, 32, true)));
    expect(text[0]).toContain('*** COPY ***');
    expect(text.at(-1)).toContain('*** COPY ***');
  });

  it("names a refund's original", () => {
    const refund = buildRefund(order, [{ lineId: order.lines[1]!.id, qty: 1 }], new Map(), {
      id: 'refund-1' as OrderId,
      till: order.till,
      businessDate: order.businessDate,
      at: testClock(1_764_620_000_000).now(),
      by: alice,
      newLineId: () => 'r1' as LineId,
    });
    const done = paid(refund, [{ method: 'cash', amount: -390 }], 'T1-20261201-0043');
    const text = textOf(receiptLayout(input(done, 48))).join('\n');
    expect(text).toMatch(/Refund\s+T1-20261201-0043/);
    expect(text).toMatch(/Refund of\s+T1-20261201-0042/);
    expect(text).toMatch(/-3\.90/);
  });

  it('refuses an order that is not paid', () => {
    expect(() => receiptLayout(input(emptyCart(), 48))).toThrow(/not paid/);
  });
});

describe('receipt as ESC/POS', () => {
  const order = saleOrder();
  const options = { model: 'epson-tm-t88vi' as const, codepage: 'auto', cut: true };

  it.each([32, 48])(
    'decodes back to exactly the layout at %i columns, é ß € Cyrillic and Greek included',
    (columns) => {
      const doc = receiptLayout(input(order, columns));
      const bytes = receiptToEscPos(doc, { ...options, columns });
      const [printed, ...rest] = receiptsOf(decodeEscPos(bytes), columns);
      expect(rest.filter((r) => r.lines.length)).toEqual([]);
      expect(printed!.complete).toBe(true);
      expect(printed!.lines).toEqual(textOf(doc));
      expect(printed!.qr).toEqual(['T1-20261201-0042']);
      const styled = doc.blocks.filter(
        (b) => b.type === 'text' && b.text.trim() && (b.bold || b.double),
      );
      const decodedStyled = printed!.blocks.filter(
        (b) => b.type === 'text' && (b.bold || b.double),
      );
      expect(decodedStyled).toEqual(styled);
    },
  );

  it('uses the exact bytes we rely on', () => {
    const bytes = receiptToEscPos(receiptLayout(input(order, 48)), { ...options, columns: 48 });
    const hex = Buffer.from(bytes).toString('hex');
    expect(hex.startsWith('1b40')).toBe(true); // ESC @ initialise
    expect(hex).toContain('1b4501'); // ESC E 1 bold on
    expect(hex).toContain('1d2111'); // GS ! 0x11 double width and height
    expect(hex).toContain('1d286b0400314132'); // GS ( k: QR model 2
    // store the QR data: pL = 16 bytes of data + 3
    expect(hex).toContain(`1d286b1300315030${Buffer.from('T1-20261201-0042').toString('hex')}`);
    expect(hex).toContain('1d286b0300315130'); // print the QR
    expect(hex).toMatch(/1d5641[0-9a-f]{2}$|1d5601/); // GS V: partial cut
    // é is 0x82 in cp437 (ESC t 0), € is 0xD5 in cp858/857, П 0x8F in cp866 (ESC t 17)
    expect(hex).toMatch(/1b7400(20)*43616682/); // ESC t 0, then "Caf" and é
    expect(hex).toMatch(/1b74(0d|13)[0-9a-f]*d5/);
    expect(hex).toContain('1b74118f');
    expect(new TextDecoder('ibm866').decode(Uint8Array.of(0x8f))).toBe('П');
  });

  it('leaves the cut out when the printer has no cutter', () => {
    const bytes = receiptToEscPos(receiptLayout(input(order, 48)), {
      ...options,
      columns: 48,
      cut: false,
    });
    expect(decodeEscPos(bytes).some((i) => i.type === 'cut')).toBe(false);
  });
});

describe('receipt preview', () => {
  it('draws the same lines and a QR code, with no external font or image', () => {
    const order = saleOrder();
    const doc = receiptLayout(input(order, 48));
    const svg = receiptToSvg(doc, 'receipt');
    // every word of every line, in order, drawn as text
    const drawn = [...svg.matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1]!).join(' ');
    const words = (text: string) => text.replace(/&/g, '&amp;').split(/\s+/).filter(Boolean);
    expect(words(drawn)).toEqual(textOf(doc).flatMap(words));
    expect(svg).toContain('data-qr="T1-20261201-0042"');
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});
