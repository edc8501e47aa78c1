import { errorCode } from '../helpers/domain.ts';
import { describe, expect, it } from 'vitest';
import { applyCartOp, MAX_LINE_QTY } from '../../crdt/cart.ts';
import type { CartOp } from '../../crdt/cart.ts';
import { MAX_ORDER_TOTAL, MAX_UNIT_PRICE } from '../../crdt/money.ts';
import { checkPayment } from '../../crdt/payment.ts';
import { DomainError } from '../../crdt/errors.ts';
import fc from 'fast-check';
import type { LineId, ProductId } from '../../crdt/ids.ts';
import { putProduct } from '../../crdt/catalogue.ts';
import { withCheckDigit } from '../../crdt/ean.ts';
import { computeTotals } from '../../crdt/pricing.ts';
import { cartContext, emptyCart, product, testCatalogue, vat20, vat55 } from '../helpers/domain.ts';

const bread = product('bread', 250, vat55, ['4006381333931']);
const wine = product('wine', 1299, vat20, ['5012345678900']);
const gone = { ...product('gone', 100, vat20, ['0000000000000']), active: false };

function setup() {
  const cat = testCatalogue([bread, wine, gone]);
  return { cat, ctx: cartContext(cat.index) };
}

describe('cart operations', () => {
  it('adds by barcode and merges the same product on one line', () => {
    const { ctx } = setup();
    let cart = applyCartOp(emptyCart(), { type: 'addBarcode', barcode: '4006381333931' }, ctx);
    cart = applyCartOp(cart, { type: 'addBarcode', barcode: '4006381333931', qty: 2 }, ctx);
    cart = applyCartOp(cart, { type: 'addProduct', productId: 'wine' as ProductId }, ctx);
    expect(cart.lines.map((l) => [l.productId, l.qty, l.unitPrice])).toEqual([
      ['bread', 3, 250],
      ['wine', 1, 1299],
    ]);
    expect(cart.lines[0]?.tax).toEqual({
      id: 'vat55',
      name: 'VAT 5.5%',
      rateBp: 550,
      included: true,
    });
    expect(cart.lines[0]?.barcode).toBe('4006381333931');
  });

  it('does not merge into a line whose price or discount was changed', () => {
    const { ctx } = setup();
    let cart = applyCartOp(
      emptyCart(),
      { type: 'addProduct', productId: 'bread' as ProductId },
      ctx,
    );
    const lineId = cart.lines[0]!.id;
    cart = applyCartOp(cart, { type: 'setDiscount', lineId, discountBp: 1000 }, ctx);
    cart = applyCartOp(cart, { type: 'addProduct', productId: 'bread' as ProductId }, ctx);
    expect(cart.lines).toHaveLength(2);
  });

  it('locks the price at the time the line was added', () => {
    const { cat, ctx } = setup();
    let cart = applyCartOp(
      emptyCart(),
      { type: 'addProduct', productId: 'bread' as ProductId },
      ctx,
    );
    putProduct(cat.doc, { ...bread, price: 300 });
    cart = applyCartOp(cart, { type: 'addProduct', productId: 'bread' as ProductId }, ctx);
    expect(cart.lines.map((l) => [l.unitPrice, l.qty])).toEqual([
      [250, 1],
      [300, 1],
    ]);
  });

  it('sets quantity, price override, discount, customer and note, and removes lines', () => {
    const { ctx } = setup();
    let cart = applyCartOp(
      emptyCart(),
      { type: 'addProduct', productId: 'wine' as ProductId },
      ctx,
    );
    const lineId = cart.lines[0]!.id;
    cart = applyCartOp(cart, { type: 'setQty', lineId, qty: 4 }, ctx);
    cart = applyCartOp(cart, { type: 'setPrice', lineId, price: 1000 }, ctx);
    cart = applyCartOp(cart, { type: 'setDiscount', lineId, discountBp: 2500 }, ctx);
    cart = applyCartOp(
      cart,
      { type: 'setCustomer', customer: { name: 'Ada', contact: 'ada@example.org' } },
      ctx,
    );
    cart = applyCartOp(cart, { type: 'setNote', note: 'gift wrap' }, ctx);
    expect(cart.lines[0]).toMatchObject({
      qty: 4,
      unitPrice: 1299,
      priceOverride: 1000,
      discountBp: 2500,
    });
    expect(cart.customer?.name).toBe('Ada');
    expect(cart.note).toBe('gift wrap');
    expect(cart.updatedBy.name).toBe('Alice');
    cart = applyCartOp(cart, { type: 'setPrice', lineId, price: null }, ctx);
    expect(cart.lines[0]?.priceOverride).toBeNull();
    cart = applyCartOp(cart, { type: 'removeLine', lineId }, ctx);
    expect(cart.lines).toEqual([]);
  });

  it('refuses bad operations with a named error', () => {
    const { ctx } = setup();
    const cart = applyCartOp(
      emptyCart(),
      { type: 'addProduct', productId: 'bread' as ProductId },
      ctx,
    );
    const lineId = cart.lines[0]!.id;
    expect(errorCode(() => applyCartOp(cart, { type: 'addBarcode', barcode: '123' }, ctx))).toBe(
      'UNKNOWN_BARCODE',
    );
    expect(
      errorCode(() =>
        applyCartOp(cart, { type: 'addProduct', productId: 'nope' as ProductId }, ctx),
      ),
    ).toBe('UNKNOWN_PRODUCT');
    expect(
      errorCode(() =>
        applyCartOp(cart, { type: 'addProduct', productId: 'gone' as ProductId }, ctx),
      ),
    ).toBe('PRODUCT_INACTIVE');
    expect(errorCode(() => applyCartOp(cart, { type: 'setQty', lineId, qty: 0 }, ctx))).toBe(
      'INVALID_QUANTITY',
    );
    expect(errorCode(() => applyCartOp(cart, { type: 'setQty', lineId, qty: 1.5 }, ctx))).toBe(
      'INVALID_QUANTITY',
    );
    expect(errorCode(() => applyCartOp(cart, { type: 'setPrice', lineId, price: -1 }, ctx))).toBe(
      'INVALID_AMOUNT',
    );
    expect(errorCode(() => applyCartOp(cart, { type: 'setPrice', lineId, price: 0.5 }, ctx))).toBe(
      'INVALID_AMOUNT',
    );
    expect(
      errorCode(() => applyCartOp(cart, { type: 'setDiscount', lineId, discountBp: 10_001 }, ctx)),
    ).toBe('INVALID_DISCOUNT');
    expect(
      errorCode(() => applyCartOp(cart, { type: 'removeLine', lineId: 'x' as LineId }, ctx)),
    ).toBe('LINE_NOT_FOUND');
    expect(
      errorCode(() => applyCartOp({ ...cart, status: 'paid' }, { type: 'setNote', note: '' }, ctx)),
    ).toBe('ORDER_NOT_OPEN');
  });
});

describe('scanned codes', () => {
  const apples = product('apples', 349, vat55, ['2200017']); // per kg, item 00017 under prefix 22
  const cheese = product('cheese', 0, vat55, [withCheckDigit('210004200000')]); // priced by the label
  const layouts = [
    { prefix: '21', kind: 'price' as const, itemDigits: 5, valueDigits: 5 },
    { prefix: '22', kind: 'weight' as const, itemDigits: 5, valueDigits: 5 },
  ];
  const scanning = () => {
    const cat = testCatalogue([bread, apples, cheese]);
    return { ...cartContext(cat.index), scaleLayouts: layouts };
  };

  it('sells a weighed item by the weight on its label, never merged with the next one', () => {
    const ctx = scanning();
    let cart = applyCartOp(
      emptyCart(),
      { type: 'addBarcode', barcode: withCheckDigit('220001701234') },
      ctx,
    );
    cart = applyCartOp(cart, { type: 'addBarcode', barcode: withCheckDigit('220001700500') }, ctx);
    expect(cart.lines.map((l) => [l.productId, l.qty, l.unitPrice, l.weightGrams])).toEqual([
      ['apples', 1, 349, 1234],
      ['apples', 1, 349, 500],
    ]);
    // round(349 x 1.234) = 431 (430.666), round(349 x 0.5) = 175 (174.5 rounds away from zero)
    expect(computeTotals(cart.lines).total).toBe(431 + 175);
  });

  it('sells a price-labelled item at the price on its label', () => {
    const ctx = scanning();
    const cart = applyCartOp(
      emptyCart(),
      { type: 'addBarcode', barcode: withCheckDigit('210004201999') },
      ctx,
    );
    expect(cart.lines.map((l) => [l.productId, l.unitPrice, l.weightGrams])).toEqual([
      ['cheese', 1999, null],
    ]);
    expect(computeTotals(cart.lines).total).toBe(1999);
  });

  it('finds a product stored as EAN-13 from its UPC-A scan', () => {
    const cat = testCatalogue([product('soda', 199, vat20, ['0036000291452'])]);
    const cart = applyCartOp(
      emptyCart(),
      { type: 'addBarcode', barcode: '036000291452' },
      cartContext(cat.index),
    );
    expect(cart.lines[0]).toMatchObject({ productId: 'soda', barcode: '036000291452' });
  });

  it('adds nothing for a wrong check digit, an unknown code, a receipt or a label that weighs nothing', () => {
    const ctx = scanning();
    const cart = emptyCart();
    expect(
      errorCode(() => applyCartOp(cart, { type: 'addBarcode', barcode: '4006381333932' }, ctx)),
    ).toBe('INVALID_BARCODE');
    expect(
      errorCode(() => applyCartOp(cart, { type: 'addBarcode', barcode: '4006381333948' }, ctx)),
    ).toBe('UNKNOWN_BARCODE');
    expect(
      errorCode(() => applyCartOp(cart, { type: 'addBarcode', barcode: 'T1-20261201-0042' }, ctx)),
    ).toBe('ORDER_CODE');
    expect(
      errorCode(() =>
        applyCartOp(cart, { type: 'addBarcode', barcode: withCheckDigit('220001700000') }, ctx),
      ),
    ).toBe('INVALID_BARCODE');
  });
});

describe('money bounds: every cart that can be built can be paid', () => {
  it('refuses a price override that would make the line or the cart too large to pay', () => {
    const { ctx } = setup();
    let cart = applyCartOp(
      emptyCart(),
      { type: 'addProduct', productId: 'wine' as ProductId, qty: 2 },
      ctx,
    );
    const lineId = cart.lines[0]!.id;
    expect(
      errorCode(() =>
        applyCartOp(cart, { type: 'setPrice', lineId, price: Number.MAX_SAFE_INTEGER }, ctx),
      ),
    ).toBe('CART_LIMIT');
    expect(
      errorCode(() =>
        applyCartOp(cart, { type: 'setPrice', lineId, price: MAX_UNIT_PRICE + 1 }, ctx),
      ),
    ).toBe('CART_LIMIT');
    cart = applyCartOp(cart, { type: 'setPrice', lineId, price: MAX_UNIT_PRICE }, ctx);
    expect(
      errorCode(() => applyCartOp(cart, { type: 'setQty', lineId, qty: MAX_LINE_QTY }, ctx)),
    ).toBe('CART_LIMIT');
    expect(
      checkPayment(cart, [{ method: 'card', amount: computeTotals(cart.lines).total }]).total,
    ).toBe(2 * MAX_UNIT_PRICE);
  });

  it('holds for any sequence of edits a client can send', () => {
    const { ctx } = setup();
    const op = fc.oneof(
      fc.record({
        type: fc.constant('addProduct' as const),
        productId: fc.constantFrom('bread', 'wine'),
        qty: fc.integer({ min: 1, max: MAX_LINE_QTY }),
      }),
      fc.record({
        type: fc.constant('setPrice' as const),
        line: fc.nat(5),
        price: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
      }),
      fc.record({
        type: fc.constant('setQty' as const),
        line: fc.nat(5),
        qty: fc.integer({ min: 1, max: MAX_LINE_QTY }),
      }),
      fc.record({
        type: fc.constant('setDiscount' as const),
        line: fc.nat(5),
        discountBp: fc.integer({ min: 0, max: 10_000 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        let cart = emptyCart();
        for (const o of ops) {
          const lineId =
            cart.lines[('line' in o ? o.line : 0) % Math.max(cart.lines.length, 1)]?.id;
          const cartOp: CartOp | undefined =
            o.type === 'addProduct'
              ? { type: 'addProduct', productId: o.productId as ProductId, qty: o.qty }
              : !lineId
                ? undefined
                : o.type === 'setPrice'
                  ? { type: 'setPrice', lineId, price: o.price }
                  : o.type === 'setQty'
                    ? { type: 'setQty', lineId, qty: o.qty }
                    : { type: 'setDiscount', lineId, discountBp: o.discountBp };
          if (!cartOp) continue;
          try {
            cart = applyCartOp(cart, cartOp, ctx);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
        }
        if (cart.lines.length === 0) return;
        const total = computeTotals(cart.lines).total;
        expect(total).toBeLessThanOrEqual(MAX_ORDER_TOTAL);
        // a cart discounted to nothing is paid with no payment at all
        const payments = total === 0 ? [] : [{ method: 'card' as const, amount: total }];
        expect(checkPayment(cart, payments).total).toBe(total);
      }),
      { numRuns: 300 },
    );
  });
});
