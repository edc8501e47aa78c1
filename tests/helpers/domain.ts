/** Builders for domain tests: a small catalogue in a real Y.Doc, staff, clocks. */
import * as Y from 'yjs';
import { DomainError } from '../../crdt/errors.ts';
import { CatalogueIndex, putProduct, putTax } from '../../crdt/catalogue.ts';
import { HybridClock } from '../../crdt/hlc.ts';
import type { Hlc } from '../../crdt/hlc.ts';
import type { LineId, OrderId, ProductId, StaffId, TaxId, TillCode } from '../../crdt/ids.ts';
import type { CartContext } from '../../crdt/cart.ts';
import { newCart } from '../../crdt/cart.ts';
import type { InvalidRecord } from '../../crdt/records.ts';
import type { Order, Product, StaffRef, Tax } from '../../crdt/schema.ts';

export const alice: StaffRef = { id: 'alice' as StaffId, name: 'Alice' };
export const T1 = 'T1' as TillCode;

const edited = { updatedAt: '000001700000000:000000:T1' as Hlc, updatedBy: alice };
export const vat20: Tax = {
  id: 'vat20' as TaxId,
  name: 'VAT 20%',
  rateBp: 2000,
  included: true,
  ...edited,
};
export const vat55: Tax = {
  id: 'vat55' as TaxId,
  name: 'VAT 5.5%',
  rateBp: 550,
  included: true,
  ...edited,
};
export const salesTax: Tax = {
  id: 'st8' as TaxId,
  name: 'Sales tax 8%',
  rateBp: 800,
  included: false,
  ...edited,
};

export function testClock(start = 1_700_000_000_000): HybridClock {
  let now = start;
  return new HybridClock('T1', () => (now += 1));
}

export function product(
  id: string,
  price: number,
  tax: Tax,
  barcodes: string[] = [],
  at?: Hlc,
): Product {
  return {
    id: id as ProductId,
    name: `Product ${id}`,
    barcodes,
    price,
    taxId: tax.id,
    categoryId: null,
    active: true,
    updatedAt: at ?? ('000001700000000:000000:T1' as Hlc),
    updatedBy: alice,
  };
}

export interface TestCatalogue {
  doc: Y.Doc;
  index: CatalogueIndex;
  invalid: InvalidRecord[];
}

export function testCatalogue(
  products: Product[],
  taxes: Tax[] = [vat20, vat55, salesTax],
): TestCatalogue {
  const doc = new Y.Doc();
  const invalid: InvalidRecord[] = [];
  doc.transact(() => {
    for (const tax of taxes) putTax(doc, tax);
    for (const p of products) putProduct(doc, p);
  });
  return { doc, index: new CatalogueIndex(doc, (r) => invalid.push(r)), invalid };
}

export function cartContext(catalogue: CatalogueIndex, clock = testClock()): CartContext {
  let n = 0;
  return {
    catalogue,
    scaleLayouts: [],
    get at() {
      return clock.now();
    },
    by: alice,
    newLineId: () => `line-${++n}` as LineId,
  };
}

export function emptyCart(clock = testClock()): Order {
  return newCart({
    id: 'order-1' as OrderId,
    till: T1,
    businessDate: '20261121',
    currency: 'EUR',
    at: clock.now(),
    by: alice,
  });
}

/** The code of the DomainError `fn` throws, or 'no error'; other errors propagate. */
export function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'no error';
}

/** Quantity already refunded per original line, from the refunds that exist. */
export function refundedQuantities(refunds: readonly Order[]): Map<LineId, number> {
  const result = new Map<LineId, number>();
  for (const refund of refunds) {
    if (refund.kind !== 'refund' || refund.status !== 'paid') continue;
    for (const line of refund.lines) {
      if (line.refundOfLine)
        result.set(line.refundOfLine, (result.get(line.refundOfLine) ?? 0) - line.qty);
    }
  }
  return result;
}
