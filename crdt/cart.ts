/**
 * Cart operations: pure functions from an open order and an operation to the
 * next order. The daemon and the browser run the same code.
 */
import type { CatalogueView } from './catalogue.ts';
import { conflict, DomainError, invalid, notFound } from './errors.ts';
import type { Hlc } from './hlc.ts';
import type { LineId, OrderId, ProductId, TillCode, TransferId } from './ids.ts';
import {
  assertMinor,
  formatMoney,
  MAX_LINE_AMOUNT,
  MAX_ORDER_TOTAL,
  MAX_UNIT_PRICE,
} from './money.ts';
import type { Customer, Line, Order, Product, StaffRef } from './schema.ts';
import { customerSchema, MAX_ORDER_LINES } from './schema.ts';
import { BP, computeTotals, effectiveUnitPrice, lineAmounts } from './pricing.ts';
import type { ScaleLayout } from './scan.ts';
import { classifyScan } from './scan.ts';

export const MAX_LINE_QTY = 100_000;
export const MAX_NOTE_LENGTH = 500;

export type CartOp =
  | { type: 'addProduct'; productId: ProductId; qty?: number }
  | { type: 'addBarcode'; barcode: string; qty?: number }
  | { type: 'setQty'; lineId: LineId; qty: number }
  | { type: 'setPrice'; lineId: LineId; price: number | null }
  | { type: 'setDiscount'; lineId: LineId; discountBp: number }
  | { type: 'removeLine'; lineId: LineId }
  | { type: 'setCustomer'; customer: Customer | null }
  | { type: 'setNote'; note: string };

export interface CartContext {
  catalogue: CatalogueView;
  /** How scale labels embed a price or a weight (the mesh settings). */
  scaleLayouts: readonly ScaleLayout[];
  at: Hlc;
  by: StaffRef;
  newLineId: () => LineId;
}

export interface NewCart {
  id: OrderId;
  till: TillCode;
  businessDate: string;
  currency: string;
  at: Hlc;
  by: StaffRef;
  carriedFrom?: string | null;
  transferRef?: TransferId | null;
}

export function newCart(init: NewCart): Order {
  return {
    id: init.id,
    till: init.till,
    businessDate: init.businessDate,
    kind: 'sale',
    status: 'open',
    number: null,
    currency: init.currency,
    lines: [],
    customer: null,
    note: '',
    payments: [],
    totals: null,
    refundOf: null,
    transferRef: init.transferRef ?? null,
    fixedTaxes: null,
    transferLost: null,
    carriedFrom: init.carriedFrom ?? null,
    openedAt: init.at,
    openedBy: init.by,
    updatedAt: init.at,
    updatedBy: init.by,
    closedAt: null,
    closedBy: null,
    approvals: [],
    chain: null,
    voidReason: null,
  };
}

export function assertOpen(order: Order): void {
  if (order.status !== 'open') {
    throw conflict(
      'ORDER_NOT_OPEN',
      `order ${order.number ?? order.id} is ${order.status}, not open`,
    );
  }
}

function checkQty(qty: number): number {
  if (!Number.isInteger(qty) || qty < 1 || qty > MAX_LINE_QTY) {
    throw invalid(
      'INVALID_QUANTITY',
      `quantity must be a whole number from 1 to ${MAX_LINE_QTY}, got ${qty}`,
    );
  }
  return qty;
}

function lineIndex(order: Order, lineId: LineId): number {
  const index = order.lines.findIndex((line) => line.id === lineId);
  if (index < 0) throw notFound('LINE_NOT_FOUND', `order ${order.id} has no line ${lineId}`);
  return index;
}

function lineForProduct(
  product: Product,
  qty: number,
  ctx: CartContext,
  barcode: string | null,
): Line {
  if (!product.active)
    throw conflict('PRODUCT_INACTIVE', `product "${product.name}" is not on sale`);
  const tax = ctx.catalogue.tax(product.taxId);
  if (!tax)
    throw conflict(
      'UNKNOWN_TAX',
      `product "${product.name}" refers to unknown tax ${product.taxId}`,
    );
  return {
    id: ctx.newLineId(),
    productId: product.id,
    name: product.name,
    barcode,
    qty,
    unitPrice: product.price,
    priceOverride: null,
    discountBp: 0,
    tax: { id: tax.id, name: tax.name, rateBp: tax.rateBp, included: tax.included },
    refundOfLine: null,
    fixedAmount: null,
    weightGrams: null,
  };
}

/** The line a scanned code adds: a product, or a scale label with its price or weight. */
function lineForScan(code: string, qty: number, ctx: CartContext): Line {
  const scan = classifyScan(code, ctx.scaleLayouts);
  if (scan.kind === 'invalid') throw invalid('INVALID_BARCODE', scan.reason);
  if (scan.kind === 'order')
    throw conflict('ORDER_CODE', `${scan.number} is a receipt, not a product: open it in Orders`);
  const product = scan.lookup.map((key) => ctx.catalogue.byBarcode(key)).find(Boolean);
  if (!product)
    throw notFound('UNKNOWN_BARCODE', `no product has barcode ${scan.code}`, {
      barcode: scan.code,
    });
  const line = lineForProduct(product, qty, ctx, scan.code);
  if (scan.kind !== 'scale') return line;
  if (scan.layout.kind === 'price') return { ...line, unitPrice: scan.value };
  if (scan.value < 1) throw invalid('INVALID_BARCODE', `scale label ${scan.code} weighs nothing`);
  return { ...line, weightGrams: scan.value };
}

/** Same product, untouched line, same locked price: the quantity merges. Weighed items never do. */
function addLine(order: Order, line: Line): Line[] {
  const same =
    line.weightGrams !== null
      ? -1
      : order.lines.findIndex(
          (l) =>
            l.productId === line.productId &&
            l.priceOverride === null &&
            l.discountBp === 0 &&
            l.weightGrams === null &&
            l.unitPrice === line.unitPrice &&
            l.tax.id === line.tax.id,
        );
  if (same < 0) {
    if (order.lines.length >= MAX_ORDER_LINES) {
      throw conflict('CART_FULL', `a cart holds at most ${MAX_ORDER_LINES} lines`);
    }
    return [...order.lines, line];
  }
  const merged = order.lines.slice();
  const existing = merged[same]!;
  merged[same] = { ...existing, qty: checkQty(existing.qty + line.qty) };
  return merged;
}

function replaceLine(order: Order, lineId: LineId, change: (line: Line) => Line): Line[] {
  const index = lineIndex(order, lineId);
  const lines = order.lines.slice();
  lines[index] = change(lines[index]!);
  return lines;
}

/** The next cart after `op`, refused when it would pass the money limits (so it can always be paid). */
export function applyCartOp(order: Order, op: CartOp, ctx: CartContext): Order {
  return withinLimits(nextCart(order, op, ctx));
}

function withinLimits(cart: Order): Order {
  const money = (minor: number) => formatMoney(minor, cart.currency);
  const refuse = (message: string) => conflict('CART_LIMIT', message);
  let total: number;
  try {
    for (const line of cart.lines) {
      if (effectiveUnitPrice(line) > MAX_UNIT_PRICE)
        throw refuse(`"${line.name}": a unit price is at most ${money(MAX_UNIT_PRICE)}`);
      if (Math.abs(lineAmounts(line).gross) > MAX_LINE_AMOUNT)
        throw refuse(`"${line.name}": a line comes to at most ${money(MAX_LINE_AMOUNT)}`);
    }
    total = computeTotals(cart.lines).total;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'INVALID_AMOUNT')
      throw refuse(`the cart would come to more than ${money(MAX_ORDER_TOTAL)}`);
    throw error;
  }
  if (Math.abs(total) > MAX_ORDER_TOTAL)
    throw refuse(`a cart comes to at most ${money(MAX_ORDER_TOTAL)}`);
  return cart;
}

function nextCart(order: Order, op: CartOp, ctx: CartContext): Order {
  assertOpen(order);
  if (order.kind !== 'sale')
    throw conflict('NOT_A_CART', `order ${order.id} is a ${order.kind}, not a cart`);
  const touched = (patch: Partial<Order>): Order => ({
    ...order,
    ...patch,
    updatedAt: ctx.at,
    updatedBy: ctx.by,
  });
  switch (op.type) {
    case 'addProduct': {
      const product = ctx.catalogue.product(op.productId);
      if (!product) throw notFound('UNKNOWN_PRODUCT', `no product with id ${op.productId}`);
      return touched({
        lines: addLine(order, lineForProduct(product, checkQty(op.qty ?? 1), ctx, null)),
      });
    }
    case 'addBarcode':
      return touched({
        lines: addLine(order, lineForScan(op.barcode, checkQty(op.qty ?? 1), ctx)),
      });
    case 'setQty':
      return touched({
        lines: replaceLine(order, op.lineId, (l) => ({ ...l, qty: checkQty(op.qty) })),
      });
    case 'setPrice': {
      const price = op.price === null ? null : assertMinor(op.price, 'price');
      if (price !== null && price < 0)
        throw invalid('INVALID_AMOUNT', `price must not be negative, got ${price}`);
      return touched({
        lines: replaceLine(order, op.lineId, (l) => ({ ...l, priceOverride: price })),
      });
    }
    case 'setDiscount': {
      if (!Number.isInteger(op.discountBp) || op.discountBp < 0 || op.discountBp > BP) {
        throw invalid(
          'INVALID_DISCOUNT',
          `discount must be 0 to 10000 basis points, got ${op.discountBp}`,
        );
      }
      return touched({
        lines: replaceLine(order, op.lineId, (l) => ({ ...l, discountBp: op.discountBp })),
      });
    }
    case 'removeLine': {
      const index = lineIndex(order, op.lineId);
      return touched({ lines: order.lines.filter((_, i) => i !== index) });
    }
    case 'setCustomer': {
      const customer = op.customer === null ? null : customerSchema.safeParse(op.customer);
      if (customer && !customer.success)
        throw invalid('INVALID_CUSTOMER', 'a customer needs a name (and optional contact)');
      return touched({ customer: customer ? customer.data : null });
    }
    case 'setNote':
      if (typeof op.note !== 'string' || op.note.length > MAX_NOTE_LENGTH) {
        throw invalid('INVALID_NOTE', `a note is text of at most ${MAX_NOTE_LENGTH} characters`);
      }
      return touched({ note: op.note });
  }
}
