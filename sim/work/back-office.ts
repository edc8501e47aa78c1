/** A manager's work: the catalogue, cash in and out of the drawer, closing the day. */
import { paymentMethods } from '../../crdt/schema.ts';
import type { Counted } from '../../crdt/schema.ts';
import type { WorkContext } from './context.ts';
import { ensureOpenDay, manager } from './context.ts';

/** A count off by a coin or two now and then: the Z report shows the variance. */
const VARIANCE_CHANCE = 0.2;
const MAX_VARIANCE_CENTS = 200;
const MAX_CASH_MOVE_CENTS = 5_000;

export function editCatalogue(w: WorkContext): string {
  const { random, till } = w;
  const products = till.ctx.catalogue.allProducts();
  const product = random.pick(products);
  if (!product) return 'no catalogue yet';
  if (random.chance(0.2)) {
    const added = w.seen(
      till.catalogue.upsertProduct(manager, {
        name: `Sim item ${random.uint32().toString(36)}`,
        barcodes: [],
        price: random.between(10, 5_000),
        taxId: product.taxId,
        categoryId: product.categoryId,
        active: true,
      }),
    );
    return `added ${added.name} at ${added.price}`;
  }
  const price = Math.max(1, Math.round(product.price * (0.8 + 0.4 * random.next())));
  const active = random.chance(0.9) || !product.active;
  w.seen(
    till.catalogue.upsertProduct(manager, {
      id: product.id,
      name: product.name,
      barcodes: product.barcodes,
      price,
      taxId: product.taxId,
      categoryId: product.categoryId,
      active,
    }),
  );
  return `${product.name}: ${product.price} -> ${price}${active ? '' : ', withdrawn'}`;
}

export function cashMove(w: WorkContext): string {
  ensureOpenDay(w);
  const amount = w.random.between(1, MAX_CASH_MOVE_CENTS) * (w.random.chance(0.5) ? 1 : -1);
  w.seen(w.till.days.cashMove(manager, amount, amount > 0 ? 'float top-up' : 'paid out'));
  return `cash ${amount > 0 ? 'in' : 'out'} ${Math.abs(amount)}`;
}

/** Counts the drawer (maybe a little off), closes with open carts carried over, and keeps the Z report. */
export function closeDay(w: WorkContext): string {
  const { till, random } = w;
  const day = till.days.current();
  if (!day) return 'no open day';
  const expected = till.days.xReport().expected;
  const counted: Counted = {};
  for (const method of paymentMethods) {
    const off = random.chance(VARIANCE_CHANCE)
      ? random.between(-MAX_VARIANCE_CENTS, MAX_VARIANCE_CENTS)
      : 0;
    // a drawer holds no less than nothing
    counted[method] = Math.max(0, expected[method] + off);
  }
  const closed = w.seen(till.days.closeDay(manager, counted, { carryOver: true }));
  w.ledger.recordClosedDay({ host: w.sim.host, doc: day.name, report: closed.report });
  return `closed ${day.name}: net ${closed.report.net}, ${closed.carriedOver.length} carried over`;
}
