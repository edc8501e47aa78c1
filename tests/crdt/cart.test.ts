import { errorCode } from '../helpers/domain.ts';
import { describe, expect, it } from 'vitest';
import { applyCartOp } from '../../crdt/cart.ts';
import type { LineId, ProductId } from '../../crdt/ids.ts';
import { putProduct } from '../../crdt/catalogue.ts';
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
