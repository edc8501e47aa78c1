/** A cashier's sales: carts filled from the catalogue, paid in cash, card, other or a mix, or voided. */
import type { CartOp } from '../../crdt/cart.ts';
import { withTotals } from '../../crdt/pricing.ts';
import { activeClaim } from '../../crdt/transfer-rules.ts';
import type { Order, Payment } from '../../crdt/schema.ts';
import type { Random } from '../env/random.ts';
import type { WorkContext } from './context.ts';
import { cashier, ensureOpenDay, manager, recordPaid } from './context.ts';

const MAX_LINES = 4;
const MAX_QTY = 3;
/** A cashier's own discounts stay within the 10 % a manager allows; a manager's go further. */
const CASHIER_DISCOUNTS_BP = [500, 1_000];
const MANAGER_DISCOUNTS_BP = [2_500, 5_000, 10_000];
/** Banknote a customer pays cash with when change is due, in cents. */
const NOTE_CENTS = 1_000;

/** A new cart with a few lines (and maybe a discount or a price override), on an open day. */
export function fillCart(w: WorkContext): Order {
  ensureOpenDay(w);
  const { till, random } = w;
  const products = till.ctx.catalogue.allProducts().filter((p) => p.active);
  const cart = w.seen(till.sales.createCart(cashier));
  const ops: CartOp[] = [];
  for (let n = random.between(1, MAX_LINES); n > 0 && products.length > 0; n--)
    ops.push({
      type: 'addProduct',
      productId: random.pick(products)!.id,
      qty: random.between(1, MAX_QTY),
    });
  let order = w.seen(till.sales.applyOps(cashier, cart.id, ops));
  const line = random.pick(order.lines);
  if (line && random.chance(0.25)) {
    const big = random.chance(0.3);
    const discountBp = random.pick(big ? MANAGER_DISCOUNTS_BP : CASHIER_DISCOUNTS_BP)!;
    order = w.seen(
      till.sales.applyOp(big ? manager : cashier, cart.id, {
        type: 'setDiscount',
        lineId: line.id,
        discountBp,
      }),
    );
  } else if (line && random.chance(0.05)) {
    const price = Math.max(1, Math.round(line.unitPrice * (0.5 + random.next())));
    order = w.seen(
      till.sales.applyOp(manager, cart.id, { type: 'setPrice', lineId: line.id, price }),
    );
  }
  return order;
}

/** How the customer pays a total: every mix a till takes. */
export function payments(total: number, random: Random): { how: string; payments: Payment[] } {
  if (total === 0) return { how: 'nothing to pay', payments: [] };
  const roll = random.next();
  if (roll < 0.3) return { how: 'card', payments: [{ method: 'card', amount: total }] };
  if (roll < 0.5) return { how: 'cash', payments: [{ method: 'cash', amount: total }] };
  if (roll < 0.7) {
    const tendered = (Math.floor(total / NOTE_CENTS) + 1) * NOTE_CENTS;
    return { how: 'cash with change', payments: [{ method: 'cash', amount: tendered }] };
  }
  if (roll < 0.9 && total > 1) {
    const card = random.between(1, total - 1);
    return {
      how: 'card and cash',
      payments: [
        { method: 'card', amount: card },
        { method: 'cash', amount: total - card },
      ],
    };
  }
  return { how: 'other', payments: [{ method: 'other', amount: total }] };
}

/** Pays an open cart of this till; the ledger learns of it if the cashier saw it (or a crash caught it on disk). */
export function pay(w: WorkContext, cart: Order): string {
  const total = withTotals(cart).totals.total;
  const mix = payments(total, w.random);
  const incarnation = w.sim.incarnation;
  const paid = w.till.sales.pay(cashier, cart.id, mix.payments);
  recordPaid(w, paid, incarnation, true);
  w.seen(paid);
  return `paid ${paid.number} ${total} by ${mix.how}`;
}

export function sale(w: WorkContext): string {
  const cart = fillCart(w);
  return w.random.chance(0.1) ? `left cart ${cart.id.slice(0, 8)} open` : pay(w, cart);
}

/** A cart left open, to be paid, sent, voided or carried over later. */
export function openCart(w: WorkContext): string {
  return `opened cart ${fillCart(w).id.slice(0, 8)}`;
}

/** Pays one of the open carts here: one left open, or one claimed from a transfer. */
export function payOpen(w: WorkContext): string {
  const carts = w.till.sales.openCarts().filter((c) => c.lines.length > 0);
  const cart = w.random.pick(carts);
  return cart ? pay(w, cart) : 'no open cart';
}

export function voidOpen(w: WorkContext): string {
  const cart = w.random.pick(w.till.sales.openCarts());
  if (!cart) return 'no open cart';
  const held = cart.transferRef
    ? activeClaim(w.till.transfers.get(cart.transferRef), w.till.transfers.self()) !== undefined
    : false;
  w.seen(w.till.sales.voidCart(manager, cart.id, undefined, 'simulated'));
  // giving up a claimed cart releases its claim
  if (held) w.ledger.recordStep(cart.transferRef!, 'released', w.till.code);
  return `voided ${cart.id.slice(0, 8)}${held ? ' (claim released)' : ''}`;
}
